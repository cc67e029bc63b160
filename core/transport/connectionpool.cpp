#include "transport/connectionpool.h"

#include "transport/networkreply.h"
#include "util/logging.h"

using namespace Qt::StringLiterals;

ConnectionPool::ConnectionPool(Transport &transport)
    : QObject(&transport)
    , m_transport(transport)
{
    m_clock.start();
}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Pool &ConnectionPool::pool(const QString &provider)
{
    auto it = m_pools.find(provider);
    if (it == m_pools.end()) {
        auto p = std::make_shared<Pool>();
        p->expiry.setSingleShot(true);
        connect(&p->expiry, &QTimer::timeout, this, [this, provider] { pump(provider); });
        it = m_pools.insert(provider, p);
    }
    return **it;
}

int ConnectionPool::capacity(const Pool &p)
{
    const qint64 c =
        qint64(std::max(1, p.limits.maxConnections)) * (p.multiplexed ? StreamsPerConnection : 1);
    return int(std::min<qint64>(c, std::numeric_limits<int>::max()));
}

void ConnectionPool::admit(NetworkTransportReply *reply, const QString &provider,
                           const ConnectionLimits &limits)
{
    Pool &p = pool(provider);
    p.limits = limits;
    if (p.waiting.empty() && p.inFlight < capacity(p)) {
        ++p.inFlight;
        if (reply->start(0))
            emit m_transport.upstreamDispatched(provider, 0);
        return;
    }
    if (qsizetype(p.waiting.size()) >= limits.maxQueued || limits.queueTimeoutMs <= 0) {
        refuse(p, provider, reply,
               u"gateway saturated: all %1 connections to provider \"%2\" are busy and %3 requests already "
               u"wait for one"_s.arg(capacity(p))
                   .arg(provider)
                   .arg(p.waiting.size()));
        return;
    }
    const qint64 t = now();
    p.waiting.push_back({reply, t, t + limits.queueTimeoutMs});
    reply->wait();
    armExpiry(provider, p);
}

void ConnectionPool::refuse(Pool &p, const QString &provider, NetworkTransportReply *reply,
                            const QString &why)
{
    ++p.saturated;
    qCInfo(lcTransport).noquote() << why;
    reply->refuse(why);
    emit m_transport.upstreamSaturated(provider);
}

void ConnectionPool::armExpiry(const QString &provider, Pool &p)
{
    Q_UNUSED(provider)
    while (!p.waiting.empty() && !p.waiting.front().reply)
        p.waiting.pop_front();
    if (p.waiting.empty()) {
        p.expiry.stop();
        return;
    }
    const qint64 left = std::max<qint64>(0, p.waiting.front().deadlineMs - now());
    if (!p.expiry.isActive() || p.expiry.remainingTime() > left)
        p.expiry.start(int(std::min<qint64>(left, std::numeric_limits<int>::max())));
}

void ConnectionPool::release(const QString &provider, bool multiplexed)
{
    Pool &p = pool(provider);
    p.inFlight = std::max(0, p.inFlight - 1);
    if (multiplexed)
        p.multiplexed = true;
    pump(provider);
}

void ConnectionPool::withdraw(NetworkTransportReply *reply, const QString &provider)
{
    Pool &p = pool(provider);
    for (auto it = p.waiting.begin(); it != p.waiting.end(); ++it) {
        if (it->reply == reply) {
            p.waiting.erase(it);
            break;
        }
    }
    armExpiry(provider, p);
}

void ConnectionPool::pump(const QString &provider)
{
    // The pool outlives a reply's signals: hold it, since a listener may add or remove requests.
    const std::shared_ptr<Pool> held = m_pools.value(provider);
    if (!held)
        return;
    Pool &p = *held;
    // Those that waited too long are told so first, in order; then free places go to the rest.
    const qint64 t = now();
    while (!p.waiting.empty() && (!p.waiting.front().reply || p.waiting.front().deadlineMs <= t)) {
        const Waiter w = p.waiting.front();
        p.waiting.pop_front();
        if (w.reply)
            refuse(p, provider, w.reply,
                   u"gateway saturated: no connection to provider \"%1\" became free within %2 ms (%3 in "
                   u"use, %4 waiting)"_s.arg(provider)
                       .arg(w.deadlineMs - w.sinceMs)
                       .arg(p.inFlight)
                       .arg(p.waiting.size()));
    }
    while (!p.waiting.empty() && p.inFlight < capacity(p)) {
        const Waiter w = p.waiting.front();
        p.waiting.pop_front();
        if (!w.reply)
            continue;
        ++p.inFlight;
        const qint64 waited = now() - w.sinceMs;
        if (w.reply->start(waited))
            emit m_transport.upstreamDispatched(provider, waited);
    }
    armExpiry(provider, p);
}

QList<PoolStats> ConnectionPool::stats() const
{
    QList<PoolStats> out;
    for (auto it = m_pools.cbegin(); it != m_pools.cend(); ++it) {
        const Pool &p = **it;
        out.append({it.key(), capacity(p), p.inFlight, int(p.waiting.size()), p.multiplexed, p.saturated});
    }
    return out;
}
