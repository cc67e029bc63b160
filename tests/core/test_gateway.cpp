// The local gateway driven with real HTTP on 127.0.0.1, against the fake provider server: each
// failure mode as a client sees it, the OpenAI wire format, and the HTTP edge cases.

#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "gateway/gateway.h"
#include "gateway/openaiformat.h"
#include "httpclient.h"
#include "metrics/metrics.h"
#include "testutil.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

namespace {

struct Rig : FakeTrio
{
    explicit Rig(QByteArray token = {}, const std::function<void(Gateway::Options &)> &adjust = {})
    {
        config = TestUtil::chainOver({&a, &b, &c}, Format::OpenAi);
        engine.setConfig(config);
        Gateway::Options o;
        o.port = 0;
        o.token = std::move(token);
        o.maxBodyBytes = 64 * 1024;
        if (adjust)
            adjust(o);
        started = gateway.start(o).ok();
    }
    QByteArray host() const { return "127.0.0.1:" + QByteArray::number(gateway.port()); }
    // A chat request as raw bytes, with the headers a real client sends unless told otherwise.
    QByteArray rawChat(const QByteArray &extraHeaders = {}, bool stream = false) const
    {
        const QByteArray body =
            QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]") +
            (stream ? ",\"stream\":true}" : "}");
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: " + host() +
               "\r\nContent-Type: application/json\r\n" + extraHeaders +
               "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    void apply() { engine.setConfig(config); }
    QUrl url(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(gateway.port()).arg(path));
    }

    HttpAnswer chat(bool stream, const QString &model = u"m"_s, bool includeUsage = false,
                    int timeoutMs = 10'000)
    {
        QJsonObject body{
            {u"model"_s, model},
            {u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u"hello"_s}}}}};
        if (stream) {
            body.insert(u"stream"_s, true);
            if (includeUsage)
                body.insert(u"stream_options"_s, QJsonObject{{u"include_usage"_s, true}});
        }
        return client.post(url(u"/v1/chat/completions"_s), QJsonDocument(body).toJson(QJsonDocument::Compact),
                           {}, timeoutMs);
    }

    Transport transport;
    SystemClock clock;
    ChatEngine engine{transport, nullptr, clock};
    MetricsRegistry metrics{engine};
    Gateway gateway{engine, metrics};
    ChainConfig config;
    HttpClient client;
    bool started = false;
};

QJsonObject json(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

QString answer(const char *prefix, int tokens = 6)
{
    QString s;
    for (int i = 0; i < tokens; ++i)
        s += QString::fromLatin1(prefix) + QString::number(i) + u' ';
    return s;
}

// The text of a streamed answer, and whether it ended properly.
struct Streamed
{
    QString text;
    QString finishReason;
    QString model;
    bool done = false;
    bool errorEvent = false;
    QJsonObject usage;
    int usageChunks = 0;
    bool roleFirst = false;
};

Streamed readStream(const HttpAnswer &a)
{
    Streamed s;
    for (qsizetype i = 0; i < a.events.size(); ++i) {
        const QByteArray &e = a.events.at(i);
        if (e == "[DONE]") {
            s.done = true;
            continue;
        }
        const QJsonObject o = json(e);
        if (o.contains("error"_L1)) {
            s.errorEvent = true;
            continue;
        }
        const QJsonArray choices = o.value("choices"_L1).toArray();
        if (o.value("usage"_L1).isObject()) {
            s.usage = o.value("usage"_L1).toObject();
            ++s.usageChunks;
        }
        if (choices.isEmpty())
            continue;
        const QJsonObject c = choices.first().toObject();
        if (i == 0)
            s.roleFirst = c.value("delta"_L1).toObject().value("role"_L1).toString() == u"assistant";
        s.text += c.value("delta"_L1).toObject().value("content"_L1).toString();
        if (c.value("finish_reason"_L1).isString()) {
            s.finishReason = c.value("finish_reason"_L1).toString();
            s.model = o.value("model"_L1).toString();
        }
    }
    return s;
}

} // namespace

class TestGateway : public QObject
{
    Q_OBJECT

private slots:
    void nonStreamed_isAnOpenAiCompletion()
    {
        Rig rig;
        QVERIFY(rig.started);
        const HttpAnswer r = rig.chat(false);
        QCOMPARE(r.status, 200);
        const QJsonObject o = json(r.body);
        QCOMPARE(o.value("object"_L1).toString(), u"chat.completion"_s);
        QVERIFY(o.value("id"_L1).toString().startsWith(u"chatcmpl-"_s));
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
        QElapsedTimer t;
        t.start();
        QTRY_COMPARE_WITH_TIMEOUT(rig.a.abortedCount(), 1, 1000);
        QVERIFY2(t.elapsed() < 200, "the upstream request was not aborted at once");
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

    void http_keepAlivePipeliningContinueAndGarbage()
    {
        Rig rig;
        const QByteArray body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        const QByteArray request = rig.rawChat();
        // Two pipelined requests on one connection: two answers, in order.
        QByteArray out = HttpClient::raw(rig.gateway.port(), request + request, 1500);
        QVERIFY2(out.count("HTTP/1.1 200 OK") == 2, out.constData());
        // Expect: 100-continue gets its interim answer before the body is sent.
        out = HttpClient::raw(
            rig.gateway.port(),
            "POST /v1/chat/completions HTTP/1.1\r\nHost: " + rig.host() +
                "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n",
            500);
        QVERIFY(out.startsWith("HTTP/1.1 100 Continue"));
        // Garbage gets a 400 and the connection closes.
        out = HttpClient::raw(rig.gateway.port(), "HELLO\r\n\r\n", 1000);
        QVERIFY(out.startsWith("HTTP/1.1 400"));
        // Connection: close is honoured.
        out = HttpClient::raw(
            rig.gateway.port(),
            "GET /healthz HTTP/1.1\r\nHost: " + rig.host() + "\r\nConnection: close\r\n\r\n", 3000);
        QVERIFY(out.contains("Connection: close"));
        // Chunked request bodies are understood.
        out = HttpClient::raw(rig.gateway.port(),
                              "POST /v1/chat/completions HTTP/1.1\r\nHost: " + rig.host() +
                                  "\r\nContent-Type: application/json\r\nTransfer-Encoding: "
                                  "chunked\r\nConnection: close\r\n\r\n" +
                                  QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n0\r\n\r\n",
                              3000);
        QVERIFY(out.startsWith("HTTP/1.1 200 OK"));
    }

    // Every connection to the primary is busy beyond its queue's bound: the client is told at once
    // that the gateway is saturated (503, Retry-After, OpenAI error shape) and the primary keeps a
    // clean record; /metrics counts it, and nothing fails over to the other tiers.
    void saturated_is503WithRetryAfter_neverAProviderFailure()
    {
        Rig rig;
        rig.config.providers[0].connections.maxConnections = 1;
        rig.config.providers[0].connections.queueTimeoutMs = 50;
        rig.apply();
        FakeFault slow;
        slow.latencyMs = 600;
        rig.a.setFault(slow);
        ChatRequest occupying; // holds the only connection for 600 ms
        occupying.messages = {{Role::User, u"first"_s}};
        QPointer<ChatRun> first = rig.engine.start(occupying);
        QTRY_COMPARE(rig.a.requestCount(), 1);
        const HttpAnswer a = rig.chat(false);
        QCOMPARE(a.status, 503);
        QCOMPARE(a.header("retry-after"), QByteArray("1"));
        const QJsonObject error = json(a.body).value("error"_L1).toObject();
        QCOMPARE(error.value("code"_L1).toString(), u"gateway_saturated"_s);
        QCOMPARE(error.value("type"_L1).toString(), u"server_error"_s);
        QVERIFY(error.value("message"_L1).toString().contains(u"p0"_s));
        QCOMPARE(rig.b.requestCount() + rig.c.requestCount(), 0);
        QCOMPARE(rig.engine.tierState(u"t0"_s).breaker, CircuitBreaker::State::Closed);
        const QByteArray metrics = rig.client.get(rig.url(u"/metrics"_s)).body;
        QVERIFY2(metrics.contains("understudy_gateway_saturated_total{provider=\"p0\"} 1"),
                 metrics.constData());
        QVERIFY(metrics.contains("understudy_attempts_total{tier=\"t0\",outcome=\"skipped\",error_class="
                                 "\"gateway_saturated\"} 1"));
        QVERIFY(metrics.contains("understudy_upstream_queue_wait_seconds_count{provider=\"p0\"}"));
        QVERIFY(metrics.contains("understudy_upstream_requests{provider=\"p0\",state=\"capacity\"} 1"));
        QTRY_VERIFY(first.isNull()); // the first one is answered, late but whole
    }

    // The streamed token chunk is written by hand (no JSON document per token): it must parse as the
    // same JSON whatever the text holds.
    void contentChunk_isValidJsonForAnyText()
    {
        const QList<char16_t> alphabet{u'"', u'\\', u'/', u'\n',  u'\r',  u'\t',  0x01,   0x1f,  0x7f,
                                       u'a', u' ',  0xe9, 0x4e2d, 0x2028, 0xd83d, 0xde00, 0xfffd};
        QRandomGenerator rng(16);
        for (int i = 0; i < 5000; ++i) {
            QString text;
            const int length = int(rng.bounded(40));
            for (int k = 0; k < length; ++k)
                text += QChar(alphabet.at(int(rng.bounded(alphabet.size()))));
            if (text.toUtf8() != QString::fromUtf8(text.toUtf8()).toUtf8())
                continue; // a lone surrogate: not text a model sends
            QJsonParseError error;
            const QJsonDocument doc =
                QJsonDocument::fromJson("[" + OpenAiFormat::jsonString(text) + "]", &error);
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
            QCOMPARE(doc.array().first().toString(), QString::fromUtf8(text.toUtf8()));
            const QByteArray chunk = OpenAiFormat::contentChunk(u"id\"1"_s, 42, u"m\\x"_s, text, i % 2 == 0);
            QVERIFY(chunk.startsWith("data: {") && chunk.endsWith("}\n\n"));
            const QJsonObject o = QJsonDocument::fromJson(chunk.mid(6).trimmed(), &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, chunk.constData());
            QCOMPARE(o.value("id"_L1).toString(), u"id\"1"_s);
            QCOMPARE(o.value("model"_L1).toString(), u"m\\x"_s);
            QCOMPARE(o.value("created"_L1).toInt(), 42);
            QCOMPARE(o.value("object"_L1).toString(), u"chat.completion.chunk"_s);
            QCOMPARE(o.contains("usage"_L1), i % 2 == 0);
            const QJsonObject choice = o.value("choices"_L1).toArray().first().toObject();
            QCOMPARE(choice.value("delta"_L1).toObject().value("content"_L1).toString(),
                     QString::fromUtf8(text.toUtf8()));
            QVERIFY(choice.value("finish_reason"_L1).isNull());
        }
    }

    // ---- hostile clients (issue 17) -----------------------------------------------------------
    // A chunk size past the body limit (or past 64 bits) is refused at once, before any token is
    // looked at, and nothing is allocated for it.
    void hostile_chunkSizeOverflow_is413AtOnce()
    {
        for (const QByteArray &token : {QByteArray(), QByteArray("s3cret")}) {
            Rig rig(token);
            QByteArray attack =
                "POST /v1/chat/completions HTTP/1.1\r\nHost: " + rig.host() +
                "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n";
            for (int i = 0; i < 6000; ++i)
                attack += "7fffffffffffffff\r\n";
            QElapsedTimer t;
            t.start();
            const QByteArray out = HttpClient::raw(rig.gateway.port(), attack, 3000);
            QVERIFY2(out.startsWith("HTTP/1.1 413"), out.left(200).constData());
            QVERIFY(t.elapsed() < 2000);
            // Twenty hex digits: still "too big", not a wrapped number.
            const QByteArray wide =
                HttpClient::raw(rig.gateway.port(),
                                "POST /v1/chat/completions HTTP/1.1\r\nHost: " + rig.host() +
                                    "\r\nContent-Type: application/json\r\nTransfer-Encoding: "
                                    "chunked\r\n\r\n10000000000000000001\r\n",
                                2000);
            QVERIFY2(wide.startsWith("HTTP/1.1 413"), wide.left(200).constData());
        }
    }

    // A head that never ends, and a body that stops after one byte, are cut off: 408, closed.
    void hostile_slowHeadAndStalledBody_areCutOff()
    {
        Rig rig({}, [](Gateway::Options &o) {
            o.limits.headTimeoutMs = 300;
            o.limits.bodyProgressWindowMs = 300;
        });
        QElapsedTimer t;
        t.start();
        QByteArray out =
            HttpClient::raw(rig.gateway.port(), "POST /v1/chat/completions HTTP/1.1\r\nHost: x", 3000);
        QVERIFY2(out.startsWith("HTTP/1.1 408"), out.constData());
        QVERIFY(t.elapsed() < 2000);
        t.restart();
        out = HttpClient::raw(rig.gateway.port(),
                              "POST /v1/chat/completions HTTP/1.1\r\nHost: " + rig.host() +
                                  "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
                              3000);
        QVERIFY2(out.startsWith("HTTP/1.1 408"), out.constData());
        QVERIFY(out.contains("too slowly"));
        QVERIFY(t.elapsed() < 2000);
        QTRY_COMPARE(rig.gateway.server().openConnections(), 0);
    }

    // Connections are finite (each is a file descriptor): beyond the cap, a clear 503 and a close.
    void hostile_connectionCap_is503()
    {
        Rig rig({}, [](Gateway::Options &o) { o.limits.maxConnections = 3; });
        QList<QTcpSocket *> held;
        for (int i = 0; i < 3; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, rig.gateway.port());
            QVERIFY(s->waitForConnected(2000));
            held << s;
        }
        QTRY_COMPARE(rig.gateway.server().openConnections(), 3);
        const QByteArray out = HttpClient::raw(rig.gateway.port(), rig.rawChat(), 3000);
        QVERIFY2(out.startsWith("HTTP/1.1 503"), out.constData());
        QVERIFY(out.contains("too_many_connections"));
        QCOMPARE(rig.gateway.server().refusedConnections(), quint64(1));
        qDeleteAll(held);
        QTRY_COMPARE(rig.gateway.server().openConnections(), 0);
        QCOMPARE(rig.chat(false).status, 200); // room again
    }

    // While a slow stream is being answered, 20 MB pipelined behind it are not read in: the input
    // held stays under the bound, and the stream is answered whole.
    void hostile_pipelinedFloodWhileStreaming_isBounded()
    {
        Rig rig;
        FakeFault slow;
        slow.tokens = 10;
        slow.interTokenMs = 100;
        rig.a.setFault(slow);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, rig.gateway.port());
        QVERIFY(socket.waitForConnected(2000));
        QByteArray received;
        connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
        socket.write(rig.rawChat({}, true));
        QTRY_VERIFY(received.contains("data: "));
        const QByteArray flood(20 * 1024 * 1024, 'A');
        socket.write(flood);
        qint64 mostHeld = 0;
        QElapsedTimer t;
        t.start();
        while (!received.contains("data: [DONE]") && t.elapsed() < 5000) {
            QTest::qWait(20);
            mostHeld = std::max(mostHeld, rig.gateway.server().bufferedInput());
        }
        QVERIFY(received.contains("data: [DONE]"));
        QVERIFY2(mostHeld <= HttpServer::Limits().maxPipelinedBytes + 512 * 1024,
                 qPrintable(QString::number(mostHeld)));
    }

    void head_healthz_sendsNoBody()
    {
        Rig rig;
        const QByteArray out = HttpClient::raw(
            rig.gateway.port(),
            "HEAD /healthz HTTP/1.1\r\nHost: " + rig.host() + "\r\nConnection: close\r\n\r\n", 3000);
        QVERIFY2(out.startsWith("HTTP/1.1 200"), out.constData());
        const qsizetype end = out.indexOf("\r\n\r\n");
        QVERIFY(end > 0);
        QCOMPARE(out.size(), end + 4); // nothing after the head
        QVERIFY(out.left(end).toLower().contains("content-length: "));
    }

    // A web page can reach 127.0.0.1, but it cannot choose the Host it names (DNS rebinding), leave
    // out its Origin, or send JSON without a preflight.
    void browser_hostOriginAndContentType()
    {
        Rig rig({}, [](Gateway::Options &o) {
            o.allowOrigins = {u"http://localhost:3000"_s};
            o.allowHosts = {u"understudy.lan"_s};
        });
        const quint16 port = rig.gateway.port();
        const auto post = [&](const QByteArray &host, const QByteArray &extra, const QByteArray &type) {
            const QByteArray body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
            return HttpClient::raw(port,
                                   "POST /v1/chat/completions HTTP/1.1\r\nHost: " + host + "\r\n" + extra +
                                       "Content-Type: " + type + "\r\nConnection: close\r\nContent-Length: " +
                                       QByteArray::number(body.size()) + "\r\n\r\n" + body,
                                   5000);
        };
        const QByteArray p = QByteArray::number(port);
        QByteArray out = post("evil.example:" + p, {}, "application/json");
        QVERIFY2(out.startsWith("HTTP/1.1 403") && out.contains("host_not_allowed"), out.constData());
        out = post("127.0.0.1:" + p, "Origin: http://evil.example\r\n", "text/plain");
        QVERIFY2(out.startsWith("HTTP/1.1 403") && out.contains("origin_not_allowed"), out.constData());
        out = post("127.0.0.1:" + p, {}, "text/plain");
        QVERIFY2(out.startsWith("HTTP/1.1 415"), out.constData());
        out = post("127.0.0.1:1", {}, "application/json"); // another port: not us
        QVERIFY2(out.startsWith("HTTP/1.1 403"), out.constData());
        QCOMPARE(rig.a.requestCount(), 0); // nothing was paid for
        const QList<QByteArray> hosts{"localhost:" + p, "[::1]:" + p, "127.0.0.1:" + p,
                                      "understudy.lan:" + p};
        for (const QByteArray &host : hosts) {
            out = post(host, {}, "application/json; charset=utf-8");
            QVERIFY2(out.startsWith("HTTP/1.1 200"), QByteArray(host + ": " + out.left(300)).constData());
        }
        // The allowed origin: its preflight, then the request, with CORS answers.
        out = HttpClient::raw(
            port,
            "OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: localhost:" + p +
                "\r\nOrigin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\n"
                "Access-Control-Request-Headers: content-type, authorization\r\nConnection: close\r\n\r\n",
            3000);
        QVERIFY2(out.startsWith("HTTP/1.1 204"), out.constData());
        QVERIFY(out.contains("Access-Control-Allow-Origin: http://localhost:3000"));
        QVERIFY(out.contains("Access-Control-Allow-Methods: GET, POST, OPTIONS"));
        QVERIFY(out.contains("Access-Control-Allow-Headers: content-type, authorization"));
        out = post("localhost:" + p, "Origin: http://localhost:3000\r\n", "application/json");
        QVERIFY2(out.startsWith("HTTP/1.1 200"), out.constData());
        QVERIFY(out.contains("Access-Control-Allow-Origin: http://localhost:3000"));
        QVERIFY(out.contains("Vary: Origin"));
    }

    void auth_schemeIsCaseInsensitive_andStreamMustBeBoolean()
    {
        Rig rig("s3cret");
        for (const QByteArray &scheme : QList<QByteArray>{"Bearer", "bearer", "BEARER"}) {
            const QByteArray out = HttpClient::raw(
                rig.gateway.port(),
                rig.rawChat("Authorization: " + scheme + " s3cret\r\nConnection: close\r\n"), 5000);
            QVERIFY2(out.startsWith("HTTP/1.1 200"), QByteArray(scheme + ": " + out.left(200)).constData());
        }
        const HttpAnswer yes = rig.client.post(
            rig.url(u"/v1/chat/completions"_s),
            "{\"model\":\"m\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
            {{"Authorization", "Bearer s3cret"}});
        QCOMPARE(yes.status, 400);
        QCOMPARE(json(yes.body).value("error"_L1).toObject().value("param"_L1).toString(), u"stream"_s);
        QCOMPARE(rig.a.requestCount(), 3);
    }

    // A client that keeps its connection open (every SDK does) must not make the gateway hold
    // anything of the requests it has already answered.
    void keepAlive_holdsNothingOfAnsweredRequests()
    {
        Rig rig;
        for (int i = 0; i < 40; ++i) {
            const HttpAnswer a = rig.chat(i % 2 == 0);
            QCOMPARE(a.status, 200);
        }
        QCOMPARE(rig.gateway.server().openConnections(), 1); // one kept-alive connection did it all
        QTRY_COMPARE(rig.gateway.server().liveResponders(), 0);
        QTRY_COMPARE(rig.gateway.activeRequests(), 0);
    }
};

Q_DECLARE_METATYPE(FakeFault)

QTEST_GUILESS_MAIN(TestGateway)
#include "test_gateway.moc"
