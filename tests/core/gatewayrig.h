#pragma once

// The gateway test rig, shared by test_gateway and test_gatewayhostile: the gateway on 127.0.0.1
// in front of the fake provider trio, and readers for its answers.

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

namespace GatewayRig {

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

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

inline QJsonObject json(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

inline QString answer(const char *prefix, int tokens = 6)
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

inline Streamed readStream(const HttpAnswer &a)
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

} // namespace GatewayRig
