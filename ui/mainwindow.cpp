#include "mainwindow.h"

#include "alerts/alertbanner.h"
#include "alerts/alertsdialog.h"
#include "alerts/alertsettings.h"
#include "chain/chaineditor.h"
#include "chat/chatpane.h"
#include "compare/comparepane.h"
#include "config/configmanager.h"
#include "cost/costview.h"
#include "degrade/degradationcontroller.h"
#include "drill/drillcontroller.h"
#include "engine/chatengine.h"
#include "events/eventlogmodel.h"
#include "events/eventsview.h"
#include "gateway/gatewaycontrol.h"
#include "health/healthmonitor.h"
#include "health/healthview.h"
#include "keys/keysdialog.h"
#include "tray/traynotifier.h"
#include "uilogging.h"
#include "util/language.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

MainWindow::MainWindow(const UiServices &services, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(services.engine)
    , m_config(services.config)
    , m_health(services.health)
    , m_degradation(services.degradation)
    , m_drills(services.drills)
    , m_alerts(services.alerts)
    , m_alertDelivery(services.alertDelivery)
{
    ChatEngine &engine = services.engine;
    ConfigManager &config = services.config;
    HealthMonitor &health = services.health;
    ConversationStore *store = services.store;
    DegradationController *degradation = services.degradation;
    Gateway *gateway = services.gateway;
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Understudy"));

    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigationList"));
    m_navigation->setAccessibleName(tr("Views"));
    m_navigation->setMinimumWidth(110);
    m_navigation->setMaximumWidth(180);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("paneStack"));

    const struct
    {
        QString name;
        QStyle::StandardPixmap icon;
        QWidget *widget;
    } panes[] = {
        {tr("Chat"), QStyle::SP_MessageBoxQuestion, new ChatPane(engine, store, this)},
        {tr("Compare"), QStyle::SP_FileDialogContentsView, new ComparePane(engine, store, this)},
        {tr("Chain"), QStyle::SP_FileDialogListView, new ChainEditor(config, engine, this)},
        {tr("Health"), QStyle::SP_DialogApplyButton,
         new HealthView(engine, health, degradation, services.drills, services.history, store, this)},
        {tr("Events"), QStyle::SP_FileDialogDetailedView, new EventsView(services.history, store, this)},
        {tr("Cost"), QStyle::SP_DriveHDIcon, new CostView(engine, services.prices, services.spend, this)},
    };
    for (const auto &p : panes) {
        auto *item = new QListWidgetItem(style()->standardIcon(p.icon), p.name, m_navigation);
        item->setData(Qt::AccessibleTextRole, p.name);
        p.widget->setAccessibleName(p.name);
        m_stack->addWidget(p.widget);
    }
    pane(ChatPaneIndex)->setObjectName(QStringLiteral("chatPane"));
    pane(ComparePaneIndex)->setObjectName(QStringLiteral("comparePane"));
    pane(ChainPaneIndex)->setObjectName(QStringLiteral("chainView"));
    static_cast<ChainEditor *>(pane(ChainPaneIndex))->setPriceBook(services.prices);
    const auto toStatusBar = [this](const QString &message) { statusBar()->showMessage(message, 6000); };
    connect(static_cast<ChatPane *>(pane(ChatPaneIndex)), &ChatPane::notice, this, toStatusBar);
    connect(static_cast<ComparePane *>(pane(ComparePaneIndex)), &ComparePane::notice, this, toStatusBar);
    pane(HealthPaneIndex)->setObjectName(QStringLiteral("healthView"));
    pane(EventsPaneIndex)->setObjectName(QStringLiteral("eventsView"));
    pane(CostPaneIndex)->setObjectName(QStringLiteral("costView"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("configErrorBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, bannerPalette.color(QPalette::ToolTipBase));
    bannerPalette.setColor(QPalette::WindowText, bannerPalette.color(QPalette::ToolTipText));
    m_banner->setPalette(bannerPalette);
    m_banner->setMargin(6);
    m_banner->hide();

    // While a drill runs, nobody can miss it.
    m_drillBanner = new QWidget(this);
    m_drillBanner->setObjectName(QStringLiteral("drillBanner"));
    m_drillBanner->setAutoFillBackground(true);
    QPalette drillPalette = m_drillBanner->palette();
    drillPalette.setColor(QPalette::Window, QColor(130, 60, 190));
    drillPalette.setColor(QPalette::WindowText, Qt::white);
    m_drillBanner->setPalette(drillPalette);
    m_drillBannerText = new QLabel(m_drillBanner);
    m_drillBannerText->setObjectName(QStringLiteral("drillBannerLabel"));
    m_drillBannerText->setWordWrap(true);
    QFont bold = m_drillBannerText->font();
    bold.setBold(true);
    m_drillBannerText->setFont(bold);
    auto *stopDrills = new QPushButton(tr("Stop all drills"), m_drillBanner);
    stopDrills->setObjectName(QStringLiteral("bannerStopDrillsButton"));
    auto *drillRow = new QHBoxLayout(m_drillBanner);
    drillRow->setContentsMargins(8, 4, 8, 4);
    drillRow->addWidget(m_drillBannerText, 1);
    drillRow->addWidget(stopDrills);
    m_drillBanner->hide();
    if (m_drills) {
        connect(stopDrills, &QPushButton::clicked, m_drills, &DrillController::stopAll);
        connect(m_drills, &DrillController::drillStarted, this, &MainWindow::updateDrillBanner);
        connect(m_drills, &DrillController::drillEnded, this, &MainWindow::updateDrillBanner);
        auto *countdown = new QTimer(this);
        countdown->start(1000);
        connect(countdown, &QTimer::timeout, this, [this] {
            if (m_drills->isActive())
                updateDrillBanner();
        });
    }

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_drillBanner);
    if (m_alerts) {
        m_alertBanner = new AlertBanner(*m_alerts, central);
        connect(m_alertBanner, &AlertBanner::showEventsRequested, this,
                [this] { showPane(EventsPaneIndex); });
        outer->addWidget(m_alertBanner);
    }
    outer->addWidget(m_banner);
    auto *split = new QSplitter(Qt::Horizontal, central);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(m_navigation);
    split->addWidget(m_stack);
    split->setStretchFactor(1, 1);
    split->setCollapsible(0, false);
    split->setSizes({150, 950});
    outer->addWidget(split, 1);
    setCentralWidget(central);

    m_configStatus = new QLabel(this);
    m_configStatus->setObjectName(QStringLiteral("configStatusLabel"));
    m_activity = new QLabel(this);
    m_activity->setObjectName(QStringLiteral("activityStatusLabel"));
    statusBar()->addWidget(m_activity, 1);
    m_healthStatus = new QLabel(this);
    m_healthStatus->setObjectName(QStringLiteral("healthStatusLabel"));
    statusBar()->addPermanentWidget(m_healthStatus);
    if (gateway) {
        m_gatewayControl = new GatewayControl(*gateway, this);
        statusBar()->addPermanentWidget(m_gatewayControl->statusButton());
        connect(m_gatewayControl, &GatewayControl::failed, this, [this](const QString &message) {
            m_banner->setText(message);
            m_banner->show();
        });
    }
    statusBar()->addPermanentWidget(m_configStatus);

    createMenus();
    connect(&m_config, &ConfigManager::configRejected, this, &MainWindow::showConfigError);
    connect(&m_config, &ConfigManager::configChanged, this, [this] {
        m_banner->hide();
        updateStatus();
    });
    connect(&m_engine, &ChatEngine::requestStarted, this, &MainWindow::updateStatus);
    connect(&m_engine, &ChatEngine::requestFinished, this, &MainWindow::updateStatus);
    connect(&m_engine, &ChatEngine::tierSwitched, this, [this](const SwitchEvent &e) {
        statusBar()->showMessage(tr("Switched %1 → %2 (%3)").arg(e.from, e.to, errorClassText(e.reason)),
                                 8000);
    });

    connect(&m_health, &HealthMonitor::healthChanged, this, &MainWindow::updateHealthStatus);
    if (m_degradation) {
        connect(m_degradation, &DegradationController::levelChanged, this, &MainWindow::updateHealthStatus);
    }
    updateHealthStatus();

    m_tray = new TrayNotifier(health, degradation, m_alerts, this);
    auto *trayMenu = new QMenu(this);
    trayMenu->addAction(tr("&Show Understudy"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    trayMenu->addAction(tr("&Health"), this, [this] {
        showNormal();
        showPane(HealthPaneIndex);
    });
    trayMenu->addSeparator();
    trayMenu->addAction(tr("&Quit"), this, &QWidget::close);
    m_tray->showIcon(trayMenu);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("MainWindow/geometry")).toByteArray()))
        resize(1100, 720);
    split->restoreState(settings.value(QStringLiteral("MainWindow/splitter")).toByteArray());
    showPane(ChatPaneIndex);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Config…"), this, &MainWindow::openConfig);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("openConfigAction"));
    QAction *reload = file->addAction(tr("&Reload Config"), this, &MainWindow::reloadConfig);
    reload->setShortcut(QKeySequence(Qt::Key_F5));
    reload->setObjectName(QStringLiteral("reloadConfigAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < PaneCount; ++i) {
        QAction *a = view->addAction(m_navigation->item(i)->text(), this, [this, i] { showPane(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        a->setObjectName(QStringLiteral("showPaneAction%1").arg(i + 1));
    }
    view->addSeparator();
    // The interface language, effective on the next start (every string is translated as it is built).
    QMenu *language = view->addMenu(tr("&Language"));
    language->setObjectName(QStringLiteral("languageMenu"));
    auto *languages = new QActionGroup(language);
    const QString chosen = Language::chosen();
    const auto addLanguage = [&](const QString &label, const QString &code) {
        QAction *a = language->addAction(label);
        a->setCheckable(true);
        a->setChecked(code == chosen);
        a->setObjectName(
            QStringLiteral("languageAction_%1").arg(code.isEmpty() ? QStringLiteral("system") : code));
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            if (code == Language::chosen())
                return;
            Language::choose(code);
            showNotice(tr("The language changes when Understudy starts again."));
        });
    };
    addLanguage(tr("&System Default"), QString());
    for (const QString &code : Language::available())
        addLanguage(Language::nativeName(code), code);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    if (m_gatewayControl)
        tools->addAction(m_gatewayControl->action());
    QAction *keys = tools->addAction(tr("API &Keys…"), this, [this] {
        KeysDialog dialog(m_engine, this);
        dialog.exec();
    });
    keys->setObjectName(QStringLiteral("apiKeysAction"));
    keys->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    if (m_alerts) {
        QAction *alerts = tools->addAction(tr("&Alerts…"), this, [this] {
            AlertsDialog dialog(*m_alerts, m_alertDelivery, m_engine.secrets(), AlertSettings::defaultPath(),
                                this);
            dialog.exec();
        });
        alerts->setObjectName(QStringLiteral("alertsAction"));
        alerts->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Understudy"), this, [this] {
        QMessageBox::about(
            this, tr("About Understudy"),
            tr("<h3>Understudy %1</h3><p>An operations console for multi-provider LLM failover: "
               "when a provider fails, the next tier takes the stage.</p>")
                .arg(QApplication::applicationVersion()));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showPane(int index)
{
    if (index < 0 || index >= PaneCount)
        return;
    m_navigation->setCurrentRow(index);
    m_stack->setCurrentIndex(index);
}

int MainWindow::currentPane() const
{
    return m_stack->currentIndex();
}

QWidget *MainWindow::pane(int index) const
{
    return m_stack->widget(index);
}

void MainWindow::openConfig()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Config"), QFileInfo(m_config.path()).path(),
                                     tr("Understudy config (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    const ConfigManager::LoadReport report = m_config.load(path, false);
    if (report.ok)
        statusBar()->showMessage(tr("Loaded %1").arg(path), 5000);
}

void MainWindow::reloadConfig()
{
    if (m_config.reload().ok)
        statusBar()->showMessage(tr("Config reloaded"), 5000);
}

void MainWindow::showConfigError(const ConfigError &error)
{
    qCWarning(lcUi).noquote() << "config not applied:" << error.toString();
    m_banner->setText(
        tr("The config was not applied; the previous chain stays in force.\n%1").arg(error.toString()));
    m_banner->show();
    updateStatus();
}

void MainWindow::updateStatus()
{
    m_configStatus->setText(m_config.usingBuiltin() ? tr("Built-in simulated chain")
                                                    : QFileInfo(m_config.path()).fileName());
    m_configStatus->setToolTip(m_config.path());
    const int running = m_engine.runningRequests();
    m_activity->setText(running > 0 ? tr("%n request(s) in flight", nullptr, running) : tr("Idle"));
}

void MainWindow::showNotice(const QString &message)
{
    m_banner->setText(message);
    m_banner->show();
}

void MainWindow::updateHealthStatus()
{
    const SystemHealth &h = m_health.lastHealth();
    QString text;
    switch (h.status) {
    case HealthStatus::Healthy:
        text = tr("Healthy");
        break;
    case HealthStatus::Degraded:
        text = tr("Degraded");
        break;
    case HealthStatus::Critical:
        text = tr("Critical");
        break;
    }
    if (m_degradation)
        text += tr(" · level %1").arg(degradationLevelText(m_degradation->systemLevel()));
    m_healthStatus->setText(text);
    m_healthStatus->setToolTip(h.reasons.join(QLatin1Char('\n')));
    m_healthStatus->setAccessibleName(text);
}

void MainWindow::updateDrillBanner()
{
    const QList<Drill> drills = m_drills ? m_drills->active() : QList<Drill>();
    if (drills.isEmpty()) {
        m_drillBanner->hide();
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList lines;
    for (const Drill &d : drills) {
        const qint64 left = std::max<qint64>(0, (d.endsAt.toMSecsSinceEpoch() - now + 999) / 1000);
        lines.append(tr("DRILL %1: %2 (%3 s left)").arg(d.id, describeDrill(d.spec)).arg(left));
    }
    m_drillBannerText->setText(lines.join(u'\n'));
    m_drillBanner->setAccessibleName(m_drillBannerText->text());
    m_drillBanner->show();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("MainWindow/geometry"), saveGeometry());
    if (auto *split = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("MainWindow/splitter"), split->saveState());
    QMainWindow::closeEvent(event);
}
