#include "cost/pricetable.h"

#include "cost/jsonreader.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PriceTable)
};
} // namespace

std::optional<Decimal6> Decimal6::parse(QStringView text)
{
    const auto m = Money::parse(text);
    if (!m)
        return std::nullopt;
    return Decimal6(m->micros());
}

QString Decimal6::toString() const
{
    QString s = Money::fromMicros(m_e6).toString(6);
    while (s.endsWith(u'0'))
        s.chop(1);
    if (s.endsWith(u'.'))
        s.chop(1);
    return s;
}

Result<PriceTable, QString> PriceTable::fromJson(const QByteArray &json, const QString &origin)
{
    using R = Result<PriceTable, QString>;
    const auto parsed =
        CostJsonReader::parseObject(json, origin, Tr::tr("the price table must be a JSON object"));
    if (!parsed)
        return R::failure(parsed.error());
    const QJsonObject &root = parsed.value();
    CostJsonReader r;
    r.checkKeys(root, {}, {u"format"_s, u"version"_s, u"cny_per_usd"_s, u"entries"_s});
    r.integer(root, {}, u"format"_s, 1, FormatVersion, FormatVersion, true); // a newer format is refused
    PriceTable t;
    t.version = r.string(root, {}, u"version"_s, true);
    if (const auto rate =
            r.decimal(root, {}, u"cny_per_usd"_s, false, Decimal6::fromE6(1), Decimal6::fromInt(1000)))
        t.cnyPerUsd = *rate;
    const QJsonArray entries = r.array(root, {}, u"entries"_s, true);
    for (qsizetype i = 0; i < entries.size() && !r.failed(); ++i) {
        const QString path = CostJsonReader::index(u"entries"_s, i);
        const QJsonObject o = r.object(entries.at(i), path);
        r.checkKeys(o, path,
                    {u"model"_s, u"provider"_s, u"input_per_mtok"_s, u"output_per_mtok"_s, u"currency"_s,
                     u"read_on"_s, u"source"_s});
        PriceEntry e;
        e.model = r.string(o, path, u"model"_s, true);
        e.provider = r.string(o, path, u"provider"_s, true);
        e.inputPerMTok = r.money(o, path, u"input_per_mtok"_s, true).value_or(Money());
        e.outputPerMTok = r.money(o, path, u"output_per_mtok"_s, true).value_or(Money());
        e.currency = r.string(o, path, u"currency"_s, false, u"USD"_s);
        if (e.currency != u"USD" && e.currency != u"CNY")
            r.fail(CostJsonReader::join(path, u"currency"_s), Tr::tr("must be USD or CNY"));
        e.readOn = r.string(o, path, u"read_on"_s, true);
        if (!r.failed() && !QDate::fromString(e.readOn, Qt::ISODate).isValid())
            r.fail(CostJsonReader::join(path, u"read_on"_s), Tr::tr("must be a date like 2025-10-01"));
        e.source = r.string(o, path, u"source"_s, true);
        for (const PriceEntry &other : std::as_const(t.entries))
            if (!r.failed() && other.model.compare(e.model, Qt::CaseInsensitive) == 0 &&
                other.provider.compare(e.provider, Qt::CaseInsensitive) == 0)
                r.fail(path, Tr::tr("%1 through %2 is listed twice").arg(e.model, e.provider));
        t.entries.append(e);
    }
    if (r.failed())
        return R::failure(origin + u": "_s + r.error());
    return t;
}

QByteArray PriceTable::toJson() const
{
    QJsonArray rows;
    for (const PriceEntry &e : entries)
        rows.append(QJsonObject{{u"model"_s, e.model},
                                {u"provider"_s, e.provider},
                                {u"input_per_mtok"_s, e.inputPerMTok.toExactString()},
                                {u"output_per_mtok"_s, e.outputPerMTok.toExactString()},
                                {u"currency"_s, e.currency},
                                {u"read_on"_s, e.readOn},
                                {u"source"_s, e.source}});
    const QJsonObject root{{u"format"_s, FormatVersion},
                           {u"version"_s, version},
                           {u"cny_per_usd"_s, cnyPerUsd.toString()},
                           {u"entries"_s, rows}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

PriceTable PriceTable::shipped()
{
    QFile f(u":/prices/prices.json"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    auto t = fromJson(f.readAll(), u"prices.json (shipped)"_s);
    Q_ASSERT_X(t.ok(), "PriceTable::shipped", qPrintable(t.ok() ? QString() : t.error()));
    return t.ok() ? std::move(t).value() : PriceTable();
}

PriceTable PriceTable::load(const QString &userFile, QString *error)
{
    if (!userFile.isEmpty() && QFileInfo::exists(userFile)) {
        QFile f(userFile);
        if (!f.open(QIODevice::ReadOnly)) {
            if (error)
                *error = Tr::tr("%1: cannot be read: %2").arg(userFile, f.errorString());
        } else {
            auto t = fromJson(f.readAll(), userFile);
            if (t.ok())
                return std::move(t).value();
            if (error)
                *error = t.error();
        }
    }
    return shipped();
}

bool PriceTable::save(const QString &path, QString *error) const
{
    AppPaths::ensureParentDir(path);
    if (const auto written = AppPaths::writeFileAtomically(path, toJson()); !written) {
        if (error)
            *error = Tr::tr("%1: cannot be written: %2").arg(path, written.error());
        return false;
    }
    return true;
}

Result<PriceEntry, QString> PriceTable::find(const QString &model, const QString &provider) const
{
    using R = Result<PriceEntry, QString>;
    QList<const PriceEntry *> matches;
    for (const PriceEntry &e : entries)
        if (e.model.compare(model.trimmed(), Qt::CaseInsensitive) == 0 &&
            (provider.isEmpty() || e.provider.compare(provider.trimmed(), Qt::CaseInsensitive) == 0))
            matches.append(&e);
    if (matches.isEmpty())
        return R::failure(provider.isEmpty()
                              ? Tr::tr("%1 is not in the price table").arg(model)
                              : Tr::tr("%1 through %2 is not in the price table").arg(model, provider));
    if (matches.size() > 1) {
        QStringList providers;
        for (const PriceEntry *e : matches)
            providers.append(e->provider);
        return R::failure(
            Tr::tr("%1 is listed by several providers (%2): choose one").arg(model, providers.join(u", "_s)));
    }
    PriceEntry e = *matches.front();
    if (e.currency == u"CNY") {
        // CNY list prices in USD at the table's rate, rounded half away from zero to a micro-dollar.
        e.inputPerMTok =
            Money::fromMicros(divRoundHalfAway(Int128(e.inputPerMTok.micros()) * 1'000'000, cnyPerUsd.e6()));
        e.outputPerMTok =
            Money::fromMicros(divRoundHalfAway(Int128(e.outputPerMTok.micros()) * 1'000'000, cnyPerUsd.e6()));
        e.currency = u"USD"_s;
    }
    return e;
}

PriceTable PriceTable::withTierPrices(const ChainConfig &config) const
{
    PriceTable t = *this;
    for (const TierConfig &tier : config.tiers) {
        if (!tier.hasPrice)
            continue;
        PriceEntry e;
        e.model = tier.model;
        e.provider = tier.provider;
        e.inputPerMTok = tier.inputPricePerMTok;
        e.outputPerMTok = tier.outputPricePerMTok;
        e.readOn = QDate::currentDate().toString(Qt::ISODate);
        e.source = Tr::tr("the config's tier %1").arg(tier.name);
        t.entries.removeIf([&e](const PriceEntry &x) {
            return x.model.compare(e.model, Qt::CaseInsensitive) == 0 &&
                   x.provider.compare(e.provider, Qt::CaseInsensitive) == 0;
        });
        t.entries.append(e);
    }
    return t;
}

QStringList PriceTable::fillTierPrices(ChainConfig &config) const
{
    QStringList unpriced;
    for (TierConfig &tier : config.tiers) {
        if (tier.hasPrice)
            continue;
        auto entry = find(tier.model, tier.provider);
        if (!entry)
            entry = find(tier.model);
        if (!entry) {
            unpriced.append(tier.name);
            continue;
        }
        tier.inputPricePerMTok = entry->inputPerMTok;
        tier.outputPricePerMTok = entry->outputPerMTok;
    }
    return unpriced;
}
