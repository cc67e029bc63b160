#pragma once

#include "config/config.h"
#include "providers/chattypes.h"
#include "providers/errorclass.h"
#include "providers/sseparser.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QUrl>

#include <memory>

// Where and how one attempt talks to a provider. The key is held only for the attempt's lifetime.
struct Endpoint
{
    QUrl baseUrl;
    QString model;
    HeaderList extraHeaders;
    QByteArray apiKey; // empty when the provider needs none
    bool streaming = true;
};

struct HttpRequestSpec
{
    QUrl url;
    QByteArray method = "POST";
    HeaderList headers;
    QByteArray body;
};

// One decoded step of a streamed answer, in wire-format-neutral terms.
struct StreamUpdate
{
    QString text;                       // content delta
    QString finishReason;               // set once the model said it finished ("stop", "end_turn", "STOP")
    std::optional<Usage> usage;         // the latest totals (not an increment)
    QString model;                      // the model that answered, when the provider names it
    std::optional<ProviderError> error; // in-band failure: error event, content filter, malformed chunk
    bool done = false;                  // an explicit terminator ([DONE], message_stop)
};

class StreamDecoder
{
public:
    virtual ~StreamDecoder() = default;
    // Feeds raw body bytes; returns the updates they complete.
    QList<StreamUpdate> feed(QByteArrayView bytes);
    // True when the body ended in the middle of an SSE event.
    bool partialAtEnd() const { return m_sse.hasPartialEvent(); }

protected:
    virtual void decode(const SseEvent &event, QList<StreamUpdate> &out) = 0;

private:
    SseParser m_sse;
    bool m_overflowReported = false;
};

// A whole (non-streamed) answer.
struct ParsedResponse
{
    QString text;
    QString finishReason;
    std::optional<Usage> usage;
    QString model;
    std::optional<ProviderError> error;
};

// One wire format. Adapters know wire formats, not tiers or chains: they build requests and read answers.
class ProviderAdapter
{
public:
    virtual ~ProviderAdapter() = default;

    virtual HttpRequestSpec chatRequest(const QList<ChatMessage> &messages, const Endpoint &endpoint,
                                        int maxTokens, std::optional<double> temperature) const = 0;
    // The cheapest authenticated call: a models listing (key tests, health probes).
    virtual HttpRequestSpec modelsRequest(const Endpoint &endpoint) const = 0;
    virtual std::unique_ptr<StreamDecoder> streamDecoder() const = 0;
    virtual ParsedResponse parseResponse(const QByteArray &body) const = 0;
    virtual ProviderError classifyHttpError(int status, const HeaderList &headers, const QByteArray &body,
                                            const QDateTime &now) const = 0;

    // The adapter of a provider kind (simulated providers speak the OpenAI format).
    static const ProviderAdapter &forKind(ProviderKind kind);
};

namespace AdapterUtil {
// The JSON object in `data`; on failure, an empty object and `error` set to a malformed-response error
// that names `what` ("stream chunk", "response body").
QJsonObject jsonObject(const QByteArray &data, int httpStatus, const QString &what,
                       std::optional<ProviderError> &error);
// A GET of `url` with the request headers of a POST, minus its Content-Type (a models listing).
HttpRequestSpec getRequest(const QUrl &url, HeaderList headers);
// base + "/" + path, keeping the base's own path ("https://host/v1" + "chat/completions").
QUrl appendPath(const QUrl &base, const QString &path);
// Class of a status code when the body says nothing more specific.
ErrorClass classForStatus(int status);
} // namespace AdapterUtil
