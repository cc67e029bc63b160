#include "tray/traynotifier.h"

#include "alerts/alertrouter.h"
#include "degrade/degradationcontroller.h"
#include "health/healthmonitor.h"

#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

namespace {

QIcon statusDot(const QColor &color)
{
    QIcon icon;
    for (int size : {16, 22, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(color.darker(150), std::max(1, size / 12)));
        p.setBrush(color);
        const int m = std::max(1, size / 8);
        p.drawEllipse(QRect(m, m, size - 2 * m, size - 2 * m));
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

TrayNotifier::TrayNotifier(HealthMonitor &health, DegradationController *degradation, AlertRouter *alerts,
                           QObject *parent)
    : QObject(parent)
    , m_health(health)
    , m_degradation(degradation)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &TrayNotifier::flushPending);
    connect(&health, &HealthMonitor::healthChanged, this, &TrayNotifier::updateStatus);
    if (alerts) {
        connect(alerts, &AlertRouter::routed, this, [this](const AlertSink &sink, const Alert &a) {
            if (sink.type != AlertSinkType::Tray)
                return;
            notifyEvent(a.isResolve() ? tr("Resolved: %1").arg(a.summary) : a.summary, a.detail);
        });
    }
    if (degradation)
        connect(degradation, &DegradationController::levelChanged, this, &TrayNotifier::updateStatus);
    updateStatus();
}

TrayNotifier::~TrayNotifier() = default;

bool TrayNotifier::showIcon(QMenu *menu)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    m_tray = new QSystemTrayIcon(m_icon, this);
    m_tray->setToolTip(m_toolTip);
    m_tray->setContextMenu(menu);
    m_tray->show();
    return true;
}

void TrayNotifier::updateStatus()
{
    const SystemHealth &h = m_health.lastHealth();
    QString status;
    QColor color;
    switch (h.status) {
    case HealthStatus::Healthy:
        status = tr("healthy");
        color = QColor(40, 170, 70);
        break;
    case HealthStatus::Degraded:
        status = tr("degraded");
        color = QColor(235, 160, 20);
        break;
    case HealthStatus::Critical:
        status = tr("critical");
        color = QColor(210, 40, 40);
        break;
    }
    m_toolTip = tr("Understudy: system %1").arg(status);
    if (m_degradation)
        m_toolTip += tr(", level %1").arg(degradationLevelText(m_degradation->systemLevel()));
    if (!h.recommendedTier.isEmpty())
        m_toolTip += tr(", recommended tier %1").arg(h.recommendedTier);
    m_icon = statusDot(color);
    if (m_tray) {
        m_tray->setIcon(m_icon);
        m_tray->setToolTip(m_toolTip);
    }
}

void TrayNotifier::notifyEvent(const QString &title, const QString &text)
{
    const qint64 now = m_now();
    if (m_lastShownMs > 0 && now - m_lastShownMs < m_intervalMs) {
        m_pending.append(title);
        if (!m_flush.isActive())
            m_flush.start(int(m_intervalMs - (now - m_lastShownMs)));
        return;
    }
    m_lastShownMs = now;
    if (m_tray)
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning);
    emit notified(title, text);
}

void TrayNotifier::flushPending()
{
    if (m_pending.isEmpty())
        return;
    const QStringList held = m_pending;
    m_pending.clear();
    m_lastShownMs = m_now();
    const QString title = tr("%n more event(s)", nullptr, int(held.size()));
    QStringList unique;
    for (const QString &t : held) {
        if (!unique.contains(t))
            unique.append(t);
    }
    const QString text =
        unique.mid(0, 4).join(QStringLiteral("\n")) + (unique.size() > 4 ? QStringLiteral("\n…") : QString());
    if (m_tray)
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning);
    emit notified(title, text);
}
