#pragma once

#include "config/config.h"
#include "providers/chattypes.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <optional>

// What went wrong below HTTP, if anything. HTTP error statuses are not transport failures.
struct TransportFailure
{
    enum class Kind
    {
        None,    // the body ended normally
        Refused, // connection refused
        Reset,   // the connection was closed or reset by the peer
        HostNotFound,
        Tls,
        Timeout,
        Aborted,
        Saturated, // never sent: no connection to the provider became free in time (Understudy's queue)
        Other,
    };
    Kind kind = Kind::None;
    QString message;

    bool failed() const { return kind != Kind::None; }
};

struct TransportRequest
{
    QUrl url;
    QByteArray method = "POST";
    HeaderList headers;
    QByteArray body;
    QString tier;            // for drills, which target tiers
    QString providerId;      // the connection pool it waits in, and logs
    ConnectionLimits limits; // of that pool (the provider's config; the latest request's values apply)
    // Set for simulated providers: the request is answered in-process, with no network.
    std::optional<SimulationParams> simulation;
};

// One in-flight exchange. Owned by the caller (parented); abort() stops it at once and no signal follows.
// An exchange may first wait in Understudy's own queue for a connection to its provider: that wait
// is ours, not the provider's, so the caller's deadlines start at dispatched() (or at once when
// isQueued() is false after send()).
class TransportReply : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    virtual void abort() = 0;
    virtual bool isQueued() const { return false; }

signals:
    void queued();                    // it waits for a connection (after send() returned)
    void dispatched(qint64 waitedMs); // it left the queue and is on its way to the provider
    void responseStarted(int status, const HeaderList &headers);
    void dataReceived(const QByteArray &data);
    void finished(const TransportFailure &failure);
};

// A fault injected into a tier by a drill: the provider is never called while it simulates an outage.
struct InjectedFault
{
    enum class Kind
    {
        Outage,  // connection refused
        Status,  // an error status (429 with Retry-After, 503, ...)
        Latency, // delay before the request goes out
        SlowFirstToken,
        Cut,   // the stream is cut after N chunks
        Stall, // the stream stops after N chunks and stays open
    };
    Kind kind = Kind::Outage;
    int status = 503;
    int retryAfterSeconds = 0;
    int delayMs = 0;
    int afterChunks = 3; // Cut, Stall: after this many stream events
    QString drillId;
};

class CurlMulti;
class ConnectionPool;

// What a provider's connection pool holds now (for /metrics and the Health view).
struct PoolStats
{
    QString provider;
    int capacity = 0; // requests at once: max_connections, x streams per connection once HTTP/2 is seen
    int inFlight = 0;
    int waiting = 0;
    bool multiplexed = false; // the provider answered over HTTP/2
    quint64 saturated = 0;    // requests refused: queue full or waited too long
};

// The engine's one door to the network: one libcurl multi handle driven by Qt's event loop (no
// thread of its own), a connection pool per provider with a bounded queue in front of it, the
// in-process simulated provider, and the place where drills inject faults. Why libcurl and not
// QNetworkAccessManager: see docs/architecture.md.
class Transport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transport)

public:
    explicit Transport(QObject *parent = nullptr);
    ~Transport() override;

    // Starts a request; the reply is parented to `owner`.
    TransportReply *send(const TransportRequest &request, QObject *owner);

    void injectFault(const QString &tier, const InjectedFault &fault);
    void clearFault(const QString &tier);
    std::optional<InjectedFault> fault(const QString &tier) const;

    // The number of requests that reached the network or the simulated backend (not drill-faked ones,
    // not those that never left the queue).
    quint64 upstreamRequests() const { return m_upstreamRequests; }
    QList<PoolStats> poolStats() const;

signals:
    // Every request that went to the network: how long it waited for a connection (0 mostly).
    void upstreamDispatched(const QString &provider, qint64 waitedMs);
    // A request that never went: the provider's pool stayed full.
    void upstreamSaturated(const QString &provider);

private:
    friend class ConnectionPool;
    TransportReply *sendUpstream(const TransportRequest &request, QObject *owner);

    CurlMulti *m_curl = nullptr;
    ConnectionPool *m_pool = nullptr;
    QHash<QString, InjectedFault> m_faults;
    quint64 m_upstreamRequests = 0;
    quint32 m_simulationCounter = 0;
};
