#pragma once

#include "config/config.h"
#include "providers/adapter.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QObject>
#include <QPointer>

#include <memory>

// How one attempt ended.
struct CallOutcome
{
    ProviderError error; // cls None = a complete answer
    QString text;
    QString finishReason;
    std::optional<Usage> usage;
    QString model; // as the provider named it
    int httpStatus = 0;
    qint64 queueWaitMs = 0; // waited for a connection (Understudy's queue); not in the times below
    qint64 ttfbMs = -1;
    qint64 ttftMs = -1;
    qint64 durationMs = 0;
};

// One attempt at one tier: sends the request, decodes the answer as it streams, and enforces the
// provider's deadlines (first byte, first token, idle between chunks). Knows nothing of chains.
// Time spent waiting in the Transport's queue for a connection is not the provider's: deadlines and
// measured times start when the request leaves the queue.
class ProviderCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderCall)

public:
    ProviderCall(Transport &transport, const ProviderAdapter &adapter, TransportRequest request,
                 bool streaming, const ProviderTimeouts &timeouts, const Clock &clock,
                 QObject *parent = nullptr);
    ~ProviderCall() override;

    void start();
    // Aborts the upstream exchange at once; no signal follows.
    void cancel();
    bool isRunning() const { return m_running; }
    // Whether the request left Understudy (its tokens may be billed); false while it waits for a connection.
    bool reachedProvider() const { return m_dispatched; }

signals:
    void headersReceived(int status);
    void textReceived(const QString &delta);
    void finished(const CallOutcome &outcome);

private:
    enum class Phase
    {
        Headers,
        FirstToken,
        Streaming,
        ErrorBody,
    };
    void onQueued();
    void onDispatched(qint64 waitedMs);
    void onResponseStarted(int status, const HeaderList &headers);
    void onData(const QByteArray &data);
    void onTransportFinished(const TransportFailure &failure);
    void onDeadline();
    void armDeadline(Phase phase);
    void noteActivity(Phase phase);
    void emitText(const QString &text);
    void finish(const ProviderError &error);
    qint64 elapsed() const;

    Transport &m_transport;
    const ProviderAdapter &m_adapter;
    TransportRequest m_request;
    bool m_streaming;
    ProviderTimeouts m_timeouts;
    const Clock &m_clock;

    QPointer<TransportReply> m_reply;
    std::unique_ptr<StreamDecoder> m_decoder;
    ClockTimer m_deadline; // precise: a deadline never fires early
    Phase m_phase = Phase::Headers;
    bool m_running = false;
    bool m_dispatched = false;
    qint64 m_queuedAtMs = -1;
    bool m_buffered = false; // a whole JSON body, not SSE
    qint64 m_startMs = 0;
    qint64 m_lastActivityMs = 0;
    HeaderList m_headers;
    QByteArray m_body;
    bool m_sawTerminator = false;
    qint64 m_bodyBytes = 0;
    CallOutcome m_outcome;
};
