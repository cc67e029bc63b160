#include "transport/faultreply.h"

using namespace Qt::StringLiterals;

FaultTransportReply::FaultTransportReply(const InjectedFault &fault, UpstreamFactory upstream,
                                         QObject *parent)
    : TransportReply(parent)
    , m_fault(fault)
    , m_factory(std::move(upstream))
{
    m_started.start();
    QTimer::singleShot(0, this, &FaultTransportReply::begin);
}

void FaultTransportReply::abort()
{
    m_aborted = true;
    if (m_inner)
        m_inner->abort();
}

void FaultTransportReply::begin()
{
    if (m_aborted)
        return;
    const QString tag = m_fault.drillId.isEmpty() ? u"drill"_s : u"drill "_s + m_fault.drillId;
    switch (m_fault.kind) {
    case InjectedFault::Kind::Outage:
        emit finished({TransportFailure::Kind::Refused, u"Connection refused (%1)"_s.arg(tag)});
        return;
    case InjectedFault::Kind::Status: {
        HeaderList headers{{"content-type", "application/json"}};
        if (m_fault.retryAfterSeconds > 0)
            headers.append({"retry-after", QByteArray::number(m_fault.retryAfterSeconds)});
        emit responseStarted(m_fault.status, headers);
        if (m_aborted)
            return;
        emit dataReceived(
            u"{\"error\":{\"message\":\"Injected HTTP %1 (%2)\",\"type\":\"drill\"}}"_s.arg(m_fault.status)
                .arg(tag)
                .toUtf8());
        if (!m_aborted)
            emit finished({});
        return;
    }
    case InjectedFault::Kind::Latency:
        QTimer::singleShot(m_fault.delayMs, this, &FaultTransportReply::startUpstream);
        return;
    case InjectedFault::Kind::SlowFirstToken:
        m_holding = true;
        QTimer::singleShot(m_fault.delayMs, this, &FaultTransportReply::flushHeld);
        startUpstream();
        return;
    case InjectedFault::Kind::Cut:
    case InjectedFault::Kind::Stall:
        startUpstream();
        return;
    }
}

void FaultTransportReply::startUpstream()
{
    if (m_aborted)
        return;
    m_inner = m_factory(this);
    // A connection wait under the drill is still Understudy's wait, not the provider's.
    connect(m_inner, &TransportReply::queued, this, &TransportReply::queued);
    connect(m_inner, &TransportReply::dispatched, this, &TransportReply::dispatched);
    if (m_inner->isQueued())
        emit queued();
    connect(m_inner, &TransportReply::responseStarted, this, [this](int status, const HeaderList &headers) {
        if (!m_aborted)
            emit responseStarted(status, headers);
    });
    connect(m_inner, &TransportReply::dataReceived, this, &FaultTransportReply::onData);
    connect(m_inner, &TransportReply::finished, this, [this](const TransportFailure &failure) {
        if (m_aborted)
            return;
        if (m_holding) { // deliver the end after the held data
            m_innerFinished = true;
            m_innerFailure = failure;
            return;
        }
        emit finished(failure);
    });
}

void FaultTransportReply::onData(const QByteArray &data)
{
    if (m_aborted)
        return;
    if (m_holding) {
        m_held += data;
        return;
    }
    const bool cuts = m_fault.kind == InjectedFault::Kind::Cut || m_fault.kind == InjectedFault::Kind::Stall;
    if (!cuts) {
        emit dataReceived(data);
        return;
    }
    // Count SSE events (every format streams them), so "after N" means N events whatever the
    // network did to the bytes; a non-streamed body counts as one.
    qsizetype end = data.size();
    for (qsizetype i = 0; i + 1 < data.size(); ++i) {
        if (data.at(i) == '\n' && (data.at(i + 1) == '\n' || (data.at(i + 1) == '\r' && i + 2 < data.size() &&
                                                              data.at(i + 2) == '\n'))) {
            if (++m_chunks >= m_fault.afterChunks) {
                end = i + (data.at(i + 1) == '\n' ? 2 : 3);
                break;
            }
        }
    }
    emit dataReceived(data.left(end));
    if (m_aborted)
        return;
    if (m_chunks >= m_fault.afterChunks) {
        m_inner->disconnect(this);
        m_inner->abort();
        if (m_fault.kind == InjectedFault::Kind::Cut)
            emit finished({TransportFailure::Kind::Reset, u"Stream cut by drill"_s});
        // A stall leaves the exchange open and silent until the caller gives up.
    }
}

void FaultTransportReply::flushHeld()
{
    if (m_aborted)
        return;
    m_holding = false;
    if (!m_held.isEmpty())
        emit dataReceived(std::exchange(m_held, {}));
    if (!m_aborted && m_innerFinished)
        emit finished(m_innerFailure);
}
