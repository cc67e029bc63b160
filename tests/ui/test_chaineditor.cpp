#include "chain/chaindraft.h"
#include "chain/chaineditor.h"
#include "chain/chainordermodel.h"
#include "chain/configtablemodel.h"
#include "config/configmanager.h"
#include "cost/pricebook.h"
#include "cost/spendtracker.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {
enum TierColumn
{
    Name,
    Label,
    Provider,
    Model,
};
} // namespace

class TestChainEditor : public QObject
{
    Q_OBJECT

private:
    SystemClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<ChatEngine> m_engine;
    std::unique_ptr<ConfigManager> m_config;
    std::unique_ptr<ChainEditor> m_editor;

    static QString fixture(const QString &name)
    {
        return QStringLiteral(UNDERSTUDY_TEST_FIXTURES "/") + name;
    }
    QString configPath() const { return m_dir->filePath(u"config.json"_s); }

    template <typename T>
    T *child(const QString &name)
    {
        T *w = m_editor->findChild<T *>(name);
        if (!w)
            qFatal("no widget named %s", qPrintable(name));
        return w;
    }
    QListView *chainList() { return child<QListView>(u"chainOrderList"_s); }
    QPushButton *applyButton() { return child<QPushButton>(u"applyChainButton"_s); }
    QAbstractItemModel *tiers() { return child<QTableView>(u"tiersTableView"_s)->model(); }

    QStringList shownOrder()
    {
        QStringList names;
        QAbstractItemModel *model = chainList()->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, 0).data(Qt::CheckStateRole).toInt() == Qt::Checked)
                names.append(model->index(r, 0).data(ChainOrderModel::TierNameRole).toString());
        }
        return names;
    }

    ChatResult ask()
    {
        ChatRequest request;
        request.messages.append({Role::User, u"hello"_s});
        ChatRun *run = m_engine->start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        if (!finished.wait(10'000)) {
            QTest::qFail("timed out waiting for the request to finish", __FILE__, __LINE__);
            return {};
        }
        return finished.first().first().value<ChatResult>();
    }

private slots:
    void init()
    {
        // The editor writes the config file: always a copy, never the fixture itself.
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(QFile::copy(fixture(u"fast-simulated.json"_s), configPath()));
        QFile::setPermissions(configPath(), QFile::ReadOwner | QFile::WriteOwner);
        m_transport = std::make_unique<Transport>();
        m_engine = std::make_unique<ChatEngine>(*m_transport, nullptr, m_clock);
        m_config = std::make_unique<ConfigManager>();
        connect(m_config.get(), &ConfigManager::configChanged, m_engine.get(), &ChatEngine::setConfig);
        QVERIFY(m_config->load(configPath(), false).ok);
        m_engine->setConfig(m_config->config());
        m_editor = std::make_unique<ChainEditor>(*m_config, *m_engine);
        m_editor->resize(1100, 700);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
        m_editor->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_editor.get())); // shortcuts work in the active window
    }

    void cleanup()
    {
        m_editor.reset();
        m_config.reset();
        m_engine.reset();
        m_transport.reset();
        m_dir.reset();
    }

    void tierWithoutPrice_showsThePriceTablesPrice()
    {
        // flagship loses its price and becomes claude-haiku-4-5 (in the shipped price table); economy
        // loses its price and gets a model no table lists.
        QFile f(configPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString json = QString::fromUtf8(f.readAll());
        f.close();
        json.replace(
            u"\"model\": \"atlas-large\", \"price\": { \"input_per_mtok\": \"2.50\", \"output_per_mtok\": \"10.00\" }"_s,
            u"\"model\": \"claude-haiku-4-5\""_s);
        json.replace(
            u"\"model\": \"cirrus-small\", \"price\": { \"input_per_mtok\": \"0.15\", \"output_per_mtok\": \"0.60\" }"_s,
            u"\"model\": \"no-such-model\""_s);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json.toUtf8());
        f.close();
        QVERIFY(m_config->load(configPath(), false).ok);

        int input = -1;
        for (int c = 0; c < tiers()->columnCount(); ++c) {
            if (tiers()->headerData(c, Qt::Horizontal).toString() == u"Input $/M"_s)
                input = c;
        }
        QVERIFY(input >= 0);
        const auto shown = [&](int row) {
            return tiers()->index(row, input).data(Qt::DisplayRole).toString();
        };
        QCOMPARE(shown(1), u"$0.80"_s);      // priced in the config
        QCOMPARE(shown(0), u"not priced"_s); // no price table given to the editor
        PriceBook prices{QString()};
        const auto entry = prices.table().find(u"claude-haiku-4-5"_s);
        QVERIFY(entry.ok());
        m_editor->setPriceBook(&prices);
        QCOMPARE(shown(0), u"$%1 (price table)"_s.arg(entry.value().inputPerMTok.toExactString()));
        QCOMPARE(shown(2), u"not priced"_s); // no-such-model is in no table
        m_editor->setPriceBook(nullptr);
    }

    void models_passTheModelTester()
    {
        QAbstractItemModelTester chain(chainList()->model(),
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester tierModel(tiers(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester providers(child<QTableView>(u"providersTableView"_s)->model(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTest::mouseClick(child<QPushButton>(u"addTierButton"_s), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(u"addProviderButton"_s), Qt::LeftButton);
        chainList()->model()->moveRow({}, 0, {}, 3);
        m_editor->draft().undoStack()->undo();
        m_editor->draft().undoStack()->undo();
        m_editor->draft().undoStack()->undo();
        QCOMPARE(m_editor->draft().config(), m_config->config());
    }

    void reorderByButtons_engineUsesTheNewOrderNext()
    {
        QCOMPARE(shownOrder(), (QStringList{u"flagship"_s, u"balanced"_s, u"economy"_s}));
        QCOMPARE(ask().tier, u"flagship"_s);
        QVERIFY(!applyButton()->isEnabled()); // nothing to apply yet

        // Keyboard path: select economy, Alt+Up twice.
        chainList()->setFocus();
        chainList()->setCurrentIndex(chainList()->model()->index(2, 0));
        auto *up = child<QPushButton>(u"moveTierUpButton"_s);
        QVERIFY(up->isEnabled());
        QTest::keyClick(chainList(), Qt::Key_Up, Qt::AltModifier);
        // A shortcut clicks its button animated (after 100 ms).
        QTRY_COMPARE(shownOrder(), (QStringList{u"flagship"_s, u"economy"_s, u"balanced"_s}));
        QTest::mouseClick(up, Qt::LeftButton);
        QCOMPARE(shownOrder(), (QStringList{u"economy"_s, u"flagship"_s, u"balanced"_s}));
        // The selection follows the tier: it is now first, so it cannot move up further.
        QCOMPARE(chainList()->currentIndex().data(ChainOrderModel::TierNameRole).toString(), u"economy"_s);
        QVERIFY(!up->isEnabled());
        // Still the old chain until applied.
        QCOMPARE(ask().tier, u"flagship"_s);

        QVERIFY(applyButton()->isEnabled());
        QTest::mouseClick(applyButton(), Qt::LeftButton);
        QVERIFY(!applyButton()->isEnabled());
        QCOMPARE(m_engine->config()->strategy.primary, u"economy"_s);
        QCOMPARE(ask().tier, u"economy"_s);
        // Written to the file, atomically, and the previous file kept beside it.
        const auto reread = ConfigParser::loadFile(configPath());
        QVERIFY(reread);
        QCOMPARE(reread.value().strategy.chain(), (QStringList{u"economy"_s, u"flagship"_s, u"balanced"_s}));
        QVERIFY(QFile::exists(configPath() + u".bak"_s));
        QCOMPARE(child<QLabel>(u"chainValidationLabel"_s)->text(), tr("This is the running chain."));
    }

    void reorderByDrag_engineUsesTheNewOrderNext()
    {
        // A drop on the list with InternalMove is a moveRow on its model (QListView::dropEvent).
        QAbstractItemModel *model = chainList()->model();
        QVERIFY(model->supportedDropActions() & Qt::MoveAction);
        QVERIFY(model->flags(model->index(1, 0)) & Qt::ItemIsDragEnabled);
        QVERIFY(model->moveRow({}, 1, {}, 0)); // balanced dropped above flagship
        QCOMPARE(shownOrder(), (QStringList{u"balanced"_s, u"flagship"_s, u"economy"_s}));
        // Unchecking takes a tier out of the chain; it stays listed, unchecked, at the end.
        QVERIFY(model->setData(model->index(2, 0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(shownOrder(), (QStringList{u"balanced"_s, u"flagship"_s}));
        QCOMPARE(model->rowCount(), 3);
        // Dragging it back into the chain's part of the list puts it in the chain there.
        QVERIFY(model->moveRow({}, 2, {}, 1));
        QCOMPARE(shownOrder(), (QStringList{u"balanced"_s, u"economy"_s, u"flagship"_s}));
        QVERIFY(m_editor->applyDraft());
        QCOMPARE(ask().tier, u"balanced"_s);
        QCOMPARE(m_engine->config()->strategy.fallbackChain, (QStringList{u"economy"_s, u"flagship"_s}));
    }

    void invalidEdit_disablesApplyAndShowsTheReason()
    {
        QAbstractItemModel *model = tiers();
        const QModelIndex cell = model->index(1, Model);
        QVERIFY(model->setData(cell, QString()));
        QVERIFY(!applyButton()->isEnabled());
        QVERIFY(!child<QPushButton>(u"testTierButton"_s)->isEnabled());
        auto *error = child<QLabel>(u"tiersErrorLabel"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"tiers[1].model"_s), qPrintable(error->text()));
        QVERIFY(error->text().contains(u"must not be empty"_s));
        QVERIFY(cell.data(Qt::BackgroundRole).isValid()); // the cell is marked
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), u"must not be empty"_s);
        QVERIFY(child<QLabel>(u"chainValidationLabel"_s)->text().contains(u"must not be empty"_s));

        // Typing the model back makes it valid again.
        QVERIFY(model->setData(cell, u"borealis-medium-2"_s));
        QVERIFY(error->isHidden());
        QVERIFY(applyButton()->isEnabled());

        // A strategy field: the reason sits next to it, as you type.
        auto *window = child<QSpinBox>(u"breakerWindowSpinBox"_s);
        auto *minimum = child<QSpinBox>(u"breakerMinRequestsSpinBox"_s);
        window->setValue(5);
        minimum->setValue(8);
        QVERIFY(!applyButton()->isEnabled());
        auto *fieldError = child<QLabel>(u"fieldError:strategy.circuit_breaker.min_requests"_s);
        QCOMPARE(fieldError->text(), u"must not exceed window"_s);
        minimum->setValue(5);
        QVERIFY(fieldError->text().isEmpty());
        QVERIFY(applyButton()->isEnabled());

        // An unparsable retry status list is refused where it is typed.
        auto *statuses = child<QLineEdit>(u"retryOnStatusEdit"_s);
        statuses->setFocus();
        statuses->selectAll();
        QTest::keyClicks(statuses, u"429, 5o3"_s);
        QVERIFY(!applyButton()->isEnabled());
        QVERIFY(!child<QLabel>(u"fieldError:strategy.retry_config.retry_on_status"_s)->text().isEmpty());
        QTest::keyClick(statuses, Qt::Key_Backspace);
        QTest::keyClick(statuses, Qt::Key_Backspace);
        QTest::keyClicks(statuses, u"03"_s);
        QVERIFY(applyButton()->isEnabled());
        QCOMPARE(m_editor->draft().config().strategy.retry.retryOnStatus, (QList<int>{429, 503}));

        // An empty chain is invalid too.
        QAbstractItemModel *chain = chainList()->model();
        for (int i = 0; i < 3; ++i)
            chain->setData(chain->index(0, 0), Qt::Unchecked, Qt::CheckStateRole);
        QVERIFY(!applyButton()->isEnabled());
        QVERIFY(child<QLabel>(u"chainErrorLabel"_s)->isVisible());
        // Apply is refused even when called directly; the running chain is untouched.
        QVERIFY(!m_editor->applyDraft());
        QCOMPARE(m_engine->config()->strategy.primary, u"flagship"_s);
    }

    void renamingATier_keepsTheChainPointingAtIt()
    {
        QVERIFY(tiers()->setData(tiers()->index(0, Name), u"atlas"_s));
        QVERIFY(m_editor->draft().isValid());
        QCOMPARE(shownOrder(), (QStringList{u"atlas"_s, u"balanced"_s, u"economy"_s}));
        // A provider renamed: its tiers follow.
        QAbstractItemModel *providers = child<QTableView>(u"providersTableView"_s)->model();
        QVERIFY(providers->setData(providers->index(0, 0), u"sim-atlas"_s));
        QCOMPARE(m_editor->draft().config().tiers.first().provider, u"sim-atlas"_s);
        QVERIFY(m_editor->applyDraft());
        QCOMPARE(ask().tier, u"atlas"_s);
    }

    void undoRedo_walkTheEdits()
    {
        QUndoStack *undo = m_editor->draft().undoStack();
        auto *budget = child<QSpinBox>(u"requestBudgetSpinBox"_s);
        // Typing 30000 is one step, not five.
        budget->setFocus();
        budget->selectAll();
        QTest::keyClicks(budget, u"30000"_s);
        QCOMPARE(m_editor->draft().config().strategy.requestBudgetMs, 30'000);
        QCOMPARE(undo->count(), 1);
        QVERIFY(tiers()->setData(tiers()->index(2, Label), u"cheap"_s));
        QCOMPARE(undo->count(), 2);
        QVERIFY(applyButton()->isEnabled());

        QTest::mouseClick(child<QToolButton>(u"undoChainButton"_s), Qt::LeftButton);
        QCOMPARE(m_editor->draft().config().tiers.at(2).label, u"cost-effective"_s);
        undo->undo();
        QCOMPARE(budget->value(), 10'000); // the form follows the draft
        QVERIFY(!m_editor->hasUnappliedChanges());
        QVERIFY(!applyButton()->isEnabled());
        QTest::mouseClick(child<QToolButton>(u"redoChainButton"_s), Qt::LeftButton);
        QCOMPARE(budget->value(), 30'000);
        QVERIFY(m_editor->hasUnappliedChanges());

        // Revert goes back to the running chain, and is itself undoable.
        QTest::mouseClick(child<QPushButton>(u"revertChainButton"_s), Qt::LeftButton);
        QVERIFY(!m_editor->hasUnappliedChanges());
        undo->undo();
        QCOMPARE(m_editor->draft().config().strategy.requestBudgetMs, 30'000);
    }

    void importOfABrokenConfig_leavesTheChainUnchanged()
    {
        const ChainConfig before = m_editor->draft().config();
        QVERIFY(!m_editor->importFile(fixture(u"broken.json"_s)));
        QCOMPARE(m_editor->draft().config(), before);
        QCOMPARE(m_editor->draft().undoStack()->count(), 0);
        QCOMPARE(*m_engine->config(), before);
        auto *notice = child<QLabel>(u"chainNoticeLabel"_s);
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(u"broken.json"_s), qPrintable(notice->text()));
        QVERIFY(notice->text().contains(u"nothing changed"_s));
    }

    void exportThenImport_roundTrips()
    {
        QVERIFY(tiers()->setData(tiers()->index(1, Model), u"borealis-large"_s));
        QVERIFY(chainList()->model()->moveRow({}, 2, {}, 0));
        const ChainConfig edited = m_editor->draft().config();
        const QString exported = m_dir->filePath(u"exported.json"_s);
        QVERIFY(m_editor->exportFile(exported));
        const auto reread = ConfigParser::loadFile(exported);
        QVERIFY2(reread, qPrintable(reread ? QString() : reread.error().toString()));
        QCOMPARE(reread.value(), edited);

        QTest::mouseClick(child<QPushButton>(u"revertChainButton"_s), Qt::LeftButton);
        QCOMPARE(m_editor->draft().config(), m_config->config());
        QVERIFY(m_editor->importFile(exported));
        QCOMPARE(m_editor->draft().config(), edited);
        // Imported into the editor only: the running chain changes on Apply.
        QCOMPARE(m_engine->config()->strategy.primary, u"flagship"_s);
        QVERIFY(m_editor->applyDraft());
        QCOMPARE(m_engine->config()->strategy.primary, u"economy"_s);
    }

    void exportedConfig_neverHoldsAKey()
    {
        // A provider whose key is in the keychain (and one from the environment) exports by name only.
        m_editor->draft().change(u"real providers"_s, [](ChainConfig &c) {
            c.providers[0].kind = ProviderKind::OpenAi;
            c.providers[0].baseUrl = QUrl(u"http://127.0.0.1:9/v1"_s);
            c.providers[0].auth = AuthMode::Keychain;
            c.providers[0].keychainEntry = u"openai-prod"_s;
            c.providers[1].kind = ProviderKind::Anthropic;
            c.providers[1].baseUrl = QUrl(u"http://127.0.0.1:9"_s);
            c.providers[1].auth = AuthMode::Env;
            c.providers[1].apiKeyEnv = u"ANTHROPIC_API_KEY"_s;
        });
        qputenv("ANTHROPIC_API_KEY", "sk-ant-secret-value-123");
        const QString exported = m_dir->filePath(u"keys.json"_s);
        QVERIFY(m_editor->exportFile(exported));
        QFile f(exported);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray json = f.readAll();
        QVERIFY(json.contains("openai-prod"));
        QVERIFY(json.contains("ANTHROPIC_API_KEY"));
        QVERIFY(!json.contains("sk-ant-secret-value-123"));
        qunsetenv("ANTHROPIC_API_KEY");
    }

    void testTier_showsOutcomeLatencyAndCost()
    {
        auto *table = child<QTableView>(u"tiersTableView"_s);
        table->setCurrentIndex(tiers()->index(1, 0));
        auto *button = child<QPushButton>(u"testTierButton"_s);
        SpendTracker spend(*m_engine, nullptr, m_clock);
        QSignalSpy attempts(m_engine.get(), &ChatEngine::attemptFinished);
        QSignalSpy tested(m_editor.get(), &ChainEditor::tierTested);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!button->isEnabled()); // one test at a time
        QVERIFY(tested.wait(10'000));
        QCOMPARE(tested.first().at(0).toString(), u"balanced"_s);
        QCOMPARE(tested.first().at(1).toBool(), true);
        const QString text = child<QLabel>(u"testTierResultLabel"_s)->text();
        QVERIFY2(text.contains(u"balanced answered in"_s), qPrintable(text));
        QVERIFY(text.contains(u"cost $0.0"_s));
        QVERIFY(button->isEnabled());
        // It went through the running engine like any request: its attempt is on the engine's
        // stream, marked as a tier test, and what it cost is in the month's spend.
        QCOMPARE(attempts.size(), 1);
        const auto attempt = attempts.first().at(0).value<AttemptRecord>();
        QCOMPARE(attempt.tier, u"balanced"_s);
        QVERIFY(attempt.tierTest);
        QVERIFY(attempt.usage.total() > 0);
        QCOMPARE(spend.monthSpent(), attempt.cost);
        QVERIFY(text.contains(attempt.cost.toExactString()));

        // Tested as edited, before Apply: a tier whose provider now fails says how.
        m_editor->draft().change(u"break"_s, [](ChainConfig &c) {
            c.providers[2].simulation.fault = SimulationParams::Fault::Status;
            c.providers[2].simulation.faultStatus = 503;
        });
        tested.clear();
        m_editor->testTier(u"economy"_s);
        QVERIFY(tested.wait(10'000));
        QCOMPARE(tested.first().at(1).toBool(), false);
        const QString failed = child<QLabel>(u"testTierResultLabel"_s)->text();
        QVERIFY2(failed.contains(u"economy failed"_s) && failed.contains(u"HTTP 503"_s), qPrintable(failed));
        // Its failures are the draft's, not the running chain's: breakers and chain as they were.
        for (int i = 0; i < 6; ++i) {
            tested.clear();
            m_editor->testTier(u"economy"_s);
            QVERIFY(tested.wait(10'000));
        }
        QCOMPARE(m_engine->tierState(u"economy"_s).breaker, CircuitBreaker::State::Closed);
        QCOMPARE(m_engine->tierState(u"economy"_s).consecutiveFailures, 0);
        QCOMPARE(m_engine->config()->providers[2].simulation.fault, SimulationParams::Fault::None);
    }

    void outsideEdit_whileEditing_keepsTheEdits()
    {
        QVERIFY(tiers()->setData(tiers()->index(0, Label), u"mine"_s));
        // Another program rewrites the file; the manager reloads it.
        ChainConfig other = m_config->config();
        other.strategy.requestBudgetMs = 20'000;
        QVERIFY(ConfigParser::saveFile(other, configPath()));
        QVERIFY(m_config->reload().ok);
        QCOMPARE(m_editor->draft().config().tiers.first().label, u"mine"_s);
        QVERIFY(child<QLabel>(u"chainNoticeLabel"_s)->text().contains(u"edits are kept"_s));
        // Without edits, the editor simply follows the file.
        m_editor->draft().undoStack()->undo();
        other.strategy.requestBudgetMs = 25'000;
        QVERIFY(ConfigParser::saveFile(other, configPath()));
        QVERIFY(m_config->reload().ok);
        QCOMPARE(m_editor->draft().config().strategy.requestBudgetMs, 25'000);
    }
};

QTEST_MAIN(TestChainEditor)
#include "test_chaineditor.moc"
