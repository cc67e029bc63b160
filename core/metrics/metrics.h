#pragma once

#include "engine/chatresult.h"

#include <QHash>
#include <QMap>
#include <QObject>

class ChatEngine;

// Cumulative histogram with fixed upper bounds, in seconds (Prometheus semantics).
class Histogram
{
public:
    explicit Histogram(QList<double> bounds = defaultLatencyBounds());
    void observe(double seconds);
    const QList<double> &bounds() const { return m_bounds; }
    const QList<quint64> &counts() const { return m_counts; } // per bucket, not cumulative
    double sum() const { return m_sum; }
    quint64 count() const { return m_count; }
    static QList<double> defaultLatencyBounds();

private:
    QList<double> m_bounds;
    QList<quint64> m_counts;
    double m_sum = 0;
    quint64 m_count = 0;
};

// What the engine and the gateway did, for GET /metrics (Prometheus text exposition 0.0.4).
// Failures are charged to the tier that failed and successes to the tier that answered; the success
// rate clients actually saw is counted per gateway route.
class MetricsRegistry final : public QObject
{
    Q_OBJECT

public:
    explicit MetricsRegistry(ChatEngine &engine, QObject *parent = nullptr);

    // A gateway request ended: answered (complete), failed, or cancelled by the client.
    void recordRoute(const QString &route, const QString &outcome, qint64 latencyMs, qint64 ttftMs);
    QByteArray prometheusText() const;

private:
    void onAttempt(const AttemptRecord &attempt);
    void onSwitch(const SwitchEvent &event);
    void onRequest(const ChatResult &result);
    void onDispatched(const QString &provider, qint64 waitedMs);

    struct TierStats
    {
        QMap<QPair<QString, QString>, quint64> attempts; // (outcome, error class) -> count
        quint64 inputTokens = 0;
        quint64 outputTokens = 0;
        qint64 costMicros = 0;
        Histogram ttft;
        Histogram latency; // of successful attempts
    };

    ChatEngine &m_engine;
    QMap<QString, TierStats> m_tiers;
    QMap<std::tuple<QString, QString, QString>, quint64> m_failovers; // from, to, reason
    quint64 m_requests = 0;
    quint64 m_requestsComplete = 0;
    QMap<QPair<QString, QString>, quint64> m_routeOutcomes; // (route, outcome)
    QMap<QString, Histogram> m_routeLatency;
    QMap<QString, Histogram> m_routeTtft;
    QMap<QString, Histogram> m_queueWait; // per provider: waits for a connection (0 mostly)
    QMap<QString, quint64> m_saturated;   // per provider: requests refused, the pool stayed full
};
