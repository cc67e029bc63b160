// Spend tracking: per attempt into the store, per tier and provider, against the primary tier,
// and the monthly budget's alerts and cheaper-tiers policy.

#include "cost/spendtracker.h"
#include "degrade/degradationcontroller.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "health/healthmonitor.h"
#include "mockclock.h"
#include "store/conversationstore.h"
#include "testutil.h"
#include "transport/transport.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

namespace {

SpendRecord spent(const MockClock &clock, const QString &tier, qint64 micros)
{
    SpendRecord r;
    r.atMs = clock.wallNow().toMSecsSinceEpoch();
    r.tier = tier;
    r.provider = u"p-"_s + tier;
    r.model = u"m"_s;
    r.inputTokens = 1000;
    r.cost = Money::fromMicros(micros);
    r.primaryCost = Money::fromMicros(micros * 10);
    return r;
}

} // namespace

class TestSpend : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC"); // months and days in local time: fix the zone for the arithmetic below
        QStandardPaths::setTestModeEnabled(true);
    }

    void everyAttempt_isRecorded_perTierAndProvider_againstThePrimary()
    {
        FakeTrio trio;
        ChainConfig config = TestUtil::chainOver(trio.all(), Format::OpenAi);
        config.tiers[0].inputPricePerMTok = Money::fromDollars(10); // the primary: dear
        config.tiers[0].outputPricePerMTok = Money::fromDollars(30);
        config.tiers[1].inputPricePerMTok = Money::fromDollars(1);
        config.tiers[1].outputPricePerMTok = Money::fromDollars(3);
        Transport transport;
        SystemClock clock;
        ChatEngine engine(transport, nullptr, clock);
        engine.setConfig(config);
        ConversationStore store;
        store.open(u":memory:"_s, nullptr, {});
        QTRY_VERIFY(store.isOpen());
        SpendTracker tracker(engine, &store, clock);

        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        request.chain = {u"t1"_s}; // answered by the cheaper tier
        ChatRun *run = engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        QVERIFY(finished.wait(10'000));
        const ChatResult result = finished.first().first().value<ChatResult>();
        QVERIFY(result.usage.total() > 0);

        const SpendSummary s = tracker.summary();
        QCOMPARE(s.total.monthAttempts, 1);
        QCOMPARE(s.total.month, result.cost);
        QCOMPARE(s.total.today, result.cost);
        QCOMPARE(s.byTier.value(u"t1"_s).month, result.cost);
        QCOMPARE(s.byProvider.size(), 1);
        const Money onPrimary = Money::costOf(result.usage.inputTokens, Money::fromDollars(10)) +
                                Money::costOf(result.usage.outputTokens, Money::fromDollars(30));
        QCOMPARE(s.total.monthPrimaryCost, onPrimary);
        QCOMPARE(s.monthSavings(), onPrimary - result.cost);
        QVERIFY(s.monthSavings() > Money());

        // It is in the store (records go in batches: hand this one over now), and a restart reads
        // it back (once).
        tracker.flush();
        QList<SpendRecord> stored;
        store.loadSpend(0, std::numeric_limits<qint64>::max(), this,
                        [&stored](const QList<SpendRecord> &r) { stored = r; });
        QTRY_COMPARE(stored.size(), 1);
        QCOMPARE(stored.first().cost, result.cost);
        SpendTracker restarted(engine, &store, clock);
        QSignalSpy changed(&restarted, &SpendTracker::changed);
        restarted.loadFromStore();
        QVERIFY(changed.wait(5000));
        QCOMPARE(restarted.summary().total.month, result.cost);
        QCOMPARE(restarted.summary().total.monthAttempts, 1);

        // "From my usage": per model, with the tier's price now.
        QList<ModelUsage> usage;
        restarted.usageByModel(30, this, [&usage](const QList<ModelUsage> &u) { usage = u; });
        QTRY_COMPARE(usage.size(), 1);
        QCOMPARE(usage.first().tier, u"t1"_s);
        QCOMPARE(usage.first().inputTokens, result.usage.inputTokens);
        QCOMPARE(usage.first().inputPricePerMTok, Money::fromDollars(1));
    }

    // A restart reads the month back as daily rows: the totals equal the sum of the stored records,
    // whatever the days, tiers and models, and a record made while the month loads counts once.
    void totalsAfterRestart_equalTheSumOfTheStoredRows()
    {
        QTemporaryDir dir;
        Transport transport;
        MockClock clock; // 2026-01-01 00:00
        ChatEngine engine(transport, nullptr, clock);
        ConversationStore store;
        store.open(dir.filePath(u"spend.sqlite"_s), nullptr, {});
        QTRY_VERIFY(store.isOpen());
        SpendTracker tracker(engine, &store, clock);
        QRandomGenerator rng(7);
        const QStringList tiers{u"a"_s, u"b"_s, u"c"_s};
        const auto attempt = [&rng, &tiers] {
            AttemptRecord a;
            a.tier = tiers.at(int(rng.bounded(3)));
            a.provider = u"p-"_s + a.tier;
            a.model = u"m%1"_s.arg(rng.bounded(4));
            a.outcome = AttemptRecord::Outcome::Success;
            a.usage = Usage{rng.bounded(1, 5000), rng.bounded(1, 2000), false};
            a.cost = Money::fromMicros(rng.bounded(1, 90'000));
            return a;
        };
        for (int i = 0; i < 5000; ++i) {
            clock.advance(qint64(rng.bounded(1, 600)) * 1000); // about 17 days in all
            emit engine.attemptFinished(attempt());
        }
        QVERIFY(clock.wallNow().date() < QDate(2026, 1, 31));
        const SpendSummary before = tracker.summary();
        tracker.flush();
        QList<SpendRecord> rows;
        store.loadSpend(0, std::numeric_limits<qint64>::max(), this,
                        [&rows](const QList<SpendRecord> &r) { rows = r; });
        QTRY_COMPARE(rows.size(), 5000);
        Money stored;
        Money storedPrimary;
        qint64 storedIn = 0;
        Money storedToday;
        QHash<QString, Money> byTier;
        for (const SpendRecord &r : std::as_const(rows)) {
            stored += r.cost;
            storedPrimary += r.primaryCost;
            storedIn += r.inputTokens;
            byTier[r.tier] += r.cost;
            if (QDateTime::fromMSecsSinceEpoch(r.atMs).date() == clock.wallNow().date())
                storedToday += r.cost;
        }
        QCOMPARE(before.total.month, stored);

        SpendTracker restarted(engine, &store, clock);
        QSignalSpy changed(&restarted, &SpendTracker::changed);
        restarted.loadFromStore();
        AttemptRecord late = attempt(); // made while the month is being read
        late.cost = Money::fromMicros(123);
        emit engine.attemptFinished(late); // the first tracker sees it too: it stores it as well
        QTRY_VERIFY(changed.size() >= 2);
        const SpendSummary s = restarted.summary();
        QCOMPARE(s.total.month, stored + late.cost);
        QCOMPARE(s.total.monthInputTokens, storedIn + late.usage.inputTokens);
        QCOMPARE(s.total.monthAttempts, 5001);
        QCOMPARE(s.total.today, storedToday + late.cost);
        QCOMPARE(restarted.monthSpent(), stored + late.cost);
        for (const QString &tier : tiers)
            QCOMPARE(s.byTier.value(tier).month,
                     byTier.value(tier) + (late.tier == tier ? late.cost : Money()));
        QVERIFY(s.total.monthPrimaryCost >= storedPrimary);
        // Both trackers store the late record once each: 5002 rows.
        restarted.flush();
        tracker.flush();
        rows.clear();
        store.loadSpend(0, std::numeric_limits<qint64>::max(), this,
                        [&rows](const QList<SpendRecord> &r) { rows = r; });
        QTRY_COMPARE(rows.size(), 5002);
    }

    void budget_alertsAt50_80_100_oncePerMonth()
    {
        Transport transport;
        MockClock clock;
        clock.advance(10LL * 24 * 3600 * 1000); // 2026-01-11
        ChatEngine engine(transport, nullptr, clock);
        SpendTracker tracker(engine, nullptr, clock);
        QSignalSpy alerts(&tracker, &SpendTracker::budgetAlert);
        QSignalSpy over(&tracker, &SpendTracker::overBudgetChanged);
        tracker.setBudget(Money::fromDollars(10), true);
        QCOMPARE(alerts.size(), 0);

        tracker.record(spent(clock, u"a"_s, 4'000'000)); // 40 %
        QCOMPARE(alerts.size(), 0);
        tracker.record(spent(clock, u"a"_s, 1'000'000)); // exactly 50 %
        QCOMPARE(alerts.size(), 1);
        QVERIFY(alerts.last().first().value<AlertEvent>().summary.contains(u"50 %"_s));
        tracker.record(spent(clock, u"b"_s, 100'000)); // 51 %: no new alert
        QCOMPARE(alerts.size(), 1);
        tracker.record(spent(clock, u"b"_s, 3'900'000)); // 90 %: 80 % crossed
        QCOMPARE(alerts.size(), 2);
        QVERIFY(alerts.last().first().value<AlertEvent>().summary.contains(u"80 %"_s));
        QVERIFY(!tracker.overBudget());
        QCOMPARE(tracker.budgetUsedText(), u"90.0"_s);
        tracker.record(spent(clock, u"b"_s, 1'500'000)); // 105 %
        QCOMPARE(alerts.size(), 3);
        const AlertEvent last = alerts.last().first().value<AlertEvent>();
        QVERIFY(last.critical);
        QVERIFY(last.detail.contains(u"$10.50 of $10.00"_s));
        QVERIFY(tracker.overBudget());
        QVERIFY(!over.isEmpty() && over.last().first().toBool());
        tracker.record(spent(clock, u"b"_s, 1'000'000));
        QCOMPARE(alerts.size(), 3); // once per threshold

        // A new month starts from zero: the spend, the alerts and the policy.
        clock.advance(25LL * 24 * 3600 * 1000); // 2026-02-05
        tracker.record(spent(clock, u"a"_s, 2'000'000));
        QCOMPARE(tracker.summary().total.month, Money::fromDollars(2));
        QVERIFY(!tracker.overBudget());
        QVERIFY(!over.last().first().toBool());
        QCOMPARE(alerts.size(), 3);
        tracker.record(spent(clock, u"a"_s, 3'000'000));
        QCOMPARE(alerts.size(), 4);
    }

    void weekAndDay_areCalendarPeriods()
    {
        Transport transport;
        MockClock clock; // Thursday 2026-01-01 00:00
        ChatEngine engine(transport, nullptr, clock);
        SpendTracker tracker(engine, nullptr, clock);
        clock.advance(3LL * 24 * 3600 * 1000 + 3600'000); // Sunday 2026-01-04 01:00
        tracker.record(spent(clock, u"a"_s, 1'000'000));
        clock.advance(24LL * 3600 * 1000); // Monday: a new week
        tracker.record(spent(clock, u"a"_s, 2'000'000));
        clock.advance(24LL * 3600 * 1000); // Tuesday
        tracker.record(spent(clock, u"a"_s, 4'000'000));
        const SpendTotals t = tracker.summary().total;
        QCOMPARE(t.today, Money::fromDollars(4));
        QCOMPARE(t.week, Money::fromDollars(6));
        QCOMPARE(t.month, Money::fromDollars(7));
    }

    void overBudget_policy_movesNormalAndLowToCheaperTiers()
    {
        FakeTrio trio;
        ChainConfig config = TestUtil::chainOver(trio.all(), Format::OpenAi);
        config.tiers[0].inputPricePerMTok = Money::fromDollars(10);
        config.tiers[1].inputPricePerMTok = Money::fromDollars(5);
        config.tiers[2].inputPricePerMTok = Money::fromMicros(100'000);
        Transport transport;
        SystemClock clock;
        ChatEngine engine(transport, nullptr, clock);
        engine.setConfig(config);
        HealthMonitor health(engine);
        DegradationController degradation(health, nullptr, clock);
        degradation.setConfig(config);
        ChatRequest request;
        request.messages = {{Role::User, u"hi"_s}};
        QCOMPARE(degradation.shape(request, config).request.chain, QStringList());

        degradation.setPreferCheaperTiers(true);
        const QStringList cheapest{u"t2"_s, u"t1"_s, u"t0"_s};
        QCOMPARE(degradation.shape(request, config).request.chain, cheapest);
        request.priority = Priority::Low;
        QCOMPARE(degradation.shape(request, config).request.chain, cheapest);
        request.priority = Priority::High; // high priority keeps the configured order
        QCOMPARE(degradation.shape(request, config).request.chain, QStringList());
    }
};

QTEST_GUILESS_MAIN(TestSpend)
#include "test_spend.moc"
