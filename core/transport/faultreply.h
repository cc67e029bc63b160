#pragma once

#include "transport/transport.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <functional>

// A drill's fault on one exchange. Outages and error statuses are answered here and never reach the
// provider; latency, slow first token, cuts and stalls wrap the real (or simulated) exchange.
class FaultTransportReply final : public TransportReply
{
    Q_OBJECT

public:
    using UpstreamFactory = std::function<TransportReply *(QObject *owner)>;
    FaultTransportReply(const InjectedFault &fault, UpstreamFactory upstream, QObject *parent);
    void abort() override;
    bool isQueued() const override { return m_inner && m_inner->isQueued(); }

private:
    void begin();
    void startUpstream();
    void onData(const QByteArray &data);
    void flushHeld();

    InjectedFault m_fault;
    UpstreamFactory m_factory;
    QPointer<TransportReply> m_inner;
    QElapsedTimer m_started;
    QByteArray m_held;
    bool m_holding = false;
    bool m_innerFinished = false;
    TransportFailure m_innerFailure;
    int m_chunks = 0;
    bool m_aborted = false;
};
