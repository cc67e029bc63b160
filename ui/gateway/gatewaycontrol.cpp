#include "gateway/gatewaycontrol.h"

#include "gateway/gateway.h"

#include <QAction>
#include <QSettings>
#include <QToolButton>
#include <QWidget>

GatewayControl::GatewayControl(Gateway &gateway, QWidget *window)
    : QObject(window)
    , m_gateway(gateway)
{
    m_action = new QAction(tr("Local &Gateway"), this);
    m_action->setObjectName(QStringLiteral("gatewayAction"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    m_action->setToolTip(tr("Serve the chain as an OpenAI-compatible endpoint on this machine"));
    m_button = new QToolButton(window);
    m_button->setObjectName(QStringLiteral("gatewayStatusButton"));
    m_button->setAutoRaise(true);
    m_button->setDefaultAction(m_action);
    m_button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_action, &QAction::toggled, this, &GatewayControl::setEnabled);
    connect(&m_gateway, &Gateway::runningChanged, this, &GatewayControl::update);
    update();
}

void GatewayControl::setEnabled(bool on)
{
    if (on == m_gateway.isRunning())
        return update();
    if (!on) {
        m_gateway.stop();
        return;
    }
    QSettings settings;
    Gateway::Options options;
    options.host = settings.value(QStringLiteral("Gateway/host"), options.host).toString();
    options.port = quint16(settings.value(QStringLiteral("Gateway/port"), options.port).toUInt());
    options.token = qgetenv("UNDERSTUDY_GATEWAY_TOKEN").trimmed();
    const auto started = m_gateway.start(options);
    if (!started) {
        emit failed(tr("The gateway did not start: %1").arg(started.error()));
        update();
    }
}

void GatewayControl::update()
{
    const bool running = m_gateway.isRunning();
    const QSignalBlocker blocker(m_action);
    m_action->setChecked(running);
    m_action->setText(running ? tr("Gateway: http://%1/v1").arg(m_gateway.listenAddress())
                              : tr("Gateway: off"));
    m_action->setToolTip(running ? tr("The local gateway is serving the chain. Click to stop it (Ctrl+G).")
                                 : tr("Start the local OpenAI-compatible gateway (Ctrl+G)."));
    m_button->setAccessibleName(m_action->text());
}
