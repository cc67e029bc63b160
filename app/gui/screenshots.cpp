#include "screenshots.h"

#include "chat/chatpane.h"
#include "compare/comparepane.h"
#include "health/demohistory.h"
#include "health/healthview.h"
#include "health/latencychart.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimer>

#include <cstdio>
#include <iterator>

namespace {

const char *const paneNames[] = {"chat", "compare", "chain", "health", "events", "cost"};
// The dialogs of the Tools menu, after the panes: each opened by its action and grabbed once shown.
const struct
{
    const char *action;
    const char *file;
} dialogs[] = {{"apiKeysAction", "keys"}, {"alertsAction", "alerts"}};

void grabDialog(MainWindow &window, const QString &dir, int index)
{
    if (index >= int(std::size(dialogs))) {
        QApplication::quit();
        return;
    }
    auto *action = window.findChild<QAction *>(QLatin1String(dialogs[index].action));
    if (!action) {
        grabDialog(window, dir, index + 1);
        return;
    }
    // The dialog runs modally; grab it from its own event loop, close it, then go on.
    QTimer::singleShot(500, &window, [dir, index] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            const QString file = dir + QStringLiteral("/%1.png").arg(QLatin1String(dialogs[index].file));
            if (!dialog->grab().save(file))
                std::fprintf(stderr, "cannot write %s\n", qPrintable(file));
            dialog->reject();
        }
    });
    // Queued, so this grab's callback has returned before the dialog's loop starts.
    QTimer::singleShot(0, &window, [&window, dir, index, action] {
        action->trigger();
        grabDialog(window, dir, index + 1);
    });
}

void grabPane(MainWindow &window, const QString &dir, int index)
{
    if (index >= MainWindow::PaneCount) {
        grabDialog(window, dir, 0);
        return;
    }
    if (index == MainWindow::HealthPaneIndex) {
        // The Health shot shows what a day looks like: a synthetic day in the chart (not in the store).
        if (auto *health = qobject_cast<HealthView *>(window.pane(index))) {
            LatencyChart *chart = health->chart();
            const DemoHistory::Day day = DemoHistory::generate(
                {QStringLiteral("flagship"), QStringLiteral("balanced"), QStringLiteral("economy")},
                                QDateTime::currentMSecsSinceEpoch() - 5 * 60 * 1000);
            chart->addSamples(day.samples);
            for (const StoredEvent &e : day.events)
                chart->addEvent(e);
            chart->setWindow(LatencyChart::MaxSpanMs);
        }
    }
    window.showPane(index);
    // One pane per event-loop turn, so each is laid out and painted before it is grabbed.
    QTimer::singleShot(200, &window, [&window, dir, index] {
        const QString file = dir + QStringLiteral("/%1.png").arg(QLatin1String(paneNames[index]));
        if (!window.grab().save(file))
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file));
        grabPane(window, dir, index + 1);
    });
}

} // namespace

namespace Screenshots {

void run(MainWindow &window, const QString &dir)
{
    QDir().mkpath(dir);
    auto *chat = qobject_cast<ChatPane *>(window.pane(MainWindow::ChatPaneIndex));
    auto *compare = qobject_cast<ComparePane *>(window.pane(MainWindow::ComparePaneIndex));
    // Never hang a CI run: whatever happens, grab what there is after 30 s.
    auto *watchdog = new QTimer(&window);
    watchdog->setSingleShot(true);
    QObject::connect(watchdog, &QTimer::timeout, &window, [&window, dir] { grabPane(window, dir, 0); });
    watchdog->start(30'000);

    QObject::connect(compare, &ComparePane::allFinished, &window, [&window, dir, watchdog] {
        if (!watchdog->isActive())
            return;
        watchdog->stop();
        grabPane(window, dir, 0);
    });
    QObject::connect(chat, &ChatPane::answerFinished, &window, [&window, compare] {
        window.showPane(MainWindow::ComparePaneIndex);
        compare->findChild<QPlainTextEdit *>(
            QStringLiteral("comparePromptEdit"))
                ->setPlainText(QObject::tr("In one sentence: why keep a fallback model?"));
        compare->send();
    });
    QTimer::singleShot(1000, &window, [chat] {
        chat->findChild<QPlainTextEdit *>(
            QStringLiteral("promptEdit"))
                ->setPlainText(
                    QObject::tr("How should we plan a provider migration? Include a code example."));
        chat->send();
    });
}

} // namespace Screenshots
