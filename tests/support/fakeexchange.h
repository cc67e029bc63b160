#pragma once

// The fake provider server's connection (tests/support/fakeprovider.cpp): parses requests one after
// another and answers each as the fault says. The answers themselves, per wire format, are in
// fakeanswers.cpp.

#include "fakeprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

#include <deque>
#include <functional>

using namespace Qt::StringLiterals;

class FakeExchange final : public QObject
{
public:
    FakeExchange(FakeProviderServer &server, QTcpSocket *socket)
        : QObject(&server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // like real servers: no Nagle delay
        connect(socket, &QTcpSocket::readyRead, this, &FakeExchange::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &FakeExchange::onDisconnected);
        m_drain.setInterval(1);
        connect(&m_drain, &QTimer::timeout, this, &FakeExchange::drainOne);
    }

    bool responding() const { return m_responding; }

private:
    using Format = FakeProviderServer::Format;

    void onReadyRead()
    {
        m_in += m_socket->readAll();
        if (m_responding || m_busy)
            return; // one request at a time per connection
        const qsizetype headerEnd = m_in.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = m_in.left(headerEnd).split('\n');
        RecordedRequest req;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        req.method = requestLine.value(0);
        req.target = requestLine.value(1);
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines.at(i).left(colon).trimmed();
            const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
            req.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        if (m_in.size() < headerEnd + 4 + contentLength)
            return;
        req.body = m_in.mid(headerEnd + 4, contentLength);
        m_in.remove(0, headerEnd + 4 + contentLength);
        m_busy = true;
        handle(req);
    }

    void onDisconnected()
    {
        m_closed = true;
        m_timers.clear();
        m_drain.stop();
        m_server.onExchangeDone(this, m_responding);
        m_responding = false;
        deleteLater();
    }

    void later(int ms, std::function<void()> fn)
    {
        auto *t = new QTimer(this);
        t->setSingleShot(true);
        connect(t, &QTimer::timeout, this, [this, t, fn = std::move(fn)] {
            t->deleteLater();
            if (!m_closed)
                fn();
        });
        t->start(ms);
        m_timers.append(t);
    }

    // Every byte and every end of the response goes through here, so "trickle" can split it.
    void emitAction(std::function<void()> action)
    {
        if (!m_fault.trickle) {
            action();
            return;
        }
        m_actions.push_back(std::move(action));
        if (!m_drain.isActive())
            m_drain.start();
    }
    void drainOne()
    {
        if (m_actions.empty() || m_closed) {
            m_drain.stop();
            return;
        }
        auto action = std::move(m_actions.front());
        m_actions.pop_front();
        action();
    }
    void rawWrite(const QByteArray &bytes)
    {
        if (!m_fault.trickle) {
            m_socket->write(bytes);
            m_socket->flush();
            return;
        }
        for (qsizetype i = 0; i < bytes.size(); i += 3) {
            const QByteArray piece = bytes.mid(i, 3);
            m_actions.push_back([this, piece] {
                m_socket->write(piece);
                m_socket->flush();
            });
        }
        if (!m_drain.isActive())
            m_drain.start();
    }

    void writeHead(int status, const QByteArray &contentType,
                   const QList<QPair<QByteArray, QByteArray>> &extra, qsizetype contentLength)
    {
        m_responding = true;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " " + reason(status) + "\r\n";
        head += "Content-Type: " + contentType + "\r\n";
        for (const auto &[k, v] : extra)
            head += k + ": " + v + "\r\n";
        m_chunked = false;
        if (contentLength >= 0) {
            head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
        } else if (m_fault.closeDelimited) {
            head += "Connection: close\r\n";
        } else {
            head += "Transfer-Encoding: chunked\r\n";
            m_chunked = true;
        }
        head += "\r\n";
        rawWrite(head);
    }

    void writeBody(QByteArray data)
    {
        if (m_fault.crlf)
            data.replace("\n", "\r\n");
        if (m_chunked)
            rawWrite(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
        else
            rawWrite(data);
    }

    void endBody()
    {
        if (m_chunked)
            rawWrite("0\r\n\r\n");
        emitAction([this] {
            const bool close = m_fault.closeDelimited && !m_chunked && m_contentLengthless;
            m_responding = false;
            m_busy = false;
            if (close)
                m_socket->disconnectFromHost();
            else if (!m_in.isEmpty())
                QTimer::singleShot(0, this, &FakeExchange::onReadyRead);
        });
    }

    void dropConnection()
    {
        emitAction([this] { m_socket->abort(); });
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        case 529:
            return "Overloaded";
        default:
            return "Status";
        }
    }

    void sendJson(int status, const QJsonObject &body, QList<QPair<QByteArray, QByteArray>> extra = {})
    {
        const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        m_contentLengthless = false;
        writeHead(status, "application/json", extra, bytes.size());
        writeBody(bytes);
        endBody();
    }

    // ---- the answer ------------------------------------------------------------------------------

    void handle(const RecordedRequest &req)
    {
        m_fault = m_server.m_fault;
        const int index = m_server.m_requestCount++;
        if (m_server.m_recording)
            m_server.m_requests.append(req);
        const QByteArray lowerTarget = req.target.toLower();
        if (lowerTarget.contains("key=") || lowerTarget.contains("api_key") ||
            lowerTarget.contains("token=") ||
            (!m_fault.requireKey.isEmpty() && req.target.contains(m_fault.requireKey)))
            ++m_server.m_keyInUrl;
        emit m_server.requestReceived(index);

        m_path = req.target.left(req.target.indexOf('?') < 0 ? req.target.size() : req.target.indexOf('?'));
        if (m_path.startsWith("/v1beta/"))
            m_format = Format::Gemini;
        else if (m_path == "/v1/messages" ||
                 (m_path == "/v1/models" && !req.header("anthropic-version").isEmpty()))
            m_format = Format::Anthropic;
        else
            m_format = Format::OpenAi;
        m_request = QJsonDocument::fromJson(req.body).object();
        m_recorded = req;
        m_applyStatus = m_fault.status > 0 && (m_fault.failFirst == 0 || index < m_fault.failFirst);
        if (m_fault.slowPct > 0) {
            // A small LCG, seeded per server: the same spikes on every run.
            m_server.m_rngState = m_server.m_rngState * 1103515245u + 12345u;
            if (int((m_server.m_rngState >> 16) % 100) < m_fault.slowPct)
                m_fault.ttftMs = m_fault.slowTtftMs;
        }

        if (m_fault.refuse) {
            m_socket->abort();
            return;
        }
        if (m_fault.hang) {
            m_responding = true;
            return;
        }
        later(m_fault.latencyMs, [this] { answer(); });
    }

    QString requestedModel() const
    {
        if (m_format == Format::Gemini) {
            static const QRegularExpression re(u"/models/([^:/]+)"_s);
            return re.match(QString::fromLatin1(m_path)).captured(1);
        }
        return m_request.value("model"_L1).toString();
    }

    bool keyAccepted() const
    {
        if (m_fault.requireKey.isEmpty())
            return true;
        switch (m_format) {
        case Format::OpenAi:
            return m_recorded.header("authorization") == "Bearer " + m_fault.requireKey;
        case Format::Anthropic:
            return m_recorded.header("x-api-key") == m_fault.requireKey;
        case Format::Gemini:
            return m_recorded.header("x-goog-api-key") == m_fault.requireKey;
        }
        return false;
    }

    bool lastMessageIsAssistant() const
    {
        if (m_format == Format::Gemini) {
            const QJsonArray contents = m_request.value("contents"_L1).toArray();
            return !contents.isEmpty() && contents.last().toObject().value("role"_L1).toString() == u"model";
        }
        const QJsonArray messages = m_request.value("messages"_L1).toArray();
        return !messages.isEmpty() && messages.last().toObject().value("role"_L1).toString() == u"assistant";
    }

    void sendError(int status, const QString &kind, const QString &message)
    {
        QList<QPair<QByteArray, QByteArray>> extra;
        if (!m_fault.retryAfter.isEmpty() && (status == 429 || status == 503 || status == 529))
            extra.append({"Retry-After", m_fault.retryAfter.toLatin1()});
        switch (m_format) {
        case Format::OpenAi: {
            QString type = u"invalid_request_error"_s;
            QString code;
            if (kind == u"quota") {
                type = code = u"insufficient_quota"_s;
            } else if (kind == u"context_length") {
                code = u"context_length_exceeded"_s;
            } else if (kind == u"content_policy") {
                code = u"content_policy_violation"_s;
            } else if (kind == u"model_not_found") {
                code = u"model_not_found"_s;
            } else if (kind == u"auth") {
                code = u"invalid_api_key"_s;
            } else if (status == 429) {
                type = u"requests"_s;
                code = u"rate_limit_exceeded"_s;
            } else if (status >= 500) {
                type = u"server_error"_s;
            }
            sendJson(status,
                     QJsonObject{{u"error"_s, QJsonObject{{u"message"_s, message},
                                                          {u"type"_s, type},
                                                          {u"param"_s, QJsonValue::Null},
                                                          {u"code"_s, code.isEmpty() ? QJsonValue()
                                                                                     : QJsonValue(code)}}}},
                     extra);
            return;
        }
        case Format::Anthropic: {
            QString type = u"api_error"_s;
            QJsonObject error;
            if (kind == u"spend_limit" || kind == u"quota") {
                type = u"rate_limit_error"_s;
                error.insert(u"details"_s, QJsonObject{{u"error_code"_s, u"enforced_spend_limit_reached"_s}});
            } else if (kind == u"context_length" || kind == u"content_policy" || status == 400) {
                type = u"invalid_request_error"_s;
            } else if (status == 401 || kind == u"auth") {
                type = u"authentication_error"_s;
            } else if (status == 403) {
                type = u"permission_error"_s;
            } else if (status == 404 || kind == u"model_not_found") {
                type = u"not_found_error"_s;
            } else if (status == 429) {
                type = u"rate_limit_error"_s;
            } else if (status == 529 || status == 503) {
                type = u"overloaded_error"_s;
            }
            error.insert(u"type"_s, type);
            error.insert(u"message"_s, message);
            extra.append({QByteArrayLiteral("request-id"), QByteArrayLiteral("req_fake")});
            sendJson(
                status,
                QJsonObject{{u"type"_s, u"error"_s}, {u"error"_s, error}, {u"request_id"_s, u"req_fake"_s}},
                extra);
            return;
        }
        case Format::Gemini: {
            QString st = u"INTERNAL"_s;
            QJsonArray details;
            if (status == 429) {
                st = u"RESOURCE_EXHAUSTED"_s;
                const QString quotaId = kind == u"per_day_quota" || kind == u"quota"
                                            ? u"GenerateRequestsPerDayPerProjectPerModel-FreeTier"_s
                                            : u"GenerateRequestsPerMinutePerProjectPerModel"_s;
                details.append(
                    QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.QuotaFailure"_s},
                                {u"violations"_s, QJsonArray{QJsonObject{{u"quotaId"_s, quotaId}}}}});
                if (!m_fault.retryAfter.isEmpty())
                    details.append(QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.RetryInfo"_s},
                                               {u"retryDelay"_s, QString(m_fault.retryAfter + u's')}});
            } else if (status == 503) {
                st = u"UNAVAILABLE"_s;
            } else if (status == 404) {
                st = u"NOT_FOUND"_s;
            } else if (status == 401) {
                st = u"UNAUTHENTICATED"_s;
            } else if (status == 403) {
                st = u"PERMISSION_DENIED"_s;
            } else if (status == 400) {
                st = u"INVALID_ARGUMENT"_s;
                if (kind == u"auth")
                    details.append(QJsonObject{{u"@type"_s, u"type.googleapis.com/google.rpc.ErrorInfo"_s},
                                               {u"reason"_s, u"API_KEY_INVALID"_s}});
            }
            sendJson(status,
                     QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, status},
                                                          {u"message"_s, message},
                                                          {u"status"_s, st},
                                                          {u"details"_s, details}}}},
                     extra);
            return;
        }
        }
    }

    QString messageFor(int status, const QString &kind) const
    {
        if (kind == u"context_length") {
            return m_format == Format::Anthropic ? u"prompt is too long: 250000 tokens > 200000 maximum"_s
                   : m_format == Format::Gemini
                       ? u"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."_s
                       : u"This model's maximum context length is 8192 tokens."_s;
        }
        if (kind == u"spend_limit")
            return u"You have reached your specified workspace API usage limits (monthly spend limit)."_s;
        if (kind == u"content_policy")
            return u"Your request was rejected as a result of our safety system."_s;
        if (kind == u"model_not_found")
            return u"The model `%1` does not exist or you do not have access to it."_s.arg(requestedModel());
        return u"Injected HTTP %1"_s.arg(status);
    }

    void answer();

    QString tokenText(int i) const
    {
        return QString::fromLatin1(m_server.m_tokenPrefix) + QString::number(i) + u' ';
    }

    void streamToken(int i);

    QByteArray anthropicEvent(const QByteArray &name, const QJsonObject &data) const
    {
        return "event: " + name + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
    }
    QByteArray dataFrame(const QJsonObject &data) const
    {
        return "data: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
    }
    QByteArray geminiFrame(const QJsonObject &data) const { return dataFrame(data); }

    QJsonObject openAiChunk(const QJsonObject &delta, const QJsonValue &finish) const
    {
        return QJsonObject{
            {u"id"_s, u"chatcmpl-fake"_s},
            {u"object"_s, u"chat.completion.chunk"_s},
            {u"model"_s, requestedModel()},
            {u"choices"_s,
             QJsonArray{QJsonObject{{u"index"_s, 0}, {u"delta"_s, delta}, {u"finish_reason"_s, finish}}}},
            {u"usage"_s, QJsonValue::Null}};
    }

    QByteArray tokenFrame(const QString &text) const
    {
        switch (m_format) {
        case Format::OpenAi:
            return dataFrame(openAiChunk(QJsonObject{{u"content"_s, text}}, QJsonValue::Null));
        case Format::Anthropic:
            return anthropicEvent(
                "content_block_delta",
                QJsonObject{{u"type"_s, u"content_block_delta"_s},
                            {u"index"_s, 0},
                            {u"delta"_s, QJsonObject{{u"type"_s, u"text_delta"_s}, {u"text"_s, text}}}});
        case Format::Gemini:
            return geminiFrame(QJsonObject{
                {u"candidates"_s,
                 QJsonArray{QJsonObject{
                     {u"content"_s, QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, text}}}},
                                                {u"role"_s, u"model"_s}}},
                     {u"index"_s, 0}}}},
                {u"modelVersion"_s, requestedModel()}});
        }
        return {};
    }

    void streamErrorEvent();

    void streamFinish();

    void answerWhole();

    FakeProviderServer &m_server;
    QTcpSocket *m_socket;
    QByteArray m_in;
    FakeFault m_fault;
    Format m_format = Format::OpenAi;
    QByteArray m_path;
    QJsonObject m_request;
    RecordedRequest m_recorded;
    bool m_applyStatus = false;
    bool m_responding = false;
    bool m_busy = false;
    bool m_chunked = false;
    bool m_contentLengthless = false;
    bool m_closed = false;
    QList<QPointer<QTimer>> m_timers;
    std::deque<std::function<void()>> m_actions;
    QTimer m_drain;
};
