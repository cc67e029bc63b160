// One test per row of failure-modes.md, rows 12-22 (context length, content policy, continuations,
// a flapping primary, keys, quota, in-stream errors, every tier failing, cancel) and the chain as a
// whole (budget, framing, non-streaming providers, config changes in flight), for each wire format.

#include "failoverrig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace FailoverRig;

class TestFailoverPolicy : public QObject
{
    Q_OBJECT

private slots:
    ALL_FORMATS(row12_contextLength_largerWindow)
    void row12_contextLength_largerWindow()
    {
        QFETCH(Format, format);
        Rig rig(format);
        rig.config.tiers[0].contextWindow = 8000;
        rig.config.tiers[1].contextWindow = 8000;
        rig.config.tiers[2].contextWindow = 200000;
        rig.apply();
        FakeFault f;
        f.status = 400;
        f.errorKind = u"context_length"_s;
        rig.a.setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t2"_s);
        QCOMPARE(rig.a.requestCount(), 1);
        QCOMPARE(rig.b.requestCount(), 0); // same window: skipped, with the reason
        QCOMPARE(r.attempts.at(1).outcome, AttemptRecord::Outcome::Skipped);
        QCOMPARE(r.attempts.at(1).error, ErrorClass::ContextLength);
        QCOMPARE(rig.engine.tierState(u"t0"_s).breaker, CircuitBreaker::State::Closed);
    }

    // Row 13: content policy: no blind retry; by default no other tier; the user is told why.
    ALL_FORMATS(row13_contentPolicy_stopsByDefault)
    void row13_contentPolicy_stopsByDefault()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        if (format == Format::OpenAi) {
            f.status = 400;
            f.errorKind = u"content_policy"_s;
        } else {
            f.contentBlocked = true; // Anthropic refusal / Gemini 200 + blockReason
        }
        rig.a.setFault(f);
        ChatResult r = rig.ask();
        QVERIFY(!r.complete);
        QCOMPARE(r.error, ErrorClass::ContentPolicy);
        QVERIFY(!r.errorMessage.isEmpty());
        QCOMPARE(rig.a.requestCount(), 1);
        QCOMPARE(rig.b.requestCount(), 0);

        rig.config.strategy.contentPolicy = ContentPolicyAction::Fallback;
        rig.apply();
        r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
    }

    // Row 14: a fallback tier that rejects prefill: continuation never depends on prefill.
    ALL_FORMATS(row14_continuationWithoutPrefill)
    void row14_continuationWithoutPrefill()
    {
        QFETCH(Format, format);
        Rig rig(format);
        rig.config.strategy.streamFailover = StreamFailoverPolicy::Continue;
        rig.apply();
        FakeFault cut;
        cut.cutAfter = 2;
        rig.a.setFault(cut);
        FakeFault noPrefill;
        noPrefill.rejectPrefill = true;
        rig.b.setFault(noPrefill);
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(rig.b.requestCount(), 1); // accepted the first time: no prefill was sent

        // A tier that declares prefill support gets the partial answer as the last message.
        rig.config.tiers[1].supportsPrefill = true;
        rig.apply();
        rig.b.setFault({});
        rig.b.resetStats();
        rig.engine.resetTier(u"t0"_s);
        r = rig.ask();
        QVERIFY(r.complete);
        const QJsonArray sent = sentMessages(rig.b.requests().first(), format);
        QCOMPARE(roleOf(sent.last()), format == Format::Gemini ? u"model"_s : u"assistant"_s);
    }

    // Row 15: the primary flaps: breaker opens, fallback serves, half-open probe, back by itself.
    ALL_FORMATS(row15_flap_trafficReturnsToPrimary)
    void row15_flap_trafficReturnsToPrimary()
    {
        QFETCH(Format, format);
        Rig rig(format);
        rig.config.strategy.breaker.failureThreshold = 1;
        rig.config.strategy.breaker.cooldownMs = 30'000;
        rig.config.strategy.retry.maxRetries = 0;
        rig.apply();
        FakeFault f;
        f.status = 503;
        rig.a.setFault(f);
        QSignalSpy breaker(&rig.engine, &ChatEngine::breakerChanged);
        QCOMPARE(rig.ask().tier, u"t1"_s);
        QCOMPARE(rig.ask().tier, u"t1"_s);
        QCOMPARE(rig.a.requestCount(), 1);
        rig.a.setFault({});     // the primary is back
        rig.clock.jump(30'000); // the cooldown passes (not slept): half-open by itself
        QCOMPARE(breaker.last().first().value<BreakerEvent>().to, CircuitBreaker::State::HalfOpen);
        const ChatResult probe = rig.ask();
        QCOMPARE(probe.tier, u"t0"_s);
        QVERIFY(probe.attempts.first().probe);
        QCOMPARE(rig.ask().tier, u"t0"_s);
        QList<CircuitBreaker::State> states;
        for (const auto &args : std::as_const(breaker))
            states << args.first().value<BreakerEvent>().to;
        QCOMPARE(states,
                 QList<CircuitBreaker::State>({CircuitBreaker::State::Open, CircuitBreaker::State::HalfOpen,
                                               CircuitBreaker::State::Closed}));
    }

    // Row 17: a rejected key: no retry, no backoff, next tier; the breaker holds the reason.
    ALL_FORMATS(row17_badKey_noRetry)
    void row17_badKey_noRetry()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.requireKey = "right-key";
        rig.a.setFault(f);
        rig.config.providers[0].auth = AuthMode::Env;
        rig.config.providers[0].apiKeyEnv = u"UNDERSTUDY_TEST_WRONG_KEY"_s;
        rig.apply();
        qputenv("UNDERSTUDY_TEST_WRONG_KEY", "wrong-key");
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::Auth);
        QCOMPARE(rig.a.requestCount(), 1);
        QVERIFY(r.attempts.at(1).startOffsetMs - r.attempts.first().startOffsetMs -
                    r.attempts.first().durationMs <
                50);
        const TierStateSnapshot s = rig.engine.tierState(u"t0"_s);
        QCOMPARE(s.breaker, CircuitBreaker::State::Open);
        QCOMPARE(s.reason, ErrorClass::Auth);
        QCOMPARE(rig.a.keyInUrlCount(), 0);
    }

    // The right key, from the environment, in a header and never in the URL.
    ALL_FORMATS(envKey_sentInHeaderOnly)
    void envKey_sentInHeaderOnly()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.requireKey = "k-123456";
        rig.a.setFault(f);
        rig.config.providers[0].auth = AuthMode::Env;
        rig.config.providers[0].apiKeyEnv = u"UNDERSTUDY_TEST_KEY"_s;
        rig.apply();
        qputenv("UNDERSTUDY_TEST_KEY", "k-123456");
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t0"_s);
        QCOMPARE(rig.a.keyInUrlCount(), 0);
        QVERIFY(!rig.a.requests().first().target.contains("k-123456"));
        qunsetenv("UNDERSTUDY_TEST_KEY");
        r = rig.ask(); // no key: skipped with the reason, no request sent
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().outcome, AttemptRecord::Outcome::Skipped);
        QVERIFY(r.attempts.first().detail.contains(u"UNDERSTUDY_TEST_KEY"_s));
        QCOMPARE(rig.a.requestCount(), 1);
    }

    // Row 18: quota, spend cap, per-day quota: not retried, long cooldown, next tier.
    ALL_FORMATS(row18_quota_longCooldown)
    void row18_quota_longCooldown()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.status = 429;
        f.errorKind = format == Format::Anthropic ? u"spend_limit"_s
                      : format == Format::Gemini  ? u"per_day_quota"_s
                                                  : u"quota"_s;
        rig.a.setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::QuotaExhausted);
        QCOMPARE(rig.a.requestCount(), 1);
        const TierStateSnapshot s = rig.engine.tierState(u"t0"_s);
        QCOMPARE(s.breaker, CircuitBreaker::State::Open);
        QVERIFY(s.openUntilMs - rig.clock.nowMs() > rig.config.strategy.breaker.cooldownMs);
    }

    // Row 19: an error event inside a 200 stream is the failure it is, not text.
    ALL_FORMATS(row19_inStreamError_isNotText)
    void row19_inStreamError_isNotText()
    {
        QFETCH(Format, format);
        for (int after : {0, 2}) {
            Rig rig(format);
            FakeFault f;
            f.errorEventAfter = after;
            rig.a.setFault(f);
            const ChatResult r = rig.ask();
            QVERIFY(r.complete);
            QCOMPARE(r.tier, u"t1"_s);
            QCOMPARE(r.attempts.first().error, ErrorClass::Overloaded);
            QVERIFY(!r.content.contains(u"verloaded"_s));
        }
    }

    // Row 20: every tier fails: one clear error listing each attempt, within the budget.
    ALL_FORMATS(row20_everyTierFails)
    void row20_everyTierFails()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.status = 500;
        for (FakeProviderServer *s : {&rig.a, &rig.b, &rig.c})
            s->setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(!r.complete);
        QVERIFY(r.tier.isEmpty());
        QCOMPARE(r.error, ErrorClass::ServerError);
        QCOMPARE(r.attempts.size(), 9); // 3 tiers x (1 + 2 retries)
        for (const QString &tier : {u"t0"_s, u"t1"_s, u"t2"_s})
            QVERIFY2(r.errorMessage.contains(tier + u": server error (HTTP 500)"),
                     qPrintable(r.errorMessage));
        QVERIFY(r.latencyMs < rig.config.strategy.requestBudgetMs);
        QCOMPARE(r.events.size(), 2);
    }

    // Row 21: the model no longer exists: not retried, the tier is marked broken with the reason.
    ALL_FORMATS(row21_modelNotFound_marksTier)
    void row21_modelNotFound_marksTier()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.status = 404;
        f.errorKind = u"model_not_found"_s;
        rig.a.setFault(f);
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::ModelNotFound);
        QCOMPARE(rig.a.requestCount(), 1);
        QCOMPARE(rig.engine.tierState(u"t0"_s).reason, ErrorClass::ModelNotFound);
        r = rig.ask(); // visible, never skipped silently: the skip carries the reason
        QCOMPARE(r.attempts.first().outcome, AttemptRecord::Outcome::Skipped);
        QVERIFY(r.attempts.first().detail.contains(u"model not found"_s));
    }

    // Row 22: the caller goes away mid-request: the upstream request is aborted at once.
    ALL_FORMATS(row22_cancel_abortsUpstream)
    void row22_cancel_abortsUpstream()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.tokens = 200;
        f.interTokenMs = 50;
        rig.a.setFault(f);
        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = rig.engine.start(request);
        QSignalSpy first(run, &ChatRun::firstToken);
        QSignalSpy finished(run, &ChatRun::finished);
        QVERIFY(first.wait(5000));
        run->cancel();
        QCOMPARE(finished.size(), 1);
        const ChatResult r = finished.first().first().value<ChatResult>();
        QVERIFY(!r.complete);
        QCOMPARE(r.error, ErrorClass::Cancelled);
        QCOMPARE(r.attempts.last().outcome, AttemptRecord::Outcome::Cancelled);
        // Closed while 190-odd tokens (10 s) were still to come: not left to run out.
        QTRY_COMPARE_WITH_TIMEOUT(rig.a.abortedCount(), 1, 2000);
        QCOMPARE(rig.a.inFlight(), 0);
    }

    // A single-tier request (Compare, "Test tier") measures the tier even with its breaker open,
    // with its retries bounded as usual, and never falls back.
    void singleTier_ignoresOpenBreaker_boundedRetries()
    {
        Rig rig(Format::OpenAi);
        FakeFault f;
        f.status = 503;
        rig.a.setFault(f);
        rig.ask(); // opens t0's breaker (3 failures)
        QCOMPARE(rig.engine.tierState(u"t0"_s).breaker, CircuitBreaker::State::Open);
        rig.a.resetStats();
        rig.b.resetStats();
        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        request.singleTier = true;
        ChatResult r = rig.ask(request);
        QVERIFY(!r.complete);
        QCOMPARE(rig.a.requestCount(), 3); // 1 + max_retries, not skipped, not endless
        QCOMPARE(rig.b.requestCount(), 0);
        rig.a.setFault({});
        r = rig.ask(request);
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t0"_s);
        QCOMPARE(rig.engine.tierState(u"t0"_s).breaker, CircuitBreaker::State::Closed); // real outcome counts
    }

    // One budget bounds the whole chain: deadlines are not multiplied across tiers.
    void budget_boundsTheWholeChain()
    {
        Rig rig(Format::OpenAi);
        FakeFault f;
        f.hang = true;
        for (FakeProviderServer *s : {&rig.a, &rig.b, &rig.c})
            s->setFault(f);
        for (ProviderConfig &p : rig.config.providers)
            p.timeouts.connectMs = 50'000;
        rig.config.strategy.requestBudgetMs = 20'000;
        rig.apply();
        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = rig.engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        QTRY_COMPARE(rig.a.inFlight(), 1); // t0 has the request and keeps it
        rig.clock.jump(20'000);            // the budget passes, not the attempt's 50 s deadline
        QCOMPARE(finished.size(), 1);      // it ends inside the jump, not a moment later
        const ChatResult r = finished.first().first().value<ChatResult>();
        QVERIFY(!r.complete);
        QCOMPARE(r.error, ErrorClass::BudgetExceeded);
        QVERIFY2(r.latencyMs >= 20'000 && r.latencyMs < 50'000, qPrintable(QString::number(r.latencyMs)));
        QCOMPARE(rig.b.requestCount() + rig.c.requestCount(), 0);
        QTRY_COMPARE(rig.a.abortedCount(), 1);
    }

    // SSE framing the parser must survive: CRLF line ends and frames split across reads.
    ALL_FORMATS(framing_crlfAndTrickle)
    void framing_crlfAndTrickle()
    {
        QFETCH(Format, format);
        Rig rig(format);
        FakeFault f;
        f.crlf = true;
        f.trickle = true;
        rig.a.setFault(f);
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t0"_s);
        QCOMPARE(r.content, answer("A"));
    }

    // A provider that streams nothing but answers with one JSON body.
    ALL_FORMATS(nonStreamingProvider)
    void nonStreamingProvider()
    {
        QFETCH(Format, format);
        Rig rig(format);
        rig.config.providers[0].streaming = false;
        rig.apply();
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.content, answer("A"));
        QCOMPARE(r.usage.outputTokens, qint64(6));
    }

    // A config applied while a request is in flight: the request finishes on its old chain.
    void configChange_doesNotDisturbRequestsInFlight()
    {
        Rig rig(Format::OpenAi);
        FakeFault slow;
        slow.interTokenMs = 40;
        rig.a.setFault(slow);
        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = rig.engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        QSignalSpy first(run, &ChatRun::firstToken);
        QVERIFY(first.wait(5000));
        ChainConfig reordered = rig.config;
        reordered.strategy.primary = u"t2"_s;
        reordered.strategy.fallbackChain = {u"t0"_s, u"t1"_s};
        rig.engine.setConfig(reordered);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().value<ChatResult>().tier, u"t0"_s);
        QCOMPARE(rig.ask().tier, u"t2"_s);
    }
};

QTEST_GUILESS_MAIN(TestFailoverPolicy)
#include "test_failoverpolicy.moc"
