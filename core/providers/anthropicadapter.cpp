#include "providers/anthropicadapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

HeaderList baseHeaders(const Endpoint &endpoint)
{
    HeaderList headers{{"Content-Type", "application/json"},
                       {"anthropic-version", AnthropicAdapter::ApiVersion}};
    if (!endpoint.apiKey.isEmpty())
        headers.append({"x-api-key", endpoint.apiKey});
    headers.append(endpoint.extraHeaders);
    return headers;
}

// The Messages API sits under /v1 of the base URL (the SDK convention: base https://api.anthropic.com).
QUrl apiUrl(const QUrl &base, const QString &path)
{
    const bool hasV1 = base.path().endsWith(u"/v1") || base.path().endsWith(u"/v1/");
    return AdapterUtil::appendPath(base, hasV1 ? path : u"v1/"_s + path);
}

qint64 inputTokensOf(const QJsonObject &usage)
{
    return usage.value("input_tokens"_L1).toInteger() +
           usage.value("cache_creation_input_tokens"_L1).toInteger() +
           usage.value("cache_read_input_tokens"_L1).toInteger();
}

ProviderError errorFrom(const QJsonObject &root, int status)
{
    const QJsonObject e = root.value("error"_L1).toObject();
    ProviderError err;
    err.httpStatus = status;
    err.providerCode = e.value("type"_L1).toString();
    err.message = e.value("message"_L1).toString();
    const QString type = err.providerCode;
    const QString lower = err.message.toLower();
    const QString detailCode = e.value("details"_L1).toObject().value("error_code"_L1).toString();
    if (type == u"overloaded_error")
        err.cls = ErrorClass::Overloaded;
    else if (type == u"rate_limit_error")
        err.cls = (detailCode == u"enforced_spend_limit_reached" || lower.contains(u"spend limit") ||
                   lower.contains(u"credit balance"))
                      ? ErrorClass::QuotaExhausted
                      : ErrorClass::RateLimited;
    else if (type == u"billing_error")
        err.cls = ErrorClass::QuotaExhausted;
    else if (type == u"authentication_error" || type == u"permission_error")
        err.cls = ErrorClass::Auth;
    else if (type == u"not_found_error")
        err.cls = ErrorClass::ModelNotFound;
    else if (type == u"request_too_large")
        err.cls = ErrorClass::ContextLength;
    else if (type == u"invalid_request_error")
        err.cls = (lower.contains(u"prompt is too long") || lower.contains(u"context window") ||
                   lower.contains(u"too many tokens"))
                      ? ErrorClass::ContextLength
                      : ErrorClass::BadRequest;
    else if (type == u"api_error")
        err.cls = ErrorClass::ServerError;
    else
        err.cls = status > 0 ? AdapterUtil::classForStatus(status) : ErrorClass::ServerError;
    return err;
}

class AnthropicStreamDecoder final : public StreamDecoder
{
protected:
    void decode(const SseEvent &event, QList<StreamUpdate> &out) override
    {
        StreamUpdate u;
        const QJsonObject root = AdapterUtil::jsonObject(event.data, 0, u"stream event"_s, u.error);
        if (u.error) {
            out.append(u);
            return;
        }
        const QString type = root.value("type"_L1).toString(QString::fromLatin1(event.event));
        if (type == u"message_start") {
            const QJsonObject message = root.value("message"_L1).toObject();
            u.model = message.value("model"_L1).toString();
            const QJsonObject usage = message.value("usage"_L1).toObject();
            m_usage.inputTokens = inputTokensOf(usage);
            m_usage.outputTokens = usage.value("output_tokens"_L1).toInteger();
            u.usage = m_usage;
        } else if (type == u"content_block_delta") {
            const QJsonObject delta = root.value("delta"_L1).toObject();
            if (delta.value("type"_L1).toString() == u"text_delta")
                u.text = delta.value("text"_L1).toString();
            else
                return; // thinking, signature and tool-input deltas are not answer text
        } else if (type == u"message_delta") {
            const QJsonObject delta = root.value("delta"_L1).toObject();
            u.finishReason = delta.value("stop_reason"_L1).toString();
            if (u.finishReason == u"refusal")
                u.error = ProviderError{
                    ErrorClass::ContentPolicy, 200, u"the model refused to answer"_s, u"refusal"_s, {}};
            // Usage in message_delta is cumulative: keep the latest totals, never sum them.
            const QJsonObject usage = root.value("usage"_L1).toObject();
            if (usage.contains("output_tokens"_L1))
                m_usage.outputTokens = usage.value("output_tokens"_L1).toInteger();
            if (usage.contains("input_tokens"_L1))
                m_usage.inputTokens = inputTokensOf(usage);
            u.usage = m_usage;
        } else if (type == u"message_stop") {
            u.done = true;
        } else if (type == u"error") {
            u.error = errorFrom(root, 0);
        } else {
            return; // ping, content_block_start/stop and future event types
        }
        out.append(u);
    }

private:
    Usage m_usage;
};

} // namespace

HttpRequestSpec AnthropicAdapter::chatRequest(const QList<ChatMessage> &messages, const Endpoint &endpoint,
                                              int maxTokens, std::optional<double> temperature) const
{
    QStringList system;
    QJsonArray msgs;
    for (const ChatMessage &m : messages) {
        if (m.role == Role::System) {
            system << m.content;
            continue;
        }
        msgs.append(QJsonObject{{u"role"_s, roleName(m.role)}, {u"content"_s, m.content}});
    }
    QJsonObject body{{u"model"_s, endpoint.model},
                     {u"messages"_s, msgs},
                     {u"max_tokens"_s, maxTokens > 0 ? maxTokens : 1024}};
    if (!system.isEmpty())
        body.insert(u"system"_s, system.join(u"\n\n"));
    if (temperature)
        body.insert(u"temperature"_s, *temperature);
    HttpRequestSpec spec;
    spec.url = apiUrl(endpoint.baseUrl, u"messages"_s);
    spec.headers = baseHeaders(endpoint);
    if (endpoint.streaming) {
        body.insert(u"stream"_s, true);
        spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")});
    }
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

HttpRequestSpec AnthropicAdapter::modelsRequest(const Endpoint &endpoint) const
{
    return AdapterUtil::getRequest(apiUrl(endpoint.baseUrl, u"models"_s), baseHeaders(endpoint));
}

std::unique_ptr<StreamDecoder> AnthropicAdapter::streamDecoder() const
{
    return std::make_unique<AnthropicStreamDecoder>();
}

ParsedResponse AnthropicAdapter::parseResponse(const QByteArray &body) const
{
    ParsedResponse r;
    const QJsonObject root = AdapterUtil::jsonObject(body, 200, u"response body"_s, r.error);
    if (r.error)
        return r;
    if (root.value("type"_L1).toString() == u"error") {
        r.error = errorFrom(root, 200);
        return r;
    }
    r.model = root.value("model"_L1).toString();
    for (const QJsonValue block : root.value("content"_L1).toArray()) {
        if (block.toObject().value("type"_L1).toString() == u"text")
            r.text += block.toObject().value("text"_L1).toString();
    }
    r.finishReason = root.value("stop_reason"_L1).toString();
    if (r.finishReason == u"refusal")
        r.error =
            ProviderError{ErrorClass::ContentPolicy, 200, u"the model refused to answer"_s, u"refusal"_s, {}};
    const QJsonObject usage = root.value("usage"_L1).toObject();
    r.usage = Usage{inputTokensOf(usage), usage.value("output_tokens"_L1).toInteger(), false};
    return r;
}

ProviderError AnthropicAdapter::classifyHttpError(int status, const HeaderList &headers,
                                                  const QByteArray &body, const QDateTime &now) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    ProviderError err;
    if (doc.isObject() && doc.object().value("error"_L1).isObject()) {
        err = errorFrom(doc.object(), status);
    } else {
        err.cls = AdapterUtil::classForStatus(status);
        err.message = QString::fromUtf8(body.left(300)).trimmed();
    }
    err.httpStatus = status;
    if (status == 503 || status == 529) // the status says overloaded, whatever the body type
        err.cls = ErrorClass::Overloaded;
    err.retryAfterMs = parseRetryAfter(headerValue(headers, "retry-after"), now);
    // A spend cap comes as a 429 without retry-after: waiting will not help.
    if (err.cls == ErrorClass::RateLimited && !err.retryAfterMs && err.message.toLower().contains(u"limit") &&
        (err.message.toLower().contains(u"spend") || err.message.toLower().contains(u"monthly")))
        err.cls = ErrorClass::QuotaExhausted;
    if (!err.retryAfterMs && status == 429) {
        for (const char *kind : {"requests", "tokens", "input-tokens", "output-tokens"}) {
            const QByteArray prefix = QByteArray("anthropic-ratelimit-") + QByteArray(kind);
            if (headerValue(headers, QByteArray(prefix + "-remaining")).trimmed() == "0") {
                const QDateTime reset = QDateTime::fromString(
                    QString::fromLatin1(headerValue(headers, QByteArray(prefix + "-reset"))),
                    Qt::ISODateWithMs);
                if (reset.isValid())
                    err.retryAfterMs =
                        std::max(err.retryAfterMs.value_or(0), std::max<qint64>(0, now.msecsTo(reset)));
            }
        }
    }
    return err;
}
