#pragma once

#include "uiservices.h"

#include <QMainWindow>

class AlertBanner;
class ChatEngine;
class ChatPane;
class ConfigManager;
class ConversationStore;
class DegradationController;
class HealthMonitor;
class EventsView;
class Gateway;
class GatewayControl;
class DrillController;
class QLabel;
class QPushButton;
class TrayNotifier;
class QListWidget;
class QStackedWidget;
struct ConfigError;

// Composes the panes, menus and status bar. Holds no logic of its own: each pane is its own widget
// over the core, injected here by the composition root (app/).
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    enum Pane
    {
        ChatPaneIndex,
        ComparePaneIndex,
        ChainPaneIndex,
        HealthPaneIndex,
        EventsPaneIndex,
        CostPaneIndex,
        PaneCount
    };

    explicit MainWindow(const UiServices &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPane(int pane);
    int currentPane() const;
    QWidget *pane(int index) const;
    // A message the user should read (a damaged file moved aside, rules refused): shown in the banner.
    void showNotice(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void openConfig();
    void reloadConfig();
    void showConfigError(const ConfigError &error);
    void updateStatus();
    void updateHealthStatus();
    void updateDrillBanner();

    ChatEngine &m_engine;
    ConfigManager &m_config;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_configStatus = nullptr;
    QLabel *m_activity = nullptr;
    QLabel *m_healthStatus = nullptr;
    HealthMonitor &m_health;
    DegradationController *m_degradation = nullptr;
    GatewayControl *m_gatewayControl = nullptr;
    DrillController *m_drills = nullptr;
    QWidget *m_drillBanner = nullptr;
    QLabel *m_drillBannerText = nullptr;
    TrayNotifier *m_tray = nullptr;
    AlertBanner *m_alertBanner = nullptr;
    AlertRouter *m_alerts = nullptr;
    AlertDispatcher *m_alertDelivery = nullptr;

public:
    TrayNotifier *tray() const { return m_tray; }
    AlertBanner *alertBanner() const { return m_alertBanner; }
};
