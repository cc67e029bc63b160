#pragma once

#include "alerts/alert.h"

#include <QFrame>

class AlertRouter;
class QLabel;
class QPushButton;
struct AlertSink;

// The in-app banner sink: the alerts the router sends to banner sinks that are not resolved yet,
// newest first, until they resolve or the user dismisses them.
class AlertBanner final : public QFrame
{
    Q_OBJECT

public:
    explicit AlertBanner(AlertRouter &router, QWidget *parent = nullptr);

    QString text() const;
    int shownAlerts() const { return int(m_alerts.size()); }
    void dismiss();

signals:
    void showEventsRequested();

private:
    void onRouted(const AlertSink &sink, const Alert &alert);
    void refresh();

    QList<Alert> m_alerts; // oldest first
    QLabel *m_text = nullptr;
};
