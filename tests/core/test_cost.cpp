// The migration calculator, checked against results worked out by hand.
#include "config/configparser.h"
#include "cost/pricetable.h"
#include "cost/scenario.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Money usd(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

Decimal6 dec(const char *text)
{
    return *Decimal6::parse(QString::fromLatin1(text));
}

WorkloadRow row(const QString &label, qint64 inputTokens, const char *price)
{
    WorkloadRow w;
    w.label = label;
    w.model = label;
    w.inputTokens = inputTokens;
    w.currentInputPerMTok = usd(price);
    return w;
}

// The migration: three models moving to a tenth of their price.
Scenario migrationScenario(ProjectionMethod method)
{
    Scenario s;
    s.title = u"Move to relays"_s;
    s.rows = {row(u"gpt-4o"_s, 10'000'000, "8"), row(u"claude-sonnet-4-5"_s, 5'000'000, "15"),
              row(u"gemini-2.5-flash"_s, 20'000'000, "2.50")};
    for (WorkloadRow &w : s.rows) {
        w.method = method;
        w.changePercent = dec("-90");
        w.targetProvider = u"relay"_s;
    }
    return s;
}

// Only the fields the row's method uses survive a save (the others are not written).
Scenario relevant(Scenario s)
{
    for (WorkloadRow &w : s.rows) {
        const WorkloadRow defaults;
        if (w.method != ProjectionMethod::PriceTable) {
            w.targetModel.clear();
            w.targetProvider.clear();
        }
        if (w.method != ProjectionMethod::Percent)
            w.changePercent = defaults.changePercent;
        if (w.method != ProjectionMethod::ExchangeRate) {
            w.relayRate = defaults.relayRate;
            w.cardRate = defaults.cardRate;
        }
    }
    return s;
}

PriceTable relayPrices()
{
    PriceTable t;
    t.version = u"test"_s;
    const auto entry = [](const char *model, const char *in) {
        PriceEntry e;
        e.model = QString::fromLatin1(model);
        e.provider = u"relay"_s;
        e.inputPerMTok = usd(in);
        e.outputPerMTok = usd(in);
        e.readOn = u"2025-10-01"_s;
        e.source = u"test"_s;
        return e;
    };
    t.entries = {entry("gpt-4o", "0.80"), entry("claude-sonnet-4-5", "1.50"),
                 entry("gemini-2.5-flash", "0.25")};
    return t;
}

} // namespace

class TestCost : public QObject
{
    Q_OBJECT

private slots:
    void migration_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("price table") << int(ProjectionMethod::PriceTable);
        QTest::newRow("percent") << int(ProjectionMethod::Percent);
    }
    void migration()
    {
        QFETCH(int, method);
        const ScenarioResult r = calculate(migrationScenario(ProjectionMethod(method)), relayPrices());
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.rows.at(0).now.toString(2), u"80.00"_s);
        QCOMPARE(r.rows.at(0).savings.toString(2), u"72.00"_s);
        QCOMPARE(r.rows.at(1).savings.toString(2), u"67.50"_s);
        QCOMPARE(r.rows.at(2).savings.toString(2), u"45.00"_s);
        QCOMPARE(r.now.toString(2), u"205.00"_s);
        QCOMPARE(r.projected.toString(2), u"20.50"_s);
        QCOMPARE(r.savings.toString(2), u"184.50"_s);
        QCOMPARE(r.savings, usd("184.5")); // exact, not merely rounded to the cent
        QCOMPARE(percentText(r.savings, r.now, 1), u"90.0"_s);
        QCOMPARE(percentText(r.rows.at(1).savings, r.rows.at(1).now, 2), u"90.00"_s);
        QCOMPARE(r.rows.at(0).projectedInputPerMTok, usd("0.80"));
        // In CNY at 7.3: 184.50 × 7.3 = 1,346.85.
        QCOMPARE(toCny(r.savings, dec("7.3")).toString(2), u"1346.85"_s);
    }

    void exchangeRate_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<QString>("relay");
        QTest::addColumn<QString>("card");
        QTest::addColumn<QString>("projected");
        QTest::addColumn<QString>("percent1");
        QTest::addColumn<QString>("percent2");
        // 100 × 1 / 7.3 = 13.698630…; saved 86.301369… %
        QTest::newRow("1 vs 7.3") << u"100"_s << u"1"_s << u"7.3"_s << u"13.70"_s << u"86.3"_s << u"86.30"_s;
        // 205 × 1.2 / 7.3 = 33.698630…; saved 83.56 %
        QTest::newRow("1.2 vs 7.3") << u"205"_s << u"1.2"_s << u"7.3"_s << u"33.70"_s << u"83.6"_s
                                    << u"83.56"_s;
        // A relay dearer than the card rate costs more: negative savings.
        QTest::newRow("8 vs 7.3") << u"73"_s << u"8"_s << u"7.3"_s << u"80.00"_s << u"-9.6"_s << u"-9.59"_s;
    }
    void exchangeRate()
    {
        QFETCH(QString, now);
        QFETCH(QString, relay);
        QFETCH(QString, card);
        QFETCH(QString, projected);
        QFETCH(QString, percent1);
        QFETCH(QString, percent2);
        Scenario s;
        WorkloadRow w;
        w.model = u"gpt-4o"_s;
        w.inputTokens = 1'000'000;
        w.currentInputPerMTok = *Money::parse(now);
        w.method = ProjectionMethod::ExchangeRate;
        w.relayRate = *Decimal6::parse(relay);
        w.cardRate = *Decimal6::parse(card);
        s.rows = {w};
        const ScenarioResult r = calculate(s, {});
        QVERIFY(r.errors.isEmpty());
        QCOMPARE(r.projected.toString(2), projected);
        QCOMPARE(percentText(r.savings, r.now, 1), percent1);
        QCOMPARE(percentText(r.savings, r.now, 2), percent2);
    }

    void growthProjection_andBreakEven_data()
    {
        QTest::addColumn<QString>("growth");
        QTest::addColumn<QString>("migrationCost");
        QTest::addColumn<int>("months");
        QTest::addColumn<QStringList>("cumulative");
        QTest::addColumn<int>("breakEven"); // 0: not within the months
        // Now $100, projected $40: $60 saved in month 1, then +10 % a month: 60, 66, 72.60.
        QTest::newRow("10 %, pays back in month 3")
            << u"10"_s << u"150"_s << 3 << QStringList{u"60.00"_s, u"126.00"_s, u"198.60"_s} << 3;
        QTest::newRow("exactly reached counts")
            << u"10"_s << u"126"_s << 3 << QStringList{u"60.00"_s, u"126.00"_s, u"198.60"_s} << 2;
        QTest::newRow("not within 3 months")
            << u"10"_s << u"1000"_s << 3 << QStringList{u"60.00"_s, u"126.00"_s, u"198.60"_s} << 0;
        // -5 % a month: 60, 57, 54.15, 51.4425 → 51.44; cumulative 222.5925 → 222.59.
        QTest::newRow("shrinking volume")
            << u"-5"_s << u"0"_s << 4 << QStringList{u"60.00"_s, u"117.00"_s, u"171.15"_s, u"222.59"_s} << 1;
        // 3 % compounding over 12 months: 60 × (1.03^12 − 1) / 0.03 = 851.522…
        QTest::newRow("3 % for a year") << u"3"_s << u"500"_s << 12 << QStringList{u"851.52"_s} << 8;
    }
    void growthProjection_andBreakEven()
    {
        QFETCH(QString, growth);
        QFETCH(QString, migrationCost);
        QFETCH(int, months);
        QFETCH(QStringList, cumulative);
        QFETCH(int, breakEven);
        Scenario s;
        WorkloadRow w = row(u"a"_s, 10'000'000, "10");
        w.method = ProjectionMethod::Percent;
        w.changePercent = dec("-60");
        s.rows = {w};
        s.months = months;
        s.growthPercent = *Decimal6::parse(growth);
        s.migrationCost = *Money::parse(migrationCost);
        const ScenarioResult r = calculate(s, {});
        QCOMPARE(r.months.size(), months);
        if (cumulative.size() == 1) {
            QCOMPARE(r.months.constLast().cumulativeSavings.toString(2), cumulative.front());
        } else {
            for (int i = 0; i < months; ++i)
                QCOMPARE(r.months.at(i).cumulativeSavings.toString(2), cumulative.at(i));
        }
        QCOMPARE(r.breakEvenMonth.value_or(0), breakEven);
        QCOMPARE(r.months.front().now, r.now); // month 1 is the entered volume
    }

    void rounding_isHalfAwayFromZero_onlyForDisplay()
    {
        QCOMPARE(Money::costOf(1, usd("0.5")).micros(), 1); // 0.5 micro-dollar → 1
        QCOMPARE(Money::costOf(3, usd("0.5")).micros(), 2); // 1.5 → 2
        QCOMPARE(usd("0.005").toString(2), u"0.01"_s);
        QCOMPARE(usd("-0.005").toString(2), u"-0.01"_s);
        QCOMPARE(usd("0.004999").toString(2), u"0.00"_s);
        // Sums are exact: a thousand rows of $0.001 are $1.00, not 0.99 or 1.0000000002.
        Scenario s;
        for (int i = 0; i < 1000; ++i)
            s.rows.append(row(u"r"_s, 1000, "1")); // 1,000 tokens at $1/M = $0.001
        const ScenarioResult r = calculate(s, {});
        QCOMPARE(r.now, usd("1"));
        QCOMPARE(percentText(usd("1"), usd("3"), 1), u"33.3"_s);
        QCOMPARE(percentText(usd("2"), usd("3"), 1), u"66.7"_s);
        QCOMPARE(percentText(usd("1"), usd("0"), 1), QString());
    }

    void priceTableRow_notFound_isAnErrorNotAGuess()
    {
        Scenario s = migrationScenario(ProjectionMethod::PriceTable);
        s.rows[1].targetProvider = u"nowhere"_s;
        const ScenarioResult r = calculate(s, relayPrices());
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.front().contains(u"Row 2"_s));
        QVERIFY(r.rows.at(1).error.contains(u"not in the price table"_s));
        QCOMPARE(r.rows.at(1).projected, r.rows.at(1).now); // unchanged, not zero
    }

    // Amounts beyond $4 trillion a month are refused with the row and field named, never wrapped
    // (1e15 tokens at $10,000 per million printed -$8,446,744,073,709.55 before).
    void hugeAmounts_areAnErrorNamingTheRowAndField()
    {
        Scenario s = migrationScenario(ProjectionMethod::PriceTable);
        s.rows[1].inputTokens = 1'000'000'000'000'000;
        s.rows[1].currentInputPerMTok = usd("10000");
        ScenarioResult r = calculate(s, relayPrices());
        QVERIFY(r.overflow);
        QCOMPARE(r.rows.at(1).overflowKey, u"input_tokens"_s);
        QVERIFY(r.errors.join(u'\n').contains(u"Row 2"_s));
        QVERIFY(r.errors.join(u'\n').contains(u"input_tokens"_s));
        QVERIFY(!r.now.isNegative() && !r.projected.isNegative());
        QCOMPARE(r.now, r.rows.at(0).now + r.rows.at(2).now); // the row is left out, not wrapped in
        // A +100 % change on a row just under the limit: the projection overflows, not the row.
        s = migrationScenario(ProjectionMethod::Percent);
        s.rows[0].inputTokens = 1'000'000'000'000;
        s.rows[0].currentInputPerMTok = usd("3000000"); // $3 trillion a month
        s.rows[0].changePercent = dec("100");
        r = calculate(s, relayPrices());
        QVERIFY(r.overflow);
        QCOMPARE(r.rows.at(0).overflowKey, u"change_percent"_s);
        QVERIFY(!r.rows.at(0).projected.isNegative());
        // Money itself never wraps: costs and sums saturate, checked forms say "beyond".
        QVERIFY(!Money::checkedCostOf(std::numeric_limits<qint64>::max(), usd("1")));
        QCOMPARE(Money::costOf(std::numeric_limits<qint64>::max(), usd("1")),
                 Money::fromMicros(Money::MaxMicros));
        QCOMPARE(Money::fromMicros(std::numeric_limits<qint64>::max()) + Money::fromMicros(1),
                 Money::fromMicros(std::numeric_limits<qint64>::max()));
        QVERIFY(!Money::fromMicros(Money::MaxMicros).checkedPlus(Money::fromMicros(1)));
        QCOMPARE(-Money::fromMicros(std::numeric_limits<qint64>::min()),
                 Money::fromMicros(std::numeric_limits<qint64>::max()));
    }

    void json_roundTrips()
    {
        Scenario s = migrationScenario(ProjectionMethod::Percent);
        s.rows[2].method = ProjectionMethod::ExchangeRate;
        s.rows[2].relayRate = dec("1");
        s.rows[2].cardRate = dec("7.3");
        s.rows[0].method = ProjectionMethod::PriceTable;
        s.rows[0].targetModel = u"gpt-4o-mini"_s;
        s.rows[0].outputTokens = 123'456'789;
        s.rows[0].currentOutputPerMTok = usd("0.000001");
        s.months = 24;
        s.growthPercent = dec("2.5");
        s.migrationCost = usd("1234.56");
        s.cnyPerUsd = dec("7.1");
        const auto back = Scenario::fromJson(s.toJson(), u"s.json"_s);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error()));
        QCOMPARE(*back, relevant(s));
    }

    void json_badFile_namesTheKeyAndLoadsNothing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QByteArray head = "{\"format\":\"understudy-scenario\",\"version\":1,\"rows\":[";
        const QByteArray good = "{\"model\":\"a\",\"input_tokens\":1,\"current_input_per_mtok\":\"1\","
                                "\"projection\":{\"method\":\"percent\",\"change_percent\":\"-10\"}}";
        QTest::newRow("not json") << QByteArray("{") << u"not valid JSON"_s;
        QTest::newRow("wrong format")
            << QByteArray("{\"format\":\"x\",\"version\":1,\"rows\":[]}") << u"format"_s;
        QTest::newRow("newer version")
            << QByteArray("{\"format\":\"understudy-scenario\",\"version\":2,\"rows\":[]}") << u"version"_s;
        QTest::newRow("negative tokens")
            << head + good + "," +
                   "{\"model\":\"b\",\"input_tokens\":-5,\"current_input_per_mtok\":\"1\",\"projection\":{"
                   "\"method\":\"percent\",\"change_percent\":\"1\"}}" +
                   "]}"
            << u"rows[1].input_tokens"_s;
        QTest::newRow("float price")
            << head +
                   "{\"model\":\"b\",\"input_tokens\":5,\"current_input_per_mtok\":0.1234567,\"projection\":{"
                   "\"method\":\"percent\",\"change_percent\":\"1\"}}" +
                   "]}"
            << u"rows[0].current_input_per_mtok"_s;
        QTest::newRow("unknown method") << head +
                                               "{\"model\":\"b\",\"input_tokens\":5,\"current_input_per_"
                                               "mtok\":\"1\",\"projection\":{\"method\":\"magic\"}}" +
                                               "]}"
                                        << u"rows[0].projection.method"_s;
        QTest::newRow("typo") << head + good + "]," + "\"month\":3}" << u"month"_s;
        QTest::newRow("zero card rate")
            << head +
                   "{\"model\":\"b\",\"input_tokens\":5,\"current_input_per_mtok\":\"1\",\"projection\":{"
                   "\"method\":\"exchange_rate\",\"relay_cny_per_usd\":\"1\",\"card_cny_per_usd\":\"0\"}}" +
                   "]}"
            << u"rows[0].projection.card_cny_per_usd"_s;
    }
    void json_badFile_namesTheKeyAndLoadsNothing()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto r = Scenario::fromJson(json, u"bad.json"_s);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().startsWith(u"bad.json: "_s), qPrintable(r.error()));
        QVERIFY2(r.error().contains(expected), qPrintable(r.error()));
    }

    void csv_roundTrips()
    {
        Scenario s = migrationScenario(ProjectionMethod::Percent);
        s.rows[0].label = u"Support bot, \"tier 1\"\nnight shift"_s; // quotes, comma and a line break
        s.rows[1].method = ProjectionMethod::ExchangeRate;
        s.rows[2].method = ProjectionMethod::PriceTable;
        s.migrationCost = usd("99.99");
        s.growthPercent = dec("1.25");
        s.months = 6;
        s.title = u"Q3, relays"_s;
        const ScenarioResult r = calculate(s, relayPrices());
        const QByteArray csv = scenarioToCsv(s, r);
        QVERIFY(csv.contains("\"total\""));
        QVERIFY(csv.contains("\"184.50\"") || csv.contains("\"savings_usd\""));
        const auto back = scenarioFromCsv(csv, u"s.csv"_s);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error()));
        QCOMPARE(*back, relevant(s));
        const ScenarioResult again = calculate(*back, relayPrices());
        QCOMPARE(again.savings, r.savings);
        QCOMPARE(scenarioToCsv(*back, again), csv);

        QByteArray broken = csv;
        broken.replace("\"10000000\"", "\"ten million\"");
        const auto bad = scenarioFromCsv(broken, u"s.csv"_s);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().contains(u"line 2"_s) && bad.error().contains(u"input_tokens"_s),
                 qPrintable(bad.error()));
    }

    void csv_obeysTheJsonRules()
    {
        // Found by fuzz_scenario_csv: a CSV took what a JSON scenario refuses, and kept text the
        // JSON reader trims, so the same scenario read two ways gave two answers.
        const Scenario s = migrationScenario(ProjectionMethod::Percent);
        const QByteArray csv = scenarioToCsv(s, calculate(s, relayPrices()));
        const auto read = [&](const QByteArray &from, const QByteArray &to) {
            QByteArray changed = csv;
            Q_ASSERT(changed.contains(from));
            changed.replace(from, to);
            return scenarioFromCsv(changed, u"s.csv"_s);
        };
        const auto padded = read("\"gpt-4o\"", "\"  gpt-4o \"");
        QVERIFY(padded.ok());
        QCOMPARE(padded->rows.at(0).model, u"gpt-4o"_s);
        QCOMPARE(*padded, *Scenario::fromJson(padded->toJson(), u"s.json"_s));
        const auto tooMany = read("\"10000000\"", "\"1000000000000000001\"");
        QVERIFY(!tooMany.ok());
        QVERIFY2(tooMany.error().contains(u"input_tokens"_s), qPrintable(tooMany.error()));
        const auto noModel = read("\"gpt-4o\"", "\"\"");
        QVERIFY(!noModel.ok());
        QVERIFY2(noModel.error().contains(u"model"_s), qPrintable(noModel.error()));
        QVERIFY(!read("\"-90\"", "\"20000\"").ok()); // change_percent beyond 10,000 %
    }

    void priceTable_shipped_isValidAndDated()
    {
        const PriceTable t = PriceTable::shipped();
        QVERIFY(t.entries.size() >= 10);
        QVERIFY(!t.version.isEmpty());
        for (const PriceEntry &e : t.entries) {
            QVERIFY2(!e.source.isEmpty() && !e.readOn.isEmpty(), qPrintable(e.model));
            QVERIFY(e.inputPerMTok > Money());
        }
        const auto sonnet = t.find(u"Claude-Sonnet-4-5"_s);
        QVERIFY(sonnet.ok());
        QCOMPARE(sonnet->outputPerMTok, usd("15"));
        // gpt-4o is listed by OpenAI and by a relay: the provider must be named.
        const auto ambiguous = t.find(u"gpt-4o"_s);
        QVERIFY(!ambiguous.ok());
        QVERIFY(ambiguous.error().contains(u"several providers"_s));
        // A CNY-priced row is converted at the table's rate: ¥2.50 / 7.3 = $0.342466 (to the micro-dollar).
        const auto relay = t.find(u"gpt-4o"_s, u"example-relay-cny"_s);
        QVERIFY(relay.ok());
        QCOMPARE(relay->currency, u"USD"_s);
        QCOMPARE(relay->inputPerMTok, usd("0.342466"));
        QCOMPARE(PriceTable::fromJson(t.toJson(), u"x"_s).value(), t);
        // A tier written without a price stays without one (the table keeps pricing it).
        ChainConfig c = ChainConfig::builtinSimulated();
        c.tiers[0].hasPrice = false;
        const auto back = ConfigParser::parse(ConfigParser::toJson(c), u"c.json"_s);
        QVERIFY(back.ok());
        QVERIFY(!back->tiers.at(0).hasPrice);
        QVERIFY(back->tiers.at(1).hasPrice);
    }

    void priceTable_pricesUnpricedTiers_andAConfigPriceWins()
    {
        const PriceTable t = PriceTable::shipped();
        ChainConfig c;
        TierConfig a;
        a.name = u"a"_s;
        a.provider = u"anthropic"_s;
        a.model = u"claude-haiku-4-5"_s;
        a.hasPrice = false; // no price in the file: the table's
        TierConfig b = a;
        b.name = u"b"_s;
        b.hasPrice = true; // a price in the file: it stays, even if 0 (a free local model)
        TierConfig unknown = a;
        unknown.name = u"local"_s;
        unknown.model = u"llama3"_s;
        c.tiers = {a, b, unknown};
        QCOMPARE(t.fillTierPrices(c), QStringList{u"local"_s});
        QCOMPARE(c.tiers.at(0).inputPricePerMTok, usd("1"));
        QCOMPARE(c.tiers.at(0).outputPricePerMTok, usd("5"));
        QCOMPARE(c.tiers.at(1).inputPricePerMTok, Money());
        // The calculator sees the config's price for that model through that provider.
        const auto priced = t.withTierPrices(c).find(u"claude-haiku-4-5"_s, u"anthropic"_s);
        QVERIFY(priced.ok());
        QCOMPARE(priced->inputPerMTok, Money());
    }

    void priceTable_userEdits_areSavedApart_andABadFileFallsBack()
    {
        QTemporaryDir dir;
        const QString user = dir.filePath(u"prices.json"_s);
        PriceTable t = PriceTable::shipped();
        t.entries[0].inputPerMTok = usd("1.23");
        QString error;
        QVERIFY(t.save(user, &error));
        QCOMPARE(PriceTable::load(user, &error).entries.at(0).inputPerMTok, usd("1.23"));
        QVERIFY(PriceTable::shipped().entries.at(0).inputPerMTok != usd("1.23")); // shipped untouched

        QFile f(user);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"format\":1,\"version\":\"x\",\"entries\":[{\"model\":\"m\",\"provider\":\"p\",\"input_"
                "per_mtok\":\"-1\"}]}");
        f.close();
        error.clear();
        const PriceTable loaded = PriceTable::load(user, &error);
        QCOMPARE(loaded, PriceTable::shipped());
        QVERIFY2(error.contains(u"entries[0].input_per_mtok"_s), qPrintable(error));
        QVERIFY(QFile::exists(user)); // the user's file is left for them to fix
    }
};

QTEST_GUILESS_MAIN(TestCost)
#include "test_cost.moc"
