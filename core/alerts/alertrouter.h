#pragma once

#include "alerts/alert.h"
#include "alerts/alertsettings.h"

#include <QHash>
#include <QObject>

#include <deque>

class ChatEngine;
class Clock;
class DegradationController;
class DrillController;
class HealthMonitor;
struct AttemptRecord;
struct BreakerEvent;
struct LevelChange;
struct SwitchEvent;
struct SystemHealth;
struct AlertEvent;

// Decides what to tell people: turns engine, health, level and budget events into alerts, one per
// (kind, tier, reason) while it lasts — further occurrences are counted, not sent — resolves it when
// the tier, level or system recovers, rate limits triggers, and routes each alert to the sinks whose
// kinds and minimum severity take it. It sends nothing itself: sinks listen to `routed`.
class AlertRouter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertRouter)

public:
    // Every source but the engine may be null.
    AlertRouter(ChatEngine &engine, HealthMonitor *health, DegradationController *degradation,
                const Clock &clock, QObject *parent = nullptr);

    void setSettings(const AlertSettings &settings);
    // Alerts about a tier under a drill say so (optional).
    void setDrills(const DrillController *drills) { m_drills = drills; }
    const AlertSettings &settings() const { return m_settings; }

    // The alerts triggered and not yet resolved, oldest first.
    QList<Alert> activeAlerts() const;
    // Triggers (dedup, quiet threshold, rate limit) or resolves by key. Event handlers come here.
    void submit(const Alert &alert);
    // An alert that is not one request's doing (a budget threshold, from SpendTracker::budgetAlert).
    void submitEvent(const AlertEvent &event);
    // Resolves every active alert of these kinds about `tier`.
    void resolveTier(const QString &tier, const QList<AlertKind> &kinds, const QString &why);
    // A test alert to one sink, past dedup and rate limit.
    bool sendTest(const QString &sinkId);

    static QString keyFor(AlertKind kind, const QString &tier, const QString &reason);

signals:
    // One alert for one sink. Banner and tray are shown by the GUI; HTTP sinks by AlertDispatcher.
    void routed(const AlertSink &sink, const Alert &alert);
    // Every trigger and resolve that went out, with the sinks that took it (for the event log).
    void alertRouted(const Alert &alert, const QStringList &sinkIds);
    // A trigger held back by the rate limit.
    void suppressed(const Alert &alert, const QString &why);

private:
    struct Active
    {
        Alert alert;
        bool sent = false;  // false when the rate limit held it back: its resolve is not sent either
        qint64 sinceMs = 0; // monotonic time of the trigger
        QStringList sinks;  // the sinks that took the trigger: its resolve goes to exactly these
    };

    void onSwitch(const SwitchEvent &e);
    void onAttempt(const AttemptRecord &a);
    void onBreaker(const BreakerEvent &e);
    void onLevel(const LevelChange &c);
    void onHealth(const SystemHealth &h);
    // Emits the alert to its sinks: a trigger to those that take it and are not in `sinks` yet (added),
    // a resolve to those in `sinks`.
    void route(const Alert &alert, QStringList &sinks);
    qsizetype findActive(const QString &key) const;
    void resolve(const QString &key, const QString &why);
    bool quietThresholdReached(const Alert &alert);
    bool rateLimited();

    const Clock &m_clock;
    const DrillController *m_drills = nullptr;
    AlertSettings m_settings = AlertSettings::defaults();
    QList<Active> m_active; // triggered and not resolved, oldest first (a handful at most)
    QHash<QString, std::deque<qint64>> m_recentSwitches;
    std::deque<qint64> m_recentTriggers;
};
