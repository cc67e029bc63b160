// The local gateway driven with real HTTP on 127.0.0.1, against the fake provider server: each
// failure mode as a client sees it, the OpenAI wire format, and the HTTP edge cases.

#include "degrade/degradationcontroller.h"
#include "degrade/responsecache.h"
#include "gatewayrig.h"
#include "health/healthmonitor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace GatewayRig;

// Health and degradation wired into the rig's engine and gateway, as both executables wire them.
struct Degradable
{
    explicit Degradable(Rig &r, ResponseCache *cache = nullptr)
        : rig(r)
        , health(r.engine)
        , degradation(health, cache, r.clock)
    {
        degradation.setConfig(rig.config);
        rig.engine.setRequestPolicy(&degradation);
        rig.engine.setTierAdvisor(&health);
        rig.gateway.setHealth(&health, &degradation);
    }
    ~Degradable()
    {
        rig.gateway.setHealth(nullptr, nullptr);
        rig.engine.setRequestPolicy(nullptr);
        rig.engine.setTierAdvisor(nullptr);
    }
    Q_DISABLE_COPY_MOVE(Degradable)

    // t0 fails one request in two: degraded (under 90 %) while no breaker opens; then it is fine
    // again, and its window keeps the system degraded for a while.
    void degradeThePrimary()
    {
        rig.config.strategy.retry.maxRetries = 0;
        rig.apply();
        degradation.setConfig(rig.config);
        for (int i = 0; i < 6; ++i) {
            FakeFault f;
            f.status = i % 2 ? 503 : 0;
            rig.a.setFault(f);
            QCOMPARE(rig.chat(false).status, 200);
        }
        rig.a.setFault({});
    }

    Rig &rig;
    HealthMonitor health;
    DegradationController degradation;
};

class TestGateway : public QObject
{
    Q_OBJECT

private slots:
    void nonStreamed_isAnOpenAiCompletion()
    {
        Rig rig;
        QVERIFY(rig.started);
        QSignalSpy finished(&rig.engine, &ChatEngine::requestFinished);
        const HttpAnswer r = rig.chat(false);
        QCOMPARE(r.status, 200);
        const QJsonObject o = json(r.body);
        QCOMPARE(o.value("object"_L1).toString(), u"chat.completion"_s);
        // One request id: the engine's (logs, events), the header's, and inside the completion's id.
        QTRY_COMPARE(finished.size(), 1);
        const QString requestId = finished.first().first().value<ChatResult>().requestId;
        QVERIFY(!requestId.isEmpty());
        QCOMPARE(r.header("x-understudy-request-id"), requestId.toUtf8());
        QCOMPARE(o.value("id"_L1).toString(), u"chatcmpl-"_s + requestId);
        const QJsonObject choice = o.value("choices"_L1).toArray().first().toObject();
        QCOMPARE(choice.value("message"_L1).toObject().value("content"_L1).toString(), answer("A"));
        QCOMPARE(choice.value("message"_L1).toObject().value("role"_L1).toString(), u"assistant"_s);
        QCOMPARE(choice.value("finish_reason"_L1).toString(), u"stop"_s);
        QCOMPARE(o.value("usage"_L1).toObject().value("completion_tokens"_L1).toInt(), 6);
        QCOMPARE(o.value("usage"_L1).toObject().value("prompt_tokens"_L1).toInt(), 11);
        QCOMPARE(o.value("usage"_L1).toObject().value("total_tokens"_L1).toInt(), 17);
        QCOMPARE(r.header("x-understudy-tier"), QByteArray("t0"));
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    }

    void streamed_isExactlyLikeOpenAi()
    {
        Rig rig;
        FakeFault slow;
        slow.interTokenMs = 80;
        rig.a.setFault(slow);
        const HttpAnswer r = rig.chat(true, u"m"_s, true);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("text/event-stream"));
        const Streamed s = readStream(r);
        QVERIFY(s.roleFirst);
        QCOMPARE(s.text, answer("A"));
        QCOMPARE(s.finishReason, u"stop"_s);
        QCOMPARE(s.usageChunks, 1); // one usage chunk, with choices: []
        QCOMPARE(s.usage.value("completion_tokens"_L1).toInt(), 6);
        QCOMPARE(r.events.last(), QByteArray("[DONE]"));
        QCOMPARE(r.events.at(r.events.size() - 2).contains("\"choices\":[]"), true);
        for (qsizetype i = 0; i + 2 < r.events.size(); ++i)
            QVERIFY(r.events.at(i).contains("\"usage\":null")); // every other chunk says usage: null
        // Each event is flushed as it comes: the first arrives long before the end.
        QVERIFY2(r.firstEventMs >= 0 && r.firstEventMs < 300, qPrintable(QString::number(r.firstEventMs)));
        // Without include_usage there is no usage chunk and no usage field.
        const HttpAnswer plain = rig.chat(true);
        QCOMPARE(readStream(plain).usageChunks, 0);
        QVERIFY(!plain.events.first().contains("usage"));
    }

    // Each row of failure-modes.md where a fallback answers: the client just gets an answer,
    // and `model` names the model that answered.
    void failureRows_clientGetsAnAnswer_data()
    {
        QTest::addColumn<FakeFault>("fault");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("text");
        const auto add = [](const char *name, FakeFault f, const QString &model, const QString &text) {
            QTest::addRow("%s, whole", name) << f << false << model << text;
            QTest::addRow("%s, stream", name) << f << true << model << text;
        };
        FakeFault f;
        f.status = 429;
        f.retryAfter = u"30"_s;
        add("1 429 Retry-After", f, u"model-1"_s, answer("B"));
        f = {};
        f.status = 429;
        add("2 429 persistent", f, u"model-1"_s, answer("B"));
        f = {};
        f.status = 500;
        f.failFirst = 1;
        add("3 500 once", f, u"m"_s, answer("A")); // the wildcard passes "m" through to the primary
        f = {};
        f.status = 503;
        add("4 503 persistent", f, u"model-1"_s, answer("B"));
        f = {};
        f.refuse = true;
        add("5 reset", f, u"model-1"_s, answer("B"));
        f = {};
        f.hang = true;
        add("6 hang", f, u"model-1"_s, answer("B"));
        f = {};
        f.ttftMs = 5000;
        add("7 slow first token", f, u"model-1"_s, answer("B"));
        f = {};
        f.stallAfter = 0;
        add("9 stall before text", f, u"model-1"_s, answer("B"));
        f = {};
        f.malformedAfter = 0;
        add("10 malformed", f, u"model-1"_s, answer("B"));
        f = {};
        f.omitTerminator = true;
        add("11 no DONE", f, u"m"_s, answer("A"));
        f = {};
        f.status = 429;
        f.errorKind = u"quota"_s;
        add("18 quota", f, u"model-1"_s, answer("B"));
        f = {};
        f.errorEventAfter = 0;
        add("19 error event", f, u"model-1"_s, answer("B"));
        f = {};
        f.status = 404;
        f.errorKind = u"model_not_found"_s;
        add("21 model gone", f, u"model-1"_s, answer("B"));
        f = {};
        f.cutAfter = 3;
        // A streamed cut continues on the next tier (bytes cannot be taken back); a whole answer restarts.
        QTest::addRow("8 cut, whole") << f << false << u"model-1"_s << answer("B");
        QTest::addRow("8 cut, stream") << f << true << u"model-1"_s << answer("A", 3) + answer("B");
    }
    void failureRows_clientGetsAnAnswer()
    {
        QFETCH(FakeFault, fault);
        QFETCH(bool, stream);
        QFETCH(QString, model);
        QFETCH(QString, text);
        Rig rig;
        rig.config.providers[0].timeouts.connectMs = 300;
        rig.config.providers[0].timeouts.firstTokenMs = 400;
        rig.config.providers[0].timeouts.idleMs = 300;
        rig.apply();
        rig.a.setFault(fault);
        const HttpAnswer r = rig.chat(stream);
        QCOMPARE(r.status, 200);
        if (stream) {
            const Streamed s = readStream(r);
            QCOMPARE(s.text, text);
            QVERIFY(s.done);
            QVERIFY(!s.errorEvent);
            QCOMPARE(s.model, model);
        } else {
            const QJsonObject o = json(r.body);
            QCOMPARE(o.value("model"_L1).toString(), model);
            QCOMPARE(o.value("choices"_L1)
                         .toArray()
                         .first()
                         .toObject()
                         .value("message"_L1)
                         .toObject()
                         .value("content"_L1)
                         .toString(),
                     text);
        }
    }

    // Row 12 and 13: context length goes to a larger window; content policy is told, not hidden.
    void contextAndContentPolicy()
    {
        Rig rig;
        rig.config.tiers[0].contextWindow = 8000;
        rig.config.tiers[1].contextWindow = 8000;
        rig.config.tiers[2].contextWindow = 200000;
        rig.apply();
        FakeFault f;
        f.status = 400;
        f.errorKind = u"context_length"_s;
        rig.a.setFault(f);
        HttpAnswer r = rig.chat(false);
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body).value("model"_L1).toString(), u"model-2"_s);

        f.errorKind = u"content_policy"_s;
        rig.a.setFault(f);
        r = rig.chat(false);
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r.body).value("error"_L1).toObject().value("code"_L1).toString(),
                 u"content_policy_violation"_s);
        QCOMPARE(rig.b.requestCount(), 0);
    }

    // Row 20: every tier fails before the first byte: an OpenAI error body with the right status.
    void everyTierFails_beforeFirstByte()
    {
        Rig rig;
        FakeFault f;
        f.status = 500;
        for (FakeProviderServer *s : {&rig.a, &rig.b, &rig.c})
            s->setFault(f);
        for (bool stream : {false, true}) {
            const HttpAnswer r = rig.chat(stream);
            QCOMPARE(r.status, 502);
            QCOMPARE(r.header("content-type"), QByteArray("application/json"));
            const QJsonObject e = json(r.body).value("error"_L1).toObject();
            QVERIFY(e.value("message"_L1).toString().contains(u"t2"_s));
            QCOMPARE(e.value("type"_L1).toString(), u"server_error"_s);
        }
    }

    // The whole chain rate limited: 429 with Retry-After.
    void wholeChainRateLimited_429WithRetryAfter()
    {
        Rig rig;
        FakeFault f;
        f.status = 429;
        f.retryAfter = u"42"_s;
        for (FakeProviderServer *s : {&rig.a, &rig.b, &rig.c})
            s->setFault(f);
        const HttpAnswer r = rig.chat(false);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("retry-after"), QByteArray("42"));
        QCOMPARE(json(r.body).value("error"_L1).toObject().value("code"_L1).toString(),
                 u"rate_limit_exceeded"_s);
    }

    // Once a stream has started and every option is exhausted: an in-band error, never [DONE].
    void streamStartedThenEverythingFails_inBandError()
    {
        Rig rig;
        FakeFault cut;
        cut.cutAfter = 2;
        rig.a.setFault(cut);
        FakeFault down;
        down.status = 500;
        rig.b.setFault(down);
        rig.c.setFault(down);
        const HttpAnswer r = rig.chat(true);
        QCOMPARE(r.status, 200);
        const Streamed s = readStream(r);
        QCOMPARE(s.text, answer("A", 2));
        QVERIFY(s.errorEvent);
        QVERIFY(!s.done);
        QVERIFY(s.finishReason.isEmpty());
        QVERIFY(r.finished); // the HTTP body ends, but not as a complete answer
    }

    // Row 22: a client that leaves mid-stream: the upstream request is aborted at once.
    void clientDisconnect_abortsUpstream()
    {
        Rig rig;
        FakeFault slow;
        slow.tokens = 200;
        slow.interTokenMs = 50;
        rig.a.setFault(slow);
        // The client reads for 400 ms, then closes the connection.
        const QByteArray seen = HttpClient::raw(rig.gateway.port(), rig.rawChat({}, true), 400);
        QVERIFY(seen.contains("data: "));
        QVERIFY(!seen.contains("[DONE]"));
        // Aborted, not left to stream the 190-odd tokens (10 s) still to come.
        QTRY_COMPARE_WITH_TIMEOUT(rig.a.abortedCount(), 1, 2000);
        QTRY_COMPARE(rig.gateway.activeRequests(), 0);
        QTRY_VERIFY(rig.metrics.prometheusText().contains(
            "understudy_route_requests_total{route=\"*\",outcome=\"cancelled\"} 1"));
    }

    void wildcardRoute_passesTheModelThrough()
    {
        Rig rig;
        QCOMPARE(rig.chat(false, u"gpt-4o"_s).status, 200);
        QCOMPARE(json(rig.a.requests().first().body).value("model"_L1).toString(), u"gpt-4o"_s);
        // Explicit routes pick their chain; an unknown model without a wildcard is a 404.
        rig.config.routes = {RouteConfig{u"cheap"_s, {u"t2"_s}}};
        rig.apply();
        HttpAnswer r = rig.chat(false, u"cheap"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body).value("model"_L1).toString(), u"model-2"_s);
        r = rig.chat(false, u"gpt-4o"_s);
        QCOMPARE(r.status, 404);
        QCOMPARE(json(r.body).value("error"_L1).toObject().value("code"_L1).toString(), u"model_not_found"_s);
        r = rig.client.get(rig.url(u"/v1/models"_s));
        QCOMPARE(json(r.body).value("data"_L1).toArray().first().toObject().value("id"_L1).toString(),
                 u"cheap"_s);
    }

    void healthAndMetrics()
    {
        Rig rig;
        rig.config.strategy.breaker.cooldownMs = 60'000;
        rig.apply();
        HttpAnswer r = rig.client.get(rig.url(u"/healthz"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body).value("status"_L1).toString(), u"ok"_s);
        FakeFault f;
        f.status = 503;
        rig.a.setFault(f);
        QCOMPARE(rig.chat(false).status, 200);
        r = rig.client.get(rig.url(u"/metrics"_s));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/plain; version=0.0.4"));
        const QByteArray m = r.body;
        QVERIFY(m.contains(
            "understudy_attempts_total{tier=\"t0\",outcome=\"failed\",error_class=\"overloaded\"} 3"));
        QVERIFY(
            m.contains("understudy_attempts_total{tier=\"t1\",outcome=\"success\",error_class=\"none\"} 1"));
        QVERIFY(m.contains("understudy_failovers_total{from=\"t0\",to=\"t1\",reason=\"overloaded\"} 1"));
        QVERIFY(m.contains("understudy_breaker_state{tier=\"t0\"} 2"));
        QVERIFY(m.contains("understudy_route_requests_total{route=\"*\",outcome=\"answered\"} 1"));
        QVERIFY(m.contains("understudy_ttft_seconds_bucket{tier=\"t1\",le=\"+Inf\"} 1"));
        QVERIFY(m.contains("understudy_tokens_total{tier=\"t1\",direction=\"output\"} 6"));
        QVERIFY(m.contains("# TYPE understudy_route_latency_seconds histogram"));
        r = rig.client.get(rig.url(u"/healthz"_s));
        QCOMPARE(json(r.body).value("status"_L1).toString(), u"degraded"_s);
        for (FakeProviderServer *s : {&rig.b, &rig.c})
            s->setFault(f);
        r = rig.chat(false);
        QVERIFY2(r.status == 503, r.body.constData());
        r = rig.client.get(rig.url(u"/healthz"_s));
        QCOMPARE(r.status, 503);
        QCOMPARE(json(r.body).value("status"_L1).toString(), u"down"_s);
    }

    // With the health monitor wired (as both executables do), /healthz says what the health verdict
    // says, with its reasons and the level a normal request gets: not "ok" while degraded.
    // With every tier down, a repeated question is answered from the response cache: the client is
    // told so (headers and the "understudy" field), and `model` names the model that wrote the
    // cached answer.
    void cachedAnswer_isLabelledToTheClient()
    {
        Rig rig;
        ResponseCache cache;
        cache.open(u":memory:"_s);
        Degradable wired(rig, &cache);
        HttpAnswer r = rig.chat(false, u"gpt-4o"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("x-understudy-source"), QByteArray("model"));
        QCOMPARE(r.header("x-understudy-level"), QByteArray("full"));
        const QJsonObject fresh = json(r.body);
        QCOMPARE(fresh.value("understudy"_L1).toObject().value("source"_L1).toString(), u"model"_s);
        QCOMPARE(fresh.value("understudy"_L1).toObject().value("tier"_L1).toString(), u"t0"_s);
        const QString wroteIt = fresh.value("model"_L1).toString();

        FakeFault down;
        down.status = 503;
        for (FakeProviderServer *s : {&rig.a, &rig.b, &rig.c})
            s->setFault(down);
        r = rig.chat(false, u"gpt-4o"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("x-understudy-source"), QByteArray("cache"));
        QCOMPARE(r.header("x-understudy-tier"), QByteArray());
        const QJsonObject cached = json(r.body);
        const QJsonObject label = cached.value("understudy"_L1).toObject();
        QCOMPARE(label.value("source"_L1).toString(), u"cache"_s);
        QVERIFY(label.value("source_detail"_L1).toString().contains(u"response cache"_s));
        QVERIFY(!label.contains("tier"_L1));
        QCOMPARE(cached.value("model"_L1).toString(), wroteIt); // the model that wrote it, then

        r = rig.chat(true, u"gpt-4o"_s); // streamed: the same labels, from the first chunk on
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("x-understudy-source"), QByteArray("cache"));
        QVERIFY(r.events.size() >= 3);
        const QJsonObject first = json(r.events.first());
        QCOMPARE(first.value("understudy"_L1).toObject().value("source"_L1).toString(), u"cache"_s);
        QVERIFY(!first.value("understudy"_L1).toObject().contains("tier"_L1)); // not the tier that failed
        QCOMPARE(first.value("model"_L1).toString(), wroteIt);
        QCOMPARE(r.events.last(), QByteArray("[DONE]"));
    }

    // A client says a request matters (metadata.priority or x-understudy-priority): while degraded
    // it is served at REDUCED with its conversation, not cut to its last turn at MINIMAL; every
    // answer names the level it was served at.
    void priority_throughTheGateway()
    {
        Rig rig;
        Degradable wired(rig);
        wired.degradeThePrimary();
        QCOMPARE(wired.health.lastHealth().status, HealthStatus::Degraded);
        const auto ask = [&rig](const QJsonObject &metadata,
                                const QList<QPair<QByteArray, QByteArray>> &headers) {
            QJsonObject body{
                {u"model"_s, u"m"_s},
                {u"messages"_s,
                 QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u"My name is Zed."_s}},
                            QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, u"Hello Zed."_s}},
                            QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u"What is my name?"_s}}}}};
            if (!metadata.isEmpty())
                body.insert(u"metadata"_s, metadata);
            const HttpAnswer r = rig.client.post(rig.url(u"/v1/chat/completions"_s),
                                                 QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
            const QByteArray tier = r.header("x-understudy-tier");
            FakeProviderServer &served = tier == "t0" ? rig.a : tier == "t1" ? rig.b : rig.c;
            const QJsonArray sent = served.requests().isEmpty()
                                        ? QJsonArray()
                                        : json(served.requests().last().body).value("messages"_L1).toArray();
            return std::pair{r, sent.size()};
        };
        auto [normal, normalSent] = ask({}, {});
        QCOMPARE(normal.status, 200);
        QCOMPARE(normal.header("x-understudy-level"), QByteArray("minimal"));
        QCOMPARE(normalSent, 1); // MINIMAL: the last turn only, and the answer says so
        auto [high, highSent] = ask({{u"priority"_s, u"high"_s}}, {});
        QCOMPARE(high.header("x-understudy-level"), QByteArray("reduced"));
        QCOMPARE(json(high.body).value("understudy"_L1).toObject().value("level"_L1).toString(),
                 u"reduced"_s);
        QCOMPARE(highSent, 3); // the whole conversation: the name is still there
        auto [byHeader, byHeaderSent] = ask({}, {{"x-understudy-priority", "HIGH"}});
        QCOMPARE(byHeader.header("x-understudy-level"), QByteArray("reduced"));
        QCOMPARE(byHeaderSent, 3);
        auto [bad, badSent] = ask({{u"priority"_s, u"urgent"_s}}, {});
        Q_UNUSED(badSent);
        QCOMPARE(bad.status, 400);
        QCOMPARE(json(bad.body)["error"_L1]["param"_L1].toString(), u"metadata.priority"_s);
    }

    void healthz_agreesWithTheHealthVerdict()
    {
        Rig rig;
        Degradable wired(rig);
        QJsonObject o = json(rig.client.get(rig.url(u"/healthz"_s)).body);
        QCOMPARE(o.value("status"_L1).toString(), u"ok"_s);
        QCOMPARE(o.value("level"_L1).toString(), u"full"_s);
        wired.degradeThePrimary(); // the breakers alone would still say "ok"
        QCOMPARE(rig.engine.tierState(u"t0"_s).breaker, CircuitBreaker::State::Closed);
        QCOMPARE(wired.health.lastHealth().status, HealthStatus::Degraded);
        const HttpAnswer r = rig.client.get(rig.url(u"/healthz"_s));
        QCOMPARE(r.status, 200);
        o = json(r.body);
        QCOMPARE(o.value("status"_L1).toString(), u"degraded"_s);
        QCOMPARE(o.value("level"_L1).toString(), u"minimal"_s);
        QVERIFY2(o.value("reasons"_L1).toArray().first().toString().startsWith(u"t0: "_s),
                 r.body.constData());
    }

    void badRequests_getClearErrors()
    {
        Rig rig;
        HttpAnswer r =
            rig.client.post(rig.url(u"/v1/chat/completions"_s), "{\"model\": \"m\", \"messages\": [");
        QCOMPARE(r.status, 400);
        QVERIFY(json(r.body)
                    .value("error"_L1)
                    .toObject()
                    .value("message"_L1)
                    .toString()
                    .contains(u"not valid JSON"_s));
        r = rig.client.post(rig.url(u"/v1/chat/completions"_s), "{\"messages\": []}");
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r.body).value("error"_L1).toObject().value("param"_L1).toString(), u"model"_s);
        r = rig.client.post(rig.url(u"/v1/chat/completions"_s),
                            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":"
                            "[{\"type\":\"function\"}]}");
        QCOMPARE(r.status, 400);
        r = rig.client.post(rig.url(u"/v1/chat/completions"_s), QByteArray(100 * 1024, 'x'));
        QCOMPARE(r.status, 413);
        r = rig.client.get(rig.url(u"/v1/nothing"_s));
        QCOMPARE(r.status, 404);
        r = rig.client.get(rig.url(u"/v1/chat/completions"_s));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("POST"));
        QCOMPARE(rig.a.requestCount(), 0);
    }

    void token_isRequiredWhenSet()
    {
        Rig rig("s3cret-token");
        HttpAnswer r = rig.chat(false);
        QCOMPARE(r.status, 401);
        QCOMPARE(json(r.body).value("error"_L1).toObject().value("code"_L1).toString(), u"invalid_api_key"_s);
        r = rig.client.post(rig.url(u"/v1/chat/completions"_s),
                            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                            {{"Authorization", "Bearer wrong-token!"}});
        QCOMPARE(r.status, 401);
        r = rig.client.post(rig.url(u"/v1/chat/completions"_s),
                            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                            {{"Authorization", "Bearer s3cret-token"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(rig.client.get(rig.url(u"/healthz"_s)).status, 200); // monitoring needs no token
        QCOMPARE(rig.client.get(rig.url(u"/metrics"_s)).status, 401);
    }

    void listensOnLoopbackOnly()
    {
        Transport transport;
        SystemClock clock;
        ChatEngine engine(transport, nullptr, clock);
        MetricsRegistry metrics(engine);
        Gateway gateway(engine, metrics);
        Gateway::Options o;
        o.port = 0;
        o.host = u"0.0.0.0"_s;
        auto started = gateway.start(o);
        QVERIFY(!started.ok());
        QVERIFY(started.error().contains(u"loopback"_s));
        o.allowRemote = true;
        started = gateway.start(o);
        QVERIFY(!started.ok());
        QVERIFY(started.error().contains(u"token"_s));
        o.host = u"::1"_s;
        o.allowRemote = false;
        QVERIFY(gateway.start(o).ok());
        QVERIFY(gateway.listenAddress().startsWith(u"[::1]:"_s));
    }
};

Q_DECLARE_METATYPE(FakeFault)

QTEST_GUILESS_MAIN(TestGateway)
#include "test_gateway.moc"
