#include "alerts/alertbanner.h"
#include "alerts/alertrouter.h"
#include "chat/chatpane.h"
#include "chat/transcriptview.h"
#include "compare/comparepane.h"
#include "config/configmanager.h"
#include "degrade/degradationcontroller.h"
#include "drill/drillcontroller.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "events/eventlogmodel.h"
#include "fakeprovider.h"
#include "gateway/gateway.h"
#include "health/drillpanel.h"
#include "health/healthmonitor.h"
#include "health/healthview.h"
#include "health/latencychart.h"
#include "health/tierhealthmodel.h"
#include "history/historyrecorder.h"
#include "mainwindow.h"
#include "metrics/metrics.h"
#include "store/conversationstore.h"
#include "testutil.h"
#include "transport/transport.h"
#include "tray/traynotifier.h"
#include "util/clock.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGroupBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    SystemClock m_clock;
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<ChatEngine> m_engine;
    std::unique_ptr<ConfigManager> m_config;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<HealthMonitor> m_health;
    std::unique_ptr<ResponseCache> m_cache;
    std::unique_ptr<DegradationController> m_degradation;
    std::unique_ptr<MetricsRegistry> m_metrics;
    std::unique_ptr<Gateway> m_gateway;
    std::unique_ptr<DrillController> m_drills;
    std::unique_ptr<HistoryRecorder> m_history;
    std::unique_ptr<AlertRouter> m_alerts;
    std::unique_ptr<MainWindow> m_window;

    static QString fixture(const QString &name)
    {
        return QStringLiteral(UNDERSTUDY_TEST_FIXTURES "/") + name;
    }

    ChatResult sendPrompt(const QString &text)
    {
        auto *chat = m_window->findChild<ChatPane *>();
        auto *prompt = m_window->findChild<QPlainTextEdit *>(u"promptEdit"_s);
        QSignalSpy finished(chat, &ChatPane::answerFinished);
        prompt->setFocus();
        QTest::keyClicks(prompt, text);
        QTest::keyClick(prompt, Qt::Key_Return, Qt::ControlModifier);
        if (!finished.wait(10'000)) {
            QTest::qFail("timed out waiting for the request to finish", __FILE__, __LINE__);
            return {};
        }
        return finished.first().first().value<ChatResult>();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_transport = std::make_unique<Transport>();
        m_engine = std::make_unique<ChatEngine>(*m_transport, nullptr, m_clock);
        m_config = std::make_unique<ConfigManager>();
        connect(m_config.get(), &ConfigManager::configChanged, m_engine.get(), &ChatEngine::setConfig);
        m_health = std::make_unique<HealthMonitor>(*m_engine);
        m_cache = std::make_unique<ResponseCache>();
        QVERIFY(m_cache->open(u":memory:"_s).ok());
        m_degradation = std::make_unique<DegradationController>(*m_health, m_cache.get(), m_clock);
        m_engine->setTierAdvisor(m_health.get());
        m_engine->setRequestPolicy(m_degradation.get());
        m_metrics = std::make_unique<MetricsRegistry>(*m_engine);
        m_gateway = std::make_unique<Gateway>(*m_engine, *m_metrics);
        m_store = std::make_unique<ConversationStore>();
        m_store->open(u":memory:"_s, nullptr, {});
        QTRY_VERIFY(m_store->isOpen());
        m_drills = std::make_unique<DrillController>(*m_transport, m_clock);
        m_history = std::make_unique<HistoryRecorder>(*m_engine, m_health.get(), m_degradation.get(),
                                                      m_drills.get(), m_store.get());
        m_alerts = std::make_unique<AlertRouter>(*m_engine, m_health.get(), m_degradation.get(), m_clock);
        m_alerts->setDrills(m_drills.get());
        m_window = std::make_unique<MainWindow>(
            UiServices{*m_engine, *m_config, *m_health, m_store.get(), m_degradation.get(), m_gateway.get(),
                       m_drills.get(), m_history.get(), nullptr, nullptr, m_alerts.get()});
        QVERIFY(m_config->load(fixture(u"fast-simulated.json"_s), false).ok);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_alerts.reset();
        m_history.reset();
        m_drills.reset();
        m_store.reset();
        m_gateway.reset();
        m_metrics.reset();
        m_engine->setRequestPolicy(nullptr);
        m_engine->setTierAdvisor(nullptr);
        m_degradation.reset();
        m_cache.reset();
        m_health.reset();
        m_config.reset();
        m_engine.reset();
        m_transport.reset();
    }

    void panes_reachableByMouseAndKeyboard()
    {
        auto *nav = m_window->findChild<QListWidget *>(u"navigationList"_s);
        auto *stack = m_window->findChild<QStackedWidget *>(u"paneStack"_s);
        QVERIFY(nav && stack);
        QCOMPARE(nav->count(), int(MainWindow::PaneCount));
        const QRect events = nav->visualItemRect(nav->item(MainWindow::EventsPaneIndex));
        QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, events.center());
        QCOMPARE(stack->currentIndex(), int(MainWindow::EventsPaneIndex));
        QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(stack->currentIndex(), int(MainWindow::HealthPaneIndex));
        QTest::keyClick(nav, Qt::Key_Up);
        QCOMPARE(stack->currentIndex(), int(MainWindow::ChainPaneIndex));
        for (int i = 0; i < MainWindow::PaneCount; ++i)
            QVERIFY(!m_window->pane(i)->accessibleName().isEmpty());
        QVERIFY(m_window->findChild<QTableView *>(u"tiersTableView"_s)->model()->rowCount() == 3);
    }

    void chat_ctrlEnter_streamsAnAnswerFromTheChain()
    {
        const ChatResult result = sendPrompt(u"hello"_s);
        QVERIFY(result.complete);
        auto *transcript = m_window->findChild<QTextBrowser *>(u"transcriptBrowser"_s);
        QVERIFY(transcript->toPlainText().contains(u"simulated model built into Understudy"_s));
        const QString footer = m_window->findChild<QLabel *>(u"answerFooterLabel"_s)->text();
        QVERIFY2(footer.contains(u"flagship"_s) && footer.contains(u"atlas-large"_s), qPrintable(footer));
        QVERIFY(!m_window->findChild<QToolButton *>(u"fallbackBadgeButton"_s)->isVisible());
        QVERIFY(m_window->findChild<QPlainTextEdit *>(u"promptEdit"_s)->toPlainText().isEmpty());
    }

    void chat_primaryDown_showsFallbackBadgeAndAttempts()
    {
        QVERIFY(m_config->load(fixture(u"primary-down.json"_s), false).ok);
        const ChatResult result = sendPrompt(u"hi"_s);
        QVERIFY(result.complete);
        QCOMPARE(result.tier, u"backup"_s);
        auto *badge = m_window->findChild<QToolButton *>(u"fallbackBadgeButton"_s);
        QVERIFY(badge->isVisible());
        QVERIFY(badge->text().contains(u"backup"_s));
        QVERIFY(!m_window->findChild<QTreeWidget *>(u"attemptsTreeWidget"_s));
        QTest::mouseClick(badge, Qt::LeftButton);
        auto *attempts = m_window->findChild<QTreeWidget *>(u"attemptsTreeWidget"_s);
        QVERIFY(attempts);
        QTRY_VERIFY(attempts->isVisible());
        QVERIFY(attempts->topLevelItemCount() >= 3); // failed, retried, answered, and the switch
        QCOMPARE(attempts->topLevelItem(0)->text(3), u"503"_s);

        // Every attempt and the switch reached the event log.
        m_window->showPane(MainWindow::EventsPaneIndex);
        auto *events = m_window->findChild<QTableView *>(u"eventsTableView"_s);
        QAbstractItemModelTester tester(events->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(events->model()->rowCount() >= 4);
    }

    void chat_escape_stopsAndMarksIncomplete()
    {
        ChainConfig slow = m_config->config();
        for (ProviderConfig &p : slow.providers)
            p.simulation.tokensPerSecond = 5;
        m_engine->setConfig(slow); // in memory only: the fixture file stays as it is
        auto *chat = m_window->findChild<ChatPane *>();
        auto *prompt = m_window->findChild<QPlainTextEdit *>(u"promptEdit"_s);
        QSignalSpy finished(chat, &ChatPane::answerFinished);
        // Escape mid-answer: once the first token is in (the run is wired before it begins).
        QObject scope;
        bool answering = false;
        connect(m_engine.get(), &ChatEngine::requestStarted, &scope, [&] {
            for (ChatRun *run : m_engine->findChildren<ChatRun *>())
                connect(run, &ChatRun::firstToken, &scope, [&answering] { answering = true; });
        });
        prompt->setFocus();
        QTest::keyClicks(prompt, u"tell me a long story"_s);
        QTest::keyClick(prompt, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(chat->isBusy());
        QTRY_VERIFY(answering);
        QTest::keyClick(prompt, Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 2000); // cancelling is immediate
        const ChatResult result = finished.first().first().value<ChatResult>();
        QVERIFY(!result.complete);
        QCOMPARE(result.error, ErrorClass::Cancelled);
        QVERIFY(m_window->findChild<QLabel *>(u"answerFooterLabel"_s)->text().contains(u"INCOMPLETE"_s));
        QVERIFY(m_window->findChild<QPushButton *>(u"retryButton"_s)->isEnabled());
        QVERIFY(m_window->findChild<QPushButton *>(u"sendButton"_s)->isEnabled());
    }

    void gateway_switchesOnAndOffFromTheStatusBar()
    {
        QSettings settings;
        settings.setValue(u"Gateway/port"_s, 0); // any free port
        auto *button = m_window->findChild<QToolButton *>(u"gatewayStatusButton"_s);
        QVERIFY(button);
        QVERIFY(button->text().contains(u"off"_s));
        QTest::keyClick(m_window.get(), Qt::Key_G, Qt::ControlModifier);
        QVERIFY(m_gateway->isRunning());
        QVERIFY2(button->text().contains(u"http://127.0.0.1:"_s), qPrintable(button->text()));
        QVERIFY(!button->accessibleName().isEmpty());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!m_gateway->isRunning());
        QVERIFY(button->text().contains(u"off"_s));
        settings.remove(u"Gateway/port"_s);
    }

    void chat_conversations_searchRenamePinDeleteUndo()
    {
        QVERIFY(sendPrompt(u"hello about breakers"_s).complete);
        auto *list = m_window->findChild<QListView *>(u"conversationListView"_s);
        QTRY_COMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->model()->index(0, 0).data().toString(), u"hello about breakers"_s);
        auto *chat = m_window->findChild<ChatPane *>();
        const qint64 first = chat->currentConversation();
        QVERIFY(first != 0);
        // A second conversation, from the New button.
        QTest::mouseClick(m_window->findChild<QPushButton *>(u"newConversationButton"_s), Qt::LeftButton);
        QCOMPARE(chat->currentConversation(), qint64(0));
        QVERIFY(sendPrompt(u"second topic"_s).complete);
        QTRY_COMPARE(list->model()->rowCount(), 2);
        // Search by text.
        auto *search = m_window->findChild<QLineEdit *>(u"conversationSearchEdit"_s);
        QTest::keyClicks(search, u"breakers"_s);
        QTRY_COMPARE(list->model()->rowCount(), 1);
        search->clear();
        QTRY_COMPARE(list->model()->rowCount(), 2);
        // Rename in place with F2.
        list->setFocus();
        list->setCurrentIndex(list->model()->index(0, 0));
        QTest::keyClick(list, Qt::Key_F2);
        auto *editor = list->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, u"Renamed"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(list->model()->index(0, 0).data().toString().contains(u"Renamed"_s));
        // Pin the older one: it moves to the top.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualRect(list->model()->index(1, 0)).center());
        QTRY_COMPARE(chat->currentConversation(), first);
        QTest::mouseClick(m_window->findChild<QToolButton *>(u"pinButton"_s), Qt::LeftButton);
        QTRY_COMPARE(list->model()->index(0, 0).data(Qt::UserRole + 1).toLongLong(), first);
        // Delete, then undo.
        QTest::mouseClick(m_window->findChild<QPushButton *>(u"deleteConversationButton"_s), Qt::LeftButton);
        QTRY_COMPARE(list->model()->rowCount(), 1);
        auto *undo = m_window->findChild<QPushButton *>(u"undoDeleteButton"_s);
        QVERIFY(undo->isVisible());
        QTest::mouseClick(undo, Qt::LeftButton);
        QTRY_COMPARE(list->model()->rowCount(), 2);
        QTRY_COMPARE(chat->currentConversation(), first);
        QTRY_VERIFY(
            m_window->findChild<TranscriptView *>()->toPlainText().contains(u"hello about breakers"_s));
        QAbstractItemModelTester tester(list->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void chat_codeBlock_canBeCopied()
    {
        QVERIFY(sendPrompt(u"show me some code"_s).complete);
        auto *transcript = m_window->findChild<TranscriptView *>();
        QVERIFY(transcript->toHtml().contains(u"us:copycode/1/0"_s));
        emit transcript->anchorClicked(QUrl(u"us:copycode/1/0"_s));
        QVERIFY(QGuiApplication::clipboard()->text().contains(u"return question * 2;"_s));
        QVERIFY(!QGuiApplication::clipboard()->text().contains(u"```"_s));
        emit transcript->anchorClicked(QUrl(u"us:copy/1"_s));
        QVERIFY(QGuiApplication::clipboard()->text().contains(u"simulated answer from atlas-large"_s));
    }

    void chat_cancelMidStream_closesUpstreamAndMarksIncomplete()
    {
        FakeTrio servers;
        FakeFault slow;
        slow.tokens = 400;
        slow.interTokenMs = 30;
        servers.a.setFault(slow);
        m_engine->setConfig(TestUtil::chainOver(servers.all(), FakeProviderServer::Format::OpenAi));
        auto *chat = m_window->findChild<ChatPane *>();
        auto *prompt = m_window->findChild<QPlainTextEdit *>(u"promptEdit"_s);
        QSignalSpy finished(chat, &ChatPane::answerFinished);
        prompt->setFocus();
        QTest::keyClicks(prompt, u"a long one"_s);
        QTest::keyClick(prompt, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(m_window->findChild<TranscriptView *>()->toPlainText().contains(u"A3"_s));
        QTest::keyClick(prompt, Qt::Key_Escape);
        QTRY_COMPARE(finished.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(servers.a.abortedCount(), 1, 1000); // the upstream connection is closed
        const QString text = m_window->findChild<TranscriptView *>()->toPlainText();
        QVERIFY(text.contains(u"Incomplete answer."_s));
        QVERIFY(text.contains(u"A3"_s)); // the partial answer is kept
    }

    void chat_cutStream_showsIncompleteWithRetry()
    {
        FakeTrio servers;
        FakeFault cut;
        cut.cutAfter = 3;
        for (FakeProviderServer *s : servers.all())
            s->setFault(cut);
        ChainConfig config = TestUtil::chainOver(servers.all(), FakeProviderServer::Format::OpenAi);
        config.strategy.streamFailover = StreamFailoverPolicy::Fail;
        m_engine->setConfig(config);
        const ChatResult r = sendPrompt(u"hi"_s);
        QVERIFY(!r.complete);
        QCOMPARE(r.error, ErrorClass::TruncatedStream);
        QVERIFY(m_window->findChild<TranscriptView *>()->toPlainText().contains(u"Incomplete answer."_s));
        QVERIFY(m_window->findChild<QLabel *>(u"answerFooterLabel"_s)->text().contains(u"INCOMPLETE"_s));
        auto *retry = m_window->findChild<QPushButton *>(u"retryButton"_s);
        QVERIFY(retry->isEnabled());
        for (FakeProviderServer *s : servers.all())
            s->setFault({});
        auto *chat = m_window->findChild<ChatPane *>();
        QSignalSpy finished(chat, &ChatPane::answerFinished);
        QTest::mouseClick(retry, Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        QVERIFY(finished.first().first().value<ChatResult>().complete);
        QVERIFY(!retry->isEnabled());
    }

    void compare_oneColumnPerTier_oneFailing()
    {
        QVERIFY(m_config->load(fixture(u"primary-down.json"_s), false).ok);
        m_window->showPane(MainWindow::ComparePaneIndex);
        auto *compare = m_window->findChild<ComparePane *>();
        QCOMPARE(compare->columnCount(), 2);
        auto *prompt = m_window->findChild<QPlainTextEdit *>(u"comparePromptEdit"_s);
        QSignalSpy done(compare, &ComparePane::allFinished);
        prompt->setFocus();
        QTest::keyClicks(prompt, u"hello"_s);
        QTest::keyClick(prompt, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(done.wait(10'000));
        const QString failed = m_window->findChild<QLabel *>(u"compareStats_primary"_s)->text();
        QVERIFY2(failed.contains(u"overloaded"_s) && failed.contains(u"503"_s), qPrintable(failed));
        const QString ok = m_window->findChild<QLabel *>(u"compareStats_backup"_s)->text();
        QVERIFY2(ok.contains(u"First token"_s), qPrintable(ok));
        QVERIFY(m_window->findChild<QTextBrowser *>(u"compareAnswer_backup"_s)
                    ->toPlainText()
                    .contains(u"up-model"_s));
        QVERIFY(compare->toMarkdown().contains(u"## backup (up-model)"_s));
        // Columns can be hidden; Send again re-runs all.
        auto *toggle = m_window->findChild<QCheckBox *>(u"compareToggle_primary"_s);
        toggle->click();
        QVERIFY(!m_window->findChild<QGroupBox *>(u"compareColumn_primary"_s)->isVisible());
        QVERIFY(!compare->toMarkdown().contains(u"## primary"_s));
        QTest::mouseClick(m_window->findChild<QPushButton *>(u"compareSendAgainButton"_s), Qt::LeftButton);
        QVERIFY(done.wait(10'000));
        // Save as a conversation: it appears in Chat.
        QTest::mouseClick(m_window->findChild<QPushButton *>(u"compareSaveButton"_s), Qt::LeftButton);
        auto *list = m_window->findChild<QListView *>(u"conversationListView"_s);
        m_window->findChild<ChatPane *>()->refreshList();
        QTRY_COMPARE(list->model()->rowCount(), 1);
        QVERIFY(list->model()->index(0, 0).data().toString().startsWith(u"Compare: hello"_s));
    }

    void drill_outageOnPrimary_showsInHealthChartAndEvents()
    {
        m_window->showPane(MainWindow::HealthPaneIndex);
        auto *health = m_window->findChild<HealthView *>();
        auto *tier = m_window->findChild<QComboBox *>(u"drillTierComboBox"_s);
        auto *kind = m_window->findChild<QComboBox *>(u"drillKindComboBox"_s);
        QVERIFY(health && tier && kind);
        tier->setCurrentIndex(tier->findText(u"flagship"_s));
        kind->setCurrentIndex(0); // outage
        auto *banner = m_window->findChild<QWidget *>(u"drillBanner"_s);
        QVERIFY(banner->isHidden());
        QTest::mouseClick(m_window->findChild<QPushButton *>(u"startDrillButton"_s), Qt::LeftButton);
        QCOMPARE(m_drills->active().size(), 1);
        const QString drillId = m_drills->active().first().id;
        // Unmistakable while it runs.
        QVERIFY(banner->isVisible());
        QVERIFY(m_window->findChild<QLabel *>(u"drillBannerLabel"_s)->text().contains(u"flagship"_s));

        // The chain responds: every answer comes from the next tier, and the primary's breaker opens.
        m_window->showPane(MainWindow::ChatPaneIndex);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(sendPrompt(u"during the drill %1"_s.arg(i)).tier, u"balanced"_s);
        QCOMPARE(m_engine->tierState(u"flagship"_s).breaker, CircuitBreaker::State::Open);

        // Health row.
        m_window->showPane(MainWindow::HealthPaneIndex);
        auto *table = m_window->findChild<QTableView *>(u"tierHealthTableView"_s);
        auto *model = static_cast<TierHealthModel *>(table->model());
        model->refresh();
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->tierAt(r) == u"flagship")
                row = r;
        }
        QVERIFY(row >= 0);
        QVERIFY2(model->index(row, TierHealthModel::Breaker).data().toString().contains(u"open"_s),
                 qPrintable(model->index(row, TierHealthModel::Breaker).data().toString()));
        // Chart: a breaker marker and a switch marker, and the drill's own marker.
        LatencyChart *chart = health->chart();
        chart->redraw();
        QVERIFY2(chart->drawnMarkers() >= 3, qPrintable(chart->describe()));
        QVERIFY(chart->describe().contains(u"breaker opening"_s));
        // The three answers, drawn (a second keeps its fastest and its slowest answer).
        QVERIFY(chart->drawnPoints(u"balanced"_s) >= 1);
        // Event log: the breaker opening, tagged with the drill.
        auto *events = m_window->findChild<EventLogModel *>();
        bool found = false;
        for (int r = 0; r < events->rowCount(); ++r) {
            const StoredEvent &e = events->eventAt(r);
            if (e.kind == u"breaker" && e.tier == u"flagship" && e.drillId == drillId)
                found = true;
        }
        QVERIFY(found);

        // Stopped from the banner, at once.
        QTest::mouseClick(m_window->findChild<QPushButton *>(u"bannerStopDrillsButton"_s), Qt::LeftButton);
        QVERIFY(!m_drills->isActive());
        QVERIFY(banner->isHidden());
        QVERIFY(m_window->findChild<QLabel *>(u"drillMessageLabel"_s)->text().contains(u"stopped"_s));
    }

    void tray_notificationsAreRateLimited()
    {
        TrayNotifier *tray = m_window->tray();
        QVERIFY(tray);
        QVERIFY(tray->toolTip().contains(u"healthy"_s));
        qint64 now = 1'000'000;
        tray->setNowSource([&now] { return now; });
        tray->setMinimumIntervalMs(200);
        QSignalSpy notified(tray, &TrayNotifier::notified);
        tray->notifyEvent(u"one"_s, u"first"_s);
        tray->notifyEvent(u"two"_s, u"second"_s);
        tray->notifyEvent(u"three"_s, u"third"_s);
        QCOMPARE(notified.size(), 1); // the rest are held back ...
        now += 250;
        QTRY_COMPARE(notified.size(), 2); // ... and summed up in one
        QVERIFY(notified.at(1).at(0).toString().startsWith(u"2 more event"_s));
        QVERIFY(notified.at(1).at(1).toString().contains(u"three"_s));
        // A real outage drives it: switches and the breaker opening.
        m_drills->start({u"flagship"_s, InjectedFault::Kind::Outage});
        now += 1000;
        notified.clear();
        QCOMPARE(sendPrompt(u"hello"_s).tier, u"balanced"_s);
        QVERIFY(notified.size() >= 1);
        QVERIFY(notified.first().at(0).toString().contains(u"balanced"_s) ||
                notified.first().at(0).toString().contains(u"flagship"_s));
        // The same alert is in the banner, marked as the drill's doing, until the tier recovers.
        AlertBanner *banner = m_window->alertBanner();
        QVERIFY(banner && banner->isVisible());
        QVERIFY2(banner->text().contains(u"Drill drill-"_s) && banner->text().contains(u"flagship"_s),
                 qPrintable(banner->text()));
        m_drills->stopAll();
        m_engine->resetTier(u"flagship"_s);
        QCOMPARE(sendPrompt(u"again"_s).tier, u"flagship"_s); // it answers: the outage resolves
        QTRY_VERIFY(!banner->isVisible());
    }

    void models_passTheModelTester()
    {
        for (QTableView *view : m_window->findChildren<QTableView *>())
            QAbstractItemModelTester tester(view->model(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
