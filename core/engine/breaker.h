#pragma once

#include "config/config.h"
#include "providers/errorclass.h"

#include <QHash>
#include <QString>

#include <deque>

// A circuit breaker for one tier, a pure state machine over time given as an argument.
// Closed: traffic flows; opens on N consecutive failures or a failure rate over a window.
// Open: every request skips the tier with no upstream attempt, until the cooldown ends.
// Half-open: exactly one probe request; success closes, failure opens again.
class CircuitBreaker
{
public:
    enum class State
    {
        Closed,
        Open,
        HalfOpen,
    };

    struct Admission
    {
        bool allowed = true;
        bool probe = false; // this request is the half-open probe
        qint64 retryAtMs = 0;
    };

    explicit CircuitBreaker(const BreakerConfig &config = {});
    void setConfig(const BreakerConfig &config) { m_config = config; }

    Admission admit(qint64 nowMs);
    void recordSuccess(qint64 nowMs);
    void recordFailure(qint64 nowMs, ErrorClass cls);
    // The probe ended without a verdict (cancelled, or a failure that is not the tier's fault).
    void releaseProbe();
    void forceOpen(qint64 nowMs, qint64 durationMs, ErrorClass reason);
    void reset();

    State state(qint64 nowMs) const;
    qint64 openUntilMs() const { return m_openUntil; }
    ErrorClass openReason() const { return m_openReason; }
    int consecutiveFailures() const { return m_consecutive; }
    double failureRate() const;
    int windowSize() const { return int(m_window.size()); }

private:
    void open(qint64 nowMs, qint64 durationMs, ErrorClass reason);
    void push(bool failure);

    BreakerConfig m_config;
    State m_state = State::Closed;
    qint64 m_openUntil = 0;
    ErrorClass m_openReason = ErrorClass::None;
    bool m_probeInFlight = false;
    int m_consecutive = 0;
    std::deque<bool> m_window; // true = failure
    int m_windowFailures = 0;
};

QString breakerStateName(CircuitBreaker::State state);
QString breakerStateText(CircuitBreaker::State state); // translated: "closed", "open", "half-open"

// What a tier looks like to the engine right now.
struct TierStateSnapshot
{
    CircuitBreaker::State breaker = CircuitBreaker::State::Closed;
    qint64 openUntilMs = 0;
    qint64 rateLimitedUntilMs = 0; // a Retry-After that applies to every request
    ErrorClass reason = ErrorClass::None;
    int consecutiveFailures = 0;
    double failureRate = 0;

    bool operator==(const TierStateSnapshot &) const = default;
};

// Breaker, cooldown and rate-limit state per tier, behind a small interface: in-process here; a team
// that runs several headless gateways can share it through an external store without engine changes.
class TierStateStore
{
public:
    enum class Verdict
    {
        Allowed,
        AllowedProbe,
        BreakerOpen,
        ProbeInFlight,
        RateLimited,
    };
    struct Admission
    {
        Verdict verdict = Verdict::Allowed;
        qint64 untilMs = 0;
        bool allowed() const { return verdict == Verdict::Allowed || verdict == Verdict::AllowedProbe; }
    };

    virtual ~TierStateStore() = default;
    virtual void setConfig(const BreakerConfig &config) = 0;
    virtual Admission admit(const QString &tier, qint64 nowMs) = 0;
    virtual void recordSuccess(const QString &tier, qint64 nowMs) = 0;
    virtual void recordFailure(const QString &tier, qint64 nowMs, ErrorClass cls) = 0;
    virtual void releaseProbe(const QString &tier) = 0;
    virtual void rateLimitUntil(const QString &tier, qint64 untilMs) = 0;
    virtual void forceOpen(const QString &tier, qint64 nowMs, qint64 durationMs, ErrorClass reason) = 0;
    virtual void reset(const QString &tier) = 0;
    virtual TierStateSnapshot snapshot(const QString &tier, qint64 nowMs) const = 0;
};

class InProcessTierState final : public TierStateStore
{
public:
    void setConfig(const BreakerConfig &config) override;
    Admission admit(const QString &tier, qint64 nowMs) override;
    void recordSuccess(const QString &tier, qint64 nowMs) override;
    void recordFailure(const QString &tier, qint64 nowMs, ErrorClass cls) override;
    void releaseProbe(const QString &tier) override;
    void rateLimitUntil(const QString &tier, qint64 untilMs) override;
    void forceOpen(const QString &tier, qint64 nowMs, qint64 durationMs, ErrorClass reason) override;
    void reset(const QString &tier) override;
    TierStateSnapshot snapshot(const QString &tier, qint64 nowMs) const override;

private:
    struct Entry
    {
        CircuitBreaker breaker;
        qint64 rateLimitedUntil = 0;
    };
    Entry &entry(const QString &tier);

    BreakerConfig m_config;
    QHash<QString, Entry> m_tiers;
};
