#pragma once

#include "alerts/alertdispatcher.h"
#include "alerts/alertrouter.h"
#include "config/configmanager.h"
#include "cost/pricebook.h"
#include "cost/spendtracker.h"
#include "degrade/degradationcontroller.h"
#include "degrade/responsecache.h"
#include "drill/drillcontroller.h"
#include "engine/chatengine.h"
#include "health/healthmonitor.h"
#include "history/historyrecorder.h"
#include "metrics/metrics.h"
#include "secrets/keychainsecretstore.h"
#include "store/conversationstore.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QObject>

// The object graph both executables build, once, in this order: the engine and what listens to it.
// Members are declared in dependency order, so they are destroyed in the reverse.
class AppServices final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppServices)

public:
    explicit AppServices(QObject *parent = nullptr);

    // Loads --config FILE (or the user's config, written from the built-in chain on first start)
    // and applies it to every service; later changes of the file apply by themselves.
    ConfigManager::LoadReport loadConfig(const QString &explicitPath, bool watchFile);
    // Where the response cache lives: <data dir>/cache.sqlite
    static QString cachePath();
    // The conversation history (the GUI): <data dir>/understudy.sqlite, opened in the background.
    static QString storePath();
    void openStore();
    // The price table's user copy: <data dir>/prices.json
    static QString userPriceTablePath();

    SystemClock clock;
    // Loaded first: views built before the config is loaded already see the table. An edit reprices
    // the tiers that have no price in the config.
    PriceBook prices{userPriceTablePath()};
    Transport transport;
    KeychainSecretStore secrets{QStringLiteral("understudy")};
    ChatEngine engine{transport, &secrets, clock};
    ConfigManager config;
    HealthMonitor health{engine};
    ResponseCache cache;
    DegradationController degradation{health, &cache, clock};
    MetricsRegistry metrics{engine};
    ConversationStore store;
    DrillController drills{transport, clock};
    HistoryRecorder history{engine, &health, &degradation, &drills, &store};
    SpendTracker spend{engine, &store, clock};
    // Alerts: the router decides (dedup, resolve, rate limit, routing); the dispatcher posts to the
    // HTTP sinks; banner and tray are shown by the GUI. Both log what they did into the event log.
    AlertRouter alerts{engine, &health, &degradation, clock};
    AlertDispatcher alertDelivery{transport, &secrets, clock};

    // Reads the alert settings (<config dir>/alerts.json); a damaged file is reported and left as it
    // is, and the defaults (banner and tray) apply until the user saves new settings.
    void loadAlertSettings();
    // On exit: waits at most `timeoutMs` for alerts still being delivered.
    void drainAlerts(int timeoutMs = 3'000);

signals:
    // Something the user should read: a cache moved aside, a rules file refused.
    void notice(const QString &message);
    void storeOpened(bool ok);

private:
    void apply(const ChainConfig &config);

    bool m_priceErrorShown = false;
};
