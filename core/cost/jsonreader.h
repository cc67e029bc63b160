#pragma once

#include "cost/pricetable.h"
#include "util/money.h"
#include "util/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// Reads typed values out of a JSON document, keeping the first error with its key path
// ("rows[2].input_tokens: must be a whole number from 0"). Used by the price table and scenarios.
class CostJsonReader
{
public:
    // The document's top-level object, or why there is none ("<origin>: not valid JSON at byte 12: …").
    static Result<QJsonObject, QString> parseObject(const QByteArray &json, const QString &origin,
                                                    const QString &mustBe);

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    void fail(const QString &path, const QString &reason)
    {
        if (m_error.isEmpty())
            m_error = path.isEmpty() ? reason : path + QStringLiteral(": ") + reason;
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }
    static QString index(const QString &path, qsizetype i) { return path + u'[' + QString::number(i) + u']'; }

    // Unknown keys are refused: a typo must not silently fall back to a default.
    void checkKeys(const QJsonObject &o, const QString &path, const QStringList &known);

    QString string(const QJsonObject &o, const QString &path, const QString &key, bool required,
                   const QString &fallback = {});
    qint64 integer(const QJsonObject &o, const QString &path, const QString &key, qint64 min, qint64 max,
                   qint64 fallback, bool required = false);
    // A decimal as a string ("2.50") or a JSON number with at most 6 decimals.
    std::optional<Money> money(const QJsonObject &o, const QString &path, const QString &key, bool required,
                               bool allowNegative = false);
    std::optional<Decimal6> decimal(const QJsonObject &o, const QString &path, const QString &key,
                                    bool required, Decimal6 min, Decimal6 max);
    QJsonArray array(const QJsonObject &o, const QString &path, const QString &key, bool required);
    QJsonObject object(const QJsonValue &v, const QString &path);

private:
    QString m_error;
};
