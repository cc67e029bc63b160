#pragma once

#include "cost/pricetable.h"
#include "util/money.h"
#include "util/result.h"

#include <QList>
#include <QString>

#include <optional>

// The migration cost calculator: a scenario of workload rows, each with its current price and a
// way to find the projected one; results per row, in total and over a projection of N months.
// Money is exact (integer micro-dollars); rounding happens only for display, half away from zero.

enum class ProjectionMethod
{
    PriceTable,   // the target model (through a provider or relay) from the price table
    Percent,      // the current cost changed by a percentage (-90 = 90 % cheaper)
    ExchangeRate, // a relay billing CNY `relayRate` per USD of list price vs a card rate of `cardRate`
};
QString projectionMethodName(ProjectionMethod method); // "price_table", "percent", "exchange_rate"
std::optional<ProjectionMethod> projectionMethodFromName(const QString &name);

struct WorkloadRow
{
    QString label;
    QString model;
    qint64 inputTokens = 0; // per month
    qint64 outputTokens = 0;
    Money currentInputPerMTok; // USD
    Money currentOutputPerMTok;
    ProjectionMethod method = ProjectionMethod::PriceTable;
    QString targetModel; // PriceTable
    QString targetProvider;
    Decimal6 changePercent;                          // Percent
    Decimal6 relayRate = Decimal6::fromInt(1);       // ExchangeRate: CNY per USD the relay bills
    Decimal6 cardRate = Decimal6::fromE6(7'300'000); // ExchangeRate: CNY per USD on a card

    bool operator==(const WorkloadRow &) const = default;
};

struct Scenario
{
    static constexpr int FormatVersion = 1;
    static constexpr int MaxMonths = 120;

    QString title;
    QList<WorkloadRow> rows;
    int months = 12;
    Decimal6 growthPercent;                           // per month, compounding; month 1 is the entered volume
    Money migrationCost;                              // one-time, USD
    Decimal6 cnyPerUsd = Decimal6::fromE6(7'300'000); // for showing amounts in CNY

    // Errors name the origin, the key ("rows[2].input_tokens") and the reason; nothing is loaded then.
    static Result<Scenario, QString> fromJson(const QByteArray &json, const QString &origin);
    QByteArray toJson() const;
    // Reads a scenario file: CSV as exported (by its .csv extension) or JSON.
    static Result<Scenario, QString> load(const QString &path);

    bool operator==(const Scenario &) const = default;
};

struct RowResult
{
    Money now;
    Money projected;
    Money savings;
    Money projectedInputPerMTok; // the projected unit prices, where the method gives them
    Money projectedOutputPerMTok;
    QString error; // the projected price could not be found (then projected = now), or an overflow
    // Set when an amount of this row is beyond what Money holds ($4 trillion): the input key that
    // made it so ("input_tokens", "output_tokens", "change_percent", "relay_rate", "target_model");
    // the row's amounts are then zero and left out of the totals.
    QString overflowKey;
};

struct MonthResult
{
    int month = 0; // 1-based
    Money now;
    Money projected;
    Money savings;
    Money cumulativeSavings;
};

struct ScenarioResult
{
    QList<RowResult> rows;
    Money now;
    Money projected;
    Money savings;
    QList<MonthResult> months;
    std::optional<int> breakEvenMonth; // first month whose cumulative savings reach the migration cost
    QStringList errors;                // one line per row that could not be projected
    bool overflow = false;             // an amount was beyond $4 trillion: the results are incomplete
};

ScenarioResult calculate(const Scenario &scenario, const PriceTable &prices);

// `part` as a percentage of `whole` rounded half away from zero to `decimals` places: "90.0";
// an empty string when `whole` is zero.
QString percentText(Money part, Money whole, int decimals = 1);
// USD converted at `cnyPerUsd`, exact to the micro-yuan (display with toString(2)).
Money toCny(Money usd, Decimal6 cnyPerUsd);

// CSV (RFC 4180): one line per row with its inputs and results, then a total line and the projection.
// scenarioFromCsv() reads the inputs back (the result columns are recomputed, not trusted).
QByteArray scenarioToCsv(const Scenario &scenario, const ScenarioResult &result);
Result<Scenario, QString> scenarioFromCsv(const QByteArray &csv, const QString &origin);
