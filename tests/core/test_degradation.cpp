// Health, degradation levels, the response cache and rules, and hedging: the parts that keep users
// answered when tiers fail or slow down.

#include "degrade/degradationcontroller.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "health/healthmonitor.h"
#include "mockclock.h"
#include "testutil.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

Q_DECLARE_METATYPE(HealthStatus)
Q_DECLARE_METATYPE(Priority)
Q_DECLARE_METATYPE(DegradationLevel)

namespace {

AttemptRecord attempt(const QString &tier, bool ok, qint64 ttftMs = 100, qint64 durationMs = 300)
{
    AttemptRecord a;
    a.tier = tier;
    a.outcome = ok ? AttemptRecord::Outcome::Success : AttemptRecord::Outcome::Failed;
    a.error = ok ? ErrorClass::None : ErrorClass::Overloaded;
    a.ttftMs = ok ? ttftMs : -1;
    a.durationMs = durationMs;
    return a;
}

// Three fake providers as tiers t0..t2, with health, degradation and an in-memory cache wired in.
struct Rig : FakeTrio
{
    explicit Rig(const Clock &clockRef = systemClock())
        : engine(transport, nullptr, clockRef)
        , health(engine)
        , degradation(health, &cache, clockRef)
    {
        cache.open(u":memory:"_s);
        config = TestUtil::chainOver({&a, &b, &c}, Format::OpenAi);
        engine.setTierAdvisor(&health);
        engine.setRequestPolicy(&degradation);
        apply();
    }
    ~Rig()
    {
        engine.setRequestPolicy(nullptr);
        engine.setTierAdvisor(nullptr);
    }
    void apply()
    {
        engine.setConfig(config);
        degradation.setConfig(config);
    }
    ChatResult ask(const QString &text = u"hello"_s, Priority priority = Priority::Normal)
    {
        ChatRequest request;
        request.messages = {{Role::System, u"be brief"_s},
                            {Role::User, u"earlier"_s},
                            {Role::Assistant, u"sure"_s},
                            {Role::User, text}};
        request.priority = priority;
        ChatRun *run = engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        if (!finished.wait(15'000)) {
            QTest::qFail("timed out waiting for the request to finish", __FILE__, __LINE__);
            return {};
        }
        return finished.first().first().value<ChatResult>();
    }
    static const Clock &systemClock()
    {
        static SystemClock clock;
        return clock;
    }

    Transport transport;
    ChatEngine engine;
    HealthMonitor health;
    ResponseCache cache;
    DegradationController degradation;
    ChainConfig config;
};

} // namespace

class TestDegradation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qRegisterMetaType<SystemHealth>();
        qRegisterMetaType<LevelChange>();
    }

    // ---- the pure choice -------------------------------------------------------------------------
    void choose_data()
    {
        QTest::addColumn<HealthStatus>("status");
        QTest::addColumn<Priority>("priority");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<DegradationLevel>("level");
        QTest::newRow("healthy high")
            << HealthStatus::Healthy << Priority::High << true << DegradationLevel::Full;
        QTest::newRow("healthy low") << HealthStatus::Healthy << Priority::Low << true
                                     << DegradationLevel::Full;
        QTest::newRow("degraded high")
            << HealthStatus::Degraded << Priority::High << true << DegradationLevel::Reduced;
        QTest::newRow("degraded normal")
            << HealthStatus::Degraded << Priority::Normal << true << DegradationLevel::Minimal;
        QTest::newRow("degraded low")
            << HealthStatus::Degraded << Priority::Low << true << DegradationLevel::Minimal;
        QTest::newRow("critical high")
            << HealthStatus::Critical << Priority::High << true << DegradationLevel::Fallback;
        QTest::newRow("critical normal")
            << HealthStatus::Critical << Priority::Normal << true << DegradationLevel::Fallback;
        QTest::newRow("disabled") << HealthStatus::Critical << Priority::Normal << false
                                  << DegradationLevel::Full;
    }
    void choose()
    {
        QFETCH(HealthStatus, status);
        QFETCH(Priority, priority);
        QFETCH(bool, enabled);
        QFETCH(DegradationLevel, level);
        QCOMPARE(DegradationController::choose(status, priority, enabled), level);
    }

    // ---- passive health, on a mock clock -------------------------------------------------------
    void health_fromRealTraffic_entersAndLeavesDegraded()
    {
        MockClock clock;
        Rig rig(clock);
        QSignalSpy changes(&rig.health, &HealthMonitor::healthChanged);
        QSignalSpy levels(&rig.degradation, &DegradationController::levelChanged);
        QCOMPARE(rig.health.lastHealth().status, HealthStatus::Healthy);
        QCOMPARE(rig.degradation.systemLevel(), DegradationLevel::Full);
        // The primary fails 4 of 6 requests: success 33 % < 50 % -> down; the system is degraded.
        for (bool ok : {true, false, true, false, false, false})
            emit rig.engine.attemptFinished(attempt(u"t0"_s, ok));
        TierHealth t0 = rig.health.tierHealth(u"t0"_s);
        QCOMPARE(t0.status, TierStatus::Down);
        QCOMPARE(t0.requests, 6);
        QCOMPARE(t0.successRate, 2.0 / 6.0);
        QVERIFY(t0.reason.contains(u"33%"_s));
        QCOMPARE(rig.health.lastHealth().status, HealthStatus::Degraded);
        QCOMPARE(rig.health.lastHealth().recommendedTier, u"t1"_s);
        QVERIFY(!changes.isEmpty());
        QCOMPARE(rig.degradation.systemLevel(), DegradationLevel::Minimal);
        QCOMPARE(rig.degradation.levelFor(Priority::High), DegradationLevel::Reduced);
        QCOMPARE(levels.size(), 1);
        QCOMPARE(levels.first().first().value<LevelChange>().to, DegradationLevel::Minimal);
        // The window slides past the failures: back to healthy, back to FULL, by itself.
        clock.advance(301'000);
        rig.health.setProbing(false);
        QMetaObject::invokeMethod(&rig.health, [&] { emit rig.engine.breakerChanged({}); });
        QTRY_COMPARE(rig.health.lastHealth().status, HealthStatus::Healthy);
        QCOMPARE(rig.degradation.systemLevel(), DegradationLevel::Full);
        QCOMPARE(levels.size(), 2);
        QCOMPARE(levels.last().first().value<LevelChange>().to, DegradationLevel::Full);
    }

    void health_percentilesAndSlowTiers()
    {
        MockClock clock;
        Rig rig(clock);
        rig.config.strategy.latencyThresholdMs = 500;
        rig.apply();
        for (int i = 1; i <= 20; ++i)
            emit rig.engine.attemptFinished(attempt(u"t0"_s, true, i * 50, i * 100)); // ttft 50..1000 ms
        const TierHealth t = rig.health.tierHealth(u"t0"_s);
        // Percentiles come from fixed buckets: within one bucket of the exact value.
        const auto sameBucket = [](qint64 reported, qint64 exact) {
            return LatencyHistogram::bucketOf(reported) == LatencyHistogram::bucketOf(exact);
        };
        QVERIFY(sameBucket(t.p50TtftMs, 500));
        QVERIFY(sameBucket(t.p95TtftMs, 950));
        QVERIFY(sameBucket(t.p50LatencyMs, 1000));
        QCOMPARE(t.status, TierStatus::Degraded);
        QVERIFY(rig.health.isTooSlow(u"t0"_s, 500));
        QVERIFY(!rig.health.isTooSlow(u"t0"_s, 2000));
        QVERIFY(!rig.health.isTooSlow(u"t1"_s, 500)); // no data: not judged
        for (int i = 0; i < 10; ++i)
            emit rig.engine.attemptFinished(attempt(u"t2"_s, true, 20));
        QCOMPARE(rig.health.fastestFirst({u"t0"_s, u"t1"_s, u"t2"_s}),
                 QStringList({u"t2"_s, u"t0"_s, u"t1"_s}));
        QCOMPARE(rig.health.healthyFirst({u"t0"_s, u"t1"_s, u"t2"_s}),
                 QStringList({u"t1"_s, u"t2"_s, u"t0"_s}));
    }

    void health_changeEventsOnlyForRealChanges()
    {
        MockClock clock;
        Rig rig(clock);
        QSignalSpy changes(&rig.health, &HealthMonitor::healthChanged);
        rig.engine.tierStateStoreForTests().forceOpen(u"t0"_s, clock.nowMs(), 60'000, ErrorClass::Overloaded);
        emit rig.engine.breakerChanged({});
        QCOMPARE(changes.size(), 1);
        for (int i = 0; i < 5;
             ++i) { // the cooldown counts down: the reason's figures move, the verdict does not
            clock.advance(1000);
            emit rig.engine.breakerChanged({});
        }
        QCOMPARE(changes.size(), 1);
        QVERIFY(rig.health.health().reasons.first().contains(u"breaker open"_s));
    }

    void health_criticalWhenEveryTierIsDown()
    {
        MockClock clock;
        Rig rig(clock);
        for (const QString &tier : {u"t0"_s, u"t1"_s, u"t2"_s})
            rig.engine.tierStateStoreForTests().forceOpen(tier, clock.nowMs(), 60'000,
                                                          ErrorClass::Overloaded);
        const SystemHealth h = rig.health.health();
        QCOMPARE(h.status, HealthStatus::Critical);
        QCOMPARE(h.reasons.size(), 3);
        QVERIFY(h.reasons.first().contains(u"breaker open"_s));
        QVERIFY(h.recommendedTier.isEmpty());
        const QJsonObject json = HealthJson::toJson(h);
        QCOMPARE(json.value("status"_L1).toString(), u"critical"_s);
    }

    // ---- levels applied to requests, through the real engine -----------------------------------
    void minimalLevel_sendsSystemAndLastTurn_shortAnswers()
    {
        Rig rig;
        rig.degradation.pin(DegradationLevel::Minimal);
        const ChatResult r = rig.ask(u"the question"_s);
        QVERIFY(r.complete);
        QCOMPARE(r.level, DegradationLevel::Minimal);
        const QJsonObject sent = QJsonDocument::fromJson(rig.a.requests().last().body).object();
        const QJsonArray messages = sent.value("messages"_L1).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value("role"_L1).toString(), u"system"_s);
        QCOMPARE(messages.at(1).toObject().value("content"_L1).toString(), u"the question"_s);
        QCOMPARE(sent.value("max_tokens"_L1).toInt(), rig.config.degradation.minimalMaxTokens);
    }

    void reducedLevel_trimsContextToAShareOfTheWindow()
    {
        Rig rig;
        rig.config.tiers[0].contextWindow = 1200;
        rig.config.tiers[0].maxOutputTokens = 100;
        rig.apply();
        rig.degradation.pin(DegradationLevel::Reduced);
        ChatRequest request;
        request.messages << ChatMessage{Role::System, u"be brief"_s};
        for (int i = 0; i < 60; ++i)
            request.messages << ChatMessage{i % 2 ? Role::Assistant : Role::User,
                                            QString(100, u'x') + QString::number(i)};
        ChatRun *run = rig.engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        QVERIFY(finished.wait(10'000));
        const ChatResult r = finished.first().first().value<ChatResult>();
        QVERIFY(r.complete);
        QCOMPARE(r.level, DegradationLevel::Reduced);
        QVERIFY(r.contextReduced);
        QVERIFY(r.droppedMessages > 40);
        const QJsonArray sent =
            QJsonDocument::fromJson(rig.a.requests().last().body).object().value("messages"_L1).toArray();
        QCOMPARE(sent.first().toObject().value("content"_L1).toString(), u"be brief"_s);
        QVERIFY(sent.last().toObject().value("content"_L1).toString().endsWith(u"59"_s));
    }

    void fullLevel_trimsOnlyWhenTheTierWindowIsTooSmall()
    {
        Rig rig;
        rig.config.tiers[0].contextWindow = 400;
        rig.config.tiers[0].maxOutputTokens = 100;
        rig.apply();
        ChatRequest request;
        for (int i = 0; i < 20; ++i)
            request.messages << ChatMessage{i % 2 ? Role::Assistant : Role::User, QString(200, u'y')};
        ChatRun *run = rig.engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        QVERIFY(finished.wait(10'000));
        const ChatResult r = finished.first().first().value<ChatResult>();
        QCOMPARE(r.level, DegradationLevel::Full);
        QVERIFY(r.contextReduced);
        QCOMPARE(rig.ask().contextReduced, false); // a short conversation is sent whole
    }

    // ---- recovery, with degradation on (the default) ----------------------------------------------
    // The primary fails until its breaker opens and the level drops to MINIMAL, which puts the
    // fastest tier first; once the primary answers again its trial still goes first, it gets its
    // traffic back and the level returns to FULL: recovery is not starved by the level's order.
    void recovery_primaryGetsItsTrafficBack_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("retryAfter");
        QTest::newRow("503") << 503 << QString();
        QTest::newRow("429 + Retry-After 30 s") << 429 << u"30"_s;
    }
    void recovery_primaryGetsItsTrafficBack()
    {
        QFETCH(int, status);
        QFETCH(QString, retryAfter);
        JumpClock clock;
        Rig rig(clock);
        rig.config.strategy.breaker.cooldownMs = 30'000;
        rig.apply();
        QVERIFY(rig.config.strategy.degradationEnabled);
        FakeFault down;
        down.status = status;
        down.retryAfter = retryAfter;
        rig.a.setFault(down);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(rig.ask(u"question %1"_s.arg(i)).tier, u"t1"_s);
        QCOMPARE(rig.degradation.systemLevel(), DegradationLevel::Minimal);
        // Its trial comes while it still fails: the request is served by t1, the primary stays out.
        clock.jump(30'000);
        QCOMPARE(rig.ask(u"too early"_s).tier, u"t1"_s);
        QVERIFY(rig.engine.tierState(u"t0"_s).breaker != CircuitBreaker::State::Closed ||
                rig.engine.tierState(u"t0"_s).rateLimitedUntilMs > clock.nowMs());
        const int sentWhileDown = rig.a.requestCount();

        rig.a.setFault({}); // the primary is back; its breaker and Retry-After run out
        clock.jump(30'000);
        QStringList answeredBy;
        for (int i = 0; i < 5; ++i)
            answeredBy << rig.ask(u"after %1"_s.arg(i)).tier;
        QCOMPARE(answeredBy, QStringList(5, u"t0"_s));
        QCOMPARE(rig.a.requestCount(), sentWhileDown + 5);
        QCOMPARE(rig.engine.tierState(u"t0"_s).breaker, CircuitBreaker::State::Closed);
        QVERIFY2(rig.health.lastHealth().status == HealthStatus::Healthy,
                 qPrintable(rig.health.lastHealth().reasons.join(u"; "_s)));
        QCOMPARE(rig.degradation.systemLevel(), DegradationLevel::Full);
    }

    // A tier passed over for slowness gets one request now and then to show it is fast again.
    void recovery_slowTierGetsATrial()
    {
        JumpClock clock;
        Rig rig(clock);
        rig.config.strategy.latencyThresholdMs = 300;
        rig.config.strategy.hedging.maxShare = 0; // no hedge: the slow answers are measured whole
        rig.config.strategy.breaker.cooldownMs = 30'000;
        rig.apply();
        rig.config.health.minSamples = 3;
        rig.apply();
        FakeFault slow;
        slow.ttftMs = 600;
        rig.a.setFault(slow);
        for (int i = 0; i < 3; ++i)
            rig.ask(u"slow %1"_s.arg(i));
        QVERIFY(rig.health.isTooSlow(u"t0"_s, 300));
        const int sent = rig.a.requestCount();
        QCOMPARE(rig.ask(u"passed over"_s).tier, u"t1"_s);
        QCOMPARE(rig.a.requestCount(), sent); // passed over: not even tried

        // A trial that comes back slow proves nothing: passed over again until the next cooldown.
        clock.jump(30'000);
        QCOMPARE(rig.ask(u"slow trial"_s).tier, u"t0"_s);
        QCOMPARE(rig.ask(u"passed over again"_s).tier, u"t1"_s);

        rig.a.setFault({}); // fast again
        clock.jump(30'000);
        QCOMPARE(rig.ask(u"trial"_s).tier, u"t0"_s);
        QVERIFY(!rig.health.isTooSlow(u"t0"_s, 300));
        QCOMPARE(rig.ask(u"next"_s).tier, u"t0"_s);
    }

    // ---- FALLBACK: answers when every tier is down -----------------------------------------------
    void everyTierDown_cachedAnswerServedAndLabelled()
    {
        Rig rig;
        const ChatResult first = rig.ask(u"what is our SLA?"_s);
        QVERIFY(first.complete);
        QCOMPARE(rig.cache.size(), 1);
        FakeFault down;
        down.status = 503;
        for (FakeProviderServer *s : {&rig.a, &rig.b, &rig.c})
            s->setFault(down);
        const ChatResult r = rig.ask(u"what is our SLA?"_s);
        QVERIFY(r.complete);
        QCOMPARE(r.source, AnswerSource::Cache);
        QCOMPARE(r.content, first.content);
        QVERIFY(r.sourceDetail.contains(u"every tier failed"_s));
        QVERIFY(r.sourceDetail.contains(u"response cache"_s));
        QVERIFY(r.tier.isEmpty()); // no tier answered this time
        QCOMPARE(r.attempts.size(), 9);
        // A question never asked before gets no cached answer: the failure is reported as it is.
        const ChatResult miss = rig.ask(u"something new"_s);
        QVERIFY(!miss.complete);
        QCOMPARE(miss.source, AnswerSource::Model);
    }

    void everyTierDown_ruleAnswers()
    {
        QTemporaryDir dir;
        QFile rules(dir.filePath(u"rules.json"_s));
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write("{\"rules\": [{\"name\": \"status page\", \"pattern\": \"\\\\bstatus\\\\b\", \"answer\": "
                    "\"See status.example.org.\"}]}");
        rules.close();
        Rig rig;
        rig.config.degradation.rulesFile = u"rules.json"_s;
        rig.config.sourceDir = dir.path();
        rig.apply();
        QCOMPARE(rig.degradation.ruleCount(), 1);
        rig.degradation.pin(DegradationLevel::Fallback);
        const ChatResult r = rig.ask(u"What is the STATUS of the service?"_s);
        QVERIFY(r.complete);
        QCOMPARE(r.source, AnswerSource::Rule);
        QCOMPARE(r.content, u"See status.example.org."_s);
        QVERIFY(r.sourceDetail.contains(u"status page"_s));
        QCOMPARE(r.level, DegradationLevel::Fallback);
        QCOMPARE(rig.a.requestCount(), 0); // no model call at all
        // FALLBACK with nothing prepared still tries the chain, as lightly as possible.
        const ChatResult tried = rig.ask(u"unrelated"_s);
        QVERIFY(tried.complete);
        QCOMPARE(tried.level, DegradationLevel::Minimal);
        QCOMPARE(tried.source, AnswerSource::Model);
    }

    void badRulesFile_isRefusedWithKeyAndReason()
    {
        const auto bad =
            RuleSet::parse("{\"rules\": [{\"pattern\": \"(unclosed\", \"answer\": \"x\"}]}", u"r.json"_s);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().key, u"rules[0].pattern"_s);
        QVERIFY(bad.error().reason.contains(u"regular expression"_s));
        QVERIFY(!RuleSet::parse("{\"rules\": [{\"pattern\": \"x\", \"answer\": \"\"}]}").ok());
        QVERIFY(!RuleSet::parse("not json").ok());
    }

    void cache_boundedAndExpires()
    {
        ResponseCache cache;
        QVERIFY(cache.open(u":memory:"_s).ok());
        cache.setLimits(3, 60);
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 5; ++i)
            cache.store({{Role::User, u"q%1"_s.arg(i)}}, {u"a%1"_s.arg(i), u"m"_s, u"t"_s, t0.addSecs(i), 0});
        QCOMPARE(cache.size(), 3); // the oldest went
        QVERIFY(!cache.lookup({{Role::User, u"q0"_s}}, t0.addSecs(5)));
        QCOMPARE(cache.lookup({{Role::User, u"  q4  "_s}}, t0.addSecs(5))->content,
                 u"a4"_s);                                                // normalised key
        QVERIFY(!cache.lookup({{Role::User, u"q4"_s}}, t0.addSecs(200))); // expired
    }

    // Written behind on the cache's thread, read back whole on the next open, least recently used
    // still first out.
    void cache_writtenBehind_readBackOnOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        {
            ResponseCache cache;
            QVERIFY(cache.open(path).ok());
            for (int i = 0; i < 4; ++i)
                cache.store({{Role::User, u"q%1"_s.arg(i)}},
                            {u"a%1"_s.arg(i), u"m"_s, u"t"_s, t0.addSecs(i), 0});
            QVERIFY(cache.lookup({{Role::User, u"q0"_s}}, t0.addSecs(10))); // q0 is now the newest used
            cache.flush();
        }
        ResponseCache cache;
        QVERIFY(cache.open(path).ok());
        QCOMPARE(cache.size(), 4);
        cache.setLimits(2, 3600); // q1 and q2 were used least recently
        QCOMPARE(cache.size(), 2);
        QVERIFY(!cache.lookup({{Role::User, u"q1"_s}}, t0.addSecs(20)));
        QVERIFY(!cache.lookup({{Role::User, u"q2"_s}}, t0.addSecs(20)));
        QCOMPARE(cache.lookup({{Role::User, u"q0"_s}}, t0.addSecs(20)).value_or(CachedAnswer()).hits, 2);
        QCOMPARE(cache.lookup({{Role::User, u"q3"_s}}, t0.addSecs(20)).value_or(CachedAnswer()).content,
                 u"a3"_s);
        cache.flush();
        ResponseCache reopened;
        QVERIFY(reopened.open(path).ok());
        QCOMPARE(reopened.size(), 2); // the trimmed rows were deleted from the file too
    }

    void cache_damagedFileIsMovedAsideNeverDeleted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'Z')); // not a database
        f.close();
        ResponseCache cache;
        QVERIFY(cache.open(path).ok());
        QVERIFY(cache.recoveryNote().contains(u"moved aside"_s));
        const QStringList aside = QDir(dir.path()).entryList({u"cache.sqlite.damaged-*"_s});
        QCOMPARE(aside.size(), 1);
        QFile kept(dir.filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray(4096, 'Z'));
        cache.store({{Role::User, u"q"_s}}, {u"a"_s, u"m"_s, u"t"_s, QDateTime::currentDateTimeUtc(), 0});
        QCOMPARE(cache.size(), 1);
    }

    // ---- hedging: the first token wins ---------------------------------------------------------
    void hedge_firstTokenWins_loserCancelledAndCharged()
    {
        Rig rig;
        rig.config.strategy.latencyThresholdMs = 150;
        rig.apply();
        FakeFault slow;
        slow.ttftMs = 3000;
        rig.a.setFault(slow);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QVERIFY(r.hedged);
        QCOMPARE(r.tier, u"t1"_s);
        // The hedge's token, not the slow one's (3 s): the first token wins.
        QVERIFY2(r.latencyMs < 3000, qPrintable(QString::number(r.latencyMs)));
        QVERIFY(r.ttftMs >= 150 && r.ttftMs < 3000);
        const AttemptRecord &loser = r.attempts.at(0);
        QCOMPARE(loser.tier, u"t0"_s);
        QCOMPARE(loser.outcome, AttemptRecord::Outcome::Cancelled);
        QVERIFY(loser.usage.estimated && loser.usage.inputTokens > 0);
        QVERIFY(loser.cost > Money()); // the hedge's price is counted, not hidden
        QVERIFY(r.cost > r.attempts.at(1).cost);
        QTRY_COMPARE(rig.a.abortedCount(), 1); // the loser's upstream request is closed
        QCOMPARE(r.events.size(), 1);
        QVERIFY(r.events.first().detail.startsWith(u"hedged"_s));
    }

    void hedge_primaryFirst_hedgeCancelled()
    {
        Rig rig;
        rig.config.strategy.latencyThresholdMs = 100;
        rig.apply();
        FakeFault late;
        late.ttftMs = 250;
        rig.a.setFault(late);
        FakeFault later;
        later.ttftMs = 3000;
        rig.b.setFault(later);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QVERIFY(r.hedged);
        QCOMPARE(r.tier, u"t0"_s);
        QCOMPARE(rig.b.requestCount(), 1);
        QTRY_COMPARE(rig.b.abortedCount(), 1);
        bool hedgeCancelled = false;
        for (const AttemptRecord &a : r.attempts)
            hedgeCancelled =
                hedgeCancelled || (a.tier == u"t1" && a.outcome == AttemptRecord::Outcome::Cancelled);
        QVERIFY(hedgeCancelled);
    }

    void hedge_notWhenFastOrDisabled_andCapped()
    {
        Rig rig;
        rig.config.strategy.latencyThresholdMs = 200;
        rig.apply();
        QVERIFY(!rig.ask().hedged); // fast primary: no hedge
        QCOMPARE(rig.b.requestCount(), 0);

        FakeFault slow;
        slow.ttftMs = 400;
        rig.a.setFault(slow);
        rig.config.strategy.hedging.enabled = false;
        rig.apply();
        ChatResult r = rig.ask();
        QVERIFY(!r.hedged);
        QCOMPARE(r.tier, u"t0"_s);

        // Capped: with a 20 % share, ten slow requests hedge at most twice.
        rig.config.strategy.hedging.enabled = true;
        rig.config.strategy.hedging.maxShare = 0.2;
        rig.config.health.minSamples = 1000; // keep the slow tier from being passed over
        rig.apply();
        int hedges = 0;
        for (int i = 0; i < 10; ++i)
            hedges += rig.ask().hedged ? 1 : 0;
        QVERIFY2(hedges >= 1 && hedges <= 2, qPrintable(QString::number(hedges)));
    }

    void slowTier_isPassedOverUntilItRecovers()
    {
        MockClock clock;
        Rig rig(clock);
        rig.config.strategy.latencyThresholdMs = 300;
        rig.apply();
        for (int i = 0; i < 10; ++i)
            emit rig.engine.attemptFinished(attempt(u"t0"_s, true, 2000));
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().outcome, AttemptRecord::Outcome::Skipped);
        QVERIFY(r.attempts.first().detail.contains(u"passed over"_s));
        QCOMPARE(rig.a.requestCount(), 0);
        clock.advance(301'000); // the slow samples leave the window
        r = rig.ask();
        QCOMPARE(r.tier, u"t0"_s);
    }
};

QTEST_GUILESS_MAIN(TestDegradation)
#include "test_degradation.moc"
