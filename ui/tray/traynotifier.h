#pragma once

#include <QDateTime>
#include <QIcon>
#include <QObject>
#include <QTimer>

#include <functional>

class AlertRouter;
class DegradationController;
class HealthMonitor;
class QMenu;
class QSystemTrayIcon;

// The tray icon (where the desktop has a tray): its colour and tooltip show the system status, and it
// shows the alerts the router sends to tray sinks (one per outage, and its resolve) — at most one
// notification per interval, the rest summed up in the next one, so nothing buries the desktop in popups.
class TrayNotifier final : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultIntervalMs = 30'000;

    TrayNotifier(HealthMonitor &health, DegradationController *degradation, AlertRouter *alerts,
                 QObject *parent = nullptr);
    ~TrayNotifier() override;

    // Shows the icon if the platform has a tray; returns whether it does.
    bool showIcon(QMenu *menu);
    void setMinimumIntervalMs(int ms) { m_intervalMs = ms; }
    void setNowSource(std::function<qint64()> now) { m_now = std::move(now); }
    QString toolTip() const { return m_toolTip; }
    QIcon statusIcon() const { return m_icon; }
    void notifyEvent(const QString &title, const QString &text);

signals:
    // Every notification that is shown (or would be, without a tray).
    void notified(const QString &title, const QString &text);

private:
    void updateStatus();
    void flushPending();

    HealthMonitor &m_health;
    DegradationController *m_degradation;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_toolTip;
    QIcon m_icon;
    std::function<qint64()> m_now;
    int m_intervalMs = DefaultIntervalMs;
    qint64 m_lastShownMs = 0;
    QStringList m_pending; // held back by the rate limit
    QTimer m_flush;
};
