#include "cost/scenario.h"

#include "cost/jsonreader.h"
#include "util/csv.h"
#include "util/enumnames.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<ProjectionMethod> ProjectionMethodNames[] = {
    {ProjectionMethod::PriceTable, "price_table"_L1},
    {ProjectionMethod::Percent, "percent"_L1},
    {ProjectionMethod::ExchangeRate, "exchange_rate"_L1},
};

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Scenario)
};

constexpr qint64 FactorOne = 1'000'000'000'000; // growth factors carry 12 decimals

Money scaled(Money amount, Int128 num, Int128 den)
{
    return Money::fromMicros(divRoundHalfAway(Int128(amount.micros()) * num, den));
}

const QStringList &csvHeader()
{
    static const QStringList h{u"kind"_s,
                               u"label"_s,
                               u"model"_s,
                               u"input_tokens"_s,
                               u"output_tokens"_s,
                               u"current_input_per_mtok"_s,
                               u"current_output_per_mtok"_s,
                               u"method"_s,
                               u"target_model"_s,
                               u"target_provider"_s,
                               u"change_percent"_s,
                               u"relay_cny_per_usd"_s,
                               u"card_cny_per_usd"_s,
                               u"now_usd"_s,
                               u"projected_usd"_s,
                               u"savings_usd"_s,
                               u"saved_percent"_s,
                               u"cumulative_savings_usd"_s};
    return h;
}

} // namespace

QString projectionMethodName(ProjectionMethod method)
{
    return enumName(ProjectionMethodNames, method);
}

std::optional<ProjectionMethod> projectionMethodFromName(const QString &name)
{
    return enumFromName(ProjectionMethodNames, name);
}

QString percentText(Money part, Money whole, int decimals)
{
    if (whole.isZero())
        return {};
    qint64 pow = 1;
    for (int i = 0; i < decimals; ++i)
        pow *= 10;
    // part / whole × 100, in units of 10^-decimals percent, rounded half away from zero.
    const qint64 units = divRoundHalfAway(Int128(part.micros()) * 100 * pow, whole.micros());
    return Money::fromMicros(units * (1'000'000 / pow)).toString(decimals);
}

Money toCny(Money usd, Decimal6 cnyPerUsd)
{
    return scaled(usd, cnyPerUsd.e6(), 1'000'000);
}

ScenarioResult calculate(const Scenario &scenario, const PriceTable &prices)
{
    ScenarioResult out;
    for (qsizetype i = 0; i < scenario.rows.size(); ++i) {
        const WorkloadRow &row = scenario.rows.at(i);
        RowResult r;
        // Every amount checked: beyond $4 trillion a month is an error naming the input behind it,
        // never a wrapped (negative, or small) number.
        const auto beyond = [&r](const QString &key, const QString &what) {
            r.overflowKey = key;
            r.error = Tr::tr("%1 is beyond $4 trillion a month (%2)").arg(what, key);
        };
        const auto inNow = Money::checkedCostOf(row.inputTokens, row.currentInputPerMTok);
        const auto outNow = Money::checkedCostOf(row.outputTokens, row.currentOutputPerMTok);
        const auto now = inNow && outNow ? inNow->checkedPlus(*outNow) : std::nullopt;
        if (!inNow)
            beyond(u"input_tokens"_s, Tr::tr("the input tokens at the current input price"));
        else if (!outNow)
            beyond(u"output_tokens"_s, Tr::tr("the output tokens at the current output price"));
        else if (!now)
            beyond(u"input_tokens"_s, Tr::tr("the row's current cost"));
        if (now) {
            r.now = *now;
            r.projected = r.now;
        }
        switch (now ? row.method : ProjectionMethod::PriceTable) {
        case ProjectionMethod::PriceTable: {
            if (!now)
                break;
            const QString model = row.targetModel.isEmpty() ? row.model : row.targetModel;
            const auto entry = prices.find(model, row.targetProvider);
            if (!entry) {
                r.error = entry.error();
                break;
            }
            r.projectedInputPerMTok = entry->inputPerMTok;
            r.projectedOutputPerMTok = entry->outputPerMTok;
            const auto in = Money::checkedCostOf(row.inputTokens, entry->inputPerMTok);
            const auto outCost = Money::checkedCostOf(row.outputTokens, entry->outputPerMTok);
            const auto projected = in && outCost ? in->checkedPlus(*outCost) : std::nullopt;
            if (!projected)
                beyond(u"target_model"_s, Tr::tr("the projected cost"));
            else
                r.projected = *projected;
            break;
        }
        case ProjectionMethod::Percent: {
            // now × (100 + change) / 100; prices likewise, for the record.
            const Int128 num = Int128(100'000'000) + row.changePercent.e6();
            if (num < 0) {
                r.error = Tr::tr("a change below -100 % would make the price negative");
                break;
            }
            const auto projected = Money::checkedScaled(r.now, num, 100'000'000);
            if (!projected) {
                beyond(u"change_percent"_s, Tr::tr("the projected cost"));
                break;
            }
            r.projected = *projected;
            r.projectedInputPerMTok =
                Money::checkedScaled(row.currentInputPerMTok, num, 100'000'000).value_or(Money());
            r.projectedOutputPerMTok =
                Money::checkedScaled(row.currentOutputPerMTok, num, 100'000'000).value_or(Money());
            break;
        }
        case ProjectionMethod::ExchangeRate: {
            if (row.cardRate.e6() <= 0 || row.relayRate.e6() < 0) {
                r.error = Tr::tr("exchange rates must be above zero");
                break;
            }
            const auto projected = Money::checkedScaled(r.now, row.relayRate.e6(), row.cardRate.e6());
            if (!projected) {
                beyond(u"relay_rate"_s, Tr::tr("the projected cost"));
                break;
            }
            r.projected = *projected;
            r.projectedInputPerMTok =
                Money::checkedScaled(row.currentInputPerMTok, row.relayRate.e6(), row.cardRate.e6())
                    .value_or(Money());
            r.projectedOutputPerMTok =
                Money::checkedScaled(row.currentOutputPerMTok, row.relayRate.e6(), row.cardRate.e6())
                    .value_or(Money());
            break;
        }
        }
        if (!r.overflowKey.isEmpty()) {
            out.overflow = true;
            r.now = r.projected = Money();
        }
        if (!r.error.isEmpty())
            out.errors.append(Tr::tr("Row %1 (%2): %3")
                                  .arg(i + 1)
                                  .arg(row.label.isEmpty() ? row.model : row.label, r.error));
        r.savings = r.now - r.projected;
        const auto totalNow = out.now.checkedPlus(r.now);
        const auto totalProjected = out.projected.checkedPlus(r.projected);
        if (!totalNow || !totalProjected) {
            if (!out.overflow)
                out.errors.append(Tr::tr("The total is beyond $4 trillion a month from row %1 on: those rows "
                                         "are left out.")
                                      .arg(i + 1));
            out.overflow = true;
            r.overflowKey = r.overflowKey.isEmpty() ? u"input_tokens"_s : r.overflowKey;
        } else {
            out.now = *totalNow;
            out.projected = *totalProjected;
        }
        out.rows.append(r);
    }
    out.savings = out.now - out.projected;

    // Month 1 is the entered volume; each later month grows by the rate, compounding. The factor
    // carries 12 decimals (rounded half away from zero each month), amounts a micro-dollar.
    const int months = std::clamp(scenario.months, 1, Scenario::MaxMonths);
    const Int128 growthNum = Int128(100'000'000) + scenario.growthPercent.e6();
    Int128 factor = FactorOne;
    Money cumulative;
    for (int m = 1; m <= months; ++m) {
        if (m > 1)
            factor = divRoundHalfAway(factor * growthNum, 100'000'000);
        const Int128 largest = std::max(out.now.micros(), out.projected.micros());
        if (largest * factor / FactorOne > Money::MaxMicros || factor > Int128(FactorOne) * 1'000'000) {
            out.errors.append(
                Tr::tr("The projection stops at month %1: the amounts grow beyond $4 trillion.").arg(m));
            break;
        }
        MonthResult month;
        month.month = m;
        month.now = scaled(out.now, factor, FactorOne);
        month.projected = scaled(out.projected, factor, FactorOne);
        month.savings = month.now - month.projected;
        cumulative += month.savings;
        month.cumulativeSavings = cumulative;
        if (!out.breakEvenMonth && cumulative >= scenario.migrationCost && cumulative > Money())
            out.breakEvenMonth = m;
        out.months.append(month);
    }
    return out;
}

Result<Scenario, QString> Scenario::fromJson(const QByteArray &json, const QString &origin)
{
    using R = Result<Scenario, QString>;
    const auto parsed = CostJsonReader::parseObject(json, origin, Tr::tr("a scenario must be a JSON object"));
    if (!parsed)
        return R::failure(parsed.error());
    const QJsonObject &root = parsed.value();
    CostJsonReader r;
    r.checkKeys(root, {},
                {u"format"_s, u"version"_s, u"title"_s, u"months"_s, u"growth_percent"_s,
                 u"migration_cost_usd"_s, u"cny_per_usd"_s, u"rows"_s});
    const QString format = r.string(root, {}, u"format"_s, true);
    if (!r.failed() && format != u"understudy-scenario")
        r.fail(u"format"_s, Tr::tr("must be \"understudy-scenario\""));
    r.integer(root, {}, u"version"_s, 1, FormatVersion, FormatVersion, true);
    Scenario s;
    s.title = r.string(root, {}, u"title"_s, false);
    s.months = int(r.integer(root, {}, u"months"_s, 1, MaxMonths, 12));
    s.growthPercent =
        r.decimal(root, {}, u"growth_percent"_s, false, Decimal6::fromInt(-100), Decimal6::fromInt(100))
            .value_or(Decimal6());
    s.migrationCost = r.money(root, {}, u"migration_cost_usd"_s, false).value_or(Money());
    s.cnyPerUsd = r.decimal(root, {}, u"cny_per_usd"_s, false, Decimal6::fromE6(1), Decimal6::fromInt(1000))
                      .value_or(s.cnyPerUsd);
    const QJsonArray rows = r.array(root, {}, u"rows"_s, true);
    for (qsizetype i = 0; i < rows.size() && !r.failed(); ++i) {
        const QString path = CostJsonReader::index(u"rows"_s, i);
        const QJsonObject o = r.object(rows.at(i), path);
        r.checkKeys(o, path,
                    {u"label"_s, u"model"_s, u"input_tokens"_s, u"output_tokens"_s,
                     u"current_input_per_mtok"_s, u"current_output_per_mtok"_s, u"projection"_s});
        WorkloadRow w;
        w.label = r.string(o, path, u"label"_s, false);
        w.model = r.string(o, path, u"model"_s, true);
        constexpr qint64 MaxTokens = 1'000'000'000'000'000; // a quadrillion tokens a month
        w.inputTokens = r.integer(o, path, u"input_tokens"_s, 0, MaxTokens, 0, true);
        w.outputTokens = r.integer(o, path, u"output_tokens"_s, 0, MaxTokens, 0);
        w.currentInputPerMTok = r.money(o, path, u"current_input_per_mtok"_s, true).value_or(Money());
        w.currentOutputPerMTok = r.money(o, path, u"current_output_per_mtok"_s, false).value_or(Money());
        const QString pp = CostJsonReader::join(path, u"projection"_s);
        const QJsonObject p = r.object(o.value(u"projection"_s), pp);
        const QString methodName = r.string(p, pp, u"method"_s, true);
        const auto method = projectionMethodFromName(methodName);
        if (!r.failed() && !method)
            r.fail(CostJsonReader::join(pp, u"method"_s),
                   Tr::tr("must be price_table, percent or exchange_rate"));
        w.method = method.value_or(ProjectionMethod::PriceTable);
        switch (w.method) {
        case ProjectionMethod::PriceTable:
            r.checkKeys(p, pp, {u"method"_s, u"model"_s, u"provider"_s});
            w.targetModel = r.string(p, pp, u"model"_s, false);
            w.targetProvider = r.string(p, pp, u"provider"_s, false);
            break;
        case ProjectionMethod::Percent:
            r.checkKeys(p, pp, {u"method"_s, u"change_percent"_s});
            w.changePercent = r.decimal(p, pp, u"change_percent"_s, true, Decimal6::fromInt(-100),
                                        Decimal6::fromInt(10'000))
                                  .value_or(Decimal6());
            break;
        case ProjectionMethod::ExchangeRate:
            r.checkKeys(p, pp, {u"method"_s, u"relay_cny_per_usd"_s, u"card_cny_per_usd"_s});
            w.relayRate = r.decimal(p, pp, u"relay_cny_per_usd"_s, true, Decimal6(), Decimal6::fromInt(1000))
                              .value_or(w.relayRate);
            w.cardRate =
                r.decimal(p, pp, u"card_cny_per_usd"_s, true, Decimal6::fromE6(1), Decimal6::fromInt(1000))
                    .value_or(w.cardRate);
            break;
        }
        s.rows.append(w);
    }
    if (r.failed())
        return R::failure(origin + u": "_s + r.error());
    return s;
}

Result<Scenario, QString> Scenario::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<Scenario, QString>::failure(
            Tr::tr("%1: cannot be read: %2").arg(path, f.errorString()));
    const QByteArray data = f.readAll();
    return path.endsWith(u".csv"_s, Qt::CaseInsensitive) ? scenarioFromCsv(data, path) : fromJson(data, path);
}

QByteArray Scenario::toJson() const
{
    QJsonArray out;
    for (const WorkloadRow &w : rows) {
        QJsonObject p{{u"method"_s, projectionMethodName(w.method)}};
        switch (w.method) {
        case ProjectionMethod::PriceTable:
            if (!w.targetModel.isEmpty())
                p.insert(u"model"_s, w.targetModel);
            if (!w.targetProvider.isEmpty())
                p.insert(u"provider"_s, w.targetProvider);
            break;
        case ProjectionMethod::Percent:
            p.insert(u"change_percent"_s, w.changePercent.toString());
            break;
        case ProjectionMethod::ExchangeRate:
            p.insert(u"relay_cny_per_usd"_s, w.relayRate.toString());
            p.insert(u"card_cny_per_usd"_s, w.cardRate.toString());
            break;
        }
        // Token counts as numbers (exact up to 2^53), amounts as decimal text (exact).
        out.append(QJsonObject{{u"label"_s, w.label},
                               {u"model"_s, w.model},
                               {u"input_tokens"_s, double(w.inputTokens)},
                               {u"output_tokens"_s, double(w.outputTokens)},
                               {u"current_input_per_mtok"_s, w.currentInputPerMTok.toExactString()},
                               {u"current_output_per_mtok"_s, w.currentOutputPerMTok.toExactString()},
                               {u"projection"_s, p}});
    }
    const QJsonObject root{{u"format"_s, u"understudy-scenario"_s},
                           {u"version"_s, FormatVersion},
                           {u"title"_s, title},
                           {u"months"_s, months},
                           {u"growth_percent"_s, growthPercent.toString()},
                           {u"migration_cost_usd"_s, migrationCost.toExactString()},
                           {u"cny_per_usd"_s, cnyPerUsd.toString()},
                           {u"rows"_s, out}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray scenarioToCsv(const Scenario &scenario, const ScenarioResult &result)
{
    QByteArray out = Csv::line(csvHeader());
    const int n = int(csvHeader().size());
    const auto blank = [n] { return QStringList(n, QString()); };
    for (qsizetype i = 0; i < scenario.rows.size(); ++i) {
        const WorkloadRow &w = scenario.rows.at(i);
        const RowResult &r = result.rows.at(i);
        QStringList f = blank();
        f[0] = u"row"_s;
        f[1] = w.label;
        f[2] = w.model;
        f[3] = QString::number(w.inputTokens);
        f[4] = QString::number(w.outputTokens);
        f[5] = w.currentInputPerMTok.toExactString();
        f[6] = w.currentOutputPerMTok.toExactString();
        f[7] = projectionMethodName(w.method);
        if (w.method == ProjectionMethod::PriceTable) {
            f[8] = w.targetModel;
            f[9] = w.targetProvider;
        } else if (w.method == ProjectionMethod::Percent) {
            f[10] = w.changePercent.toString();
        } else {
            f[11] = w.relayRate.toString();
            f[12] = w.cardRate.toString();
        }
        f[13] = r.now.toString(2);
        f[14] = r.projected.toString(2);
        f[15] = r.savings.toString(2);
        f[16] = percentText(r.savings, r.now);
        out += Csv::line(f);
    }
    QStringList total = blank();
    total[0] = u"total"_s;
    total[13] = result.now.toString(2);
    total[14] = result.projected.toString(2);
    total[15] = result.savings.toString(2);
    total[16] = percentText(result.savings, result.now);
    out += Csv::line(total);
    const QList<std::pair<QString, QString>> settings{
        {u"title"_s, scenario.title},
        {u"months"_s, QString::number(scenario.months)},
        {u"growth_percent"_s, scenario.growthPercent.toString()},
        {u"migration_cost_usd"_s, scenario.migrationCost.toExactString()},
        {u"cny_per_usd"_s, scenario.cnyPerUsd.toString()},
        {u"break_even_month"_s, result.breakEvenMonth ? QString::number(*result.breakEvenMonth) : QString()}};
    for (const auto &[key, value] : settings) {
        QStringList f = blank();
        f[0] = u"setting"_s;
        f[1] = key;
        f[2] = value;
        out += Csv::line(f);
    }
    for (const MonthResult &m : result.months) {
        QStringList f = blank();
        f[0] = u"month"_s;
        f[1] = QString::number(m.month);
        f[13] = m.now.toString(2);
        f[14] = m.projected.toString(2);
        f[15] = m.savings.toString(2);
        f[17] = m.cumulativeSavings.toString(2);
        out += Csv::line(f);
    }
    return out;
}

Result<Scenario, QString> scenarioFromCsv(const QByteArray &csv, const QString &origin)
{
    using R = Result<Scenario, QString>;
    const QList<QStringList> lines = Csv::parse(csv);
    if (lines.isEmpty() || lines.front() != csvHeader())
        return R::failure(
            Tr::tr("%1: line 1: not an Understudy scenario CSV (the header differs)").arg(origin));
    Scenario s;
    s.rows.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList &f = lines.at(i);
        const QString where = Tr::tr("%1: line %2").arg(origin).arg(i + 1);
        if (f.size() != csvHeader().size())
            return R::failure(
                Tr::tr("%1: %2 fields, expected %3").arg(where).arg(f.size()).arg(csvHeader().size()));
        const auto bad = [&](int column) {
            return R::failure(Tr::tr("%1: '%2': the value \"%3\" is not valid")
                                  .arg(where, csvHeader().at(column), f.at(column)));
        };
        if (f[0] == u"row") {
            WorkloadRow w;
            w.label = f[1];
            w.model = f[2];
            bool ok = false;
            w.inputTokens = f[3].toLongLong(&ok);
            if (!ok || w.inputTokens < 0)
                return bad(3);
            w.outputTokens = f[4].toLongLong(&ok);
            if (!ok || w.outputTokens < 0)
                return bad(4);
            const auto in = Money::parse(f[5]);
            if (!in || in->isNegative())
                return bad(5);
            const auto outPrice = Money::parse(f[6]);
            if (!outPrice || outPrice->isNegative())
                return bad(6);
            w.currentInputPerMTok = *in;
            w.currentOutputPerMTok = *outPrice;
            const auto method = projectionMethodFromName(f[7]);
            if (!method)
                return bad(7);
            w.method = *method;
            if (w.method == ProjectionMethod::PriceTable) {
                w.targetModel = f[8];
                w.targetProvider = f[9];
            } else if (w.method == ProjectionMethod::Percent) {
                const auto pct = Decimal6::parse(f[10]);
                if (!pct)
                    return bad(10);
                w.changePercent = *pct;
            } else {
                const auto relay = Decimal6::parse(f[11]);
                if (!relay)
                    return bad(11);
                const auto card = Decimal6::parse(f[12]);
                if (!card || card->e6() <= 0)
                    return bad(12);
                w.relayRate = *relay;
                w.cardRate = *card;
            }
            s.rows.append(w);
        } else if (f[0] == u"setting") {
            if (f[1] == u"title") {
                s.title = f[2];
            } else if (f[1] == u"months") {
                bool ok = false;
                s.months = f[2].toInt(&ok);
                if (!ok || s.months < 1 || s.months > Scenario::MaxMonths)
                    return bad(2);
            } else if (f[1] == u"growth_percent") {
                const auto g = Decimal6::parse(f[2]);
                if (!g)
                    return bad(2);
                s.growthPercent = *g;
            } else if (f[1] == u"migration_cost_usd") {
                const auto m = Money::parse(f[2]);
                if (!m || m->isNegative())
                    return bad(2);
                s.migrationCost = *m;
            } else if (f[1] == u"cny_per_usd") {
                const auto c = Decimal6::parse(f[2]);
                if (!c || c->e6() <= 0)
                    return bad(2);
                s.cnyPerUsd = *c;
            }
        } else if (f[0] != u"total" && f[0] != u"month") {
            return bad(0);
        }
    }
    // The same rules as a JSON file, by the same code: ranges (tokens, percentages, rates), required
    // fields, trimmed text. Found by fuzz_scenario_csv: the CSV reader took what the JSON reader
    // refused, so one scenario read two ways gave two answers.
    return Scenario::fromJson(s.toJson(), origin);
}
