#include "engine/breaker.h"

#include "engine/policy.h"
#include "util/enumnames.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<CircuitBreaker::State> BreakerStateNames[] = {
    {CircuitBreaker::State::Closed, "closed"_L1},
    {CircuitBreaker::State::Open, "open"_L1},
    {CircuitBreaker::State::HalfOpen, "half_open"_L1},
};

} // namespace

QString breakerStateText(CircuitBreaker::State state)
{
    switch (state) {
    case CircuitBreaker::State::Closed:
        return QCoreApplication::translate("CircuitBreaker", "closed");
    case CircuitBreaker::State::Open:
        return QCoreApplication::translate("CircuitBreaker", "open");
    case CircuitBreaker::State::HalfOpen:
        return QCoreApplication::translate("CircuitBreaker", "half-open");
    }
    return {};
}

QString breakerStateName(CircuitBreaker::State state)
{
    return enumName(BreakerStateNames, state);
}

CircuitBreaker::CircuitBreaker(const BreakerConfig &config)
    : m_config(config)
{}

CircuitBreaker::State CircuitBreaker::state(qint64 nowMs) const
{
    if (m_state == State::Open && nowMs >= m_openUntil)
        return State::HalfOpen;
    return m_state;
}

CircuitBreaker::Admission CircuitBreaker::admit(qint64 nowMs)
{
    if (m_state == State::Open && nowMs >= m_openUntil) {
        m_state = State::HalfOpen;
        m_probeInFlight = false;
    }
    switch (m_state) {
    case State::Closed:
        return {true, false, 0};
    case State::Open:
        return {false, false, m_openUntil};
    case State::HalfOpen:
        if (m_probeInFlight)
            return {false, false, 0};
        m_probeInFlight = true;
        return {true, true, 0};
    }
    return {};
}

void CircuitBreaker::recordSuccess(qint64 nowMs)
{
    Q_UNUSED(nowMs)
    if (m_state != State::Closed) {
        // Recovered: start afresh, or the old failure rate would open it again at once.
        reset();
        return;
    }
    m_consecutive = 0;
    push(false);
}

void CircuitBreaker::recordFailure(qint64 nowMs, ErrorClass cls)
{
    if (!FailoverPolicy::countsAgainstTier(cls)) {
        releaseProbe();
        return;
    }
    if (FailoverPolicy::opensBreakerForLong(cls))
        return open(nowMs, m_config.longCooldownMs, cls);
    if (m_state == State::HalfOpen || (m_state == State::Open && nowMs >= m_openUntil))
        return open(nowMs, m_config.cooldownMs, cls); // the probe failed
    if (m_state == State::Open)
        return; // a request that started before the breaker opened
    ++m_consecutive;
    push(true);
    const bool tooMany = m_consecutive >= m_config.failureThreshold;
    const bool tooOften =
        int(m_window.size()) >= m_config.minRequests && failureRate() >= m_config.failureRate;
    if (tooMany || tooOften)
        open(nowMs, m_config.cooldownMs, cls);
}

void CircuitBreaker::releaseProbe()
{
    m_probeInFlight = false;
}

void CircuitBreaker::forceOpen(qint64 nowMs, qint64 durationMs, ErrorClass reason)
{
    open(nowMs, durationMs, reason);
}

void CircuitBreaker::reset()
{
    m_state = State::Closed;
    m_openUntil = 0;
    m_openReason = ErrorClass::None;
    m_probeInFlight = false;
    m_consecutive = 0;
    m_window.clear();
    m_windowFailures = 0;
}

double CircuitBreaker::failureRate() const
{
    return m_window.empty() ? 0.0 : double(m_windowFailures) / double(m_window.size());
}

void CircuitBreaker::open(qint64 nowMs, qint64 durationMs, ErrorClass reason)
{
    m_state = State::Open;
    m_openUntil = nowMs + durationMs;
    m_openReason = reason;
    m_probeInFlight = false;
}

void CircuitBreaker::push(bool failure)
{
    m_window.push_back(failure);
    m_windowFailures += failure ? 1 : 0;
    while (int(m_window.size()) > std::max(1, m_config.window)) {
        m_windowFailures -= m_window.front() ? 1 : 0;
        m_window.pop_front();
    }
}

// ---------------------------------------------------------------------------------------------

void InProcessTierState::setConfig(const BreakerConfig &config)
{
    m_config = config;
    for (Entry &e : m_tiers)
        e.breaker.setConfig(config);
}

InProcessTierState::Entry &InProcessTierState::entry(const QString &tier)
{
    auto it = m_tiers.find(tier);
    if (it == m_tiers.end())
        it = m_tiers.insert(tier, Entry{CircuitBreaker(m_config), 0});
    return *it;
}

TierStateStore::Admission InProcessTierState::admit(const QString &tier, qint64 nowMs)
{
    Entry &e = entry(tier);
    if (nowMs < e.rateLimitedUntil)
        return {Verdict::RateLimited, e.rateLimitedUntil};
    const CircuitBreaker::State before = e.breaker.state(nowMs);
    const CircuitBreaker::Admission a = e.breaker.admit(nowMs);
    if (a.allowed)
        return {a.probe ? Verdict::AllowedProbe : Verdict::Allowed, 0};
    return {before == CircuitBreaker::State::HalfOpen ? Verdict::ProbeInFlight : Verdict::BreakerOpen,
            a.retryAtMs};
}

void InProcessTierState::recordSuccess(const QString &tier, qint64 nowMs)
{
    entry(tier).breaker.recordSuccess(nowMs);
}

void InProcessTierState::recordFailure(const QString &tier, qint64 nowMs, ErrorClass cls)
{
    entry(tier).breaker.recordFailure(nowMs, cls);
}

void InProcessTierState::releaseProbe(const QString &tier)
{
    entry(tier).breaker.releaseProbe();
}

void InProcessTierState::rateLimitUntil(const QString &tier, qint64 untilMs)
{
    Entry &e = entry(tier);
    e.rateLimitedUntil = std::max(e.rateLimitedUntil, untilMs);
}

void InProcessTierState::forceOpen(const QString &tier, qint64 nowMs, qint64 durationMs, ErrorClass reason)
{
    entry(tier).breaker.forceOpen(nowMs, durationMs, reason);
}

void InProcessTierState::reset(const QString &tier)
{
    Entry &e = entry(tier);
    e.breaker.reset();
    e.rateLimitedUntil = 0;
}

TierStateSnapshot InProcessTierState::snapshot(const QString &tier, qint64 nowMs) const
{
    const auto it = m_tiers.constFind(tier);
    if (it == m_tiers.constEnd())
        return {};
    TierStateSnapshot s;
    s.breaker = it->breaker.state(nowMs);
    s.openUntilMs = s.breaker == CircuitBreaker::State::Closed ? 0 : it->breaker.openUntilMs();
    s.rateLimitedUntilMs = nowMs < it->rateLimitedUntil ? it->rateLimitedUntil : 0;
    s.reason = s.breaker == CircuitBreaker::State::Closed ? ErrorClass::None : it->breaker.openReason();
    s.consecutiveFailures = it->breaker.consecutiveFailures();
    s.failureRate = it->breaker.failureRate();
    return s;
}
