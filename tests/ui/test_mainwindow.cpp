#include "chat/chatpane.h"
#include "config/configmanager.h"
#include "degrade/degradationcontroller.h"
#include "engine/chatengine.h"
#include "events/eventlogmodel.h"
#include "gateway/gateway.h"
#include "health/healthmonitor.h"
#include "mainwindow.h"
#include "metrics/metrics.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLabel>
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

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    SystemClock m_clock;
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<ChatEngine> m_engine;
    std::unique_ptr<ConfigManager> m_config;
    std::unique_ptr<HealthMonitor> m_health;
    std::unique_ptr<ResponseCache> m_cache;
    std::unique_ptr<DegradationController> m_degradation;
    std::unique_ptr<MetricsRegistry> m_metrics;
    std::unique_ptr<Gateway> m_gateway;
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
        if (!finished.wait(10'000))
            return {};
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
        m_window = std::make_unique<MainWindow>(*m_engine, *m_config, *m_health, m_degradation.get(),
                                                m_gateway.get());
        QVERIFY(m_config->load(fixture(u"fast-simulated.json"_s), false).ok);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
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
        QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(stack->currentIndex(), int(MainWindow::HealthPaneIndex));
        QTest::keyClick(nav, Qt::Key_Up);
        QCOMPARE(stack->currentIndex(), int(MainWindow::ChainPaneIndex));
        for (int i = 0; i < MainWindow::PaneCount; ++i)
            QVERIFY(!m_window->pane(i)->accessibleName().isEmpty());
        QVERIFY(m_window->findChild<QTableView *>(u"chainTableView"_s)->model()->rowCount() == 3);
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
        auto *attempts = m_window->findChild<QTreeWidget *>(u"attemptsTreeWidget"_s);
        QVERIFY(!attempts->isVisible());
        QTest::mouseClick(badge, Qt::LeftButton);
        QVERIFY(attempts->isVisible());
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
        prompt->setFocus();
        QTest::keyClicks(prompt, u"tell me a long story"_s);
        QTest::keyClick(prompt, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(chat->isBusy());
        QTest::qWait(300);
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

    void models_passTheModelTester()
    {
        for (QTableView *view : m_window->findChildren<QTableView *>())
            QAbstractItemModelTester tester(view->model(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
