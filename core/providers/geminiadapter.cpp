#include "providers/geminiadapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

HeaderList baseHeaders(const Endpoint &endpoint)
{
    HeaderList headers{{"Content-Type", "application/json"}};
    // The key goes in a header, never in the URL (?key= would put it in logs and proxies).
    if (!endpoint.apiKey.isEmpty())
        headers.append({"x-goog-api-key", endpoint.apiKey});
    headers.append(endpoint.extraHeaders);
    return headers;
}

QUrl apiUrl(const QUrl &base, const QString &path)
{
    const QString p = base.path();
    const bool versioned =
        p.endsWith(u"/v1beta") || p.endsWith(u"/v1beta/") || p.endsWith(u"/v1") || p.endsWith(u"/v1/");
    return AdapterUtil::appendPath(base, versioned ? path : u"v1beta/"_s + path);
}

const QStringList &blockedFinishReasons()
{
    static const QStringList reasons = {u"SAFETY"_s,     u"PROHIBITED_CONTENT"_s, u"BLOCKLIST"_s, u"SPII"_s,
                                        u"RECITATION"_s, u"IMAGE_SAFETY"_s,       u"LANGUAGE"_s};
    return reasons;
}

ProviderError errorFrom(const QJsonObject &root, int status)
{
    const QJsonObject e = root.value("error"_L1).toObject();
    ProviderError err;
    err.httpStatus = status;
    err.message = e.value("message"_L1).toString();
    err.providerCode = e.value("status"_L1).toString();
    const int code = e.value("code"_L1).toInt();
    const int effective = status > 0 && status != 200 ? status : code;
    const QString lower = err.message.toLower();
    const QString st = err.providerCode;
    bool perDayQuota = false;
    for (const QJsonValue dv : e.value("details"_L1).toArray()) {
        const QJsonObject d = dv.toObject();
        const QString type = d.value("@type"_L1).toString();
        if (type.endsWith(u"google.rpc.RetryInfo"))
            err.retryAfterMs = parseDurationMs(d.value("retryDelay"_L1).toString());
        else if (type.endsWith(u"google.rpc.ErrorInfo") &&
                 d.value("reason"_L1).toString() == u"API_KEY_INVALID")
            err.cls = ErrorClass::Auth;
        else if (type.endsWith(u"google.rpc.QuotaFailure")) {
            for (const QJsonValue v : d.value("violations"_L1).toArray()) {
                const QJsonObject violation = v.toObject();
                if (violation.value("quotaId"_L1).toString().contains(u"PerDay") ||
                    violation.value("quotaValue"_L1).toString() == u"0")
                    perDayQuota = true;
            }
        }
    }
    if (err.cls == ErrorClass::Auth)
        return err;
    if (st == u"RESOURCE_EXHAUSTED" || effective == 429)
        err.cls =
            perDayQuota || lower.contains(u"limit: 0") ? ErrorClass::QuotaExhausted : ErrorClass::RateLimited;
    else if (st == u"UNAVAILABLE" || effective == 503)
        err.cls = ErrorClass::Overloaded;
    else if (st == u"UNAUTHENTICATED" || st == u"PERMISSION_DENIED")
        err.cls = ErrorClass::Auth;
    else if (st == u"NOT_FOUND")
        err.cls = ErrorClass::ModelNotFound;
    else if (st == u"INVALID_ARGUMENT" &&
             (lower.contains(u"token count") || lower.contains(u"maximum number of tokens") ||
              lower.contains(u"too long")))
        err.cls = ErrorClass::ContextLength;
    else if (st == u"INTERNAL" || st == u"DEADLINE_EXCEEDED")
        err.cls = ErrorClass::ServerError;
    else
        err.cls = effective > 0 ? AdapterUtil::classForStatus(effective) : ErrorClass::ServerError;
    return err;
}

// Reads one GenerateContentResponse (a stream frame or a whole answer).
void readResponse(const QJsonObject &root, StreamUpdate &u)
{
    if (root.contains("error"_L1)) {
        u.error = errorFrom(root, 0);
        return;
    }
    u.model = root.value("modelVersion"_L1).toString();
    const QString blockReason = root.value("promptFeedback"_L1).toObject().value("blockReason"_L1).toString();
    if (!blockReason.isEmpty()) {
        u.error = ProviderError{
            ErrorClass::ContentPolicy, 200, u"the prompt was blocked: "_s + blockReason, blockReason, {}};
        return;
    }
    const QJsonArray candidates = root.value("candidates"_L1).toArray();
    if (!candidates.isEmpty()) {
        const QJsonObject c = candidates.first().toObject();
        for (const QJsonValue pv : c.value("content"_L1).toObject().value("parts"_L1).toArray()) {
            const QJsonObject part = pv.toObject();
            if (!part.value("thought"_L1).toBool())
                u.text += part.value("text"_L1).toString();
        }
        const QString finish = c.value("finishReason"_L1).toString();
        if (!finish.isEmpty() && finish != u"FINISH_REASON_UNSPECIFIED") {
            u.finishReason = finish;
            if (blockedFinishReasons().contains(finish))
                u.error = ProviderError{
                    ErrorClass::ContentPolicy, 200, u"the answer was blocked: "_s + finish, finish, {}};
        }
    }
    const QJsonObject usage = root.value("usageMetadata"_L1).toObject();
    if (!usage.isEmpty()) {
        Usage us;
        us.inputTokens = usage.value("promptTokenCount"_L1).toInteger();
        us.outputTokens = usage.value("candidatesTokenCount"_L1).toInteger() +
                          usage.value("thoughtsTokenCount"_L1).toInteger();
        u.usage = us;
    }
}

class GeminiStreamDecoder final : public StreamDecoder
{
protected:
    void decode(const SseEvent &event, QList<StreamUpdate> &out) override
    {
        StreamUpdate u;
        const QJsonObject root = AdapterUtil::jsonObject(event.data, 0, u"stream frame"_s, u.error);
        if (!u.error)
            readResponse(root, u);
        out.append(u);
    }
};

QString modelPath(const QString &model)
{
    return model.startsWith(u"models/") ? model : u"models/"_s + model;
}

} // namespace

HttpRequestSpec GeminiAdapter::chatRequest(const QList<ChatMessage> &messages, const Endpoint &endpoint,
                                           int maxTokens, std::optional<double> temperature) const
{
    QStringList system;
    QJsonArray contents;
    for (const ChatMessage &m : messages) {
        if (m.role == Role::System) {
            system << m.content;
            continue;
        }
        contents.append(QJsonObject{{u"role"_s, m.role == Role::Assistant ? u"model"_s : u"user"_s},
                                    {u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, m.content}}}}});
    }
    QJsonObject body{{u"contents"_s, contents}};
    if (!system.isEmpty())
        body.insert(u"systemInstruction"_s,
                    QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, system.join(u"\n\n")}}}}});
    QJsonObject generation;
    if (maxTokens > 0)
        generation.insert(u"maxOutputTokens"_s, maxTokens);
    if (temperature)
        generation.insert(u"temperature"_s, *temperature);
    if (!generation.isEmpty())
        body.insert(u"generationConfig"_s, generation);

    HttpRequestSpec spec;
    const QString method = endpoint.streaming ? u":streamGenerateContent"_s : u":generateContent"_s;
    spec.url = apiUrl(endpoint.baseUrl, modelPath(endpoint.model) + method);
    if (endpoint.streaming) {
        spec.url.setQuery(u"alt=sse"_s);
        spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")});
    }
    spec.headers = baseHeaders(endpoint) + spec.headers;
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

HttpRequestSpec GeminiAdapter::modelsRequest(const Endpoint &endpoint) const
{
    return AdapterUtil::getRequest(apiUrl(endpoint.baseUrl, u"models"_s), baseHeaders(endpoint));
}

std::unique_ptr<StreamDecoder> GeminiAdapter::streamDecoder() const
{
    return std::make_unique<GeminiStreamDecoder>();
}

ParsedResponse GeminiAdapter::parseResponse(const QByteArray &body) const
{
    ParsedResponse r;
    const QJsonObject root = AdapterUtil::jsonObject(body, 200, u"response body"_s, r.error);
    if (r.error)
        return r;
    StreamUpdate u;
    readResponse(root, u);
    r.text = u.text;
    r.finishReason = u.finishReason;
    r.usage = u.usage;
    r.model = u.model;
    r.error = u.error;
    if (!r.error && r.finishReason.isEmpty())
        r.error = ProviderError{ErrorClass::MalformedResponse, 200, u"response has no candidates"_s, {}, {}};
    return r;
}

ProviderError GeminiAdapter::classifyHttpError(int status, const HeaderList &headers, const QByteArray &body,
                                               const QDateTime &now) const
{
    QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isArray() && !doc.array().isEmpty()) // the JSON-array mode wraps errors in a list
        doc = QJsonDocument(doc.array().first().toObject());
    ProviderError err;
    if (doc.isObject() && doc.object().value("error"_L1).isObject()) {
        err = errorFrom(doc.object(), status);
    } else {
        err.cls = AdapterUtil::classForStatus(status);
        err.message = QString::fromUtf8(body.left(300)).trimmed();
    }
    err.httpStatus = status;
    if (status == 401 || status == 403)
        err.cls = ErrorClass::Auth;
    else if (status == 503 || status == 529)
        err.cls = ErrorClass::Overloaded;
    if (!err.retryAfterMs)
        err.retryAfterMs = parseRetryAfter(headerValue(headers, "retry-after"), now);
    return err;
}
