#include "engine/breaker.h"
#include "engine/policy.h"
#include "mockclock.h"

#include <QTest>

using namespace Qt::StringLiterals;
using FailoverPolicy::Action;

Q_DECLARE_METATYPE(ErrorClass)
Q_DECLARE_METATYPE(FailoverPolicy::Action)
Q_DECLARE_METATYPE(std::optional<qint64>)

class TestPolicy : public QObject
{
    Q_OBJECT

private slots:
    // The test clock itself: timers fire inside advance(), in due order, each at its own time; one
    // due now fires from the event loop; a stopped or destroyed one never fires.
    void mockClock_firesTimersInDueOrder()
    {
        MockClock clock;
        const qint64 t0 = clock.nowMs();
        QList<std::pair<char, qint64>> fired;
        ClockTimer a(clock, [&] { fired.append({'a', clock.nowMs() - t0}); });
        ClockTimer b(clock, [&] { fired.append({'b', clock.nowMs() - t0}); });
        auto c = std::make_unique<ClockTimer>(clock, [&] { fired.append({'c', clock.nowMs() - t0}); });
        ClockTimer d(clock, [&] { fired.append({'d', clock.nowMs() - t0}); });
        // `a` restarts itself once: a timer started inside advance() fires in the same advance if due.
        bool again = true;
        ClockTimer e(clock, [&] {
            fired.append({'e', clock.nowMs() - t0});
            if (std::exchange(again, false))
                a.start(5);
        });
        a.start(300);
        b.start(100);
        c->start(200);
        d.start(150);
        e.start(250);
        d.stop();
        c.reset();
        QCOMPARE(clock.pendingTimers(), 3);
        QCOMPARE(clock.nextDueInMs(), 100);
        clock.advance(299);
        QCOMPARE(fired, (QList<std::pair<char, qint64>>{{'b', 100}, {'e', 250}, {'a', 255}}));
        QCOMPARE(clock.nowMs() - t0, 299);
        QVERIFY(!a.isActive());
        QCOMPARE(clock.pendingTimers(), 0);
        a.start(0);
        QVERIFY(a.isActive()); // never from inside start()
        QCOMPARE(fired.size(), 3);
        QTRY_COMPARE(fired.size(), 4); // from the event loop, time standing still
        QCOMPARE(fired.last(), std::pair('a', qint64(299)));
    }

    void decide_data()
    {
        QTest::addColumn<ErrorClass>("cls");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("retryAfter"); // -1 = none
        QTest::addColumn<int>("retriesUsed");
        QTest::addColumn<qint64>("budgetLeft");
        QTest::addColumn<bool>("afterFirstToken");
        QTest::addColumn<Action>("action");
        QTest::addColumn<qint64>("waitMs");
        // strategy: max_retries 2, factor 0.5 s, max_wait 5000, jitter 0.5
        QTest::newRow("500 once: retry with jittered backoff")
            << ErrorClass::ServerError << 500 << qint64(-1) << 0 << qint64(60000) << false
            << Action::RetrySameTier << qint64(250);
        QTest::newRow("second retry doubles the ceiling")
            << ErrorClass::ServerError << 500 << qint64(-1) << 1 << qint64(60000) << false
            << Action::RetrySameTier << qint64(500);
        QTest::newRow("retries used up") << ErrorClass::ServerError << 500 << qint64(-1) << 2 << qint64(60000)
                                         << false << Action::NextTier << qint64(0);
        QTest::newRow("429 honours Retry-After")
            << ErrorClass::RateLimited << 429 << qint64(3000) << 0 << qint64(60000) << false
            << Action::RetrySameTier << qint64(3000);
        QTest::newRow("429 Retry-After longer than max wait: move on")
            << ErrorClass::RateLimited << 429 << qint64(30000) << 0 << qint64(60000) << false
            << Action::NextTier << qint64(0);
        QTest::newRow("wait beyond the budget: move on")
            << ErrorClass::RateLimited << 429 << qint64(3000) << 0 << qint64(2000) << false
            << Action::NextTier << qint64(0);
        QTest::newRow("529 is retryable") << ErrorClass::Overloaded << 529 << qint64(-1) << 0 << qint64(60000)
                                          << false << Action::RetrySameTier << qint64(250);
        QTest::newRow("in-stream overload counts as 503")
            << ErrorClass::Overloaded << 200 << qint64(-1) << 0 << qint64(60000) << false
            << Action::RetrySameTier << qint64(250);
        QTest::newRow("501 not in retry_on_status")
            << ErrorClass::ServerError << 501 << qint64(-1) << 0 << qint64(60000) << false << Action::NextTier
            << qint64(0);
        QTest::newRow("quota: never retried") << ErrorClass::QuotaExhausted << 429 << qint64(-1) << 0
                                              << qint64(60000) << false << Action::NextTier << qint64(0);
        QTest::newRow("auth: never retried") << ErrorClass::Auth << 401 << qint64(-1) << 0 << qint64(60000)
                                             << false << Action::NextTier << qint64(0);
        QTest::newRow("model gone: never retried") << ErrorClass::ModelNotFound << 404 << qint64(-1) << 0
                                                   << qint64(60000) << false << Action::NextTier << qint64(0);
        QTest::newRow("context: next tier") << ErrorClass::ContextLength << 400 << qint64(-1) << 0
                                            << qint64(60000) << false << Action::NextTier << qint64(0);
        QTest::newRow("content policy: stop by default")
            << ErrorClass::ContentPolicy << 400 << qint64(-1) << 0 << qint64(60000) << false << Action::Stop
            << qint64(0);
        QTest::newRow("network: next tier") << ErrorClass::Network << 0 << qint64(-1) << 0 << qint64(60000)
                                            << false << Action::NextTier << qint64(0);
        QTest::newRow("no first byte: next tier") << ErrorClass::ConnectTimeout << 0 << qint64(-1) << 0
                                                  << qint64(60000) << false << Action::NextTier << qint64(0);
        QTest::newRow("cut stream: next tier") << ErrorClass::TruncatedStream << 200 << qint64(-1) << 0
                                               << qint64(60000) << true << Action::NextTier << qint64(0);
        QTest::newRow("overload mid-stream: no same-tier retry")
            << ErrorClass::Overloaded << 200 << qint64(-1) << 0 << qint64(60000) << true << Action::NextTier
            << qint64(0);
        QTest::newRow("cancelled") << ErrorClass::Cancelled << 0 << qint64(-1) << 0 << qint64(60000) << false
                                   << Action::Stop << qint64(0);
        QTest::newRow("budget") << ErrorClass::BudgetExceeded << 0 << qint64(-1) << 0 << qint64(0) << false
                                << Action::Stop << qint64(0);
    }
    void decide()
    {
        QFETCH(ErrorClass, cls);
        QFETCH(int, status);
        QFETCH(qint64, retryAfter);
        QFETCH(int, retriesUsed);
        QFETCH(qint64, budgetLeft);
        QFETCH(bool, afterFirstToken);
        QFETCH(Action, action);
        QFETCH(qint64, waitMs);
        Strategy s;
        s.retry.maxRetries = 2;
        s.retry.backoffFactor = 0.5;
        s.retry.maxWaitMs = 5000;
        FailoverPolicy::Input in;
        in.cls = cls;
        in.httpStatus = status;
        if (retryAfter >= 0)
            in.retryAfterMs = retryAfter;
        in.retriesUsedOnTier = retriesUsed;
        in.budgetRemainingMs = budgetLeft;
        in.afterFirstToken = afterFirstToken;
        in.jitter = 0.5;
        const FailoverPolicy::Decision d = FailoverPolicy::decide(in, s);
        QVERIFY2(d.action == action, qPrintable(d.why));
        QCOMPARE(d.waitMs, waitMs);
        QVERIFY(!d.why.isEmpty());
    }

    void decide_streamPolicyFail_stops()
    {
        Strategy s;
        s.streamFailover = StreamFailoverPolicy::Fail;
        FailoverPolicy::Input in;
        in.cls = ErrorClass::IdleTimeout;
        in.afterFirstToken = true;
        in.budgetRemainingMs = 10000;
        QCOMPARE(FailoverPolicy::decide(in, s).action, Action::Stop);
    }

    void decide_contentPolicyFallback_movesOn()
    {
        Strategy s;
        s.contentPolicy = ContentPolicyAction::Fallback;
        FailoverPolicy::Input in;
        in.cls = ErrorClass::ContentPolicy;
        in.budgetRemainingMs = 10000;
        QCOMPARE(FailoverPolicy::decide(in, s).action, Action::NextTier);
    }

    void backoff_fullJitterCappedByMaxWait()
    {
        QCOMPARE(FailoverPolicy::backoffMs(0, 0.5, 5000, 0.0), qint64(0));
        QCOMPARE(FailoverPolicy::backoffMs(0, 0.5, 5000, 0.999), qint64(499));
        QCOMPARE(FailoverPolicy::backoffMs(3, 0.5, 5000, 1.0), qint64(4000));
        QCOMPARE(FailoverPolicy::backoffMs(10, 0.5, 5000, 1.0), qint64(5000));
    }

    void breaker_opensOnConsecutiveFailures_andRecoversThroughOneProbe()
    {
        MockClock clock;
        BreakerConfig config;
        config.failureThreshold = 3;
        config.cooldownMs = 30'000;
        CircuitBreaker b(config);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(b.admit(clock.nowMs()).allowed);
            b.recordFailure(clock.nowMs(), ErrorClass::Overloaded);
        }
        QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::Closed);
        b.recordFailure(clock.nowMs(), ErrorClass::Overloaded);
        QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::Open);
        QVERIFY(!b.admit(clock.nowMs()).allowed); // zero wasted attempts while open
        clock.advance(29'999);
        QVERIFY(!b.admit(clock.nowMs()).allowed);
        clock.advance(1);
        QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::HalfOpen);
        const CircuitBreaker::Admission probe = b.admit(clock.nowMs());
        QVERIFY(probe.allowed && probe.probe);
        QVERIFY(!b.admit(clock.nowMs()).allowed); // only one probe at a time
        b.recordSuccess(clock.nowMs());
        QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::Closed);
        QVERIFY(b.admit(clock.nowMs()).allowed);
        QCOMPARE(b.consecutiveFailures(), 0);
    }

    void breaker_failedProbeReopens()
    {
        MockClock clock;
        BreakerConfig config;
        config.failureThreshold = 1;
        config.cooldownMs = 1000;
        CircuitBreaker b(config);
        b.recordFailure(clock.nowMs(), ErrorClass::Network);
        clock.advance(1000);
        QVERIFY(b.admit(clock.nowMs()).probe);
        b.recordFailure(clock.nowMs(), ErrorClass::Network);
        QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::Open);
        QCOMPARE(b.openUntilMs(), clock.nowMs() + 1000);
    }

    void breaker_opensOnFailureRate()
    {
        MockClock clock;
        BreakerConfig config;
        config.failureThreshold = 100; // never by consecutive failures
        config.window = 10;
        config.minRequests = 10;
        config.failureRate = 0.5;
        CircuitBreaker b(config);
        for (int i = 0; i < 9; ++i) { // alternate: never more than 1 in a row
            if (i % 2)
                b.recordFailure(clock.nowMs(), ErrorClass::ServerError);
            else
                b.recordSuccess(clock.nowMs());
        }
        QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::Closed); // 4/9, and under min_requests
        b.recordFailure(clock.nowMs(), ErrorClass::ServerError);         // 5/10 = 50 %
        QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::Open);
    }

    void breaker_quotaAndAuthOpenAtOnceForLong()
    {
        MockClock clock;
        BreakerConfig config;
        config.longCooldownMs = 600'000;
        for (ErrorClass cls : {ErrorClass::QuotaExhausted, ErrorClass::Auth, ErrorClass::ModelNotFound}) {
            CircuitBreaker b(config);
            b.recordFailure(clock.nowMs(), cls);
            QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::Open);
            QCOMPARE(b.openUntilMs() - clock.nowMs(), qint64(600'000));
            QCOMPARE(b.openReason(), cls);
        }
    }

    void breaker_clientErrorsDoNotCount()
    {
        MockClock clock;
        BreakerConfig config;
        config.failureThreshold = 1;
        CircuitBreaker b(config);
        for (ErrorClass cls : {ErrorClass::ContextLength, ErrorClass::ContentPolicy, ErrorClass::BadRequest,
                               ErrorClass::Cancelled, ErrorClass::BudgetExceeded})
            b.recordFailure(clock.nowMs(), cls);
        QCOMPARE(b.state(clock.nowMs()), CircuitBreaker::State::Closed);
    }

    void tierState_rateLimitSkipsUntilRetryAfter()
    {
        MockClock clock;
        InProcessTierState state;
        state.rateLimitUntil(u"a"_s, clock.nowMs() + 2000);
        QCOMPARE(state.admit(u"a"_s, clock.nowMs()).verdict, TierStateStore::Verdict::RateLimited);
        QCOMPARE(state.admit(u"b"_s, clock.nowMs()).verdict, TierStateStore::Verdict::Allowed);
        clock.advance(2000);
        QCOMPARE(state.admit(u"a"_s, clock.nowMs()).verdict, TierStateStore::Verdict::Allowed);
    }
};

QTEST_GUILESS_MAIN(TestPolicy)
#include "test_policy.moc"
