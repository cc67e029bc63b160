// test_crashwriter: a child process for the crash test. Streams an answer from a slow simulated
// provider into the conversation store, prints "flushed <n>" once part of it is on disk, and keeps
// streaming until it is killed with SIGKILL.
// Usage: test_crashwriter <database>

#include "chat/chatsession.h"
#include "engine/chatengine.h"
#include "store/conversationstore.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    SystemClock clock;
    Transport transport;
    ChatEngine engine(transport, nullptr, clock);
    ChainConfig config = ChainConfig::builtinSimulated();
    config.providers[0].simulation.ttftMs = 10;
    config.providers[0].simulation.tokensPerSecond = 40;
    config.providers[0].simulation.answerTokens = 2000;
    engine.setConfig(config);
    ConversationStore store;
    ChatSession session(engine, &store);
    store.open(QString::fromLocal8Bit(argv[1]), &app, [&](const ConversationStore::OpenResult &r) {
        if (!r.ok) {
            std::printf("open failed\n");
            std::fflush(stdout);
            QCoreApplication::exit(1);
            return;
        }
        store.createConversation(QStringLiteral("crash test"), QString(), &app, [&](qint64 id) {
            session.send(id, {}, QStringLiteral("Tell me a very long story about failover."), {});
        });
    });
    int deltas = 0;
    QObject::connect(&session, &ChatSession::delta, &app, [&] {
        // After enough text for several flushes, say so (the parent then kills us).
        if (++deltas == 30) {
            QTimer::singleShot(2 * ChatSession::FlushIntervalMs, &app, [&] {
                store.flush();
                std::printf("flushed %d\n", deltas);
                std::fflush(stdout);
            });
        }
    });
    return QCoreApplication::exec();
}
