#pragma once

#include "alerts/alert.h"
#include "store/storetypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ChatEngine;
class ConversationStore;
class DegradationController;
class DrillController;
class HealthMonitor;
struct BreakerEvent;
struct Drill;
struct LevelChange;
struct SwitchEvent;
struct SystemHealth;

// Turns what the engine, health, degradation and drills report into event-log lines and latency
// samples, hands them to the views as they happen, and keeps them in the store (batched), so the
// Health charts and the Events view show history after a restart. Listens; never steers anything.
class HistoryRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryRecorder)

public:
    static constexpr int FlushIntervalMs = 500;

    // Every source may be null.
    HistoryRecorder(ChatEngine &engine, HealthMonitor *health, DegradationController *degradation,
                    DrillController *drills, ConversationStore *store, QObject *parent = nullptr);
    ~HistoryRecorder() override;

    // Something the app itself should log (a config applied or refused, an alert sent).
    void record(const StoredEvent &event);
    void flush();

    static StoredEvent fromAttempt(const AttemptRecord &attempt);
    static StoredEvent fromSwitch(const SwitchEvent &event);
    static StoredEvent fromBreaker(const BreakerEvent &event);
    static StoredEvent fromResult(const ChatResult &result);
    static StoredEvent fromLevel(const LevelChange &change);
    static StoredEvent fromHealth(const SystemHealth &health);
    static StoredEvent fromDrill(const Drill &drill, bool started, bool stoppedEarly);
    // Alerts: one routed (with the sinks that took it), one held back, one delivery's outcome
    // (message empty: delivered after `attempt` attempts; retryInMs < 0: given up).
    static StoredEvent fromAlert(const Alert &alert, const QStringList &sinkIds);
    static StoredEvent fromSuppressedAlert(const Alert &alert, const QString &why);
    static StoredEvent fromAlertDelivery(const QString &sinkName, const Alert &alert, int attempt,
                                         const QString &message, int retryInMs);

signals:
    void recorded(const StoredEvent &event);
    void sampled(const LatencySample &sample);

private:
    bool keeps() const;  // a store was opened: lines are kept
    bool wanted() const; // kept, or shown live
    QPointer<ConversationStore> m_store;
    QList<StoredEvent> m_events;
    QList<LatencySample> m_samples;
    QTimer m_flush;
    QHash<QString, QString> m_drillOnTier; // tier -> the drill running on it
};
