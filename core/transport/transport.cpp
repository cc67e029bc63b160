#include "transport/transport.h"

#include "transport/connectionpool.h"
#include "transport/curlmulti.h"
#include "transport/faultreply.h"
#include "transport/networkreply.h"
#include "transport/simulatedreply.h"
#include "util/logging.h"

using namespace Qt::StringLiterals;

Transport::Transport(QObject *parent)
    : QObject(parent)
    , m_curl(new CurlMulti(this))
    , m_pool(new ConnectionPool(*this))
{
    connect(this, &Transport::upstreamDispatched, this, [this] { ++m_upstreamRequests; });
}

Transport::~Transport()
{
    delete m_pool;
    delete m_curl; // replies still running end silently
}

TransportReply *Transport::send(const TransportRequest &request, QObject *owner)
{
    const auto it = m_faults.constFind(request.tier);
    if (it != m_faults.constEnd()) {
        qCDebug(lcTransport) << "drill fault on tier" << request.tier << int(it->kind);
        return new FaultTransportReply(
            *it, [this, request](QObject *inner) { return sendUpstream(request, inner); }, owner);
    }
    return sendUpstream(request, owner);
}

TransportReply *Transport::sendUpstream(const TransportRequest &request, QObject *owner)
{
    if (request.simulation) {
        ++m_upstreamRequests;
        return new SimulatedTransportReply(request, ++m_simulationCounter, owner);
    }
    return new NetworkTransportReply(*m_curl, *m_pool, request, owner);
}

QList<PoolStats> Transport::poolStats() const
{
    return m_pool->stats();
}

void Transport::injectFault(const QString &tier, const InjectedFault &fault)
{
    m_faults.insert(tier, fault);
}

void Transport::clearFault(const QString &tier)
{
    m_faults.remove(tier);
}

std::optional<InjectedFault> Transport::fault(const QString &tier) const
{
    const auto it = m_faults.constFind(tier);
    if (it == m_faults.constEnd())
        return std::nullopt;
    return *it;
}
