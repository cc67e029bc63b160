#pragma once

#include "config/config.h"
#include "transport/transport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <memory>

class NetworkTransportReply;

// How many requests go to each provider at once, and the bounded queue in front of it. A request
// that finds the pool full waits (its deadlines have not started: the wait is Understudy's, not the
// provider's); one that would wait longer than the provider's queue_timeout_ms, or finds
// max_queued already waiting, is refused at once as saturated. Capacity is max_connections, times
// 100 streams once the provider has answered over HTTP/2.
class ConnectionPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionPool)

public:
    static constexpr int StreamsPerConnection = 100; // libcurl's default HTTP/2 concurrency

    explicit ConnectionPool(Transport &transport);
    ~ConnectionPool() override;

    // Starts the reply now, queues it (reply->wait()), or refuses it (reply->refuse()).
    void admit(NetworkTransportReply *reply, const QString &provider, const ConnectionLimits &limits);
    // A running request ended: its place goes to the next in the queue.
    void release(const QString &provider, bool multiplexed);
    // A queued request was cancelled.
    void withdraw(NetworkTransportReply *reply, const QString &provider);

    QList<PoolStats> stats() const;

private:
    struct Waiter
    {
        QPointer<NetworkTransportReply> reply;
        qint64 sinceMs = 0;
        qint64 deadlineMs = 0;
    };
    struct Pool
    {
        ConnectionLimits limits;
        int inFlight = 0;
        bool multiplexed = false;
        quint64 saturated = 0;
        std::deque<Waiter> waiting;
        QTimer expiry;
    };
    Pool &pool(const QString &provider);
    static int capacity(const Pool &pool);
    void pump(const QString &provider);
    void refuse(Pool &p, const QString &provider, NetworkTransportReply *reply, const QString &why);
    void armExpiry(const QString &provider, Pool &p);
    qint64 now() const { return m_clock.elapsed(); }

    Transport &m_transport;
    QHash<QString, std::shared_ptr<Pool>> m_pools;
    QElapsedTimer m_clock;
};
