// understudy-cli cost: the migration calculator, headless; the same core code as the Cost view.

#include "cli/commands.h"
#include "cli/output.h"
#include "config/configparser.h"
#include "cost/pricetable.h"
#include "cost/scenario.h"
#include "util/paths.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using CliOutput::err;
using CliOutput::out;

namespace {

QJsonValue moneyJson(Money m)
{
    return m.toString(2);
}

QJsonObject resultJson(const Scenario &s, const ScenarioResult &r, const PriceTable &prices)
{
    QJsonArray rows;
    for (qsizetype i = 0; i < s.rows.size(); ++i) {
        const WorkloadRow &w = s.rows.at(i);
        const RowResult &x = r.rows.at(i);
        QJsonObject o{{QStringLiteral("label"), w.label},
                       {QStringLiteral("model"), w.model},
                        {QStringLiteral("method"), projectionMethodName(w.method)},
                         {QStringLiteral("now_usd"), moneyJson(x.now)},
                          {QStringLiteral("projected_usd"), moneyJson(x.projected)},
                           {QStringLiteral("savings_usd"), moneyJson(x.savings)},
                            {QStringLiteral("saved_percent"), percentText(x.savings, x.now, 1)}};
        if (!x.error.isEmpty())
            o.insert(QStringLiteral("error"), x.error);
        rows.append(o);
    }
    QJsonArray months;
    for (const MonthResult &m : r.months)
        months.append(
            QJsonObject{{QStringLiteral("month"), m.month},
                         {QStringLiteral("now_usd"), moneyJson(m.now)},
                          {QStringLiteral("projected_usd"), moneyJson(m.projected)},
                           {QStringLiteral("savings_usd"), moneyJson(m.savings)},
                            {QStringLiteral("cumulative_savings_usd"), moneyJson(m.cumulativeSavings)}});
    return QJsonObject{
        {QStringLiteral("title"), s.title},
         {QStringLiteral("price_table_version"), prices.version},
          {QStringLiteral("rounding"),
                          QStringLiteral("exact micro-dollars; shown half away from zero to the cent; "
                                                    "percentages to 0.1")},
           {QStringLiteral("rows"), rows},
            {QStringLiteral("total"),
                QJsonObject{
                    {QStringLiteral("now_usd"), moneyJson(r.now)},
                     {QStringLiteral("projected_usd"), moneyJson(r.projected)},
                      {QStringLiteral("savings_usd"), moneyJson(r.savings)},
                       {QStringLiteral("saved_percent"), percentText(r.savings, r.now, 1)},
                        {QStringLiteral("cny_per_usd"), s.cnyPerUsd.toString()},
                         {QStringLiteral("now_cny"), toCny(r.now, s.cnyPerUsd).toString(2)},
                          {QStringLiteral("projected_cny"), toCny(r.projected, s.cnyPerUsd).toString(2)},
                           {QStringLiteral("savings_cny"), toCny(r.savings, s.cnyPerUsd).toString(2)}}},
                        {QStringLiteral("months"), s.months},
                         {QStringLiteral("growth_percent"), s.growthPercent.toString()},
                          {QStringLiteral("migration_cost_usd"), moneyJson(s.migrationCost)},
                           {QStringLiteral("break_even_month"), r.breakEvenMonth
                                                                    ? QJsonValue(*r.breakEvenMonth)
                                                                    : QJsonValue(QJsonValue::Null)},
                            {QStringLiteral("projection"), months},
                             {QStringLiteral("errors"), QJsonArray::fromStringList(r.errors)},
                              {QStringLiteral("overflow"), r.overflow}};
}

void printText(const Scenario &s, const ScenarioResult &r, const PriceTable &prices)
{
    QTextStream &o = out();
    if (!s.title.isEmpty())
        o << s.title << '\n';
    o << Cli::tr("Price table %1. Amounts per month in USD, exact; rounded half away from zero to the cent.")
             .arg(prices.version)
      << "\n\n";
    const auto line = [&o](const QString &a, const QString &b, const QString &c, const QString &d,
                           const QString &e, const QString &f) {
        o << a.left(24).leftJustified(25) << b.left(22).leftJustified(23) << c.rightJustified(14)
          << d.rightJustified(14) << e.rightJustified(14) << f.rightJustified(9) << '\n';
    };
    line(Cli::tr("Row"), Cli::tr("Model"), Cli::tr("Now"), Cli::tr("Projected"), Cli::tr("Savings"),
         Cli::tr("Saved"));
    for (qsizetype i = 0; i < s.rows.size(); ++i) {
        const RowResult &x = r.rows.at(i);
        const QString pct = percentText(x.savings, x.now, 1);
        line(s.rows.at(i).label.isEmpty() ? s.rows.at(i).model : s.rows.at(i).label, s.rows.at(i).model,
             usdText(x.now), usdText(x.projected), usdText(x.savings),
             pct.isEmpty() ? QString() : pct + u" %");
    }
    const QString pct = percentText(r.savings, r.now, 1);
    line(Cli::tr("Total"), QString(), usdText(r.now), usdText(r.projected), usdText(r.savings),
         pct.isEmpty() ? QString() : pct + u" %");
    line(Cli::tr("Total in CNY at %1").arg(s.cnyPerUsd.toString()), QString(),
         cnyText(toCny(r.now, s.cnyPerUsd)), cnyText(toCny(r.projected, s.cnyPerUsd)),
         cnyText(toCny(r.savings, s.cnyPerUsd)), QString());
    o << '\n'
      << Cli::tr("Projection over %1 months, volume growing %2 % a month (compounding), migration cost %3:")
             .arg(s.months)
             .arg(s.growthPercent.toString(), usdText(s.migrationCost))
      << '\n';
    o << Cli::tr("Month").rightJustified(5) << Cli::tr("Now").rightJustified(16)
      << Cli::tr("Projected").rightJustified(16) << Cli::tr("Savings").rightJustified(16)
      << Cli::tr("Cumulative").rightJustified(16) << '\n';
    for (const MonthResult &m : r.months)
        o << QString::number(m.month).rightJustified(5) << usdText(m.now).rightJustified(16)
          << usdText(m.projected).rightJustified(16) << usdText(m.savings).rightJustified(16)
          << usdText(m.cumulativeSavings).rightJustified(16) << '\n';
    if (r.breakEvenMonth)
        o << Cli::tr("Break-even: month %1.").arg(*r.breakEvenMonth) << '\n';
    else
        o << Cli::tr("Break-even: not within %1 months.").arg(s.months) << '\n';
    for (const QString &e : r.errors)
        err() << Cli::tr("warning: ") << e << Qt::endl;
}

} // namespace

int runCost(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr(
        "Work out what a provider migration saves: the scenario's rows now and at the projected prices,\n"
        "the total, a projection over N months and the break-even month of a one-time migration cost.\n"
        "The same code as the Cost view. Exit status: 0 done, 1 some rows could not be priced, 2 bad\n"
        "arguments or scenario."));
    const QCommandLineOption config(
        {QStringLiteral("c"), QStringLiteral("config")},
         Cli::tr("Use the config FILE (its tier prices override the price table)."), QStringLiteral("FILE"));
    const QCommandLineOption scenario(QStringLiteral("scenario"), Cli::tr("The scenario FILE (JSON, or CSV as exported)."), QStringLiteral("FILE"));
    const QCommandLineOption months(QStringLiteral("months"), Cli::tr("Project over N months (1-120)."),
                                                   QStringLiteral("N"));
    const QCommandLineOption growth(QStringLiteral("growth"), Cli::tr("Monthly volume growth in percent (e.g. 5 or -2.5)."), QStringLiteral("PCT"));
    const QCommandLineOption migration(
        QStringLiteral("migration-cost"), Cli::tr("One-time migration cost in USD."), QStringLiteral("USD"));
    const QCommandLineOption prices(QStringLiteral("prices"), Cli::tr("Use the price table FILE (default: your edited table, else the shipped one)."),
        QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print the results as JSON."));
    const QCommandLineOption csv(QStringLiteral("csv"), Cli::tr("Print the scenario and results as CSV."));
    parser.addOptions({config, scenario, months, growth, migration, prices, json, csv});
    if (const auto exit = CliOutput::parseArguments(parser, args, QStringLiteral("cost")))
        return *exit == 0 ? 0 : 2;
    if (!parser.isSet(scenario)) {
        err() << Cli::tr("error: --scenario FILE is required") << Qt::endl;
        return 2;
    }
    if (parser.isSet(json) && parser.isSet(csv)) {
        err() << Cli::tr("error: choose --json or --csv, not both") << Qt::endl;
        return 2;
    }
    auto loaded = Scenario::load(parser.value(scenario));
    if (!loaded) {
        err() << Cli::tr("error: ") << loaded.error() << Qt::endl;
        return 2;
    }
    Scenario s = std::move(loaded).value();
    if (parser.isSet(months)) {
        bool ok = false;
        s.months = parser.value(months).toInt(&ok);
        if (!ok || s.months < 1 || s.months > Scenario::MaxMonths) {
            err() << Cli::tr("error: --months must be a whole number from 1 to %1").arg(Scenario::MaxMonths)
                  << Qt::endl;
            return 2;
        }
    }
    if (parser.isSet(growth)) {
        const auto g = Decimal6::parse(parser.value(growth));
        if (!g || g->e6() < -100'000'000 || g->e6() > 100'000'000) {
            err() << Cli::tr("error: --growth must be a percentage from -100 to 100") << Qt::endl;
            return 2;
        }
        s.growthPercent = *g;
    }
    if (parser.isSet(migration)) {
        const auto m = Money::parse(parser.value(migration));
        if (!m || m->isNegative()) {
            err() << Cli::tr("error: --migration-cost must be an amount in USD like 1500 or 99.90")
                  << Qt::endl;
            return 2;
        }
        s.migrationCost = *m;
    }
    QString priceError;
    PriceTable table;
    if (parser.isSet(prices)) {
        QFile pf(parser.value(prices));
        if (!pf.open(QIODevice::ReadOnly)) {
            err() << Cli::tr("error: %1: %2").arg(pf.fileName(), pf.errorString()) << Qt::endl;
            return 2;
        }
        auto t = PriceTable::fromJson(pf.readAll(), pf.fileName());
        if (!t) {
            err() << Cli::tr("error: ") << t.error() << Qt::endl;
            return 2;
        }
        table = std::move(t).value();
    } else {
        table =
            PriceTable::load(QDir(AppPaths::dataDir()).filePath(QStringLiteral("prices.json")), &priceError);
        if (!priceError.isEmpty())
            err() << Cli::tr("warning: your price table is not used: %1").arg(priceError) << Qt::endl;
    }
    if (parser.isSet(config)) {
        const auto chain = ConfigParser::loadFile(parser.value(config));
        if (!chain) {
            err() << Cli::tr("error: ") << chain.error().toString() << Qt::endl;
            return 2;
        }
        table = table.withTierPrices(*chain);
    }

    const ScenarioResult r = calculate(s, table);
    if (parser.isSet(json))
        out() << QJsonDocument(resultJson(s, r, table)).toJson(QJsonDocument::Indented);
    else if (parser.isSet(csv))
        out() << QString::fromUtf8(scenarioToCsv(s, r));
    else
        printText(s, r, table);
    out().flush();
    // An amount beyond $4 trillion is a refused input (the row and field are named above), not a
    // result with a warning.
    return r.overflow ? 2 : r.errors.isEmpty() ? 0 : 1;
}
