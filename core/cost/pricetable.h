#pragma once

#include "config/config.h"
#include "util/money.h"
#include "util/result.h"

#include <QList>
#include <QString>

// A decimal with six places held as an integer: percentages, exchange rates, growth rates.
// Parsed from decimal text like Money; never binary floating point.
class Decimal6
{
public:
    constexpr Decimal6() = default;
    static constexpr Decimal6 fromE6(qint64 e6) { return Decimal6(e6); }
    static constexpr Decimal6 fromInt(qint64 v) { return Decimal6(v * 1'000'000); }
    static std::optional<Decimal6> parse(QStringView text);
    constexpr qint64 e6() const { return m_e6; }
    // "7.3", "-90", "0.125": exact, without trailing zeros.
    QString toString() const;
    constexpr auto operator<=>(const Decimal6 &) const = default;

private:
    constexpr explicit Decimal6(qint64 e6)
        : m_e6(e6)
    {}
    qint64 m_e6 = 0;
};

// One row of the price table: the list price of a model through a provider or relay.
struct PriceEntry
{
    QString model;
    QString provider;
    Money inputPerMTok;                       // in `currency`
    Money outputPerMTok;                      // in `currency`
    QString currency = QStringLiteral("USD"); // USD or CNY
    QString readOn;                           // the date the price was read, YYYY-MM-DD
    QString source;                           // where it was read (a URL or a document)

    bool operator==(const PriceEntry &) const = default;
};

// The price table shared by the migration calculator and the engine's cost accounting. Shipped as
// data (resources/prices/prices.json); a user's edits are saved to their data folder, the shipped
// file is never touched. A tier's price in the config overrides the table.
class PriceTable
{
public:
    static constexpr int FormatVersion = 1;

    QString version;                                  // the table's own version: the date of its newest price
    Decimal6 cnyPerUsd = Decimal6::fromE6(7'300'000); // converts CNY rows to USD
    QList<PriceEntry> entries;

    // Errors name the origin, the key ("entries[3].input_per_mtok") and the reason.
    static Result<PriceTable, QString> fromJson(const QByteArray &json, const QString &origin);
    QByteArray toJson() const;

    // The table shipped with the app (from the resources).
    static PriceTable shipped();
    // The user's table if `userFile` exists and is valid, else the shipped one. `error` says why a
    // user file was not used (it is left on disk untouched).
    static PriceTable load(const QString &userFile, QString *error = nullptr);
    bool save(const QString &path, QString *error) const;

    // The USD prices of `model` (case-insensitive) through `provider`; an empty provider matches
    // any, but a model listed by several providers must then be disambiguated.
    Result<PriceEntry, QString> find(const QString &model, const QString &provider = {}) const;

    // This table with each priced tier of `config` as a row (model through the tier's provider id),
    // replacing a row for the same pair: a tier's price in the config overrides the table.
    PriceTable withTierPrices(const ChainConfig &config) const;
    // Tiers without a price in the config take it from the table (model and provider id, else the
    // model alone when one provider lists it). Returns the tiers left unpriced.
    QStringList fillTierPrices(ChainConfig &config) const;

    bool operator==(const PriceTable &) const = default;
};
