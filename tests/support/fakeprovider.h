#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;
class FakeExchange;

// What the fake provider does to every request until told otherwise. {} = healthy.
// Durations are milliseconds, scaled down so the suite stays fast.
struct FakeFault
{
    int status = 0;      // answer with this HTTP status, in the format's own error shape
    QString errorKind;   // "quota", "spend_limit", "context_length", "content_policy", "model_not_found",
                         // "auth", "per_day_quota": a format-specific error body for `status`
    QString retryAfter;  // Retry-After header (seconds or HTTP-date); Gemini also gets RetryInfo
    int failFirst = 0;   // only the first N requests get `status`; later ones are healthy
    bool refuse = false; // close the connection without a response (reset before headers)
    bool hang = false;   // accept and never answer
    int latencyMs = 0;   // before the response headers
    int ttftMs = 0;      // stream: between headers and the first token
    int slowPct = 0;     // this share of requests (seeded) gets slowTtftMs instead: a latency spike
    int slowTtftMs = 0;
    int interTokenMs = 0;        // stream: between tokens
    int tokens = 6;              // tokens in the answer
    int cutAfter = -1;           // stream: drop the connection after N tokens, no terminator
    int stallAfter = -1;         // stream: stop after N tokens, keep the connection open
    int errorEventAfter = -1;    // stream: the format's in-band error event after N tokens, then end
    int malformedAfter = -1;     // stream: an unparseable frame after N tokens
    bool omitTerminator = false; // stream: finish reason but no [DONE] / message_stop
    bool omitFinish = false;     // stream: neither finish reason nor terminator, then a clean end
    bool contentBlocked = false; // 200 with the format's in-band content block
    bool rejectPrefill = false;  // 400 when the last message is the assistant's (models without prefill)
    QByteArray requireKey;       // the API key the port wants, sent the format's way
    bool closeDelimited = false; // stream framed by connection close instead of chunked encoding
    bool crlf = false;           // SSE lines end in CRLF
    bool trickle = false;        // write every frame in tiny pieces (frames split across reads)
};

struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // path and query
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(QByteArrayView name) const;
};

// A provider server on 127.0.0.1 that speaks the OpenAI, Anthropic and Gemini wire formats
// (chosen by path, like mockprov.mjs) and injects every fault of docs/failure-modes.
class FakeProviderServer final : public QObject
{
    Q_OBJECT

public:
    enum class Format
    {
        OpenAi,
        Anthropic,
        Gemini,
    };

    explicit FakeProviderServer(QObject *parent = nullptr);
    ~FakeProviderServer() override;

    bool listen(); // 127.0.0.1, a free port
    quint16 port() const { return m_server.serverPort(); }
    // The base_url a config gives each format for this server.
    QUrl baseUrl(Format format) const;

    void setFault(const FakeFault &fault) { m_fault = fault; }
    // Token i of an answer is "<prefix><i> " (default "t"): tells which server wrote which text.
    void setTokenPrefix(const QByteArray &prefix) { m_tokenPrefix = prefix; }
    const FakeFault &fault() const { return m_fault; }

    int requestCount() const { return m_requestCount; }
    const QList<RecordedRequest> &requests() const { return m_requests; }
    // Benchmarks that send millions of requests count them without keeping each one.
    void setRecording(bool record) { m_recording = record; }
    int abortedCount() const { return m_aborted; } // clients that left before the answer ended
    int inFlight() const;
    int keyInUrlCount() const { return m_keyInUrl; }
    void resetStats();

    // A port nothing listens on (connection refused).
    static quint16 unusedPort();

signals:
    void requestReceived(int index);
    void clientAborted();

private:
    friend class FakeExchange;
    void onNewConnection();
    void onExchangeDone(FakeExchange *exchange, bool aborted);

    QTcpServer m_server;
    FakeFault m_fault;
    QList<RecordedRequest> m_requests;
    int m_requestCount = 0;
    bool m_recording = true;
    QList<QPointer<FakeExchange>> m_exchanges;
    int m_aborted = 0;
    int m_keyInUrl = 0;
    QByteArray m_tokenPrefix = "t";
    quint32 m_rngState = 12345;
};
