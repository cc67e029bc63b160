#include "common/services.h"

#include "common/appsetup.h"
#include "util/logging.h"
#include "util/paths.h"

#include <QDateTime>
#include <QDir>

#include <utility>

AppServices::AppServices(QObject *parent)
    : QObject(parent)
{
    connect(&prices, &PriceBook::changed, this, [this] { apply(config.config()); });
    connect(&spend, &SpendTracker::overBudgetChanged, &degradation,
            &DegradationController::setPreferCheaperTiers);
    spend.restoreBudget();
    engine.setTierAdvisor(&health);
    engine.setRequestPolicy(&degradation);
    connect(&config, &ConfigManager::configChanged, this, &AppServices::apply);
    alerts.setDrills(&drills);
    connect(&spend, &SpendTracker::budgetAlert, &alerts, &AlertRouter::submitEvent);
    connect(&alerts, &AlertRouter::routed, &alertDelivery, &AlertDispatcher::deliver);
    connect(&alerts, &AlertRouter::alertRouted, this, [this](const Alert &a, const QStringList &sinks) {
        history.record(HistoryRecorder::fromAlert(a, sinks));
    });
    connect(&alerts, &AlertRouter::suppressed, this, [this](const Alert &a, const QString &why) {
        history.record(HistoryRecorder::fromSuppressedAlert(a, why));
    });
    connect(
        &alertDelivery, &AlertDispatcher::deliveryFailed, this,
        [this](const AlertSink &sink, const Alert &a, int attempt, const QString &message, int retryInMs) {
            history.record(HistoryRecorder::fromAlertDelivery(sink.name, a, attempt, message, retryInMs));
        });
    connect(&alertDelivery, &AlertDispatcher::delivered, this,
            [this](const AlertSink &sink, const Alert &a, int attempts) {
                history.record(HistoryRecorder::fromAlertDelivery(sink.name, a, attempts, {}, -1));
            });
    connect(&store, &ConversationStore::integrityProblem, this, &AppServices::notice);
    connect(&degradation, &DegradationController::rulesRejected, this, [this](const ConfigError &e) {
        emit notice(tr("The fallback rules were not loaded: %1").arg(e.toString()));
    });
}

void AppServices::loadAlertSettings()
{
    const auto loaded = AlertSettings::load(AlertSettings::defaultPath());
    if (loaded) {
        alerts.setSettings(loaded.value());
        return;
    }
    alerts.setSettings(AlertSettings::defaults());
    emit notice(tr("The alert settings were not loaded (alerts go to the banner and the tray until you save "
                   "new ones; the file is kept): %1")
                    .arg(loaded.error()));
}

void AppServices::drainAlerts(int timeoutMs)
{
    if (!alertDelivery.drain(timeoutMs))
        qCWarning(lcConfig) << alertDelivery.pending() << "alert deliveries were still pending at exit";
}

QString AppServices::cachePath()
{
    return AppPaths::dataDir() + QStringLiteral("/cache.sqlite");
}

QString AppServices::storePath()
{
    return AppPaths::dataDir() + QStringLiteral("/understudy.sqlite");
}

void AppServices::openStore()
{
    store.open(storePath(), this, [this](const ConversationStore::OpenResult &r) {
        if (!r.ok)
            emit notice(
                tr("The conversation history is not available (answers are not kept): %1").arg(r.error));
        else if (!r.recoveryNote.isEmpty())
            emit notice(r.recoveryNote);
        if (r.ok) {
            store.purgeDeleted(); // conversations deleted in an earlier session
            spend.loadFromStore();
            store.startMaintenance(clock); // history older than the config's `history` goes
        }
        emit storeOpened(r.ok);
    });
}

ConfigManager::LoadReport AppServices::loadConfig(const QString &explicitPath, bool watchFile)
{
    // Opened here, once listeners are connected, so a damaged cache is reported, not only logged.
    if (!cache.isOpen()) {
        const auto opened = cache.open(cachePath());
        if (!opened)
            emit notice(tr("The response cache is not available (answers are not kept for outages): %1")
                            .arg(opened.error()));
        else if (!cache.recoveryNote().isEmpty())
            emit notice(cache.recoveryNote());
    }
    if (!prices.loadError().isEmpty() && !m_priceErrorShown) {
        m_priceErrorShown = true;
        emit notice(tr("Your price table is not used (the shipped one is): %1").arg(prices.loadError()));
    }
    const ConfigManager::LoadReport report = AppSetup::loadConfig(config, explicitPath);
    if (report.ok)
        apply(config.config());
    if (watchFile)
        config.setWatchFile(true);
    return report;
}

QString AppServices::userPriceTablePath()
{
    return QDir(AppPaths::dataDir()).filePath(QStringLiteral("prices.json"));
}

void AppServices::apply(const ChainConfig &c)
{
    // Tiers without a price in the config are priced from the table (the config's price wins).
    ChainConfig priced = c;
    const QStringList unpriced = prices.table().fillTierPrices(priced);
    if (!unpriced.isEmpty())
        qCInfo(lcConfig) << "tiers without a price in the config or the price table (cost 0):" << unpriced;
    engine.setConfig(priced);
    degradation.setConfig(priced);
    store.setRetention(priced.history); // history is pruned to it while the store is open
}
