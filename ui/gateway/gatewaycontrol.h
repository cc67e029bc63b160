#pragma once

#include <QObject>

class Gateway;
class QAction;
class QToolButton;
class QWidget;

// Switches the local gateway on and off from the GUI: a checkable action (Tools menu, Ctrl+G) and a
// status-bar button that shows where it listens. Port from settings (Gateway/port, default 8088);
// a bearer token is required when UNDERSTUDY_GATEWAY_TOKEN is set.
class GatewayControl final : public QObject
{
    Q_OBJECT

public:
    GatewayControl(Gateway &gateway, QWidget *window);

    QAction *action() const { return m_action; }
    QToolButton *statusButton() const { return m_button; }

signals:
    void failed(const QString &message);

private:
    void setEnabled(bool on);
    void update();

    Gateway &m_gateway;
    QAction *m_action = nullptr;
    QToolButton *m_button = nullptr;
};
