#include "cost/jsonreader.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CostJsonReader)
};

std::optional<qint64> decimalE6(const QJsonValue &v)
{
    if (v.isString()) {
        const auto m = Money::parse(v.toString());
        return m ? std::optional<qint64>(m->micros()) : std::nullopt;
    }
    if (v.isDouble()) {
        const auto m = Money::fromJsonDouble(v.toDouble());
        return m ? std::optional<qint64>(m->micros()) : std::nullopt;
    }
    return std::nullopt;
}
} // namespace

Result<QJsonObject, QString> CostJsonReader::parseObject(const QByteArray &json, const QString &origin,
                                                         const QString &mustBe)
{
    using R = Result<QJsonObject, QString>;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return R::failure(
            Tr::tr("%1: not valid JSON at byte %2: %3").arg(origin).arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject())
        return R::failure(origin + u": "_s + mustBe);
    return doc.object();
}

void CostJsonReader::checkKeys(const QJsonObject &o, const QString &path, const QStringList &known)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            fail(join(path, it.key()), Tr::tr("unknown key (expected one of: %1)").arg(known.join(u", "_s)));
}

QString CostJsonReader::string(const QJsonObject &o, const QString &path, const QString &key, bool required,
                               const QString &fallback)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(join(path, key), Tr::tr("is required"));
        return fallback;
    }
    if (!v.isString()) {
        fail(join(path, key), Tr::tr("must be text"));
        return fallback;
    }
    QString s = v.toString().trimmed();
    if (required && s.isEmpty())
        fail(join(path, key), Tr::tr("must not be empty"));
    return s;
}

qint64 CostJsonReader::integer(const QJsonObject &o, const QString &path, const QString &key, qint64 min,
                               qint64 max, qint64 fallback, bool required)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(join(path, key), Tr::tr("is required"));
        return fallback;
    }
    std::optional<qint64> value;
    if (v.isDouble()) {
        const double d = v.toDouble();
        // Exact up to 2^53; token counts beyond that are refused rather than rounded.
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9007199254740992.0)
            value = qint64(d);
    } else if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        if (ok)
            value = n;
    }
    if (!value || *value < min || *value > max) {
        fail(join(path, key), Tr::tr("must be a whole number from %1 to %2").arg(min).arg(max));
        return fallback;
    }
    return *value;
}

std::optional<Money> CostJsonReader::money(const QJsonObject &o, const QString &path, const QString &key,
                                           bool required, bool allowNegative)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(join(path, key), Tr::tr("is required"));
        return std::nullopt;
    }
    const auto e6 = decimalE6(v);
    if (!e6) {
        fail(join(path, key), Tr::tr("must be an amount like \"2.50\" (at most 6 decimals)"));
        return std::nullopt;
    }
    if (!allowNegative && *e6 < 0) {
        fail(join(path, key), Tr::tr("must not be negative"));
        return std::nullopt;
    }
    return Money::fromMicros(*e6);
}

std::optional<Decimal6> CostJsonReader::decimal(const QJsonObject &o, const QString &path, const QString &key,
                                                bool required, Decimal6 min, Decimal6 max)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(join(path, key), Tr::tr("is required"));
        return std::nullopt;
    }
    const auto e6 = decimalE6(v);
    if (!e6 || *e6 < min.e6() || *e6 > max.e6()) {
        fail(join(path, key), Tr::tr("must be a number from %1 to %2 (at most 6 decimals)")
                                  .arg(min.toString(), max.toString()));
        return std::nullopt;
    }
    return Decimal6::fromE6(*e6);
}

QJsonArray CostJsonReader::array(const QJsonObject &o, const QString &path, const QString &key, bool required)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(join(path, key), Tr::tr("is required"));
        return {};
    }
    if (!v.isArray()) {
        fail(join(path, key), Tr::tr("must be a list"));
        return {};
    }
    return v.toArray();
}

QJsonObject CostJsonReader::object(const QJsonValue &v, const QString &path)
{
    if (!v.isObject()) {
        fail(path, Tr::tr("must be an object"));
        return {};
    }
    return v.toObject();
}
