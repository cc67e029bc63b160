#pragma once

#include <QMainWindow>

class ChatEngine;
class ChatPane;
class ConfigManager;
class EventsView;
class Gateway;
class GatewayControl;
class QLabel;
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
        ChainPaneIndex,
        HealthPaneIndex,
        EventsPaneIndex,
        CostPaneIndex,
        PaneCount
    };

    // `gateway` may be null (no local gateway in this window).
    MainWindow(ChatEngine &engine, ConfigManager &config, Gateway *gateway = nullptr,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPane(int pane);
    int currentPane() const;
    QWidget *pane(int index) const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void openConfig();
    void reloadConfig();
    void showConfigError(const ConfigError &error);
    void updateStatus();

    ChatEngine &m_engine;
    ConfigManager &m_config;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_configStatus = nullptr;
    QLabel *m_activity = nullptr;
    GatewayControl *m_gatewayControl = nullptr;
};
