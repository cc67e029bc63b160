#pragma once

#include "config/config.h"
#include "providers/chattypes.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

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
    QString tier;       // for drills, which target tiers
    QString providerId; // for logs
    // Set for simulated providers: the request is answered in-process, with no network.
    std::optional<SimulationParams> simulation;
};

// One in-flight exchange. Owned by the caller (parented); abort() stops it at once and no signal follows.
class TransportReply : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    virtual void abort() = 0;

signals:
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

// The engine's one door to the network: owns the single QNetworkAccessManager, answers simulated
// providers in-process, and is where drills inject faults.
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

    // The number of requests that reached the network or the simulated backend (not drill-faked ones).
    quint64 upstreamRequests() const { return m_upstreamRequests; }

private:
    TransportReply *sendUpstream(const TransportRequest &request, QObject *owner);

    QNetworkAccessManager *m_nam = nullptr;
    QHash<QString, InjectedFault> m_faults;
    quint64 m_upstreamRequests = 0;
    quint32 m_simulationCounter = 0;
};
