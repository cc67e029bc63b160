// bench_chat: is the Chat pane smooth while an answer streams, and quick to open a long conversation?
//  1. Stream an answer at 200 tokens/s of Markdown into a conversation of 200 earlier messages:
//     count event-loop stalls longer than 16 ms (a 4 ms timer that arrives late) and the CPU used.
//  2. Open a conversation of 1,000 messages: time to load it from SQLite and to render it.
// Runs offscreen. Usage: bench_chat [seconds of streaming, default 10]

#include "benchutil.h"
#include "chat/chatpane.h"
#include "chat/transcriptview.h"
#include "engine/chatengine.h"
#include "store/conversationstore.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QTimer>

namespace {

QString markdownMessage(int i)
{
    return QStringLiteral("### Step %1\n\nHere is **what** to do, with a list:\n\n- first point\n- second point with `code`\n\n"
                          "| tier | p95 |\n|---|---|\n| flagship | 812 ms |\n| balanced | 402 ms |\n\n"
                          "```cpp\nint answer(int q) { return q * %1; }\n```\n")
            .arg(i);
}

void wait(const std::function<bool()> &done)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(2);
    loop.exec();
}

qint64 seed(ConversationStore &store, int messages)
{
    qint64 id = 0;
    store.createConversation(QStringLiteral("bench %1").arg(messages), {}, nullptr,
                                            [&](qint64 v) { id = v; });
    wait([&] { return id != 0; });
    for (int i = 0; i < messages; ++i) {
        StoredMessage m;
        m.conversationId = id;
        m.role = i % 2 ? Role::Assistant : Role::User;
        m.content =
            i % 2 ? markdownMessage(i) : QStringLiteral("Question %1: how do we plan step %1?").arg(i);
        store.appendMessage(m, nullptr, {});
    }
    store.flush();
    return id;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("understudy.*.info=false"));
    const int seconds = argc > 1 ? std::max(2, std::atoi(argv[1])) : 10;

    SystemClock clock;
    Transport transport;
    ChatEngine engine(transport, nullptr, clock);
    ChainConfig config = ChainConfig::builtinSimulated();
    config.providers[0].simulation.ttftMs = 50;
    config.providers[0].simulation.tokensPerSecond = 200;
    config.providers[0].simulation.answerTokens = 200 * seconds;
    engine.setConfig(config);
    ConversationStore store;
    bool opened = false;
    store.open(QStringLiteral(":memory:"), nullptr,
                              [&](const ConversationStore::OpenResult &r) { opened = r.ok; });
    wait([&] { return opened; });

    ChatPane pane(engine, &store);
    pane.resize(1100, 800);
    pane.show();
    auto *transcript = pane.findChild<TranscriptView *>();

    // ---- 1. streaming into a conversation of 200 messages ---------------------------------------
    const qint64 conversation = seed(store, 200);
    pane.refreshList();
    wait([&] { return pane.findChild<QObject *>() != nullptr; });
    store.loadMessages(conversation, nullptr,
                       [&](const QList<StoredMessage> &m) { transcript->showConversation(m); });
    wait([&] { return transcript->messageCount() == 200; });

    QElapsedTimer frame;
    frame.start();
    int stalls = 0;
    qint64 worst = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        const qint64 gap = frame.nsecsElapsed() / 1000;
        frame.restart();
        worst = std::max(worst, gap);
        if (gap > 16'000 + 4'000)
            ++stalls;
    });
    bool finished = false;
    int deltas = 0;
    QObject::connect(&pane, &ChatPane::answerFinished, &app, [&] { finished = true; });
    pane.findChild<QPlainTextEdit *>(
        QStringLiteral("promptEdit"))->setPlainText(QStringLiteral("Write a long plan, with code."));
    QObject::connect(&engine, &ChatEngine::requestStarted, &app, [&] {});
    const qint64 cpu0 = Bench::cpuMicros();
    QElapsedTimer wall;
    wall.start();
    pane.send();
    frame.restart();
    ticker.start(4);
    wait([&] {
        ++deltas;
        return finished;
    });
    ticker.stop();
    const double cpuShare = double(Bench::cpuMicros() - cpu0) / double(wall.nsecsElapsed() / 1000);
    std::printf(
        "Streaming %d s at 200 tokens/s of Markdown into a conversation of 200 messages (offscreen):\n",
        seconds);
    std::printf("  event-loop stalls over 16 ms: %d   worst gap: %.1f ms   CPU: %.0f %% of one core\n\n",
                stalls, worst / 1000.0, cpuShare * 100.0);

    // ---- 2. opening a conversation of 1,000 messages --------------------------------------------
    const qint64 big = seed(store, 1000);
    QList<qint64> loadUs;
    QList<qint64> renderUs;
    for (int run = 0; run < 10; ++run) {
        QElapsedTimer t;
        t.start();
        QList<StoredMessage> messages;
        bool loaded = false;
        store.loadMessages(big, nullptr, [&](const QList<StoredMessage> &m) {
            messages = m;
            loaded = true;
        });
        wait([&] { return loaded; });
        loadUs << t.nsecsElapsed() / 1000;
        t.restart();
        transcript->showConversation(messages);
        renderUs << t.nsecsElapsed() / 1000;
    }
    std::printf("Opening a conversation of 1,000 messages (10 runs; the newest %d rendered, earlier ones on "
                "demand):\n",
                TranscriptView::InitialWindow);
    Bench::row("load from SQLite (worker thread)", loadUs);
    Bench::row("render into the transcript", renderUs);
    QList<qint64> total;
    for (int i = 0; i < loadUs.size(); ++i)
        total << loadUs.at(i) + renderUs.at(i);
    Bench::row("total, click to painted text", total);
    return 0;
}
