// One test per row of failure-modes.md, for each wire format the row applies to, through the real
// engine and adapters against the fake provider server on 127.0.0.1.

#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "testutil.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

Q_DECLARE_METATYPE(FakeProviderServer::Format)

namespace {

// Three fake providers "A", "B", "C" as tiers t0, t1, t2 of one chain, all in one wire format.
struct Rig : FakeTrio
{
    explicit Rig(Format f)
        : format(f)
    {
        config = TestUtil::chainOver({&a, &b, &c}, f);
        engine.setJitterSource([] { return 1.0; });
        apply();
    }
    void apply() { engine.setConfig(config); }

    ChatResult ask(ChatRequest request = {}, ChatRun **runOut = nullptr)
    {
        if (request.messages.isEmpty())
            request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = engine.start(request);
        if (runOut)
            *runOut = run;
        QSignalSpy finished(run, &ChatRun::finished);
        if (!finished.wait(15'000))
            return {};
        return finished.first().first().value<ChatResult>();
    }

    Format format;
    Transport transport;
    SystemClock clock;
    ChatEngine engine{transport, nullptr, clock};
    ChainConfig config;
};

QString answer(const char *prefix, int tokens = 6)
{
    QString s;
    for (int i = 0; i < tokens; ++i)
        s += QString::fromLatin1(prefix) + QString::number(i) + u' ';
    return s;
}

QJsonArray sentMessages(const RecordedRequest &r, Format f)
{
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    return body.value(f == Format::Gemini ? "contents"_L1 : "messages"_L1).toArray();
}

QString roleOf(const QJsonValue &message)
{
    return message.toObject().value("role"_L1).toString();
}

} // namespace

#define ALL_FORMATS(test)                                                                                    \
    void test##_data()                                                                                       \
    {                                                                                                        \
        addFormats();                                                                                        \
    }

class TestFailover : public QObject
{
    Q_OBJECT

private:
    static void addFormats()
    {
        QTest::addColumn<Format>("format");
        QTest::newRow("openai") << Format::OpenAi;
        QTest::newRow("anthropic") << Format::Anthropic;
        QTest::newRow("gemini") << Format::Gemini;
    }
    static int overloadStatus(Format f) { return f == Format::Anthropic ? 529 : 503; }

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
        QVERIFY(r.latencyMs < 1000);
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
        rig.config.providers[0].timeouts.connectMs = 300;
        rig.apply();
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::ConnectTimeout);
        QVERIFY2(r.attempts.first().durationMs >= 300 && r.attempts.first().durationMs < 1000,
                 qPrintable(QString::number(r.attempts.first().durationMs)));
        QVERIFY(r.latencyMs < rig.config.strategy.requestBudgetMs / 4);
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
        QVERIFY(r.latencyMs < 2000);
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
        rig.config.strategy.breaker.cooldownMs = 400;
        rig.config.strategy.retry.maxRetries = 0;
        rig.apply();
        FakeFault f;
        f.status = 503;
        rig.a.setFault(f);
        QSignalSpy breaker(&rig.engine, &ChatEngine::breakerChanged);
        QCOMPARE(rig.ask().tier, u"t1"_s);
        QCOMPARE(rig.ask().tier, u"t1"_s);
        QCOMPARE(rig.a.requestCount(), 1);
        rig.a.setFault({}); // the primary is back
        QTest::qWait(450);
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
        QElapsedTimer t;
        t.start();
        run->cancel();
        QCOMPARE(finished.size(), 1);
        const ChatResult r = finished.first().first().value<ChatResult>();
        QVERIFY(!r.complete);
        QCOMPARE(r.error, ErrorClass::Cancelled);
        QCOMPARE(r.attempts.last().outcome, AttemptRecord::Outcome::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(rig.a.abortedCount(), 1, 2000);
        QVERIFY2(t.elapsed() < 500, "the upstream connection was not closed at once");
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
            p.timeouts.connectMs = 5000;
        rig.config.strategy.requestBudgetMs = 600;
        rig.apply();
        const ChatResult r = rig.ask();
        QVERIFY(!r.complete);
        QCOMPARE(r.error, ErrorClass::BudgetExceeded);
        QVERIFY2(r.latencyMs >= 600 && r.latencyMs < 900, qPrintable(QString::number(r.latencyMs)));
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

QTEST_GUILESS_MAIN(TestFailover)
#include "test_failover.moc"
