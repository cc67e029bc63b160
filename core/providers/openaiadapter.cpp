#include "providers/openaiadapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

HeaderList baseHeaders(const Endpoint &endpoint)
{
    HeaderList headers{{"Content-Type", "application/json"}};
    if (!endpoint.apiKey.isEmpty())
        headers.append({"Authorization", "Bearer " + endpoint.apiKey});
    headers.append(endpoint.extraHeaders);
    return headers;
}

Usage usageFrom(const QJsonObject &u)
{
    Usage usage;
    usage.inputTokens = u.value("prompt_tokens"_L1).toInteger();
    usage.outputTokens = u.value("completion_tokens"_L1).toInteger();
    return usage;
}

// An error object, in a body or inside a stream: {"error":{...}} or vLLM's {"object":"error",...}.
ProviderError errorFrom(const QJsonObject &root, int status)
{
    const QJsonObject e = root.value("error"_L1).isObject() ? root.value("error"_L1).toObject() : root;
    ProviderError err;
    err.httpStatus = status;
    err.message = e.value("message"_L1).toString();
    const QString code = e.value("code"_L1).isString() ? e.value("code"_L1).toString()
                                                       : e.value("code"_L1).toVariant().toString();
    const QString type = e.value("type"_L1).toString();
    err.providerCode = code.isEmpty() ? type : code;
    const QString lower = err.message.toLower();
    int effective = status;
    if (effective == 0) { // in-stream: a numeric code may stand for the status
        const int numeric = e.value("code"_L1).toInt();
        effective = numeric >= 400 && numeric <= 599 ? numeric : 0;
    }
    if (code == u"insufficient_quota" || type == u"insufficient_quota" ||
        code == u"billing_hard_limit_reached")
        err.cls = ErrorClass::QuotaExhausted;
    else if (code == u"context_length_exceeded" || code == u"string_above_max_length" ||
             lower.contains(u"maximum context length") || lower.contains(u"context window"))
        err.cls = ErrorClass::ContextLength;
    else if (code == u"content_policy_violation" || code == u"content_filter" ||
             lower.contains(u"content management policy"))
        err.cls = ErrorClass::ContentPolicy;
    else if (code == u"model_not_found" || (type == u"invalid_request_error" &&
                                            lower.contains(u"does not exist") && lower.contains(u"model")))
        err.cls = ErrorClass::ModelNotFound;
    else if (code == u"invalid_api_key" || type == u"authentication_error")
        err.cls = ErrorClass::Auth;
    else if (code == u"rate_limit_exceeded" || type == u"rate_limit_error" || type == u"requests")
        err.cls = ErrorClass::RateLimited;
    else if (type == u"overloaded_error" || code == u"overloaded" || lower.contains(u"overloaded"))
        err.cls = ErrorClass::Overloaded;
    else if (effective > 0)
        err.cls = AdapterUtil::classForStatus(effective);
    else
        err.cls = ErrorClass::ServerError; // an in-stream error with nothing more specific
    return err;
}

class OpenAiStreamDecoder final : public StreamDecoder
{
protected:
    void decode(const SseEvent &event, QList<StreamUpdate> &out) override
    {
        StreamUpdate u;
        if (event.data == "[DONE]") {
            u.done = true;
            out.append(u);
            return;
        }
        const QJsonObject root = AdapterUtil::jsonObject(event.data, 0, u"stream chunk"_s, u.error);
        if (u.error) {
            out.append(u);
            return;
        }
        // An error key comes before everything else: it is a failure, never text.
        if (root.contains("error"_L1) || root.value("object"_L1).toString() == u"error") {
            u.error = errorFrom(root, 0);
            out.append(u);
            return;
        }
        u.model = root.value("model"_L1).toString();
        const QJsonArray choices = root.value("choices"_L1).toArray();
        for (const QJsonValue cv : choices) {
            const QJsonObject choice = cv.toObject();
            if (choice.value("index"_L1).toInt() != 0)
                continue;
            u.text = choice.value("delta"_L1).toObject().value("content"_L1).toString();
            const QJsonValue finish = choice.value("finish_reason"_L1);
            if (finish.isString()) {
                u.finishReason = finish.toString();
                if (u.finishReason == u"content_filter")
                    u.error = ProviderError{ErrorClass::ContentPolicy,
                                            200,
                                            u"the answer was stopped by the provider's content filter"_s,
                                            u"content_filter"_s,
                                            {}};
            }
        }
        const QJsonValue usage = root.value("usage"_L1);
        if (usage.isObject())
            u.usage = usageFrom(usage.toObject());
        out.append(u);
    }
};

} // namespace

HttpRequestSpec OpenAiAdapter::chatRequest(const QList<ChatMessage> &messages, const Endpoint &endpoint,
                                           int maxTokens, std::optional<double> temperature) const
{
    QJsonArray msgs;
    for (const ChatMessage &m : messages)
        msgs.append(QJsonObject{{u"role"_s, roleName(m.role)}, {u"content"_s, m.content}});
    QJsonObject body{{u"model"_s, endpoint.model}, {u"messages"_s, msgs}};
    if (maxTokens > 0)
        body.insert(u"max_tokens"_s, maxTokens);
    if (temperature)
        body.insert(u"temperature"_s, *temperature);
    HttpRequestSpec spec;
    spec.url = AdapterUtil::appendPath(endpoint.baseUrl, u"chat/completions"_s);
    spec.headers = baseHeaders(endpoint);
    if (endpoint.streaming) {
        body.insert(u"stream"_s, true);
        body.insert(u"stream_options"_s, QJsonObject{{u"include_usage"_s, true}});
        spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")});
    }
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

HttpRequestSpec OpenAiAdapter::modelsRequest(const Endpoint &endpoint) const
{
    return AdapterUtil::getRequest(AdapterUtil::appendPath(endpoint.baseUrl, u"models"_s),
                                   baseHeaders(endpoint));
}

std::unique_ptr<StreamDecoder> OpenAiAdapter::streamDecoder() const
{
    return std::make_unique<OpenAiStreamDecoder>();
}

ParsedResponse OpenAiAdapter::parseResponse(const QByteArray &body) const
{
    ParsedResponse r;
    const QJsonObject root = AdapterUtil::jsonObject(body, 200, u"response body"_s, r.error);
    if (r.error)
        return r;
    if (root.contains("error"_L1)) {
        r.error = errorFrom(root, 200);
        return r;
    }
    r.model = root.value("model"_L1).toString();
    const QJsonArray choices = root.value("choices"_L1).toArray();
    if (choices.isEmpty()) {
        r.error = ProviderError{ErrorClass::MalformedResponse, 200, u"response has no choices"_s, {}, {}};
        return r;
    }
    const QJsonObject choice = choices.first().toObject();
    r.text = choice.value("message"_L1).toObject().value("content"_L1).toString();
    r.finishReason = choice.value("finish_reason"_L1).toString();
    if (r.finishReason == u"content_filter")
        r.error = ProviderError{ErrorClass::ContentPolicy,
                                200,
                                u"the answer was stopped by the provider's content filter"_s,
                                u"content_filter"_s,
                                {}};
    if (root.value("usage"_L1).isObject())
        r.usage = usageFrom(root.value("usage"_L1).toObject());
    return r;
}

ProviderError OpenAiAdapter::classifyHttpError(int status, const HeaderList &headers, const QByteArray &body,
                                               const QDateTime &now) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    ProviderError err = doc.isObject() ? errorFrom(doc.object(), status) : ProviderError{};
    if (!doc.isObject()) {
        err.httpStatus = status;
        err.cls = AdapterUtil::classForStatus(status);
        err.message = QString::fromUtf8(body.left(300)).trimmed();
    }
    // The status wins over a generic body for the classes a status alone decides.
    if (status == 401 || status == 403)
        err.cls = ErrorClass::Auth;
    else if (status == 404)
        err.cls = ErrorClass::ModelNotFound;
    else if (status >= 500 && err.cls != ErrorClass::Overloaded)
        err.cls = AdapterUtil::classForStatus(status);
    else if (status == 429 && err.cls != ErrorClass::QuotaExhausted)
        err.cls = ErrorClass::RateLimited;

    if (const QByteArray ms = headerValue(headers, "retry-after-ms"); !ms.isEmpty()) {
        bool ok = false;
        const double v = ms.toDouble(&ok);
        if (ok && v >= 0)
            err.retryAfterMs = qint64(v);
    }
    if (!err.retryAfterMs)
        err.retryAfterMs = parseRetryAfter(headerValue(headers, "retry-after"), now);
    if (!err.retryAfterMs && status == 429) {
        // The reset headers say when the exhausted window refills: use the one whose remaining is 0.
        for (const char *kind : {"requests", "tokens"}) {
            const QByteArray remaining =
                headerValue(headers, QByteArray(QByteArray("x-ratelimit-remaining-") + kind));
            if (remaining.trimmed() == "0") {
                const QByteArray reset =
                    headerValue(headers, QByteArray(QByteArray("x-ratelimit-reset-") + kind));
                if (auto ms = parseDurationMs(QString::fromLatin1(reset)))
                    err.retryAfterMs = std::max(err.retryAfterMs.value_or(0), *ms);
            }
        }
    }
    return err;
}
