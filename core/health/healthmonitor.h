#pragma once

#include "engine/chatengine.h"
#include "engine/requestpolicy.h"
#include "health/healthwindow.h"
#include "util/clock.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

enum class HealthStatus
{
    Healthy,
    Degraded,
    Critical,
};
QString healthStatusName(HealthStatus status);
QString healthStatusText(HealthStatus status); // translated: "healthy", "degraded", "critical"

enum class TierStatus
{
    Healthy,
    Degraded,
    Down,
};
QString tierStatusName(TierStatus status);
QString tierStatusText(TierStatus status); // translated: "healthy", "degraded", "down"

// One tier as real traffic (and probes) saw it over the rolling window.
struct TierHealth
{
    QString tier;
    TierStatus status = TierStatus::Healthy;
    QString reason; // why it is not healthy
    CircuitBreaker::State breaker = CircuitBreaker::State::Closed;
    ErrorClass breakerReason = ErrorClass::None;
    qint64 cooldownLeftMs = 0; // until the breaker half-opens, or a Retry-After ends
    int requests = 0;          // attempts in the window (probes not included)
    int successes = 0;
    double successRate = -1; // -1 = no data
    qint64 p50LatencyMs = -1;
    qint64 p95LatencyMs = -1;
    qint64 p50TtftMs = -1;
    qint64 p95TtftMs = -1;
    int probes = 0;
    bool lastProbeOk = false;
    qint64 lastProbeLatencyMs = -1;
    QDateTime lastProbeAt;
    QString lastProbeError;
    Money probeCost;
};

// The whole system: healthy / degraded / critical, why, and where a request should go.
struct SystemHealth
{
    HealthStatus status = HealthStatus::Healthy;
    QStringList reasons;
    QString recommendedTier;
    QList<TierHealth> tiers;
    QDateTime at;

    // A change worth an event: the status, the recommended tier, or a tier's status. Not the wording
    // of a reason (its figures and countdowns move all the time).
    bool sameVerdict(const SystemHealth &o) const
    {
        if (status != o.status || recommendedTier != o.recommendedTier || tiers.size() != o.tiers.size())
            return false;
        for (qsizetype i = 0; i < tiers.size(); ++i) {
            if (tiers.at(i).tier != o.tiers.at(i).tier || tiers.at(i).status != o.tiers.at(i).status)
                return false;
        }
        return true;
    }
};

namespace HealthJson {
QJsonObject toJson(const SystemHealth &health);
}

// Passive health per tier from real traffic over a rolling window (success rate, p50/p95 latency and
// time to first token, breaker state), active probes where enabled, and the system verdict. It also
// advises the engine which tiers are too slow and which are fastest (TierAdvisor). The window is a
// HealthWindow per tier: what an attempt costs here does not grow with the traffic seen.
class HealthMonitor final : public QObject, public TierAdvisor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthMonitor)

public:
    explicit HealthMonitor(ChatEngine &engine, QObject *parent = nullptr);

    SystemHealth health() const; // evaluated now
    const SystemHealth &lastHealth() const { return m_last; }
    TierHealth tierHealth(const QString &tier) const;

    // Periodic probes of the providers whose config enables them (off by default for paid ones).
    void setProbing(bool enabled);
    bool isProbing() const { return m_probeTimer.isActive(); }
    // Probes one tier per provider now: those with probes enabled, or every provider with `includeAll`.
    void probeNow(bool includeAll, const std::function<void()> &done = {});

    bool isTooSlow(const QString &tier, int thresholdMs) const override;
    QStringList fastestFirst(const QStringList &chain) const override;
    QStringList healthyFirst(const QStringList &chain) const override;
    bool claimTrial(const QString &tier) const override;

signals:
    void healthChanged(const SystemHealth &health);
    // Every attempt that says something about a tier (for charts): latency of successes, -1 otherwise.
    void sampleRecorded(const QString &tier, const QDateTime &at, qint64 latencyMs, qint64 ttftMs, bool ok);
    void probed(const ChatEngine::ProbeResult &result);

private:
    struct ProbeStats
    {
        int count = 0;
        bool lastOk = false;
        qint64 lastLatencyMs = -1;
        QDateTime lastAt;
        qint64 lastAtMs = -1;
        QString lastError;
        Money cost;
    };

    void onAttempt(const AttemptRecord &attempt);
    // Recovery is never starved by an order: a tier before the first of `ordered` in `chain` whose
    // trial is due goes first, so that one request can show it is back (see trialDue).
    QStringList withTrialFirst(QStringList ordered, const QStringList &chain, qint64 now) const;
    // The breaker lets a trial through (half-open), or the tier is judged down or degraded only by
    // failures in the window, with no open breaker or Retry-After, and had no trial for a cooldown.
    bool trialDue(const QString &tier, qint64 now) const;
    void onProbe(const ChatEngine::ProbeResult &result);
    void reevaluate();
    void probeDue();
    TierHealth evaluateTier(const QString &tier, qint64 now) const;
    HealthWindow &window(const QString &tier, qint64 now) const; // advanced to `now`

    ChatEngine &m_engine;
    mutable QHash<QString, HealthWindow> m_windows;
    QHash<QString, ProbeStats> m_probes; // by tier
    SystemHealth m_last;
    ClockTimer m_tick;                    // every 2 s on the engine's clock
    ClockTimer m_probeTimer;              // every 1 s while probing
    QHash<QString, bool> m_probeInFlight; // by provider
    // By tier: when its last trial was given (or when it was first seen passed over), and the
    // trials given and not yet answered.
    mutable QHash<QString, qint64> m_trialAtMs;
    mutable QHash<QString, bool> m_trialOpen; // given, not yet answered; true once a run took it
};

Q_DECLARE_METATYPE(SystemHealth)
