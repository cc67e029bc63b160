#include "transport/simulatedreply.h"

#include "providers/simulatedtext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <cmath>

using namespace Qt::StringLiterals;

SimulatedTransportReply::SimulatedTransportReply(const TransportRequest &request, quint32 sequence,
                                                 QObject *parent)
    : TransportReply(parent)
    , m_params(request.simulation.value_or(SimulationParams{}))
    , m_body(request.body)
    , m_isListing(request.method == "GET")
    , m_seed(m_params.seed * 2654435761u + sequence)
    , m_id(u"chatcmpl-sim-"_s + QString::number(sequence))
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SimulatedTransportReply::tick);
    // Answer from the event loop, never from inside send(), like a real reply.
    QTimer::singleShot(0, this, &SimulatedTransportReply::begin);
}

void SimulatedTransportReply::abort()
{
    m_aborted = true;
    m_timer.stop();
}

void SimulatedTransportReply::respondError(int status, const QByteArray &type, const QString &message,
                                           int retryAfterSeconds)
{
    HeaderList headers{{"content-type", "application/json"}};
    if (retryAfterSeconds > 0)
        headers.append({"retry-after", QByteArray::number(retryAfterSeconds)});
    emit responseStarted(status, headers);
    if (m_aborted)
        return;
    const QJsonObject error{{u"error"_s, QJsonObject{{u"message"_s, message},
                                                     {u"type"_s, QString::fromLatin1(type)},
                                                     {u"code"_s, QString::fromLatin1(type)}}}};
    emit dataReceived(QJsonDocument(error).toJson(QJsonDocument::Compact));
    if (!m_aborted)
        emit finished({});
}

void SimulatedTransportReply::begin()
{
    if (m_aborted)
        return;
    QRandomGenerator rng(m_seed);
    if (m_isListing) {
        // A models listing obeys the same faults as a chat request, so probes meet a failing provider.
        if (m_params.fault == SimulationParams::Fault::Hang)
            return;
        if (m_params.fault == SimulationParams::Fault::Status)
            return respondError(m_params.faultStatus, "server_error",
                                u"Simulated fault: HTTP %1."_s.arg(m_params.faultStatus),
                                m_params.retryAfterSeconds);
        if (m_params.errorRate > 0 && rng.generateDouble() < m_params.errorRate)
            return respondError(503, "server_error", u"The simulated server is overloaded (error rate)."_s);
        QTimer::singleShot(std::min(m_params.ttftMs, 50), this, [this] {
            if (m_aborted)
                return;
            emit responseStarted(200, {{"content-type", "application/json"}});
            if (!m_aborted)
                emit dataReceived(
                    R"({"object":"list","data":[{"id":"simulated","object":"model","owned_by":"understudy"}]})");
            if (!m_aborted)
                emit finished({});
        });
        return;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(m_body);
    const QJsonObject req = doc.object();
    const QJsonArray messages = req.value("messages"_L1).toArray();
    if (!doc.isObject() || !req.value("model"_L1).isString() || messages.isEmpty())
        return respondError(400, "invalid_request_error",
                            u"'model' and a non-empty 'messages' are required"_s);
    m_model = req.value("model"_L1).toString();
    m_streaming = req.value("stream"_L1).toBool();

    if (m_params.errorRate > 0 && rng.generateDouble() < m_params.errorRate)
        return respondError(503, "server_error", u"The simulated server is overloaded (error rate)."_s);
    switch (m_params.fault) {
    case SimulationParams::Fault::Status: {
        const int status = m_params.faultStatus;
        const QByteArray type = status == 429 ? QByteArrayLiteral("rate_limit_exceeded")
                                              : status == 401
            ? QByteArrayLiteral("invalid_api_key")
            : status == 404
            ? QByteArrayLiteral("model_not_found")
            : QByteArrayLiteral("server_error");
        return respondError(status, type, u"Simulated fault: HTTP %1."_s.arg(status),
                            m_params.retryAfterSeconds);
    }
    case SimulationParams::Fault::Hang:
        return; // accept and never answer
    default:
        break;
    }

    QString prompt;
    for (const QJsonValue m : messages) {
        const QString content = m.toObject().value("content"_L1).toString();
        m_inputTokens += estimateTokens(content) + 4;
        if (m.toObject().value("role"_L1).toString() == u"user")
            prompt = content;
    }
    m_tokens = SimulatedText::answerTokens(prompt, m_model, m_params.answerTokens, m_seed);
    const int maxTokens = req.value("max_tokens"_L1).toInt(0);
    if (maxTokens > 0 && m_tokens.size() > maxTokens) {
        m_tokens = m_tokens.mid(0, maxTokens);
        m_lengthLimited = true;
    }

    if (m_streaming) {
        emit responseStarted(200, {{"content-type", "text/event-stream"}, {"cache-control", "no-cache"}});
        if (m_aborted)
            return;
        emit dataReceived(
            chunk(QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}}, QJsonValue::Null));
        if (m_aborted)
            return;
        QTimer::singleShot(m_params.ttftMs, this, [this] {
            if (m_aborted)
                return;
            m_sinceFirstToken.start();
            tick();
            if (!m_aborted && m_next < m_tokens.size())
                m_timer.start(std::max(10, int(1000.0 / m_params.tokensPerSecond)));
        });
    } else {
        const int total = m_params.ttftMs + int(m_tokens.size() * 1000.0 / m_params.tokensPerSecond);
        QTimer::singleShot(total, this, [this] {
            if (m_aborted)
                return;
            const QJsonObject body{
                {u"id"_s, m_id},
                {u"object"_s, u"chat.completion"_s},
                {u"created"_s, QDateTime::currentSecsSinceEpoch()},
                {u"model"_s, m_model},
                {u"choices"_s,
                 QJsonArray{QJsonObject{{u"index"_s, 0},
                                        {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s},
                                                                   {u"content"_s, m_tokens.join(QString())}}},
                                        {u"finish_reason"_s, m_lengthLimited ? u"length"_s : u"stop"_s}}}},
                {u"usage"_s, QJsonObject{{u"prompt_tokens"_s, m_inputTokens},
                                         {u"completion_tokens"_s, m_tokens.size()},
                                         {u"total_tokens"_s, m_inputTokens + m_tokens.size()}}}};
            emit responseStarted(200, {{"content-type", "application/json"}});
            if (!m_aborted)
                emit dataReceived(QJsonDocument(body).toJson(QJsonDocument::Compact));
            if (!m_aborted)
                emit finished({});
        });
    }
}

QByteArray SimulatedTransportReply::chunk(const QJsonObject &delta, const QJsonValue &finishReason) const
{
    const QJsonObject c{
        {u"id"_s, m_id},
        {u"object"_s, u"chat.completion.chunk"_s},
        {u"model"_s, m_model},
        {u"choices"_s,
         QJsonArray{QJsonObject{{u"index"_s, 0}, {u"delta"_s, delta}, {u"finish_reason"_s, finishReason}}}}};
    return "data: " + QJsonDocument(c).toJson(QJsonDocument::Compact) + "\n\n";
}

void SimulatedTransportReply::tick()
{
    if (m_aborted)
        return;
    // Emit every token that is due by now (several per tick at high speeds).
    const int due =
        std::min<int>(m_tokens.size(),
                      1 + int(std::floor(m_sinceFirstToken.elapsed() * m_params.tokensPerSecond / 1000.0)));
    const bool cuts =
        m_params.fault == SimulationParams::Fault::Cut || m_params.fault == SimulationParams::Fault::Stall;
    const int limit = cuts ? std::min(due, m_params.cutAfterTokens) : due;
    QByteArray out;
    for (; m_next < limit; ++m_next)
        out += chunk(QJsonObject{{u"content"_s, m_tokens.at(m_next)}}, QJsonValue::Null);
    if (!out.isEmpty())
        emit dataReceived(out);
    if (m_aborted)
        return;
    if (cuts && m_next >= m_params.cutAfterTokens) {
        m_timer.stop();
        if (m_params.fault == SimulationParams::Fault::Cut)
            finishStream(true);
        return; // a stall keeps the connection open and silent
    }
    if (m_next >= m_tokens.size())
        finishStream(false);
}

void SimulatedTransportReply::finishStream(bool truncated)
{
    m_timer.stop();
    if (!truncated) {
        QByteArray out = chunk(QJsonObject{}, m_lengthLimited ? u"length"_s : u"stop"_s);
        const QJsonObject usage{
            {u"id"_s, m_id},
            {u"object"_s, u"chat.completion.chunk"_s},
            {u"model"_s, m_model},
            {u"choices"_s, QJsonArray{}},
            {u"usage"_s, QJsonObject{{u"prompt_tokens"_s, m_inputTokens},
                                     {u"completion_tokens"_s, m_tokens.size()},
                                     {u"total_tokens"_s, m_inputTokens + m_tokens.size()}}}};
        out += "data: " + QJsonDocument(usage).toJson(QJsonDocument::Compact) + "\n\ndata: [DONE]\n\n";
        emit dataReceived(out);
    }
    if (!m_aborted)
        emit finished({}); // a cut ends cleanly at the transport: only the missing terminator tells
}
