#include "chain/chaineditor.h"

#include "chain/chaindraft.h"
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
    m_testTier->setEnabled(tier.isValid() && valid && !m_testRun);
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
    if (m_testRun || !m_draft->isValid() || !m_draft->config().tier(tier))
        return;
    // The tier as edited, before it is applied, through the running engine: the spend is counted
    // and the event log shows the attempt, while the running chain's breakers and health are left
    // alone (ChatEngine::startTierTest). Same transport, so drills apply.
    ChatRequest request;
    request.messages.append({Role::User, QStringLiteral("Reply with the single word: OK")});
    request.maxTokens = 16;
    m_testResult->setText(tr("Testing %1…").arg(tier));
    ChatRun *run = m_engine.startTierTest(m_draft->config(), tier, request);
    m_testRun = run;
    updateActions();
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
        m_testRun = nullptr;
        updateActions();
        emit tierTested(tier, r.answered());
    });
}
