// The gateway under hostile and unusual HTTP: pipelining, saturation, slow and stalled clients,
// connection caps, floods, HEAD, web pages (Host, Origin, Content-Type) and auth spelling. The
// failure modes as a client sees them are in test_gateway.cpp.
#include "gatewayrig.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace GatewayRig;

class TestGatewayHostile : public QObject
{
    Q_OBJECT

private slots:
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
        // Until the answer is whole, what the gateway holds is sampled on every turn of the wait.
        QVERIFY(QTest::qWaitFor(
            [&] {
                mostHeld = std::max(mostHeld, rig.gateway.server().bufferedInput());
                return received.contains("data: [DONE]");
            },
            5000));
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

QTEST_GUILESS_MAIN(TestGatewayHostile)
#include "test_gatewayhostile.moc"
