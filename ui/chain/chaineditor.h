#pragma once

#include "config/config.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class ChainDraft;
class ChainOrderModel;
class ChatEngine;
class ChatRun;
class ConfigManager;
class ConfigTableModel;
class QAbstractButton;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSpinBox;
class QTableView;
class QTabWidget;
class QToolButton;
class PriceBook;
struct TierConfig;

// The model-chain editor: providers, tiers, the fallback order and the strategy, edited as a draft
// with undo/redo and validated as you type; Apply writes the file atomically and the running engine
// takes the new chain for its next request.
class ChainEditor final : public QWidget
{
    Q_OBJECT

public:
    ChainEditor(ConfigManager &config, ChatEngine &engine, QWidget *parent = nullptr);
    ~ChainEditor() override;

    ChainDraft &draft() { return *m_draft; }
    // Tiers without a price in the config show the price table's (the one the engine charges).
    void setPriceBook(const PriceBook *prices);
    bool hasUnappliedChanges() const;

    // The file dialogs' work, callable without them (tests, automation). Both report in the notice.
    bool importFile(const QString &path);
    bool exportFile(const QString &path);
    // Applies the draft to the running engine and the config file.
    bool applyDraft();
    // Sends a tiny request to one tier of the draft; the result shows in the Tiers tab.
    void testTier(const QString &tier);

signals:
    void tierTested(const QString &tier, bool ok);

private:
    QString priceText(const TierConfig &tier, bool input) const;
    QWidget *buildChainBox();
    QWidget *buildTiersTab();
    QWidget *buildProvidersTab();
    QWidget *buildStrategyTab();
    QLabel *newErrorLabel(const QString &objectName);
    void addField(class QFormLayout *form, const QString &label, QWidget *field, const QString &errorKey);

    void onDraftChanged();
    void onConfigChanged();
    void refreshStrategyForm();
    void updateActions();
    void setNotice(const QString &text, bool error);
    void moveSelected(int delta);
    void selectChainTier(const QString &tier);
    void addTier();
    void removeTier();
    void addProvider();
    void removeProvider();
    void onImport();
    void onExport();
    void onRevert();

    ConfigManager &m_config;
    ChatEngine &m_engine;
    ChainDraft *m_draft = nullptr;
    const PriceBook *m_prices = nullptr;
    ChainOrderModel *m_orderModel = nullptr;
    ConfigTableModel *m_tiersModel = nullptr;
    ConfigTableModel *m_providersModel = nullptr;

    QLabel *m_source = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_notice = nullptr;
    QToolButton *m_undo = nullptr;
    QToolButton *m_redo = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_apply = nullptr;
    QTabWidget *m_tabs = nullptr;

    QListView *m_chainList = nullptr;
    QPushButton *m_moveUp = nullptr;
    QPushButton *m_moveDown = nullptr;
    QLabel *m_chainError = nullptr;

    QTableView *m_tiers = nullptr;
    QPushButton *m_addTier = nullptr;
    QPushButton *m_removeTier = nullptr;
    QPushButton *m_testTier = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_tiersError = nullptr;
    QPointer<ChatRun> m_testRun;

    QTableView *m_providers = nullptr;
    QPushButton *m_addProvider = nullptr;
    QPushButton *m_removeProvider = nullptr;
    QLabel *m_providersError = nullptr;

    // Strategy form.
    QSpinBox *m_maxRetries = nullptr;
    QDoubleSpinBox *m_backoff = nullptr;
    QLineEdit *m_retryOn = nullptr;
    QSpinBox *m_maxWait = nullptr;
    QSpinBox *m_latencyThreshold = nullptr;
    QCheckBox *m_hedging = nullptr;
    QSpinBox *m_hedgingShare = nullptr;
    QSpinBox *m_budget = nullptr;
    QComboBox *m_streamFailover = nullptr;
    QComboBox *m_contentPolicy = nullptr;
    QCheckBox *m_degradation = nullptr;
    QSpinBox *m_breakerThreshold = nullptr;
    QSpinBox *m_breakerRate = nullptr;
    QSpinBox *m_breakerWindow = nullptr;
    QSpinBox *m_breakerMinRequests = nullptr;
    QSpinBox *m_breakerCooldown = nullptr;
    QSpinBox *m_breakerLongCooldown = nullptr;
    QSpinBox *m_historyRawDays = nullptr;
    QSpinBox *m_historyMinuteDays = nullptr;
    QSpinBox *m_historyHourDays = nullptr;
    QHash<QString, QLabel *> m_fieldErrors; // config key -> the label next to its field
    QString m_retryOnError;                 // the retry status list does not parse
    QLabel *m_strategyError = nullptr;
};
