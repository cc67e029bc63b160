#include "chain/chaineditor.h"

#include "chain/chaindraft.h"
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

namespace {

using Column = ConfigTableModel::Column;

QStringList providerKinds()
{
    return {providerKindName(ProviderKind::OpenAi), providerKindName(ProviderKind::Anthropic),
            providerKindName(ProviderKind::Gemini), providerKindName(ProviderKind::Simulated)};
}

QStringList authModes()
{
    return {authModeName(AuthMode::Keychain), authModeName(AuthMode::Env), authModeName(AuthMode::None)};
}

AuthMode authModeFromName(const QString &name)
{
    if (name == authModeName(AuthMode::Env))
        return AuthMode::Env;
    if (name == authModeName(AuthMode::None))
        return AuthMode::None;
    return AuthMode::Keychain;
}

void renameInList(QStringList &list, const QString &from, const QString &to)
{
    for (QString &name : list) {
        if (name == from)
            name = to;
    }
}

QString uniqueName(const QString &stem, const std::function<bool(const QString &)> &taken)
{
    for (int n = 1;; ++n) {
        const QString name = n == 1 ? stem : stem + u'-' + QString::number(n);
        if (!taken(name))
            return name;
    }
}

QString money(Money m)
{
    return QStringLiteral("$") + m.toExactString();
}

// Retry statuses as the user types them: "429, 500 503".
std::optional<QList<int>> parseStatuses(const QString &text)
{
    QList<int> out;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const int code = part.toInt(&ok);
        if (!ok || code < 100 || code > 599)
            return std::nullopt;
        if (!out.contains(code))
            out.append(code);
    }
    return out;
}

QString statusesText(const QList<int> &codes)
{
    QStringList parts;
    for (int c : codes)
        parts.append(QString::number(c));
    return parts.join(QStringLiteral(", "));
}

} // namespace

ChainEditor::ChainEditor(ConfigManager &config, ChatEngine &engine, QWidget *parent)
    : QWidget(parent)
    , m_config(config)
    , m_engine(engine)
    , m_draft(new ChainDraft(this))
{
    m_draft->reset(config.config());

    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("configSourceLabel"));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    // The action row: history, file, and the decision.
    QUndoStack *undo = m_draft->undoStack();
    QAction *undoAction = undo->createUndoAction(this, tr("Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    undoAction->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    QAction *redoAction = undo->createRedoAction(this, tr("Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    redoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    redoAction->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    addAction(undoAction);
    addAction(redoAction);
    m_undo = new QToolButton(this);
    m_undo->setObjectName(QStringLiteral("undoChainButton"));
    m_undo->setDefaultAction(undoAction);
    m_undo->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_undo->setAccessibleName(tr("Undo"));
    m_redo = new QToolButton(this);
    m_redo->setObjectName(QStringLiteral("redoChainButton"));
    m_redo->setDefaultAction(redoAction);
    m_redo->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_redo->setAccessibleName(tr("Redo"));
    m_import = new QPushButton(tr("&Import…"), this);
    m_import->setObjectName(QStringLiteral("importConfigButton"));
    m_import->setToolTip(tr("Load a config file into the editor (it runs once you apply it)"));
    m_export = new QPushButton(tr("E&xport…"), this);
    m_export->setObjectName(QStringLiteral("exportConfigButton"));
    m_export->setToolTip(tr("Save the edited config to a file (API keys are never part of it)"));
    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("chainValidationLabel"));
    m_validation->setWordWrap(true);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_revert = new QPushButton(tr("Re&vert"), this);
    m_revert->setObjectName(QStringLiteral("revertChainButton"));
    m_revert->setToolTip(tr("Go back to the running config (undoable)"));
    m_apply = new QPushButton(tr("&Apply"), this);
    m_apply->setObjectName(QStringLiteral("applyChainButton"));
    m_apply->setToolTip(tr("Write the config file and use the new chain for the next request (Ctrl+S)"));
    m_apply->setShortcut(QKeySequence::Save);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_undo);
    actions->addWidget(m_redo);
    actions->addSpacing(12);
    actions->addWidget(m_import);
    actions->addWidget(m_export);
    actions->addSpacing(12);
    actions->addWidget(m_validation, 1);
    actions->addWidget(m_revert);
    actions->addWidget(m_apply);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("chainNoticeLabel"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_notice->hide();

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("chainTabs"));
    m_tabs->setAccessibleName(tr("Chain settings"));
    m_tabs->addTab(buildTiersTab(), tr("&Tiers"));
    m_tabs->addTab(buildProvidersTab(), tr("&Providers"));
    m_tabs->addTab(buildStrategyTab(), tr("&Strategy"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("chainSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildChainBox());
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setSizes({280, 820});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_source);
    layout->addLayout(actions);
    layout->addWidget(m_notice);
    layout->addWidget(splitter, 1);

    connect(m_import, &QPushButton::clicked, this, &ChainEditor::onImport);
    connect(m_export, &QPushButton::clicked, this, &ChainEditor::onExport);
    connect(m_revert, &QPushButton::clicked, this, &ChainEditor::onRevert);
    connect(m_apply, &QPushButton::clicked, this, &ChainEditor::applyDraft);
    connect(m_draft, &ChainDraft::changed, this, &ChainEditor::onDraftChanged);
    connect(&m_config, &ConfigManager::configChanged, this, &ChainEditor::onConfigChanged);
    onConfigChanged();
    onDraftChanged();
    m_tiers->resizeColumnsToContents();
    m_providers->resizeColumnsToContents();
    m_tiers->setCurrentIndex(m_tiersModel->index(0, 0));
    m_providers->setCurrentIndex(m_providersModel->index(0, 0));
    m_chainList->setCurrentIndex(m_orderModel->index(0));
}

ChainEditor::~ChainEditor() = default;

QLabel *ChainEditor::newErrorLabel(const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(200, 30, 30));
    label->setPalette(p);
    label->hide();
    return label;
}

QWidget *ChainEditor::buildChainBox()
{
    auto *box = new QGroupBox(tr("Fallback &chain"), this);
    box->setObjectName(QStringLiteral("chainOrderBox"));
    m_orderModel = new ChainOrderModel(*m_draft, this);
    m_chainList = new QListView(box);
    m_chainList->setObjectName(QStringLiteral("chainOrderList"));
    m_chainList->setAccessibleName(tr("Fallback chain order"));
    m_chainList->setAccessibleDescription(tr("Checked tiers are in the chain, the first is the primary. "
                                             "Alt+Up and Alt+Down move the selected tier."));
    m_chainList->setModel(m_orderModel);
    m_chainList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chainList->setDragDropMode(QAbstractItemView::InternalMove);
    m_chainList->setDefaultDropAction(Qt::MoveAction);
    m_chainList->setDragEnabled(true);
    m_chainList->setAcceptDrops(true);
    m_chainList->setDropIndicatorShown(true);
    m_moveUp = new QPushButton(style()->standardIcon(QStyle::SP_ArrowUp), tr("Move &up"), box);
    m_moveUp->setObjectName(QStringLiteral("moveTierUpButton"));
    m_moveUp->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_moveUp->setToolTip(tr("Try this tier earlier (Alt+Up)"));
    m_moveDown = new QPushButton(style()->standardIcon(QStyle::SP_ArrowDown), tr("Move &down"), box);
    m_moveDown->setObjectName(QStringLiteral("moveTierDownButton"));
    m_moveDown->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_moveDown->setToolTip(tr("Try this tier later (Alt+Down)"));
    auto *hint =
        new QLabel(tr("Requests start at the top and fall back downwards. Drag tiers or use Move up / "
                      "Move down; uncheck a tier to take it out of the chain."),
                   box);
    hint->setWordWrap(true);
    m_chainError = newErrorLabel(QStringLiteral("chainErrorLabel"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_moveUp);
    buttons->addWidget(m_moveDown);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_chainList, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_chainError);
    layout->addWidget(hint);
    connect(m_moveUp, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_moveDown, &QPushButton::clicked, this, [this] { moveSelected(+1); });
    connect(m_chainList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ChainEditor::updateActions);
    connect(m_orderModel, &QAbstractItemModel::modelReset, this, &ChainEditor::updateActions);
    connect(m_orderModel, &QAbstractItemModel::layoutChanged, this, &ChainEditor::updateActions);
    return box;
}

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

void ChainEditor::onDraftChanged()
{
    refreshStrategyForm();
    const auto &error = m_draft->error();
    const QString key = error ? error->key : QString();
    const QString reason = error ? error->reason : QString();
    const auto show = [](QLabel *label, const QString &text) {
        label->setText(text);
        label->setVisible(!text.isEmpty());
    };
    // The reason goes next to the field it is about.
    const bool chainError = key == u"strategy.primary" || key.startsWith(u"strategy.fallback_chain");
    show(m_chainError, chainError ? (m_draft->config().strategy.chain().isEmpty() ||
                                             m_draft->config().strategy.primary.isEmpty()
                                         ? tr("The chain is empty: check at least one tier.")
                                         : reason)
                                  : QString());
    const auto sectionText = [&](const QString &section) -> QString {
        if (!(key == section || key.startsWith(section + u'[') || key.startsWith(section + u'.')))
            return {};
        return QStringLiteral("%1: %2").arg(key, reason);
    };
    show(m_tiersError, sectionText(QStringLiteral("tiers")));
    show(m_providersError, sectionText(QStringLiteral("providers")));
    bool placed = chainError || !m_tiersError->text().isEmpty() || !m_providersError->text().isEmpty();
    for (auto it = m_fieldErrors.cbegin(); it != m_fieldErrors.cend(); ++it) {
        QString text = it.key() == key ? reason : QString();
        if (it.key() == u"strategy.retry_config.retry_on_status" && !m_retryOnError.isEmpty())
            text = m_retryOnError;
        show(it.value(), text);
        placed = placed || it.key() == key;
    }
    show(m_strategyError,
         !placed && key.startsWith(u"strategy.") ? QStringLiteral("%1: %2").arg(key, reason) : QString());

    // The tab with the problem says so.
    const auto tabTitle = [](const QString &title, bool bad) {
        return bad ? title + QStringLiteral(" ⚠") : title;
    };
    m_tabs->setTabText(0, tabTitle(tr("&Tiers"), !m_tiersError->text().isEmpty()));
    m_tabs->setTabText(1, tabTitle(tr("&Providers"), !m_providersError->text().isEmpty()));
    bool strategyBad = !m_strategyError->text().isEmpty();
    for (QLabel *l : std::as_const(m_fieldErrors))
        strategyBad = strategyBad || !l->text().isEmpty();
    m_tabs->setTabText(2, tabTitle(tr("&Strategy"), strategyBad));

    if (!m_retryOnError.isEmpty())
        m_validation->setText(tr("Not valid: %1").arg(m_retryOnError));
    else if (error)
        m_validation->setText(tr("Not valid: %1: %2").arg(key.isEmpty() ? tr("config") : key, reason));
    else if (m_draft->isModified())
        m_validation->setText(
            tr("Edited: apply to use it (%n change(s) to undo)", nullptr, m_draft->undoStack()->index()));
    else
        m_validation->setText(tr("This is the running chain."));
    m_validation->setAccessibleDescription(m_validation->text());
    updateActions();
}

void ChainEditor::setPriceBook(const PriceBook *prices)
{
    m_prices = prices;
    if (m_prices)
        connect(m_prices, &PriceBook::changed, m_tiers->viewport(), qOverload<>(&QWidget::update),
                Qt::UniqueConnection);
    m_tiers->viewport()->update();
}

QString ChainEditor::priceText(const TierConfig &tier, bool input) const
{
    if (tier.hasPrice)
        return money(input ? tier.inputPricePerMTok : tier.outputPricePerMTok);
    // No price in the config: the engine takes the price table's, as shown here.
    if (m_prices) {
        ChainConfig one;
        one.tiers = {tier};
        if (m_prices->table().fillTierPrices(one).isEmpty()) {
            const TierConfig &priced = one.tiers.constFirst();
            return tr("%1 (price table)")
                .arg(money(input ? priced.inputPricePerMTok : priced.outputPricePerMTok));
        }
    }
    return tr("not priced");
}

bool ChainEditor::hasUnappliedChanges() const
{
    return m_draft->isModified();
}

void ChainEditor::updateActions()
{
    const bool valid = m_draft->isValid() && m_retryOnError.isEmpty();
    m_apply->setEnabled(valid && m_draft->isModified());
    m_revert->setEnabled(m_draft->isModified());
    m_export->setEnabled(valid);
    m_export->setToolTip(valid ? tr("Save the edited config to a file (API keys are never part of it)")
                               : tr("Fix the problem shown first: an invalid config cannot be exported"));

    const QModelIndex current = m_chainList->currentIndex();
    const int row = current.isValid() ? current.row() : -1;
    const int length = m_orderModel->chainLength();
    m_moveUp->setEnabled(row > 0 && row < length);
    m_moveDown->setEnabled(row >= 0 && row + 1 < length);

    const QModelIndex tier = m_tiers->currentIndex();
    m_removeTier->setEnabled(tier.isValid());
    m_testTier->setEnabled(tier.isValid() && valid && !m_testEngine);
    if (!valid)
        m_testTier->setToolTip(tr("Fix the problem shown first: a tier is tested as edited"));
    else
        m_testTier->setToolTip(tr("Send a tiny request (at most 16 output tokens) to the selected tier as "
                                  "edited, without failover"));
    m_removeProvider->setEnabled(m_providers->currentIndex().isValid());
}

void ChainEditor::setNotice(const QString &text, bool error)
{
    m_notice->setText(text);
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, QColor(200, 30, 30));
    m_notice->setPalette(p);
    m_notice->setVisible(!text.isEmpty());
}

void ChainEditor::onConfigChanged()
{
    const ChainConfig &running = m_config.config();
    m_source->setText(m_config.usingBuiltin()
                          ? tr("Built-in simulated chain (no config file loaded)")
                          : tr("Config file: %1").arg(QDir::toNativeSeparators(m_config.path())));
    if (!m_draft->isModified() || m_draft->config() == running) {
        m_draft->reset(running);
        return;
    }
    // The file changed under unapplied edits (an editor, another window): keep the edits.
    setNotice(
        tr("The running config changed (the file was edited outside Understudy). Your edits are kept: Revert "
           "to take the new config, or Apply to replace it."),
        false);
}

void ChainEditor::moveSelected(int delta)
{
    const QModelIndex current = m_chainList->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    const int to = delta < 0 ? row - 1 : row + 2; // moveRows takes the row before which to insert
    if (row + delta < 0 || row + delta >= m_orderModel->chainLength())
        return;
    const QString tier = m_orderModel->tierAt(row);
    m_orderModel->moveRow({}, row, {}, to);
    selectChainTier(tier);
}

void ChainEditor::selectChainTier(const QString &tier)
{
    const int row = m_orderModel->rowOf(tier);
    if (row >= 0)
        m_chainList->setCurrentIndex(m_orderModel->index(row));
    updateActions();
}

void ChainEditor::addTier()
{
    const ChainConfig &c = m_draft->config();
    const QString name =
        uniqueName(QStringLiteral("tier"), [&c](const QString &n) { return c.tier(n) != nullptr; });
    const QString provider = c.providers.isEmpty() ? QString() : c.providers.first().id;
    m_draft->change(tr("Add tier %1").arg(name), [name, provider](ChainConfig &cfg) {
        TierConfig t;
        t.name = name;
        t.provider = provider;
        cfg.tiers.append(t); // no model yet: validation asks for one
        if (cfg.strategy.primary.isEmpty())
            cfg.strategy.primary = name;
        else
            cfg.strategy.fallbackChain.append(name);
    });
    m_tabs->setCurrentIndex(0);
    const int row = int(m_draft->config().tiers.size()) - 1;
    m_tiers->setCurrentIndex(m_tiersModel->index(row, 3)); // the model, which it still needs
    m_tiers->setFocus();
    updateActions();
}

void ChainEditor::removeTier()
{
    const QModelIndex current = m_tiers->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    const QString name = m_draft->config().tiers.value(row).name;
    m_draft->change(tr("Remove tier %1").arg(name), [row, name](ChainConfig &c) {
        c.tiers.removeAt(row);
        QStringList chain = c.strategy.chain();
        chain.removeAll(name);
        c.strategy.primary = chain.value(0);
        c.strategy.fallbackChain = chain.mid(1);
        for (RouteConfig &route : c.routes)
            route.chain.removeAll(name);
    });
    const int rows = m_tiersModel->rowCount();
    if (rows > 0)
        m_tiers->setCurrentIndex(m_tiersModel->index(std::min(row, rows - 1), current.column()));
    updateActions();
}

void ChainEditor::addProvider()
{
    const ChainConfig &c = m_draft->config();
    const QString id =
        uniqueName(QStringLiteral("provider"), [&c](const QString &n) { return c.provider(n) != nullptr; });
    m_draft->change(tr("Add provider %1").arg(id), [id](ChainConfig &cfg) {
        ProviderConfig p;
        p.id = id;
        p.kind = ProviderKind::OpenAi; // no base URL yet: validation asks for one
        p.auth = AuthMode::Keychain;
        cfg.providers.append(p);
    });
    m_tabs->setCurrentIndex(1);
    const int row = int(m_draft->config().providers.size()) - 1;
    m_providers->setCurrentIndex(m_providersModel->index(row, 2)); // the base URL, which it still needs
    m_providers->setFocus();
    updateActions();
}

void ChainEditor::removeProvider()
{
    const QModelIndex current = m_providers->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    const QString id = m_draft->config().providers.value(row).id;
    // Tiers that use it stay, and validation names them: the user decides what they should use.
    m_draft->change(tr("Remove provider %1").arg(id), [row](ChainConfig &c) { c.providers.removeAt(row); });
    const int rows = m_providersModel->rowCount();
    if (rows > 0)
        m_providers->setCurrentIndex(m_providersModel->index(std::min(row, rows - 1), current.column()));
    updateActions();
}

bool ChainEditor::applyDraft()
{
    if (!m_draft->isValid() || !m_retryOnError.isEmpty())
        return false;
    const auto result = m_config.apply(m_draft->config());
    if (!result) {
        setNotice(tr("Not applied: %1").arg(result.error().toString()), true);
        return false;
    }
    // configChanged has reset the draft to the new running config.
    setNotice(tr("Applied: new requests use this chain; requests in flight finish on the old one."), false);
    return true;
}

void ChainEditor::onRevert()
{
    const ChainConfig base = m_config.config();
    m_draft->change(tr("Revert to the running config"), [base](ChainConfig &c) { c = base; });
    m_retryOnError.clear();
    setNotice({}, false);
    onDraftChanged();
}

bool ChainEditor::importFile(const QString &path)
{
    const auto loaded = ConfigParser::loadFile(path);
    if (!loaded) {
        setNotice(tr("Not imported, nothing changed: %1").arg(loaded.error().toString()), true);
        return false;
    }
    const ChainConfig imported = loaded.value();
    m_draft->change(tr("Import %1").arg(QFileInfo(path).fileName()), [imported](ChainConfig &c) {
        const QString sourceDir = c.sourceDir;
        c = imported;
        c.sourceDir = sourceDir;
    });
    setNotice(tr("Imported %1 into the editor: Apply to run it, Undo to drop it.")
                  .arg(QDir::toNativeSeparators(path)),
              false);
    return true;
}

bool ChainEditor::exportFile(const QString &path)
{
    if (!m_draft->isValid())
        return false;
    const auto saved = ConfigParser::saveFile(m_draft->config(), path);
    if (!saved) {
        setNotice(tr("Not exported: %1").arg(saved.error()), true);
        return false;
    }
    setNotice(
        tr("Exported to %1 (no API keys: they stay in the keychain).").arg(QDir::toNativeSeparators(path)),
        false);
    return true;
}

void ChainEditor::onImport()
{
    const QString start =
        m_config.path().isEmpty() ? QDir::homePath() : QFileInfo(m_config.path()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import config"), start,
                                                      tr("Understudy config (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void ChainEditor::onExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export config"),
        QDir::home().filePath(QStringLiteral("understudy-config.json")), tr("Understudy config (*.json)"));
    if (!path.isEmpty())
        exportFile(path);
}

void ChainEditor::testTier(const QString &tier)
{
    if (m_testEngine || !m_draft->isValid() || !m_draft->config().tier(tier))
        return;
    // A private engine on the draft: the tier is tested as edited, before it is applied, and the
    // test leaves the running chain's breakers and health alone. Same transport, so drills apply.
    m_testEngine = new ChatEngine(m_engine.transport(), m_engine.secrets(), m_engine.clock(), this);
    m_testEngine->setConfig(m_draft->config());
    ChatRequest request;
    request.messages.append({Role::User, QStringLiteral("Reply with the single word: OK")});
    request.chain = {tier};
    request.singleTier = true;
    request.maxTokens = 16;
    m_testResult->setText(tr("Testing %1…").arg(tier));
    updateActions();
    ChatRun *run = m_testEngine->start(request);
    connect(run, &ChatRun::finished, this, [this, tier](const ChatResult &r) {
        const QLocale locale;
        QString text;
        if (r.answered()) {
            text =
                tr("%1 answered in %2 ms (first token %3 ms) with %4: “%5”, %6 in / %7 out tokens, cost %8")
                    .arg(tier)
                    .arg(r.latencyMs)
                    .arg(r.ttftMs)
                    .arg(r.model, r.content.trimmed().left(40))
                    .arg(r.usage.inputTokens)
                    .arg(r.usage.outputTokens)
                    .arg(QStringLiteral("$") + r.cost.toExactString());
        } else {
            const AttemptRecord *last = r.attempts.isEmpty() ? nullptr : &r.attempts.last();
            const QString status =
                last && last->httpStatus > 0 ? tr(", HTTP %1").arg(last->httpStatus) : QString();
            text = tr("%1 failed after %2 ms: %3%4. %5")
                       .arg(tier)
                       .arg(r.latencyMs)
                       .arg(errorClassText(r.error), status, r.errorMessage);
        }
        m_testResult->setText(text);
        m_testResult->setAccessibleDescription(text);
        if (m_testEngine)
            m_testEngine->deleteLater();
        m_testEngine = nullptr;
        updateActions();
        emit tierTested(tier, r.answered());
    });
}
