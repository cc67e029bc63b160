#include "alerts/alertrouter.h"

#include "degrade/degradationcontroller.h"
#include "drill/drillcontroller.h"
#include "engine/chatengine.h"
#include "health/healthmonitor.h"
#include "util/clock.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MinuteMs = 60'000;

// Failures a person has to act on (a key, a bill, a retired model) are errors, not warnings.
AlertSeverity switchSeverity(ErrorClass reason)
{
    switch (reason) {
    case ErrorClass::Auth:
    case ErrorClass::QuotaExhausted:
    case ErrorClass::ModelNotFound:
        return AlertSeverity::Error;
    default:
        return AlertSeverity::Warning;
    }
}

QString durationText(qint64 ms)
{
    if (ms < MinuteMs)
        return AlertRouter::tr("%1 s").arg(std::max<qint64>(1, ms / 1000));
    if (ms < 60 * MinuteMs)
        return AlertRouter::tr("%1 min").arg(ms / MinuteMs);
    return AlertRouter::tr("%1 h %2 min").arg(ms / (60 * MinuteMs)).arg((ms / MinuteMs) % 60);
}

} // namespace

AlertRouter::AlertRouter(ChatEngine &engine, HealthMonitor *health, DegradationController *degradation,
                         const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    qRegisterMetaType<Alert>();
    connect(&engine, &ChatEngine::tierSwitched, this, &AlertRouter::onSwitch);
    connect(&engine, &ChatEngine::attemptFinished, this, &AlertRouter::onAttempt);
    connect(&engine, &ChatEngine::breakerChanged, this, &AlertRouter::onBreaker);
    if (health)
        connect(health, &HealthMonitor::healthChanged, this, &AlertRouter::onHealth);
    if (degradation)
        connect(degradation, &DegradationController::levelChanged, this, &AlertRouter::onLevel);
}

void AlertRouter::setSettings(const AlertSettings &settings)
{
    m_settings = settings;
}

QList<Alert> AlertRouter::activeAlerts() const
{
    QList<Alert> alerts;
    for (const Active &a : m_active)
        alerts.append(a.alert);
    return alerts;
}

qsizetype AlertRouter::findActive(const QString &key) const
{
    for (qsizetype i = 0; i < m_active.size(); ++i) {
        if (m_active.at(i).alert.key == key)
            return i;
    }
    return -1;
}

QString AlertRouter::keyFor(AlertKind kind, const QString &tier, const QString &reason)
{
    // A tier's switches and its breaker are one outage: they share a key, so one outage is one alert.
    const QString family =
        kind == AlertKind::Breaker ? alertKindName(AlertKind::Switch) : alertKindName(kind);
    QString key = family + u'/' + (tier.isEmpty() ? u"system"_s : tier);
    if (!reason.isEmpty())
        key += u'/' + reason;
    return key;
}

void AlertRouter::onSwitch(const SwitchEvent &e)
{
    if (e.reason == ErrorClass::None || e.reason == ErrorClass::Cancelled || e.from.isEmpty())
        return; // a hedge or a cancelled attempt: nothing failed
    Alert a;
    a.kind = AlertKind::Switch;
    a.severity = switchSeverity(e.reason);
    a.tier = e.from;
    a.from = e.from;
    a.to = e.to;
    a.reason = errorClassName(e.reason);
    a.key = keyFor(a.kind, a.tier, a.reason);
    a.at = e.at;
    a.summary = tr("%1 failed (%2); %3 took over").arg(e.from, errorClassText(e.reason), e.to);
    a.detail = e.detail;
    submit(a);
}

void AlertRouter::onAttempt(const AttemptRecord &a)
{
    // Every answered request passes here: nothing to do (not even the text) unless an alert is open.
    // A tier test ran on a draft: it says nothing of the running tier.
    if (a.outcome == AttemptRecord::Outcome::Success && !a.tierTest && !a.tier.isEmpty() &&
        !m_active.isEmpty())
        resolveTier(a.tier, {AlertKind::Switch, AlertKind::Breaker}, tr("%1 answered again").arg(a.tier));
}

void AlertRouter::onBreaker(const BreakerEvent &e)
{
    if (e.tier.isEmpty())
        return;
    if (e.to == CircuitBreaker::State::Closed) {
        resolveTier(e.tier, {AlertKind::Switch, AlertKind::Breaker},
                    tr("the breaker of %1 closed").arg(e.tier));
        return;
    }
    if (e.to != CircuitBreaker::State::Open)
        return;
    Alert a;
    a.kind = AlertKind::Breaker;
    a.severity = AlertSeverity::Critical;
    a.tier = e.tier;
    a.reason = errorClassName(e.reason);
    a.key = keyFor(a.kind, a.tier, a.reason);
    a.at = e.at;
    a.summary = tr("Breaker open: %1 (%2)").arg(e.tier, errorClassText(e.reason));
    a.detail =
        tr("%1 is skipped for %2, then one probe request tests it.").arg(e.tier, durationText(e.cooldownMs));
    submit(a);
}

void AlertRouter::onLevel(const LevelChange &c)
{
    const QString key = keyFor(AlertKind::Level, {}, {});
    if (c.to == DegradationLevel::Full) {
        resolve(key, tr("back to level FULL"));
        return;
    }
    Alert a;
    a.kind = AlertKind::Level;
    a.severity = c.to == DegradationLevel::Reduced ? AlertSeverity::Warning : AlertSeverity::Critical;
    a.reason = degradationLevelName(c.to);
    a.key = key;
    a.at = c.at;
    a.summary = tr("Degradation level %1").arg(degradationLevelText(c.to));
    a.detail = c.reason;
    submit(a);
}

void AlertRouter::onHealth(const SystemHealth &h)
{
    const QString key = keyFor(AlertKind::Health, {}, {});
    if (h.status == HealthStatus::Healthy) {
        resolve(key, tr("the system is healthy again"));
        return;
    }
    Alert a;
    a.kind = AlertKind::Health;
    a.severity = h.status == HealthStatus::Critical ? AlertSeverity::Critical : AlertSeverity::Warning;
    a.reason = healthStatusName(h.status);
    a.key = key;
    a.at = h.at;
    a.summary = h.status == HealthStatus::Critical ? tr("System critical") : tr("System degraded");
    a.detail = h.reasons.join(u"; "_s);
    submit(a);
}

void AlertRouter::submitEvent(const AlertEvent &e)
{
    Alert a;
    a.kind = alertKindFromName(e.kind).value_or(AlertKind::Budget);
    a.severity = e.critical ? AlertSeverity::Critical : AlertSeverity::Warning;
    a.reason = e.reason;
    a.key = keyFor(a.kind, {}, e.reason.isEmpty() ? e.summary : e.reason);
    a.at = e.at;
    a.summary = e.summary;
    a.detail = e.detail;
    submit(a);
}

void AlertRouter::submit(const Alert &incoming)
{
    Alert alert = incoming;
    if (!alert.at.isValid())
        alert.at = m_clock.wallNow();
    if (alert.isResolve()) {
        resolve(alert.key, alert.detail);
        return;
    }
    alert.firstAt = alert.at;
    if (m_drills && !alert.tier.isEmpty()) {
        for (const Drill &d : m_drills->active()) {
            if (d.spec.tier == alert.tier) {
                alert.summary = tr("Drill %1: %2").arg(d.id, alert.summary);
                break;
            }
        }
    }
    if (const qsizetype i = findActive(alert.key); i >= 0) {
        // The same outage again: counted, not sent — unless it got worse (a breaker opened on a tier
        // that was failing over), which reaches the sinks that take the worse severity and did not
        // take the alert yet.
        Active &active = m_active[i];
        ++active.alert.occurrences;
        const bool worse = alert.severity > active.alert.severity;
        if (worse) {
            const int occurrences = active.alert.occurrences;
            const QDateTime firstAt = active.alert.firstAt;
            active.alert = alert;
            active.alert.occurrences = occurrences;
            active.alert.firstAt = firstAt;
        }
        if (!active.sent) {
            // Held back by the per-minute limit: the outage goes on, so the alert (at its worst so
            // far) goes out with its next occurrence once the minute has room.
            if (!rateLimited()) {
                active.sent = true;
                m_recentTriggers.push_back(m_clock.nowMs());
                route(active.alert, active.sinks);
            }
            return;
        }
        if (worse)
            route(active.alert, active.sinks);
        return;
    }
    if (alert.kind == AlertKind::Switch && !quietThresholdReached(alert))
        return;
    Active active{alert, false, m_clock.nowMs(), {}};
    if (rateLimited()) {
        emit suppressed(alert, tr("more than %n alert(s) in a minute", nullptr, m_settings.maxPerMinute));
    } else {
        active.sent = true;
        m_recentTriggers.push_back(m_clock.nowMs());
        route(alert, active.sinks);
    }
    // A budget threshold is an announcement: nothing recovers, so nothing stays open.
    if (alert.kind == AlertKind::Budget)
        return;
    m_active.append(active);
}

void AlertRouter::resolveTier(const QString &tier, const QList<AlertKind> &kinds, const QString &why)
{
    QStringList keys;
    for (const Active &a : std::as_const(m_active)) {
        if (a.alert.tier == tier && kinds.contains(a.alert.kind))
            keys.append(a.alert.key);
    }
    for (const QString &key : std::as_const(keys))
        resolve(key, why);
}

void AlertRouter::resolve(const QString &key, const QString &why)
{
    const qsizetype i = findActive(key);
    if (i < 0)
        return;
    Active active = m_active.takeAt(i);
    m_recentSwitches.remove(key);
    if (active.sent) {
        Alert r = active.alert;
        r.action = Alert::Action::Resolve;
        r.at = m_clock.wallNow();
        const qint64 lasted = m_clock.nowMs() - active.sinceMs;
        r.detail = tr("Resolved: %1 after %2 (%n event(s)).", nullptr, active.alert.occurrences)
                       .arg(why, durationText(std::max<qint64>(lasted, 0)));
        route(r, active.sinks);
    }
}

bool AlertRouter::quietThresholdReached(const Alert &alert)
{
    if (m_settings.minSwitches <= 1)
        return true;
    std::deque<qint64> &recent = m_recentSwitches[alert.key];
    const qint64 now = m_clock.nowMs();
    recent.push_back(now);
    while (!recent.empty() && recent.front() <= now - qint64(m_settings.switchWindowS) * 1000)
        recent.pop_front();
    return qsizetype(recent.size()) >= m_settings.minSwitches;
}

bool AlertRouter::rateLimited()
{
    const qint64 now = m_clock.nowMs();
    while (!m_recentTriggers.empty() && m_recentTriggers.front() <= now - MinuteMs)
        m_recentTriggers.pop_front();
    return qsizetype(m_recentTriggers.size()) >= m_settings.maxPerMinute;
}

void AlertRouter::route(const Alert &alert, QStringList &sinks)
{
    QStringList ids;
    for (const AlertSink &sink : std::as_const(m_settings.sinks)) {
        // A resolve goes where the trigger went, whatever changed since; a trigger (or an escalation)
        // to the sinks that take it and do not have it yet.
        const bool has = sinks.contains(sink.id);
        if (alert.isResolve() ? !has : (has || !sink.accepts(alert)))
            continue;
        ids.append(sink.id);
        emit routed(sink, alert);
    }
    if (!alert.isResolve())
        sinks += ids;
    if (!ids.isEmpty() || !alert.isResolve())
        emit alertRouted(alert, ids);
}

bool AlertRouter::sendTest(const QString &sinkId)
{
    const AlertSink *sink = m_settings.sink(sinkId);
    if (!sink)
        return false;
    Alert a;
    a.kind = AlertKind::Test;
    a.severity = AlertSeverity::Info;
    a.key = keyFor(AlertKind::Test, {}, sinkId);
    a.at = m_clock.wallNow();
    a.firstAt = a.at;
    a.summary = tr("Test alert from Understudy");
    a.detail = tr("If you can read this, alerts reach %1.").arg(sink->name);
    emit routed(*sink, a);
    emit alertRouted(a, {sink->id});
    return true;
}
