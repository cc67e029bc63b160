// One test per row of failure-modes.md, rows 1-10 (rate limits, server errors, the network,
// deadlines, streams cut, stalled or malformed), for each wire format the row applies to, through
// the real engine and adapters against the fake provider server on 127.0.0.1. Rows 12-22 and the
// chain as a whole are in test_failoverpolicy.cpp.

#include "failoverrig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace FailoverRig;

class TestFailover : public QObject
{
    Q_OBJECT

private slots:
    // ---------------------------------------------------------------------------------------------
    ALL_FORMATS(healthyPrimary_answers)
    void healthyPrimary_answers()
    {
        QFETCH(Format, format);
        Rig rig(format);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t0"_s);
        QCOMPARE(r.content, answer("A"));
        QCOMPARE(r.model, u"model-0"_s);
        QCOMPARE(r.usage.inputTokens, qint64(11));
        QCOMPARE(r.usage.outputTokens, qint64(6));
        QCOMPARE(r.cost.micros(), qint64(11 + 12)); // 11 in at $1/M, 6 out at $2/M
        QCOMPARE(r.attempts.size(), 1);
        QVERIFY(r.events.isEmpty());
        QCOMPARE(rig.b.requestCount(), 0);
    }

    // Row 1: 429 with Retry-After is honoured: no retry to that tier before N s.
    ALL_FORMATS(row01_retryAfter_isWaitedOut)
    void row01_retryAfter_isWaitedOut()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.status = 429;
        f.retryAfter = u"1"_s;
        f.failFirst = 1;
        rig.a.setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t0"_s);
        QCOMPARE(r.attempts.size(), 2);
        QCOMPARE(r.attempts.at(0).error, ErrorClass::RateLimited);
        QCOMPARE(r.attempts.at(0).retryAfterMs, qint64(1000));
        QVERIFY2(r.attempts.at(1).startOffsetMs - r.attempts.at(0).startOffsetMs >= 1000,
                 "retried before Retry-After");
        QCOMPARE(rig.a.requestCount(), 2);
    }

    // Row 1, other branch: a Retry-After longer than max_wait moves on at once, and later requests
    // skip the tier until it passes, without sending it anything.
    ALL_FORMATS(row01_longRetryAfter_movesOnAndSkips)
    void row01_longRetryAfter_movesOnAndSkips()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.status = 429;
        f.retryAfter = u"30"_s;
        rig.a.setFault(f);
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QVERIFY(r.latencyMs < 2000); // no wait: neither the 30 s asked nor max_wait's 2 s
        r = rig.ask();
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(rig.a.requestCount(), 1); // never a burst into the 429
        QCOMPARE(r.attempts.first().outcome, AttemptRecord::Outcome::Skipped);
        QCOMPARE(r.attempts.first().error, ErrorClass::RateLimited);
    }

    // Row 2: persistent 429 without Retry-After: bounded jittered retries, next tier, breaker opens.
    ALL_FORMATS(row02_persistent429_opensBreaker)
    void row02_persistent429_opensBreaker()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.status = 429;
        rig.a.setFault(f);
        QSignalSpy breaker(&rig.engine, &ChatEngine::breakerChanged);
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(rig.a.requestCount(), 3); // 1 + max_retries 2
        QCOMPARE(breaker.size(), 1);
        QCOMPARE(breaker.first().first().value<BreakerEvent>().to, CircuitBreaker::State::Open);
        r = rig.ask();
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(rig.a.requestCount(), 3); // zero wasted attempts while open
        QCOMPARE(r.attempts.first().outcome, AttemptRecord::Outcome::Skipped);
    }

    // Row 3: 500 once, then healthy: one retry on the same tier, no switch.
    ALL_FORMATS(row03_transient500_retriesSameTier)
    void row03_transient500_retriesSameTier()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.status = 500;
        f.failFirst = 1;
        rig.a.setFault(f);
        QSignalSpy switches(&rig.engine, &ChatEngine::tierSwitched);
        QSignalSpy breaker(&rig.engine, &ChatEngine::breakerChanged);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t0"_s);
        QCOMPARE(r.attempts.size(), 2);
        QCOMPARE(r.attempts.at(0).httpStatus, 500);
        QCOMPARE(switches.size(), 0);
        QCOMPARE(breaker.size(), 0);
        QVERIFY(!r.fellBack());
    }

    // Row 4 (+16, 24): persistent overload: the next tier answers, the breaker opens once, the
    // result names the model that answered, failures are charged to the failing tier.
    ALL_FORMATS(row04_persistentOverload_failsOver)
    void row04_persistentOverload_failsOver()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.status = overloadStatus(format);
        rig.a.setFault(f);
        QSignalSpy breaker(&rig.engine, &ChatEngine::breakerChanged);
        QSignalSpy attempts(&rig.engine, &ChatEngine::attemptFinished);
        for (int i = 0; i < 5; ++i) {
            const ChatResult r = rig.ask();
            QVERIFY(r.complete);
            QCOMPARE(r.tier, u"t1"_s);
            QCOMPARE(r.provider, u"p1"_s);
            QCOMPARE(r.model, u"model-1"_s);
            QCOMPARE(r.content, answer("B"));
            QCOMPARE(r.usage.outputTokens, qint64(6));
            QVERIFY(r.fellBack());
            QCOMPARE(r.events.size(), 1);
            QCOMPARE(r.events.first().from, u"t0"_s);
            QCOMPARE(r.events.first().to, u"t1"_s);
            QCOMPARE(r.events.first().reason, ErrorClass::Overloaded);
        }
        QCOMPARE(breaker.size(), 1); // opened once, not once per request
        QCOMPARE(rig.a.requestCount(), 3);
        int failedOnT0 = 0, succeededOnT1 = 0;
        for (const auto &args : std::as_const(attempts)) {
            const AttemptRecord a = args.first().value<AttemptRecord>();
            failedOnT0 += (a.tier == u"t0" && a.outcome == AttemptRecord::Outcome::Failed) ? 1 : 0;
            succeededOnT1 += (a.tier == u"t1" && a.outcome == AttemptRecord::Outcome::Success) ? 1 : 0;
        }
        QCOMPARE(failedOnT0, 3);
        QCOMPARE(succeededOnT1, 5);
    }

    // Row 5: connection refused, or reset before any header: a network failure, next tier.
    ALL_FORMATS(row05_refusedOrReset_isNetwork)
    void row05_refusedOrReset_isNetwork()
    {
        QFETCH(Format, format);
        Rig rig(format);
        rig.config.providers[0].baseUrl.setPort(FakeProviderServer::unusedPort());
        rig.apply();
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::Network);
        QCOMPARE(r.attempts.size(), 2); // no same-tier retry

        Rig reset(format);
        FakeFault f;
        f.refuse = true;
        reset.a.setFault(f);
        r = reset.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::Network);
    }

    // Row 6: accepts and never answers: the first-byte deadline fires well inside the budget.
    ALL_FORMATS(row06_hang_firstByteDeadline)
    void row06_hang_firstByteDeadline()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.hang = true;
        rig.a.setFault(f);
        rig.config.providers[0].timeouts.connectMs = 4000;
        rig.config.strategy.retry.maxRetries = 0;
        rig.apply();
        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = rig.engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        QTRY_COMPARE(rig.a.inFlight(), 1);
        rig.clock.jump(4000); // the connect deadline passes (the budget's 8 s does not)
        QVERIFY(finished.wait(5000));
        const ChatResult r = finished.first().first().value<ChatResult>();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::ConnectTimeout);
        QVERIFY2(r.attempts.first().durationMs >= 4000 && r.attempts.first().durationMs < 8000,
                 qPrintable(QString::number(r.attempts.first().durationMs)));
        QVERIFY(r.latencyMs < rig.config.strategy.requestBudgetMs);
        QTRY_COMPARE(rig.a.abortedCount(), 1); // the hung exchange is closed, not left open
    }

    // Row 7: a very slow first token: past the first-token deadline the request moves on.
    ALL_FORMATS(row07_slowFirstToken_movesOn)
    void row07_slowFirstToken_movesOn()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.ttftMs = 5000;
        rig.a.setFault(f);
        rig.config.providers[0].timeouts.firstTokenMs = 400;
        rig.apply();
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::FirstTokenTimeout);
        QVERIFY(r.attempts.first().ttfbMs >= 0); // headers came, the token did not
        QVERIFY(r.latencyMs < 5000);             // moved on before the token came
    }

    // Row 8: a stream cut after some tokens is never a complete answer. Policy restart.
    ALL_FORMATS(row08_cut_restartsOnNextTier)
    void row08_cut_restartsOnNextTier()
    {
        QFETCH(Format, format);
        for (bool closeDelimited : {false, true}) {
            Rig rig(format);
            FakeFault f;
            f.cutAfter = 3;
            f.closeDelimited = closeDelimited;
            rig.a.setFault(f);
            ChatRun *run = nullptr;
            ChatRequest request;
            request.messages = {{Role::User, u"hello"_s}};
            QSignalSpy restarted(&rig.engine, &ChatEngine::tierSwitched);
            const ChatResult r = rig.ask(request, &run);
            QVERIFY(r.complete);
            QCOMPARE(r.tier, u"t1"_s);
            QCOMPARE(r.content, answer("B")); // the partial "A0 A1 A2" was withdrawn
            QCOMPARE(r.attempts.first().error, ErrorClass::TruncatedStream);
            QVERIFY(r.recoveredMidStream);
            QCOMPARE(r.midStreamPolicy, u"restart"_s);
            QVERIFY(r.events.first().midStream);
        }
    }

    // Row 8, policy continue: the next tier continues the partial answer, and the user sees which.
    ALL_FORMATS(row08_cut_continuesOnNextTier)
    void row08_cut_continuesOnNextTier()
    {
        QFETCH(Format, format);
        Rig rig(format);
        rig.config.strategy.streamFailover = StreamFailoverPolicy::Continue;
        rig.apply();
        FakeFault f;
        f.cutAfter = 3;
        rig.a.setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.content, answer("A", 3) + answer("B"));
        QCOMPARE(r.midStreamPolicy, u"continue"_s);
        const QJsonArray sent = sentMessages(rig.b.requests().first(), format);
        QCOMPARE(roleOf(sent.at(sent.size() - 2)), format == Format::Gemini ? u"model"_s : u"assistant"_s);
        QCOMPARE(roleOf(sent.last()), u"user"_s); // the tier does not declare prefill support
    }

    // Row 8, policy fail: incomplete, with the partial text kept and marked.
    ALL_FORMATS(row08_cut_policyFail_isIncomplete)
    void row08_cut_policyFail_isIncomplete()
    {
        QFETCH(Format, format);
        Rig rig(format);
        rig.config.strategy.streamFailover = StreamFailoverPolicy::Fail;
        rig.apply();
        FakeFault f;
        f.cutAfter = 2;
        rig.a.setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(!r.complete);
        QCOMPARE(r.error, ErrorClass::TruncatedStream);
        QCOMPARE(r.content, answer("A", 2));
        QCOMPARE(rig.b.requestCount(), 0);
        QVERIFY(r.attempts.first().usage.estimated);
        QVERIFY(r.cost > Money()); // tokens produced are paid for, even on a cut
    }

    // Row 9: a stall mid-answer: the idle timeout fires, then as row 8.
    ALL_FORMATS(row09_stall_idleTimeout)
    void row09_stall_idleTimeout()
    {
        QFETCH(Format, format);
        Rig rig(format);
        rig.config.providers[0].timeouts.idleMs = 300;
        rig.apply();
        FakeFault f;
        f.stallAfter = 2;
        rig.a.setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::IdleTimeout);
        QCOMPARE(r.content, answer("B"));
        QTRY_COMPARE(rig.a.abortedCount(), 1);
    }

    // Row 10: a malformed chunk: classified, never a crash or silent loss; then as row 8.
    ALL_FORMATS(row10_malformedChunk)
    void row10_malformedChunk()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.malformedAfter = 2;
        rig.a.setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::MalformedResponse);
    }

    // Row 11: no [DONE] but a finish reason: complete. Neither: truncated.
    void row11_missingTerminator_data() { addFormats(); }
    void row11_missingTerminator()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.omitTerminator = true;
        rig.a.setFault(f);
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t0"_s);
        QCOMPARE(r.content, answer("A"));

        f = {};
        f.omitFinish = true;
        rig.a.setFault(f);
        rig.config.strategy.streamFailover = StreamFailoverPolicy::Fail;
        rig.apply();
        r = rig.ask();
        QVERIFY(!r.complete);
        QCOMPARE(r.error, ErrorClass::TruncatedStream);
    }

    // Row 12: context length exceeded: not retried; a tier with a larger window answers.
};

QTEST_GUILESS_MAIN(TestFailover)
#include "test_failover.moc"
