#include "gateway/openaiformat.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace OpenAiFormat {

namespace {

ClientError invalid(const QString &message, const QString &param = {}, const QString &code = {})
{
    ClientError e;
    e.message = message;
    e.param = param;
    e.code = code;
    return e;
}

QJsonObject usageJson(const Usage &u)
{
    return QJsonObject{{u"prompt_tokens"_s, u.inputTokens},
                       {u"completion_tokens"_s, u.outputTokens},
                       {u"total_tokens"_s, u.total()}};
}

} // namespace

Result<ClientRequest, ClientError> parseRequest(const QByteArray &body)
{
    using R = Result<ClientRequest, ClientError>;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return R::failure(invalid(
            u"The request body is not valid JSON: %1 at offset %2."_s.arg(pe.errorString()).arg(pe.offset)));
    if (!doc.isObject())
        return R::failure(invalid(u"The request body must be a JSON object."_s));
    const QJsonObject o = doc.object();
    ClientRequest r;
    if (!o.value("model"_L1).isString() || o.value("model"_L1).toString().isEmpty())
        return R::failure(invalid(u"you must provide a model parameter"_s, u"model"_s));
    r.model = o.value("model"_L1).toString();
    const QJsonValue messages = o.value("messages"_L1);
    if (!messages.isArray() || messages.toArray().isEmpty())
        return R::failure(invalid(u"'messages' must be a non-empty array"_s, u"messages"_s));
    const QJsonArray list = messages.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString param = u"messages[%1]"_s.arg(i);
        const QJsonObject m = list.at(i).toObject();
        const QString role = m.value("role"_L1).toString();
        ChatMessage msg;
        if (role == u"system" || role == u"developer")
            msg.role = Role::System;
        else if (role == u"user")
            msg.role = Role::User;
        else if (role == u"assistant")
            msg.role = Role::Assistant;
        else if (role == u"tool" || role == u"function")
            return R::failure(
                invalid(u"Tool messages are not supported by the Understudy gateway."_s, param + u".role"));
        else
            return R::failure(invalid(u"Invalid value for 'role': '%1'."_s.arg(role), param + u".role"));
        const QJsonValue content = m.value("content"_L1);
        if (content.isString()) {
            msg.content = content.toString();
        } else if (content.isArray()) {
            for (const QJsonValue part : content.toArray()) {
                const QJsonObject p = part.toObject();
                if (p.value("type"_L1).toString() != u"text")
                    return R::failure(
                        invalid(u"Only text content parts are supported by the Understudy gateway."_s,
                                param + u".content"));
                msg.content += p.value("text"_L1).toString();
            }
        } else if (!(content.isNull() && msg.role == Role::Assistant)) {
            return R::failure(
                invalid(u"'content' must be a string or an array of text parts."_s, param + u".content"));
        }
        r.chat.messages.append(msg);
    }
    for (const char *unsupported : {"tools", "functions", "tool_choice", "function_call"}) {
        const QJsonValue v = o.value(QLatin1StringView(unsupported));
        if (!v.isUndefined() && !v.isNull() && !(v.isArray() && v.toArray().isEmpty()))
            return R::failure(invalid(
                u"'%1' is not supported by the Understudy gateway."_s.arg(QLatin1StringView(unsupported)),
                QString::fromLatin1(unsupported)));
    }
    const QJsonValue n = o.value("n"_L1);
    if (!n.isUndefined() && !n.isNull() && (!n.isDouble() || n.toDouble() != 1))
        return R::failure(invalid(u"Only n = 1 is supported."_s, u"n"_s));
    // Types as OpenAI checks them: "stream": "yes" is a 400 there, not a quiet non-stream here.
    const QJsonValue stream = o.value("stream"_L1);
    if (!stream.isUndefined() && !stream.isNull() && !stream.isBool())
        return R::failure(invalid(u"'stream' must be a boolean."_s, u"stream"_s));
    r.stream = stream.toBool(false);
    const QJsonValue options = o.value("stream_options"_L1);
    if (!options.isUndefined() && !options.isNull()) {
        if (!options.isObject())
            return R::failure(invalid(u"'stream_options' must be an object."_s, u"stream_options"_s));
        const QJsonValue usage = options.toObject().value("include_usage"_L1);
        if (!usage.isUndefined() && !usage.isNull() && !usage.isBool())
            return R::failure(invalid(u"'stream_options.include_usage' must be a boolean."_s,
                                      u"stream_options.include_usage"_s));
        r.includeUsage = r.stream && usage.toBool(false);
    }
    for (const char *key : {"max_completion_tokens", "max_tokens"}) {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isDouble() || v.toDouble() < 1 || v.toDouble() != double(v.toInteger()))
            return R::failure(invalid(u"'%1' must be a positive integer."_s.arg(QLatin1StringView(key)),
                                      QString::fromLatin1(key)));
        r.chat.maxTokens = int(std::min<qint64>(v.toInteger(), 10'000'000));
        break;
    }
    const QJsonValue temperature = o.value("temperature"_L1);
    if (!temperature.isUndefined() && !temperature.isNull()) {
        if (!temperature.isDouble() || temperature.toDouble() < 0 || temperature.toDouble() > 2)
            return R::failure(invalid(u"'temperature' must be a number from 0 to 2."_s, u"temperature"_s));
        r.chat.temperature = temperature.toDouble();
    }
    // How much the request matters when the system is degraded: `metadata.priority` (OpenAI's
    // metadata is a map of strings the SDKs pass on), "high" | "normal" | "low".
    const QJsonValue metadata = o.value("metadata"_L1);
    if (metadata.isObject()) {
        const QJsonValue priority = metadata.toObject().value("priority"_L1);
        if (!priority.isUndefined() && !priority.isNull()) {
            const std::optional<Priority> p = priorityFromName(priority.toString());
            if (!priority.isString() || !p)
                return R::failure(invalid(u"'metadata.priority' must be \"high\", \"normal\" or \"low\"."_s,
                                          u"metadata.priority"_s));
            r.chat.priority = *p;
        }
    }
    r.chat.stream = r.stream;
    // Bytes streamed to a client cannot be taken back; a whole answer is only sent once it is final.
    r.chat.canRetractPartial = !r.stream;
    return r;
}

QString finishReason(const QString &providerReason)
{
    const QString r = providerReason.toLower();
    if (r.isEmpty() || r == u"stop" || r == u"end_turn" || r == u"stop_sequence")
        return u"stop"_s;
    if (r == u"length" || r == u"max_tokens")
        return u"length"_s;
    if (r == u"content_filter" || r == u"safety" || r == u"refusal")
        return u"content_filter"_s;
    if (r == u"tool_calls" || r == u"tool_use")
        return u"tool_calls"_s;
    return u"stop"_s;
}

QByteArray completion(const ChatResult &result, const QString &id, qint64 created,
                      const QJsonObject &understudy)
{
    QJsonObject o{
        {u"id"_s, id},
        {u"object"_s, u"chat.completion"_s},
        {u"created"_s, created},
        {u"model"_s, result.model},
        {u"choices"_s, QJsonArray{QJsonObject{{u"index"_s, 0},
                                              {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s},
                                                                         {u"content"_s, result.content},
                                                                         {u"refusal"_s, QJsonValue::Null}}},
                                              {u"logprobs"_s, QJsonValue::Null},
                                              {u"finish_reason"_s, finishReason(result.finishReason)}}}},
        {u"usage"_s, usageJson(result.usage)},
        {u"system_fingerprint"_s, QJsonValue::Null}};
    if (!understudy.isEmpty())
        o.insert(u"understudy"_s, understudy);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray chunk(const QString &id, qint64 created, const QString &model, const QJsonObject &delta,
                 const QString &finishReason, bool includeUsageField, const QJsonObject &understudy)
{
    QJsonObject o{
        {u"id"_s, id},
        {u"object"_s, u"chat.completion.chunk"_s},
        {u"created"_s, created},
        {u"model"_s, model},
        {u"system_fingerprint"_s, QJsonValue::Null},
        {u"choices"_s,
         QJsonArray{QJsonObject{{u"index"_s, 0},
                                {u"delta"_s, delta},
                                {u"logprobs"_s, QJsonValue::Null},
                                {u"finish_reason"_s, finishReason.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                            : QJsonValue(finishReason)}}}}};
    if (includeUsageField)
        o.insert(u"usage"_s, QJsonValue::Null);
    if (!understudy.isEmpty())
        o.insert(u"understudy"_s, understudy);
    return sseEvent(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QByteArray jsonString(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    static const char hex[] = "0123456789abcdef";
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray contentChunk(const QString &id, qint64 created, const QString &model, QStringView text,
                        bool includeUsageField)
{
    QByteArray out;
    out.reserve(160 + text.size() * 3);
    out += "data: {\"id\":";
    out += jsonString(id);
    out += ",\"object\":\"chat.completion.chunk\",\"created\":";
    out += QByteArray::number(created);
    out += ",\"model\":";
    out += jsonString(model);
    out += ",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":";
    out += jsonString(text);
    out += "},\"logprobs\":null,\"finish_reason\":null}]";
    if (includeUsageField)
        out += ",\"usage\":null";
    out += "}\n\n";
    return out;
}

QByteArray usageChunk(const QString &id, qint64 created, const QString &model, const Usage &usage)
{
    const QJsonObject o{{u"id"_s, id},
                        {u"object"_s, u"chat.completion.chunk"_s},
                        {u"created"_s, created},
                        {u"model"_s, model},
                        {u"system_fingerprint"_s, QJsonValue::Null},
                        {u"choices"_s, QJsonArray{}},
                        {u"usage"_s, usageJson(usage)}};
    return sseEvent(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QByteArray errorBody(const ClientError &e)
{
    const QJsonObject o{
        {u"error"_s, QJsonObject{{u"message"_s, e.message},
                                 {u"type"_s, e.type},
                                 {u"param"_s, e.param.isEmpty() ? QJsonValue() : QJsonValue(e.param)},
                                 {u"code"_s, e.code.isEmpty() ? QJsonValue() : QJsonValue(e.code)}}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray sseEvent(const QByteArray &json)
{
    return "data: " + json + "\n\n";
}

ClientError errorFor(const ChatResult &result)
{
    ClientError e;
    e.message = result.errorMessage.isEmpty() ? errorClassDescription(result.error) : result.errorMessage;
    switch (result.error) {
    case ErrorClass::RateLimited:
        e.status = 429;
        e.type = u"requests"_s;
        e.code = u"rate_limit_exceeded"_s;
        break;
    case ErrorClass::QuotaExhausted:
        e.status = 429;
        e.type = u"insufficient_quota"_s;
        e.code = u"insufficient_quota"_s;
        break;
    case ErrorClass::ContextLength:
        e.status = 400;
        e.code = u"context_length_exceeded"_s;
        break;
    case ErrorClass::ContentPolicy:
        e.status = 400;
        e.code = u"content_policy_violation"_s;
        break;
    case ErrorClass::BadRequest:
        e.status = 400;
        break;
    case ErrorClass::ModelNotFound:
        e.status = 404;
        e.code = u"model_not_found"_s;
        break;
    case ErrorClass::Overloaded:
        e.status = 503;
        e.type = u"server_error"_s;
        e.code = u"overloaded"_s;
        break;
    case ErrorClass::Saturated:
        e.status = 503;
        e.type = u"server_error"_s;
        e.code = u"gateway_saturated"_s;
        break;
    case ErrorClass::ConnectTimeout:
    case ErrorClass::FirstTokenTimeout:
    case ErrorClass::IdleTimeout:
    case ErrorClass::BudgetExceeded:
        e.status = 504;
        e.type = u"server_error"_s;
        e.code = u"timeout"_s;
        break;
    case ErrorClass::Auth:
        e.status = 502;
        e.type = u"server_error"_s;
        e.code = u"upstream_auth_failed"_s;
        break;
    default:
        e.status = 502;
        e.type = u"server_error"_s;
        e.code = u"upstream_error"_s;
        break;
    }
    return e;
}

} // namespace OpenAiFormat
