// The Chain editor's three tabs: tiers, providers, strategy (how each is built and kept in step
// with the draft). The rest of ChainEditor is in chaineditor.cpp.
#include "chain/chaindraft.h"
#include "chain/chaineditor.h"
#include "chain/chaineditorutil.h"
#include "chain/chainordermodel.h"
#include "chain/configitemdelegate.h"
#include "chain/configtablemodel.h"
#include "config/configmanager.h"
#include "cost/pricebook.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace ChainEditorUtil;

QWidget *ChainEditor::buildTiersTab()
{
    QList<Column> columns;
    columns.append({tr("Name"),
                    QStringLiteral("name"),
                                   [](const ChainConfig &c, int r) -> QVariant { return c.tiers.at(r).name; },
                                   [](ChainConfig &c, int r, const QVariant &v) {
                                       const QString from = c.tiers.at(r).name;
                                       const QString to = v.toString();
                                       c.tiers[r].name = to;
                                       if (c.strategy.primary == from)
                                           c.strategy.primary = to;
                                       renameInList(c.strategy.fallbackChain, from, to);
                                       for (RouteConfig &route : c.routes)
                                           renameInList(route.chain, from, to);
                                   }});
    columns.append(
        {tr("Label"),
         QStringLiteral("label"), [](const ChainConfig &c, int r) -> QVariant { return c.tiers.at(r).label; },
                        [](ChainConfig &c, int r, const QVariant &v) { c.tiers[r].label = v.toString(); }});
    columns.last().toolTip = tr("Free text, for example high-performance, balanced or cost-effective");
    columns.append(
        {tr("Provider"),
         QStringLiteral("provider"), [](const ChainConfig &c, int r) -> QVariant { return c.tiers.at(r).provider; },
             [](ChainConfig &c, int r, const QVariant &v) { c.tiers[r].provider = v.toString(); }});
    columns.last().choices = [](const ChainConfig &c) {
        QStringList ids;
        for (const ProviderConfig &p : c.providers)
            ids.append(p.id);
        return ids;
    };
    columns.append(
        {tr("Model"),
         QStringLiteral("model"), [](const ChainConfig &c, int r) -> QVariant { return c.tiers.at(r).model; },
                        [](ChainConfig &c, int r, const QVariant &v) { c.tiers[r].model = v.toString(); }});
    columns.append(
        {tr("Input $/M"),
         QStringLiteral("price"),
                        [](const ChainConfig &c, int r) -> QVariant {
                            return c.tiers.at(r).inputPricePerMTok.toDouble();
                        },
                        [](ChainConfig &c, int r, const QVariant &v) {
                            c.tiers[r].inputPricePerMTok =
                                Money::fromJsonDouble(v.toDouble()).value_or(Money());
                            c.tiers[r].hasPrice = true;
                        },
                        [this](const ChainConfig &c, int r) { return priceText(c.tiers.at(r), true); }});
    columns.last().maximum = 100'000;
    columns.last().decimals = 6;
    columns.last().toolTip = tr("US dollars per million input tokens");
    columns.append(
        {tr("Output $/M"),
         QStringLiteral("price"),
                        [](const ChainConfig &c, int r) -> QVariant {
                            return c.tiers.at(r).outputPricePerMTok.toDouble();
                        },
                        [](ChainConfig &c, int r, const QVariant &v) {
                            c.tiers[r].outputPricePerMTok =
                                Money::fromJsonDouble(v.toDouble()).value_or(Money());
                            c.tiers[r].hasPrice = true;
                        },
                        [this](const ChainConfig &c, int r) { return priceText(c.tiers.at(r), false); }});
    columns.last().maximum = 100'000;
    columns.last().decimals = 6;
    columns.last().toolTip = tr("US dollars per million output tokens");
    columns.append(
        {tr("Context window"),
         QStringLiteral("context_window"),
             [](const ChainConfig &c, int r) -> QVariant { return c.tiers.at(r).contextWindow; },
             [](ChainConfig &c, int r, const QVariant &v) { c.tiers[r].contextWindow = v.toInt(); },
             [](const ChainConfig &c, int r) { return QLocale().toString(c.tiers.at(r).contextWindow); }});
    columns.last().minimum = 1;
    columns.last().maximum = 100'000'000;
    columns.last().toolTip = tr("Tokens the model accepts (input and output)");
    columns.append(
        {tr("Max output"),
         QStringLiteral("max_output_tokens"),
             [](const ChainConfig &c, int r) -> QVariant { return c.tiers.at(r).maxOutputTokens; },
             [](ChainConfig &c, int r, const QVariant &v) { c.tiers[r].maxOutputTokens = v.toInt(); },
             [](const ChainConfig &c, int r) { return QLocale().toString(c.tiers.at(r).maxOutputTokens); }});
    columns.last().minimum = 1;
    columns.last().maximum = 10'000'000;
    columns.last().toolTip = tr("Longest answer requested from this tier, in tokens");
    columns.append({tr("Prefill"), QStringLiteral("supports_prefill"),
                                                  [](const ChainConfig &c, int r) -> QVariant {
                                                      return c.tiers.at(r).supportsPrefill;
                                                  },
                                                  [](ChainConfig &c, int r, const QVariant &v) {
                                                      c.tiers[r].supportsPrefill = v.toBool();
                                                  }});
    columns.last().checkable = true;
    columns.last().toolTip =
        tr("The model can continue a partial answer (stream failover policy \"continue\")");

    m_tiersModel = new ConfigTableModel(
        *m_draft, QStringLiteral("tiers"), [](const ChainConfig &c) { return int(c.tiers.size()); }, columns,
                                 this);

    auto *page = new QWidget(this);
    m_tiers = new QTableView(page);
    m_tiers->setObjectName(QStringLiteral("tiersTableView"));
    m_tiers->setAccessibleName(tr("Tiers"));
    m_tiers->setModel(m_tiersModel);
    m_tiers->setItemDelegate(new ConfigItemDelegate(m_tiers));
    m_tiers->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_tiers->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tiers->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_tiers->setAlternatingRowColors(true);
    m_tiers->verticalHeader()->hide();
    m_tiers->horizontalHeader()->setStretchLastSection(true);
    m_tiers->setWordWrap(false);
    connect(m_tiers->model(), &QAbstractItemModel::modelReset, m_tiers, &QTableView::resizeColumnsToContents);
    m_tiersError = newErrorLabel(QStringLiteral("tiersErrorLabel"));

    m_addTier = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder), tr("Add tier"), page);
    m_addTier->setObjectName(QStringLiteral("addTierButton"));
    m_removeTier = new QPushButton(style()->standardIcon(QStyle::SP_TrashIcon), tr("Remove tier"), page);
    m_removeTier->setObjectName(QStringLiteral("removeTierButton"));
    m_testTier = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("T&est tier"), page);
    m_testTier->setObjectName(QStringLiteral("testTierButton"));
    m_testTier->setToolTip(tr(
        "Send a tiny request (at most 16 output tokens) to the selected tier as edited, without failover"));
    m_testResult = new QLabel(page);
    m_testResult->setObjectName(QStringLiteral("testTierResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addTier);
    buttons->addWidget(m_removeTier);
    buttons->addSpacing(12);
    buttons->addWidget(m_testTier);
    buttons->addWidget(m_testResult, 1);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_tiers, 1);
    layout->addWidget(m_tiersError);
    layout->addLayout(buttons);
    connect(m_addTier, &QPushButton::clicked, this, &ChainEditor::addTier);
    connect(m_removeTier, &QPushButton::clicked, this, &ChainEditor::removeTier);
    connect(m_testTier, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_tiers->currentIndex();
        if (current.isValid())
            testTier(m_draft->config().tiers.value(current.row()).name);
    });
    connect(m_tiers->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ChainEditor::updateActions);
    connect(m_tiersModel, &QAbstractItemModel::modelReset, this, &ChainEditor::updateActions);
    return page;
}

QWidget *ChainEditor::buildProvidersTab()
{
    QList<Column> columns;
    columns.append(
        {tr("ID"),
         QStringLiteral("id"), [](const ChainConfig &c, int r) -> QVariant { return c.providers.at(r).id; },
                        [](ChainConfig &c, int r, const QVariant &v) {
                            const QString from = c.providers.at(r).id;
                            c.providers[r].id = v.toString();
                            for (TierConfig &t : c.tiers) {
                                if (t.provider == from)
                                    t.provider = v.toString();
                            }
                        }});
    columns.append(
        {tr("Kind"),
         QStringLiteral("kind"),
             [](const ChainConfig &c, int r) -> QVariant { return providerKindName(c.providers.at(r).kind); },
             [](ChainConfig &c, int r, const QVariant &v) {
                 c.providers[r].kind = providerKindFromName(v.toString()).value_or(c.providers.at(r).kind);
             }});
    columns.last().choices = [](const ChainConfig &) { return providerKinds(); };
    columns.last().toolTip =
        tr("openai: any OpenAI-compatible API (OpenAI, OpenRouter, DeepSeek, vLLM, Ollama)");
    columns.append({tr("Base URL"), QStringLiteral("base_url"),
                                                   [](const ChainConfig &c, int r) -> QVariant {
                                                       return c.providers.at(r).baseUrl.toString();
                                                   },
                                                   [](ChainConfig &c, int r, const QVariant &v) {
                                                       c.providers[r].baseUrl =
                                                           QUrl(v.toString().trimmed(), QUrl::StrictMode);
                                                   }});
    columns.last().toolTip = tr("For example https://api.openai.com/v1 (empty for simulated providers)");
    columns.append({tr("Auth"), QStringLiteral("auth"),
                                               [](const ChainConfig &c, int r) -> QVariant {
                                                   return authModeName(c.providers.at(r).auth);
                                               },
                                               [](ChainConfig &c, int r, const QVariant &v) {
                                                   c.providers[r].auth = authModeFromName(v.toString());
                                               }});
    columns.last().choices = [](const ChainConfig &) { return authModes(); };
    columns.last().toolTip = tr("keychain: the key lives in the OS keychain; env: read from an environment "
                                "variable; none: local servers");
    columns.append(
        {tr("Keychain entry"),
         QStringLiteral("keychain_entry"),
             [](const ChainConfig &c, int r) -> QVariant { return c.providers.at(r).keychainEntry; },
             [](ChainConfig &c, int r, const QVariant &v) { c.providers[r].keychainEntry = v.toString(); },
             [](const ChainConfig &c, int r) { return c.providers.at(r).keyName(); }});
    columns.last().toolTip =
        tr("The name of the key in the OS keychain (the provider ID when empty). The key "
           "itself is never stored in the config.");
    columns.append({tr("Key variable"), QStringLiteral("api_key_env"),
                                                       [](const ChainConfig &c, int r) -> QVariant {
                                                           return c.providers.at(r).apiKeyEnv;
                                                       },
                                                       [](ChainConfig &c, int r, const QVariant &v) {
                                                           c.providers[r].apiKeyEnv = v.toString();
                                                       }});
    columns.last().toolTip = tr("With auth env: the environment variable that holds the key");
    const auto timeoutColumn = [](const QString &header, const QString &tip, int ProviderTimeouts::*field) {
        Column col{header, QStringLiteral("timeouts"),
                                          [field](const ChainConfig &c, int r) -> QVariant {
                                              return c.providers.at(r).timeouts.*field;
                                          },
                                          [field](ChainConfig &c, int r, const QVariant &v) {
                                              c.providers[r].timeouts.*field = v.toInt();
                                          },
                                          [field](const ChainConfig &c, int r) {
                                              return QLocale().toString(c.providers.at(r).timeouts.*field);
                                          }};
        col.minimum = 1;
        col.maximum = 600'000;
        col.toolTip = tip;
        return col;
    };
    columns.append(timeoutColumn(tr("Connect ms"), tr("Request sent to response headers"),
                                 &ProviderTimeouts::connectMs));
    columns.append(timeoutColumn(tr("First token ms"), tr("Request sent to the first token of the answer"),
                                 &ProviderTimeouts::firstTokenMs));
    columns.append(timeoutColumn(tr("Idle ms"), tr("Longest silence between two chunks of a stream"),
                                 &ProviderTimeouts::idleMs));
    columns.append({tr("Streaming"), QStringLiteral("streaming"),
                                                    [](const ChainConfig &c, int r) -> QVariant {
                                                        return c.providers.at(r).streaming;
                                                    },
                                                    [](ChainConfig &c, int r, const QVariant &v) {
                                                        c.providers[r].streaming = v.toBool();
                                                    }});
    columns.last().checkable = true;
    columns.append(
        {tr("Probes"),
         QStringLiteral("probe"), [](const ChainConfig &c, int r) -> QVariant { return c.providers.at(r).probeEnabled; },
             [](ChainConfig &c, int r, const QVariant &v) { c.providers[r].probeEnabled = v.toBool(); }});
    columns.last().checkable = true;
    columns.last().toolTip = tr("Active health probes (a models listing, which costs nothing)");
    columns.append({tr("Probe every s"), QStringLiteral("probe"),
                                                        [](const ChainConfig &c, int r) -> QVariant {
                                                            return c.providers.at(r).probeIntervalMs / 1000;
                                                        },
                                                        [](ChainConfig &c, int r, const QVariant &v) {
                                                            c.providers[r].probeIntervalMs = v.toInt() * 1000;
                                                        }});
    columns.last().minimum = 1;
    columns.last().maximum = 86'400;

    m_providersModel = new ConfigTableModel(
        *m_draft, QStringLiteral("providers"), [](const ChainConfig &c) { return int(c.providers.size()); },
                                 columns, this);

    auto *page = new QWidget(this);
    m_providers = new QTableView(page);
    m_providers->setObjectName(QStringLiteral("providersTableView"));
    m_providers->setAccessibleName(tr("Providers"));
    m_providers->setModel(m_providersModel);
    m_providers->setItemDelegate(new ConfigItemDelegate(m_providers));
    m_providers->setSelectionMode(QAbstractItemView::SingleSelection);
    m_providers->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                 QAbstractItemView::AnyKeyPressed);
    m_providers->setAlternatingRowColors(true);
    m_providers->verticalHeader()->hide();
    m_providers->horizontalHeader()->setStretchLastSection(true);
    m_providers->setWordWrap(false);
    connect(m_providers->model(), &QAbstractItemModel::modelReset, m_providers,
            &QTableView::resizeColumnsToContents);
    m_providersError = newErrorLabel(QStringLiteral("providersErrorLabel"));
    m_addProvider =
        new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder), tr("Add provider"), page);
    m_addProvider->setObjectName(QStringLiteral("addProviderButton"));
    m_removeProvider =
        new QPushButton(style()->standardIcon(QStyle::SP_TrashIcon), tr("Remove provider"), page);
    m_removeProvider->setObjectName(QStringLiteral("removeProviderButton"));
    auto *keys = new QLabel(
        tr("API keys live only in the OS keychain; the config names the entry, never the key."), page);
    keys->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addProvider);
    buttons->addWidget(m_removeProvider);
    buttons->addSpacing(12);
    buttons->addWidget(keys, 1);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_providers, 1);
    layout->addWidget(m_providersError);
    layout->addLayout(buttons);
    connect(m_addProvider, &QPushButton::clicked, this, &ChainEditor::addProvider);
    connect(m_removeProvider, &QPushButton::clicked, this, &ChainEditor::removeProvider);
    connect(m_providers->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ChainEditor::updateActions);
    connect(m_providersModel, &QAbstractItemModel::modelReset, this, &ChainEditor::updateActions);
    return page;
}

void ChainEditor::addField(QFormLayout *form, const QString &label, QWidget *field, const QString &errorKey)
{
    QString plain = label;
    plain.remove(u'&');
    field->setAccessibleName(plain);
    auto *l = new QLabel(label, field->parentWidget());
    l->setBuddy(field);
    form->addRow(l, field);
    if (!errorKey.isEmpty()) {
        QLabel *error = newErrorLabel(errorKey + QStringLiteral("Error"));
        error->setObjectName(QStringLiteral("fieldError:") + errorKey);
        form->addRow(QString(), error);
        m_fieldErrors.insert(errorKey, error);
    }
}

QWidget *ChainEditor::buildStrategyTab()
{
    auto *page = new QWidget;
    const auto spin = [page](const QString &name, int min, int max, const QString &suffix) {
        auto *s = new QSpinBox(page);
        s->setObjectName(name);
        s->setRange(min, max);
        s->setSuffix(suffix);
        s->setGroupSeparatorShown(true);
        s->setKeyboardTracking(true);
        return s;
    };
    const QString ms = tr(" ms");
    m_maxRetries = spin(QStringLiteral("maxRetriesSpinBox"), 0, 10, QString());
    m_backoff = new QDoubleSpinBox(page);
    m_backoff->setObjectName(QStringLiteral("backoffFactorSpinBox"));
    m_backoff->setRange(0, 60);
    m_backoff->setDecimals(2);
    m_backoff->setSingleStep(0.05);
    m_backoff->setSuffix(tr(" s"));
    m_retryOn = new QLineEdit(page);
    m_retryOn->setObjectName(QStringLiteral("retryOnStatusEdit"));
    m_retryOn->setPlaceholderText(QStringLiteral("429, 500, 502, 503, 504, 529"));
    m_maxWait = spin(QStringLiteral("maxWaitSpinBox"), 0, 600'000, ms);
    m_latencyThreshold = spin(QStringLiteral("latencyThresholdSpinBox"), 0, 600'000, ms);
    m_latencyThreshold->setSpecialValueText(tr("Off"));
    m_hedging = new QCheckBox(tr("Start the next tier when the first token is late"), page);
    m_hedging->setObjectName(QStringLiteral("hedgingCheckBox"));
    m_hedgingShare = spin(QStringLiteral("hedgingShareSpinBox"), 0, 100, tr(" %"));
    m_budget = spin(QStringLiteral("requestBudgetSpinBox"), 100, 3'600'000, ms);
    m_streamFailover = new QComboBox(page);
    m_streamFailover->setObjectName(QStringLiteral("streamFailoverComboBox"));
    m_streamFailover->addItem(tr("Restart on the next tier"), int(StreamFailoverPolicy::Restart));
    m_streamFailover->addItem(tr("Continue on the next tier"), int(StreamFailoverPolicy::Continue));
    m_streamFailover->addItem(tr("Fail (report the answer incomplete)"), int(StreamFailoverPolicy::Fail));
    m_contentPolicy = new QComboBox(page);
    m_contentPolicy->setObjectName(QStringLiteral("contentPolicyComboBox"));
    m_contentPolicy->addItem(tr("Do not fall back (the refusal stands)"),
                             int(ContentPolicyAction::NoFallback));
    m_contentPolicy->addItem(tr("Let another tier try"), int(ContentPolicyAction::Fallback));
    m_degradation = new QCheckBox(tr("Degrade (REDUCED, MINIMAL, FALLBACK) when health is poor"), page);
    m_degradation->setObjectName(QStringLiteral("degradationCheckBox"));
    m_breakerThreshold = spin(QStringLiteral("breakerThresholdSpinBox"), 1, 1000, QString());
    m_breakerRate = spin(QStringLiteral("breakerRateSpinBox"), 1, 100, tr(" %"));
    m_breakerWindow = spin(QStringLiteral("breakerWindowSpinBox"), 1, 10'000, QString());
    m_breakerMinRequests = spin(QStringLiteral("breakerMinRequestsSpinBox"), 1, 10'000, QString());
    m_breakerCooldown = spin(QStringLiteral("breakerCooldownSpinBox"), 1, 86'400'000, ms);
    m_breakerLongCooldown = spin(QStringLiteral("breakerLongCooldownSpinBox"), 1, 86'400'000, ms);
    const QString days = tr(" days");
    m_historyRawDays = spin(QStringLiteral("historyRawDaysSpinBox"), 1, 3650, days);
    m_historyMinuteDays = spin(QStringLiteral("historyMinuteDaysSpinBox"), 1, 3650, days);
    m_historyHourDays = spin(QStringLiteral("historyHourDaysSpinBox"), 1, 36'500, days);

    auto *retry = new QGroupBox(tr("Retries on the same tier"), page);
    auto *retryForm = new QFormLayout(retry);
    addField(retryForm, tr("Max &retries:"), m_maxRetries, {});
    addField(retryForm, tr("&Backoff factor:"), m_backoff, {});
    addField(retryForm, tr("Retry on &HTTP status:"), m_retryOn,
             QStringLiteral("strategy.retry_config.retry_on_status"));
    addField(retryForm, tr("Longest &wait:"), m_maxWait, QStringLiteral("strategy.retry_config.max_wait_ms"));
    auto *request = new QGroupBox(tr("The whole request"), page);
    auto *requestForm = new QFormLayout(request);
    addField(requestForm, tr("Time &budget:"), m_budget, QStringLiteral("strategy.request_budget_ms"));
    addField(requestForm, tr("&Latency threshold:"), m_latencyThreshold, {});
    addField(requestForm, tr("&Hedging:"), m_hedging, {});
    addField(requestForm, tr("Hedge at most:"), m_hedgingShare, {});
    addField(requestForm, tr("Stream cut &mid-answer:"), m_streamFailover, {});
    addField(requestForm, tr("Content-&policy refusal:"), m_contentPolicy, {});
    addField(requestForm, tr("&Degradation:"), m_degradation, {});
    auto *breaker = new QGroupBox(tr("Circuit breaker (per tier)"), page);
    auto *breakerForm = new QFormLayout(breaker);
    addField(breakerForm, tr("Open after &consecutive failures:"), m_breakerThreshold, {});
    addField(breakerForm, tr("Or a failure &rate of:"), m_breakerRate, {});
    addField(breakerForm, tr("Over the last (&window):"), m_breakerWindow, {});
    addField(breakerForm, tr("Once at least (mi&nimum):"), m_breakerMinRequests,
             QStringLiteral("strategy.circuit_breaker.min_requests"));
    addField(breakerForm, tr("C&ooldown:"), m_breakerCooldown, {});
    addField(breakerForm, tr("Cooldown for &quota/auth errors:"), m_breakerLongCooldown, {});
    auto *history = new QGroupBox(tr("History kept"), page);
    auto *historyForm = new QFormLayout(history);
    addField(historyForm, tr("Every event and &sample:"), m_historyRawDays, {});
    addField(historyForm, tr("Latency per &minute:"), m_historyMinuteDays, {});
    addField(historyForm, tr("Latency per &hour:"), m_historyHourDays, {});
    m_historyRawDays->setToolTip(tr("Events, latency samples and spend records, one row each. Spend per day "
                                    "is kept for ever."));
    m_hedgingShare->setToolTip(tr("Share of the last minute's requests that may start a hedge"));
    m_latencyThreshold->setToolTip(tr("When the first token is later than this, the next tier starts too"));
    m_budget->setToolTip(tr("One deadline over every tier, retry and wait of a request"));
    m_strategyError = newErrorLabel(QStringLiteral("strategyErrorLabel"));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_strategyError);
    layout->addWidget(retry);
    layout->addWidget(request);
    layout->addWidget(breaker);
    layout->addWidget(history);
    layout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("strategyScrollArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);

    // Every field writes the draft as you type; consecutive edits of one field are one undo step.
    const auto onInt = [this](QSpinBox *box, const QString &what, auto &&write) {
        connect(box, &QSpinBox::valueChanged, this, [this, box, what, write](int v) {
            m_draft->change(
                tr("Change %1").arg(what), [write, v](ChainConfig &c) { write(c.strategy, v); },
                box->objectName());
        });
    };
    onInt(m_maxRetries, tr("max retries"), [](Strategy &s, int v) { s.retry.maxRetries = v; });
    onInt(m_maxWait, tr("longest wait"), [](Strategy &s, int v) { s.retry.maxWaitMs = v; });
    onInt(m_latencyThreshold, tr("latency threshold"), [](Strategy &s, int v) { s.latencyThresholdMs = v; });
    onInt(m_hedgingShare, tr("hedging share"), [](Strategy &s, int v) { s.hedging.maxShare = v / 100.0; });
    onInt(m_budget, tr("time budget"), [](Strategy &s, int v) { s.requestBudgetMs = v; });
    onInt(m_breakerThreshold, tr("breaker threshold"),
          [](Strategy &s, int v) { s.breaker.failureThreshold = v; });
    onInt(m_breakerRate, tr("breaker failure rate"),
          [](Strategy &s, int v) { s.breaker.failureRate = v / 100.0; });
    onInt(m_breakerWindow, tr("breaker window"), [](Strategy &s, int v) { s.breaker.window = v; });
    onInt(m_breakerMinRequests, tr("breaker minimum"), [](Strategy &s, int v) { s.breaker.minRequests = v; });
    onInt(m_breakerCooldown, tr("breaker cooldown"), [](Strategy &s, int v) { s.breaker.cooldownMs = v; });
    onInt(m_breakerLongCooldown, tr("long cooldown"),
          [](Strategy &s, int v) { s.breaker.longCooldownMs = v; });
    const auto onHistory = [this](QSpinBox *box, const QString &what, int HistoryConfig::*field) {
        connect(box, &QSpinBox::valueChanged, this, [this, box, what, field](int v) {
            m_draft->change(
                tr("Change %1").arg(what), [field, v](ChainConfig &c) { c.history.*field = v; },
                box->objectName());
        });
    };
    onHistory(m_historyRawDays, tr("history kept"), &HistoryConfig::rawDays);
    onHistory(m_historyMinuteDays, tr("latency per minute kept"), &HistoryConfig::minuteDays);
    onHistory(m_historyHourDays, tr("latency per hour kept"), &HistoryConfig::hourDays);
    connect(m_backoff, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_draft->change(
            tr("Change backoff factor"), [v](ChainConfig &c) { c.strategy.retry.backoffFactor = v; },
            m_backoff->objectName());
    });
    connect(m_retryOn, &QLineEdit::textEdited, this, [this](const QString &text) {
        const auto codes = parseStatuses(text);
        m_retryOnError =
            codes ? QString() : tr("Enter HTTP status codes from 100 to 599, separated by commas");
        if (codes) {
            const QList<int> list = *codes;
            m_draft->change(
                tr("Change retry statuses"),
                [list](ChainConfig &c) { c.strategy.retry.retryOnStatus = list; }, m_retryOn->objectName());
        }
        onDraftChanged();
    });
    connect(m_hedging, &QCheckBox::toggled, this, [this](bool on) {
        m_draft->change(on ? tr("Turn hedging on") : tr("Turn hedging off"),
                        [on](ChainConfig &c) { c.strategy.hedging.enabled = on; });
    });
    connect(m_degradation, &QCheckBox::toggled, this, [this](bool on) {
        m_draft->change(on ? tr("Turn degradation on") : tr("Turn degradation off"),
                        [on](ChainConfig &c) { c.strategy.degradationEnabled = on; });
    });
    connect(m_streamFailover, &QComboBox::activated, this, [this](int i) {
        const auto policy = StreamFailoverPolicy(m_streamFailover->itemData(i).toInt());
        m_draft->change(tr("Change stream failover"),
                        [policy](ChainConfig &c) { c.strategy.streamFailover = policy; });
    });
    connect(m_contentPolicy, &QComboBox::activated, this, [this](int i) {
        const auto action = ContentPolicyAction(m_contentPolicy->itemData(i).toInt());
        m_draft->change(tr("Change content policy"),
                        [action](ChainConfig &c) { c.strategy.contentPolicy = action; });
    });
    return scroll;
}

void ChainEditor::refreshStrategyForm()
{
    const Strategy &s = m_draft->config().strategy;
    const auto setSpin = [](QSpinBox *box, int v) {
        if (box->value() != v) {
            const QSignalBlocker block(box);
            box->setValue(v);
        }
    };
    setSpin(m_maxRetries, s.retry.maxRetries);
    setSpin(m_maxWait, s.retry.maxWaitMs);
    setSpin(m_latencyThreshold, s.latencyThresholdMs);
    setSpin(m_hedgingShare, qRound(s.hedging.maxShare * 100));
    setSpin(m_budget, s.requestBudgetMs);
    setSpin(m_breakerThreshold, s.breaker.failureThreshold);
    setSpin(m_breakerRate, qRound(s.breaker.failureRate * 100));
    setSpin(m_breakerWindow, s.breaker.window);
    setSpin(m_breakerMinRequests, s.breaker.minRequests);
    setSpin(m_breakerCooldown, s.breaker.cooldownMs);
    setSpin(m_breakerLongCooldown, s.breaker.longCooldownMs);
    const HistoryConfig &h = m_draft->config().history;
    setSpin(m_historyRawDays, h.rawDays);
    setSpin(m_historyMinuteDays, h.minuteDays);
    setSpin(m_historyHourDays, h.hourDays);
    if (!qFuzzyCompare(m_backoff->value() + 1, s.retry.backoffFactor + 1)) {
        const QSignalBlocker block(m_backoff);
        m_backoff->setValue(s.retry.backoffFactor);
    }
    // Do not rewrite the text under the cursor while it is being typed (and may not parse yet).
    const auto typed = parseStatuses(m_retryOn->text());
    if (!m_retryOn->hasFocus() || !typed || *typed != s.retry.retryOnStatus) {
        if (!m_retryOn->hasFocus())
            m_retryOnError.clear();
        if (m_retryOnError.isEmpty() && (!typed || *typed != s.retry.retryOnStatus))
            m_retryOn->setText(statusesText(s.retry.retryOnStatus));
    }
    {
        const QSignalBlocker a(m_hedging), b(m_degradation), c(m_streamFailover), d(m_contentPolicy);
        m_hedging->setChecked(s.hedging.enabled);
        m_degradation->setChecked(s.degradationEnabled);
        m_streamFailover->setCurrentIndex(m_streamFailover->findData(int(s.streamFailover)));
        m_contentPolicy->setCurrentIndex(m_contentPolicy->findData(int(s.contentPolicy)));
    }
    m_hedgingShare->setEnabled(s.hedging.enabled && s.latencyThresholdMs > 0);
    m_hedging->setEnabled(s.latencyThresholdMs > 0);
}
