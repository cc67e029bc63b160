#include "health/healthmonitor.h"

#include "engine/policy.h"
#include "util/clock.h"
#include "util/enumnames.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Samples age out of the window and cooldowns end without any event: look again every TickMs.
constexpr qint64 TickMs = 2000;
constexpr qint64 ProbeTickMs = 1000; // probes are due per provider (probe_interval_ms); checked this often

constexpr EnumName<HealthStatus> HealthStatusNames[] = {
    {HealthStatus::Healthy, "healthy"_L1},
    {HealthStatus::Degraded, "degraded"_L1},
    {HealthStatus::Critical, "critical"_L1},
};

constexpr EnumName<TierStatus> TierStatusNames[] = {
    {TierStatus::Healthy, "healthy"_L1},
    {TierStatus::Degraded, "degraded"_L1},
    {TierStatus::Down, "down"_L1},
};

} // namespace

QString healthStatusText(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy:
        return QCoreApplication::translate("HealthStatus", "healthy");
    case HealthStatus::Degraded:
        return QCoreApplication::translate("HealthStatus", "degraded");
    case HealthStatus::Critical:
        return QCoreApplication::translate("HealthStatus", "critical");
    }
    return {};
}

QString tierStatusText(TierStatus status)
{
    switch (status) {
    case TierStatus::Healthy:
        return QCoreApplication::translate("TierStatus", "healthy");
    case TierStatus::Degraded:
        return QCoreApplication::translate("TierStatus", "degraded");
    case TierStatus::Down:
        return QCoreApplication::translate("TierStatus", "down");
    }
    return {};
}

QString healthStatusName(HealthStatus status)
{
    return enumName(HealthStatusNames, status);
}

QString tierStatusName(TierStatus status)
{
    return enumName(TierStatusNames, status);
}

namespace {

QString seconds(qint64 ms)
{
    const QString n =
        ms >= 10'000 ? QLocale().toString(ms / 1000) : QLocale().toString(double(ms) / 1000.0, 'f', 1);
    return QCoreApplication::translate("HealthMonitor", "%1 s").arg(n);
}

} // namespace

namespace HealthJson {

QJsonObject toJson(const SystemHealth &h)
{
    QJsonArray tiers;
    for (const TierHealth &t : h.tiers) {
        const auto ms = [](qint64 v) { return v < 0 ? QJsonValue() : QJsonValue(v); };
        QJsonObject o{{u"tier"_s, t.tier},
                      {u"status"_s, tierStatusName(t.status)},
                      {u"reason"_s, t.reason},
                      {u"breaker"_s, breakerStateName(t.breaker)},
                      {u"cooldown_left_ms"_s, t.cooldownLeftMs},
                      {u"requests"_s, t.requests},
                      {u"success_rate"_s, t.successRate < 0 ? QJsonValue() : QJsonValue(t.successRate)},
                      {u"latency_p50_ms"_s, ms(t.p50LatencyMs)},
                      {u"latency_p95_ms"_s, ms(t.p95LatencyMs)},
                      {u"ttft_p50_ms"_s, ms(t.p50TtftMs)},
                      {u"ttft_p95_ms"_s, ms(t.p95TtftMs)},
                      {u"probes"_s, t.probes},
                      {u"probe_cost_usd"_s, t.probeCost.toDouble()}};
        if (t.probes > 0) {
            o.insert(u"last_probe"_s, QJsonObject{{u"ok"_s, t.lastProbeOk},
                                                  {u"latency_ms"_s, t.lastProbeLatencyMs},
                                                  {u"at"_s, t.lastProbeAt.toString(Qt::ISODateWithMs)},
                                                  {u"error"_s, t.lastProbeError}});
        }
        tiers.append(o);
    }
    return QJsonObject{
        {u"status"_s, healthStatusName(h.status)},
        {u"reasons"_s, QJsonArray::fromStringList(h.reasons)},
        {u"recommended_tier"_s, h.recommendedTier.isEmpty() ? QJsonValue() : QJsonValue(h.recommendedTier)},
        {u"at"_s, h.at.toString(Qt::ISODateWithMs)},
        {u"tiers"_s, tiers}};
}

} // namespace HealthJson

HealthMonitor::HealthMonitor(ChatEngine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_tick(engine.clock(),
             [this] {
                 reevaluate();
                 m_tick.start(TickMs);
             })
    , m_probeTimer(engine.clock(), [this] {
        probeDue();
        m_probeTimer.start(ProbeTickMs);
    })
{
    qRegisterMetaType<SystemHealth>();
    connect(&engine, &ChatEngine::attemptFinished, this, &HealthMonitor::onAttempt);
    connect(&engine, &ChatEngine::probeFinished, this, &HealthMonitor::onProbe);
    connect(&engine, &ChatEngine::breakerChanged, this, &HealthMonitor::reevaluate);
    connect(&engine, &ChatEngine::configChanged, this, &HealthMonitor::reevaluate);
    m_tick.start(TickMs);
    m_last = health();
}

HealthWindow &HealthMonitor::window(const QString &tier, qint64 now) const
{
    auto it = m_windows.find(tier);
    if (it == m_windows.end())
        it = m_windows.insert(tier, HealthWindow());
    it->setWindow(qint64(m_engine.config()->health.windowSeconds) * 1000);
    it->advance(now);
    return *it;
}

void HealthMonitor::onAttempt(const AttemptRecord &a)
{
    // A skip says nothing new (the breaker already said it); a cancel is nobody's fault.
    if (a.outcome == AttemptRecord::Outcome::Skipped || a.outcome == AttemptRecord::Outcome::Cancelled)
        return;
    if (a.tierTest)
        return; // a Chain editor test of a draft: not the running tier's health
    if (a.outcome == AttemptRecord::Outcome::Failed && !FailoverPolicy::countsAgainstTier(a.error))
        return; // the request's own fault (context, content policy, bad request), not the tier's
    const qint64 now = m_engine.clock().nowMs();
    const bool ok = a.outcome == AttemptRecord::Outcome::Success;
    const qint64 latencyMs = ok ? a.durationMs : -1;
    // The breaker's probe answered: the outage that opened it is over, and the failures in the
    // window no longer describe the tier. A trial given for slowness that came back fast: the same
    // for the slow answers. (A trial for a tier down by its window only adds its sample: a tier that
    // fails one request in two is not cleared by one success.)
    const bool trial = m_trialOpen.remove(a.tier);
    const int threshold = m_engine.config()->strategy.latencyThresholdMs;
    const bool fast = threshold <= 0 || (a.ttftMs >= 0 && a.ttftMs <= threshold);
    if (ok && (a.probe || (trial && fast && isTooSlow(a.tier, threshold))))
        m_windows.remove(a.tier);
    // A 429 that says when to come back marks the tier rate limited until then (its own state):
    // not also a failure in the window that would keep it degraded after it has passed. The history
    // (chart, Events) still gets the failed sample.
    if (a.outcome == AttemptRecord::Outcome::Failed && a.error == ErrorClass::RateLimited &&
        a.retryAfterMs > 0) {
        emit sampleRecorded(a.tier, m_engine.clock().wallNow(), -1, a.ttftMs, false);
        reevaluate();
        return;
    }
    window(a.tier, now).addRequest(now, ok, latencyMs, a.ttftMs);
    emit sampleRecorded(a.tier, m_engine.clock().wallNow(), latencyMs, a.ttftMs, ok);
    reevaluate();
}

void HealthMonitor::onProbe(const ChatEngine::ProbeResult &r)
{
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    const TierConfig *probedTier = config->tier(r.tier);
    const qint64 now = m_engine.clock().nowMs();
    // A provider's probe speaks for every tier on that provider.
    for (const TierConfig &t : config->tiers) {
        if (!probedTier || t.provider != probedTier->provider)
            continue;
        ProbeStats &p = m_probes[t.name];
        ++p.count;
        p.lastOk = r.ok;
        p.lastLatencyMs = r.latencyMs;
        p.lastAt = m_engine.clock().wallNow();
        p.lastAtMs = now;
        p.lastError = r.ok ? QString() : errorClassText(r.error) + u": " + r.message;
        p.cost += r.cost;
        window(t.name, now).addProbe(now, r.ok);
    }
    if (probedTier)
        m_probeInFlight.remove(probedTier->provider);
    emit probed(r);
    reevaluate();
}

TierHealth HealthMonitor::evaluateTier(const QString &tier, qint64 now) const
{
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    const HealthConfig &hc = config->health;
    TierHealth t;
    t.tier = tier;
    const TierStateSnapshot snap = m_engine.tierState(tier);
    t.breaker = snap.breaker;
    t.breakerReason = snap.reason;
    if (snap.breaker == CircuitBreaker::State::Open)
        t.cooldownLeftMs = std::max<qint64>(0, snap.openUntilMs - now);
    else if (snap.rateLimitedUntilMs > now)
        t.cooldownLeftMs = snap.rateLimitedUntilMs - now;

    const HealthWindow &w = window(tier, now);
    t.requests = w.totals().requests;
    t.successes = w.totals().successes;
    if (t.requests > 0)
        t.successRate = double(t.successes) / double(t.requests);
    t.p50LatencyMs = w.latency().percentile(50);
    t.p95LatencyMs = w.latency().percentile(95);
    t.p50TtftMs = w.ttft().percentile(50);
    t.p95TtftMs = w.ttft().percentile(95);
    const auto probe = m_probes.constFind(tier);
    if (probe != m_probes.constEnd()) {
        t.probes = probe->count;
        t.lastProbeOk = probe->lastOk;
        t.lastProbeLatencyMs = probe->lastLatencyMs;
        t.lastProbeAt = probe->lastAt;
        t.lastProbeError = probe->lastError;
        t.probeCost = probe->cost;
    }

    const int threshold = config->strategy.latencyThresholdMs;
    const auto percent = [](double r) -> QString { return QLocale().toString(r * 100.0, 'f', 0) + u'%'; };
    if (snap.breaker == CircuitBreaker::State::Open) {
        t.status = TierStatus::Down;
        t.reason = tr("breaker open (%1), next probe in %2")
                       .arg(errorClassText(snap.reason), seconds(t.cooldownLeftMs));
    } else if (snap.rateLimitedUntilMs > now) {
        t.status = TierStatus::Degraded;
        t.reason = tr("rate limited for %1 more").arg(seconds(t.cooldownLeftMs));
    } else if (t.requests >= hc.minSamples && t.successRate < hc.downSuccessRate) {
        t.status = TierStatus::Down;
        t.reason = tr("%1 of the last %2 requests succeeded").arg(percent(t.successRate)).arg(t.requests);
    } else if (t.requests >= hc.minSamples && t.successRate < hc.degradedSuccessRate) {
        t.status = TierStatus::Degraded;
        t.reason = tr("%1 of the last %2 requests succeeded").arg(percent(t.successRate)).arg(t.requests);
    } else if (probe != m_probes.constEnd() && !probe->lastOk && probe->lastAtMs >= 0 &&
               (t.requests == 0 || t.successes == 0)) {
        t.status = TierStatus::Down;
        t.reason = tr("probe failed: %1").arg(probe->lastError);
    } else if (threshold > 0 && w.ttft().count() >= quint64(std::max(0, hc.minSamples)) &&
               t.p95TtftMs > threshold) {
        t.status = TierStatus::Degraded;
        t.reason = tr("p95 first token %1 ms is over the %2 ms threshold").arg(t.p95TtftMs).arg(threshold);
    } else if (snap.breaker == CircuitBreaker::State::HalfOpen) {
        t.status = TierStatus::Degraded;
        t.reason = tr("breaker half-open: the next request probes it");
    }
    return t;
}

SystemHealth HealthMonitor::health() const
{
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    const qint64 now = m_engine.clock().nowMs();
    SystemHealth h;
    h.at = m_engine.clock().wallNow();
    int available = 0;
    for (const QString &tier : config->strategy.chain()) {
        TierHealth t = evaluateTier(tier, now);
        if (t.status != TierStatus::Down)
            ++available;
        if (t.status != TierStatus::Healthy)
            h.reasons << t.tier + u": " + t.reason;
        h.tiers << t;
    }
    for (const TierHealth &t : std::as_const(h.tiers)) {
        if (t.status == TierStatus::Healthy) {
            h.recommendedTier = t.tier;
            break;
        }
    }
    if (h.recommendedTier.isEmpty()) {
        for (const TierHealth &t : std::as_const(h.tiers)) {
            if (t.status == TierStatus::Degraded) {
                h.recommendedTier = t.tier;
                break;
            }
        }
    }
    if (h.tiers.isEmpty() || available == 0)
        h.status = HealthStatus::Critical;
    else if (h.tiers.first().status != TierStatus::Healthy || available * 2 < h.tiers.size())
        h.status = HealthStatus::Degraded;
    else
        h.status = HealthStatus::Healthy;
    return h;
}

TierHealth HealthMonitor::tierHealth(const QString &tier) const
{
    return evaluateTier(tier, m_engine.clock().nowMs());
}

void HealthMonitor::reevaluate()
{
    SystemHealth h = health();
    const bool changed = !h.sameVerdict(m_last);
    m_last = std::move(h);
    if (changed)
        emit healthChanged(m_last);
}

bool HealthMonitor::isTooSlow(const QString &tier, int thresholdMs) const
{
    const TierHealth t = evaluateTier(tier, m_engine.clock().nowMs());
    const int minSamples = m_engine.config()->health.minSamples;
    return thresholdMs > 0 && t.p95TtftMs > thresholdMs && t.requests >= minSamples;
}

QStringList HealthMonitor::fastestFirst(const QStringList &chain) const
{
    const qint64 now = m_engine.clock().nowMs();
    struct Item
    {
        QString tier;
        bool down;
        qint64 ttft;
    };
    QList<Item> items;
    for (const QString &tier : chain) {
        const TierHealth t = evaluateTier(tier, now);
        items.append({tier, t.status == TierStatus::Down,
                      t.p50TtftMs < 0 ? std::numeric_limits<qint64>::max() : t.p50TtftMs});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        return a.down != b.down ? !a.down : a.ttft < b.ttft;
    });
    QStringList out;
    for (const Item &i : std::as_const(items))
        out << i.tier;
    return withTrialFirst(out, chain, now);
}

QStringList HealthMonitor::healthyFirst(const QStringList &chain) const
{
    const qint64 now = m_engine.clock().nowMs();
    QList<std::pair<int, QString>> items;
    for (const QString &tier : chain)
        items.append({int(evaluateTier(tier, now).status), tier});
    std::stable_sort(items.begin(), items.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList out;
    for (const auto &i : std::as_const(items))
        out << i.second;
    return withTrialFirst(out, chain, now);
}

bool HealthMonitor::trialDue(const QString &tier, qint64 now) const
{
    const TierStateSnapshot s = m_engine.tierState(tier);
    if (s.breaker == CircuitBreaker::State::HalfOpen)
        return true;
    if (s.breaker == CircuitBreaker::State::Open || s.rateLimitedUntilMs > now)
        return false; // not yet: the breaker or the provider's Retry-After says when
    const int threshold = m_engine.config()->strategy.latencyThresholdMs;
    if (evaluateTier(tier, now).status == TierStatus::Healthy && !isTooSlow(tier, threshold)) {
        m_trialAtMs.remove(tier);
        return false;
    }
    // The first time it is seen passed over starts the count: one trial a cooldown, not one a request.
    const auto last = m_trialAtMs.constFind(tier);
    if (last == m_trialAtMs.constEnd()) {
        m_trialAtMs.insert(tier, now);
        return false;
    }
    return now - *last >= m_engine.config()->strategy.breaker.cooldownMs;
}

bool HealthMonitor::claimTrial(const QString &tier) const
{
    // A trial the order gave this tier (it was put first) and no run has taken yet.
    if (auto open = m_trialOpen.find(tier); open != m_trialOpen.end() && !*open) {
        *open = true;
        return true;
    }
    const qint64 now = m_engine.clock().nowMs();
    if (!trialDue(tier, now))
        return false;
    if (m_engine.tierState(tier).breaker != CircuitBreaker::State::HalfOpen) {
        m_trialAtMs.insert(tier, now);
        m_trialOpen.insert(tier, true);
    }
    return true;
}

QStringList HealthMonitor::withTrialFirst(QStringList ordered, const QStringList &chain, qint64 now) const
{
    const qsizetype first = chain.indexOf(ordered.value(0));
    for (qsizetype i = 0; i < first; ++i) {
        const QString &tier = chain.at(i);
        if (!trialDue(tier, now))
            continue;
        if (m_engine.tierState(tier).breaker != CircuitBreaker::State::HalfOpen) {
            m_trialAtMs.insert(tier, now); // the breaker limits its own trials to one at a time
            m_trialOpen.insert(tier, false);
        }
        ordered.removeOne(tier);
        ordered.prepend(tier);
        break;
    }
    return ordered;
}

void HealthMonitor::setProbing(bool enabled)
{
    if (enabled) {
        m_probeTimer.start(ProbeTickMs);
        probeDue();
    } else {
        m_probeTimer.stop();
    }
}

void HealthMonitor::probeDue()
{
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    const qint64 now = m_engine.clock().nowMs();
    QStringList seen;
    for (const QString &tierName : config->strategy.chain()) {
        const TierConfig *tier = config->tier(tierName);
        const ProviderConfig *provider = tier ? config->provider(tier->provider) : nullptr;
        if (!provider || !provider->probeEnabled || seen.contains(provider->id) ||
            m_probeInFlight.value(provider->id))
            continue;
        seen << provider->id;
        const auto p = m_probes.constFind(tierName);
        if (p != m_probes.constEnd() && p->lastAtMs >= 0 && now - p->lastAtMs < provider->probeIntervalMs)
            continue;
        m_probeInFlight.insert(provider->id, true);
        m_engine.probeTier(tierName, this, [](const ChatEngine::ProbeResult &) {});
    }
}

void HealthMonitor::probeNow(bool includeAll, const std::function<void()> &done)
{
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    QStringList tiers;
    QStringList providers;
    for (const QString &tierName : config->strategy.chain()) {
        const TierConfig *tier = config->tier(tierName);
        const ProviderConfig *provider = tier ? config->provider(tier->provider) : nullptr;
        if (!provider || providers.contains(provider->id) || (!includeAll && !provider->probeEnabled))
            continue;
        providers << provider->id;
        tiers << tierName;
    }
    auto remaining = std::make_shared<int>(int(tiers.size()));
    if (tiers.isEmpty()) {
        if (done)
            done();
        return;
    }
    for (const QString &tier : std::as_const(tiers)) {
        m_engine.probeTier(tier, this, [remaining, done](const ChatEngine::ProbeResult &) {
            if (--*remaining == 0 && done)
                done();
        });
    }
}
