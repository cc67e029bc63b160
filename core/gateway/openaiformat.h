#pragma once

#include "engine/chatresult.h"
#include "providers/chattypes.h"
#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>

// The OpenAI Chat Completions format as the gateway serves it: parsing client requests and writing
// answers, stream chunks and errors exactly as OpenAI sends them. Pure functions, no I/O.
namespace OpenAiFormat {

struct ClientRequest
{
    QString model;
    ChatRequest chat;
    bool stream = false;
    bool includeUsage = false;
};

struct ClientError
{
    int status = 400;
    QString message;
    QString type = QStringLiteral("invalid_request_error");
    QString param;
    QString code;
};

Result<ClientRequest, ClientError> parseRequest(const QByteArray &body);

// "end_turn", "STOP", "max_tokens", "MAX_TOKENS"… as OpenAI names them: stop, length, content_filter.
QString finishReason(const QString &providerReason);

// `understudy`, when given, goes in as a top-level "understudy" object (how the answer was made:
// request id, level, source, tier); the OpenAI SDKs pass unknown fields through to the caller.
QByteArray completion(const ChatResult &result, const QString &id, qint64 created,
                      const QJsonObject &understudy = {});
QByteArray chunk(const QString &id, qint64 created, const QString &model, const QJsonObject &delta,
                 const QString &finishReason, bool includeUsageField, const QJsonObject &understudy = {});
// The chunk every streamed token is: `{"content": text}` as the delta, written without a JSON
// document (one per token adds up).
QByteArray contentChunk(const QString &id, qint64 created, const QString &model, QStringView text,
                        bool includeUsageField);
// A JSON string literal, quotes included: the escapes RFC 8259 requires, UTF-8 otherwise.
QByteArray jsonString(QStringView text);
QByteArray usageChunk(const QString &id, qint64 created, const QString &model, const Usage &usage);
QByteArray errorBody(const ClientError &error);
QByteArray sseEvent(const QByteArray &json); // "data: {json}\n\n"
inline QByteArray doneEvent()
{
    return QByteArrayLiteral("data: [DONE]\n\n");
}

// What a client is told when no tier answered before the first byte.
ClientError errorFor(const ChatResult &result);

} // namespace OpenAiFormat
