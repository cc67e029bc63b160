#include "history/historyrecorder.h"

#include "degrade/degradationcontroller.h"
#include "drill/drillcontroller.h"
#include "engine/chatengine.h"
#include "health/healthmonitor.h"
#include "store/conversationstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaMethod>

using namespace Qt::StringLiterals;

namespace {

qint64 ms(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

HistoryRecorder::HistoryRecorder(ChatEngine &engine, HealthMonitor *health,
                                 DegradationController *degradation, DrillController *drills,
                                 ConversationStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    // Lines nobody keeps or shows (a headless gateway has no store and no view) are not written.
    connect(&engine, &ChatEngine::attemptFinished, this, [this](const AttemptRecord &a) {
        if (wanted())
            record(fromAttempt(a));
    });
    // A switch away from, or a breaker change of, a tier under a drill is the drill's doing: tag it.
    connect(&engine, &ChatEngine::tierSwitched, this, [this](const SwitchEvent &e) {
        StoredEvent event = fromSwitch(e);
        event.drillId = m_drillOnTier.value(e.from);
        record(event);
    });
    connect(&engine, &ChatEngine::breakerChanged, this, [this](const BreakerEvent &e) {
        if (e.tier.isEmpty())
            return;
        StoredEvent event = fromBreaker(e);
        event.drillId = m_drillOnTier.value(e.tier);
        record(event);
    });
    connect(&engine, &ChatEngine::requestFinished, this, [this](const ChatResult &r) {
        if (wanted())
            record(fromResult(r));
    });
    if (health) {
        connect(health, &HealthMonitor::healthChanged, this,
                [this](const SystemHealth &h) { record(fromHealth(h)); });
        connect(health, &HealthMonitor::sampleRecorded, this,
                [this](const QString &tier, const QDateTime &at, qint64 latencyMs, qint64 ttftMs, bool ok) {
                    if (!keeps() && !isSignalConnected(QMetaMethod::fromSignal(&HistoryRecorder::sampled)))
                        return;
                    const LatencySample s{tier, ms(at), latencyMs, ttftMs, ok};
                    m_samples << s;
                    if (!m_flush.isActive())
                        m_flush.start();
                    emit sampled(s);
                });
    }
    if (degradation)
        connect(degradation, &DegradationController::levelChanged, this,
                [this](const LevelChange &c) { record(fromLevel(c)); });
    if (drills) {
        connect(drills, &DrillController::drillStarted, this, [this](const Drill &d) {
            m_drillOnTier.insert(d.spec.tier, d.id);
            record(fromDrill(d, true, false));
        });
        connect(drills, &DrillController::drillEnded, this, [this](const Drill &d, bool early) {
            m_drillOnTier.remove(d.spec.tier);
            record(fromDrill(d, false, early));
        });
    }
    m_flush.setSingleShot(true);
    m_flush.setInterval(FlushIntervalMs);
    connect(&m_flush, &QTimer::timeout, this, &HistoryRecorder::flush);
}

HistoryRecorder::~HistoryRecorder()
{
    flush();
}

bool HistoryRecorder::keeps() const
{
    return m_store && !m_store->path().isEmpty();
}

bool HistoryRecorder::wanted() const
{
    return keeps() || isSignalConnected(QMetaMethod::fromSignal(&HistoryRecorder::recorded));
}

void HistoryRecorder::record(const StoredEvent &event)
{
    m_events << event;
    if (!m_flush.isActive())
        m_flush.start();
    emit recorded(event);
}

void HistoryRecorder::flush()
{
    if (m_store && m_store->isOpen()) {
        m_store->appendEvents(std::exchange(m_events, {}));
        m_store->appendSamples(std::exchange(m_samples, {}));
    } else if (m_events.size() > 10'000) { // no store: do not grow without bound
        m_events.clear();
        m_samples.clear();
    }
}

StoredEvent HistoryRecorder::fromAttempt(const AttemptRecord &a)
{
    StoredEvent e;
    e.atMs = ms(a.startedAt);
    e.kind = u"attempt"_s;
    e.tier = a.tier;
    QString what;
    switch (a.outcome) {
    case AttemptRecord::Outcome::Success:
        what = tr("answered");
        break;
    case AttemptRecord::Outcome::Failed:
        what = tr("failed: %1").arg(errorClassText(a.error));
        break;
    case AttemptRecord::Outcome::Skipped:
        what = tr("skipped: %1").arg(errorClassText(a.error));
        break;
    case AttemptRecord::Outcome::Cancelled:
        what = tr("cancelled");
        break;
    }
    if (a.httpStatus > 0)
        what += tr(" (HTTP %1)").arg(a.httpStatus);
    e.summary = tr("%1 #%2 %3, %4 ms").arg(a.model).arg(a.attempt).arg(what).arg(a.durationMs);
    if (a.tierTest)
        e.summary = tr("Tier test: %1").arg(e.summary);
    e.detail = a.detail;
    e.problem = a.outcome == AttemptRecord::Outcome::Failed || a.outcome == AttemptRecord::Outcome::Skipped;
    e.drillId = a.drillId;
    QJsonObject data;
    if (a.outcome == AttemptRecord::Outcome::Success) {
        // The routine line, one per request on a busy gateway: what the summary does not say. The
        // request's own line has the rest (bench_store: the bytes per request a week is made of).
        data = QJsonObject{{u"request_id"_s, a.requestId},
                           {u"ttfb_ms"_s, a.ttfbMs},
                           {u"ttft_ms"_s, a.ttftMs},
                           {u"input_tokens"_s, a.usage.inputTokens},
                           {u"output_tokens"_s, a.usage.outputTokens}};
        if (a.queueWaitMs > 0)
            data.insert(u"queue_wait_ms"_s, a.queueWaitMs);
        if (a.tierTest)
            data.insert(u"tier_test"_s, true);
    } else {
        data = ResultJson::toJson(a); // a problem: everything
        data.insert(u"request_id"_s, a.requestId);
    }
    e.data = json(data);
    return e;
}

StoredEvent HistoryRecorder::fromSwitch(const SwitchEvent &s)
{
    StoredEvent e;
    e.atMs = ms(s.at);
    e.kind = u"switch"_s;
    e.tier = s.to;
    e.summary =
        tr("%1 → %2: %3%4")
            .arg(s.from, s.to, errorClassText(s.reason), s.midStream ? tr(" (mid-stream)") : QString());
    e.detail = s.detail;
    e.problem = true;
    e.data = json(ResultJson::toJson(s));
    return e;
}

StoredEvent HistoryRecorder::fromBreaker(const BreakerEvent &b)
{
    StoredEvent e;
    e.atMs = ms(b.at);
    e.kind = u"breaker"_s;
    e.tier = b.tier;
    e.summary = tr("breaker %1 → %2").arg(breakerStateText(b.from), breakerStateText(b.to));
    if (b.to == CircuitBreaker::State::Open)
        e.summary +=
            tr(" (%1, cooldown %2 s)").arg(errorClassText(b.reason)).arg(b.cooldownMs / 1000.0, 0, 'f', 1);
    e.problem = b.to == CircuitBreaker::State::Open;
    e.data = json(ResultJson::toJson(b));
    return e;
}

StoredEvent HistoryRecorder::fromResult(const ChatResult &r)
{
    StoredEvent e;
    e.atMs = ms(r.startedAt);
    e.kind = u"request"_s;
    e.tier = r.tier;
    if (r.complete && r.source != AnswerSource::Model)
        e.summary = tr("answered from the %1 in %2 ms").arg(answerSourceText(r.source)).arg(r.latencyMs);
    else if (r.complete)
        e.summary = tr("answered by %1 in %2 ms, $%3").arg(r.tier).arg(r.latencyMs).arg(r.cost.toString(4));
    else
        e.summary = tr("incomplete: %1").arg(errorClassText(r.error));
    if (r.tierTest)
        e.summary = tr("Tier test: %1").arg(e.summary);
    e.detail = r.complete ? r.sourceDetail : r.errorMessage;
    e.problem = !r.complete || r.source != AnswerSource::Model;
    QJsonObject data = ResultJson::toJson(r);
    data.remove(u"content"_s); // the log keeps what happened, not what was said
    // Each attempt and switch is a line of its own (same request_id): not repeated here.
    data.insert(u"attempts"_s, int(r.attempts.size()));
    data.remove(u"events"_s);
    e.data = json(data);
    return e;
}

StoredEvent HistoryRecorder::fromLevel(const LevelChange &c)
{
    StoredEvent e;
    e.atMs = ms(c.at);
    e.kind = u"level"_s;
    e.summary = tr("degradation level %1 → %2%3")
                    .arg(degradationLevelText(c.from), degradationLevelText(c.to),
                         c.pinned ? tr(" (pinned)") : QString());
    e.detail = c.reason;
    e.problem = c.to != DegradationLevel::Full;
    e.data = json(QJsonObject{{u"from"_s, degradationLevelName(c.from)},
                              {u"to"_s, degradationLevelName(c.to)},
                              {u"pinned"_s, c.pinned}});
    return e;
}

StoredEvent HistoryRecorder::fromHealth(const SystemHealth &h)
{
    StoredEvent e;
    e.atMs = ms(h.at);
    e.kind = u"health"_s;
    e.tier = h.recommendedTier;
    e.summary = tr("system %1%2")
                    .arg(healthStatusText(h.status),
                         h.recommendedTier.isEmpty() ? QString()
                                                     : tr(", recommended tier %1").arg(h.recommendedTier));
    e.detail = h.reasons.join(u'\n');
    e.problem = h.status != HealthStatus::Healthy;
    e.data = json(
        QJsonObject{{u"status"_s, healthStatusName(h.status)}, {u"recommended_tier"_s, h.recommendedTier}});
    return e;
}

StoredEvent HistoryRecorder::fromDrill(const Drill &d, bool started, bool stoppedEarly)
{
    StoredEvent e;
    e.atMs = started ? ms(d.startedAt) : QDateTime::currentMSecsSinceEpoch();
    e.kind = u"drill"_s;
    e.tier = d.spec.tier;
    e.drillId = d.id;
    e.summary = started
                    ? tr("drill %1 started: %2").arg(d.id, describeDrill(d.spec))
                    : tr("drill %1 ended%2").arg(d.id, stoppedEarly ? tr(" (stopped)") : tr(" (deadline)"));
    e.problem = started;
    e.data = json(QJsonObject{{u"id"_s, d.id},
                              {u"kind"_s, drillKindName(d.spec.kind)},
                              {u"started"_s, started},
                              {u"ends_at"_s, d.endsAt.toString(Qt::ISODateWithMs)}});
    return e;
}

namespace {

QJsonObject alertData(const Alert &a)
{
    return QJsonObject{{u"key"_s, a.key},
                       {u"kind"_s, alertKindName(a.kind)},
                       {u"severity"_s, alertSeverityName(a.severity)},
                       {u"status"_s, a.isResolve() ? u"resolve"_s : u"trigger"_s},
                       {u"occurrences"_s, a.occurrences}};
}

} // namespace

StoredEvent HistoryRecorder::fromAlert(const Alert &a, const QStringList &sinkIds)
{
    StoredEvent e;
    e.atMs = ms(a.at);
    e.kind = u"alert"_s;
    e.tier = a.tier;
    e.summary = a.isResolve() ? tr("Alert resolved: %1").arg(a.summary) : tr("Alert: %1").arg(a.summary);
    e.detail = a.detail;
    e.detail +=
        (e.detail.isEmpty() ? QString() : u"\n"_s) +
        (sinkIds.isEmpty() ? tr("No sink takes this alert.") : tr("Sent to: %1").arg(sinkIds.join(u", ")));
    e.problem = !a.isResolve() && a.severity >= AlertSeverity::Warning;
    QJsonObject data = alertData(a);
    data.insert(u"sinks"_s, QJsonArray::fromStringList(sinkIds));
    e.data = json(data);
    return e;
}

StoredEvent HistoryRecorder::fromSuppressedAlert(const Alert &a, const QString &why)
{
    StoredEvent e;
    e.atMs = ms(a.at);
    e.kind = u"alert"_s;
    e.tier = a.tier;
    e.summary = tr("Alert held back (%1): %2").arg(why, a.summary);
    e.detail = a.detail;
    QJsonObject data = alertData(a);
    data.insert(u"suppressed"_s, why);
    e.data = json(data);
    return e;
}

StoredEvent HistoryRecorder::fromAlertDelivery(const QString &sinkName, const Alert &a, int attempt,
                                               const QString &message, int retryInMs)
{
    StoredEvent e;
    e.atMs = QDateTime::currentMSecsSinceEpoch();
    e.kind = u"alert"_s;
    e.tier = a.tier;
    QJsonObject data = alertData(a);
    data.insert(u"sink"_s, sinkName);
    data.insert(u"attempt"_s, attempt);
    if (message.isEmpty()) {
        e.summary = attempt > 1
                        ? tr("Alert delivered to %1 after %n attempt(s)", nullptr, attempt).arg(sinkName)
                        : tr("Alert delivered to %1").arg(sinkName);
    } else {
        e.problem = true;
        e.summary = retryInMs >= 0
                        ? tr("Alert to %1 not delivered (%2); retry %3 in %4 s")
                              .arg(sinkName, message)
                              .arg(attempt + 1)
                              .arg(QString::number(retryInMs / 1000.0, 'f', retryInMs < 10'000 ? 1 : 0))
                        : tr("Alert to %1 not delivered (%2); gave up after %n attempt(s)", nullptr, attempt)
                              .arg(sinkName, message);
        data.insert(u"error"_s, message);
    }
    e.detail = a.summary;
    e.data = json(data);
    return e;
}
