#include "chat/chatsession.h"
#include "engine/chatengine.h"
#include "store/conversationstore.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestStore : public QObject
{
    Q_OBJECT

private:
    // Waits for a store callback (the worker thread answers through the event loop).
    template <typename T>
    static T await(const std::function<void(std::function<void(const T &)>)> &call)
    {
        std::optional<T> value;
        call([&value](const T &v) { value = v; });
        if (!QTest::qWaitFor([&] { return value.has_value(); }, 10'000))
            QTest::qFail("timed out waiting for the store", __FILE__, __LINE__);
        return value.value_or(T{});
    }

    static ConversationStore::OpenResult openStore(ConversationStore &store, const QString &path)
    {
        return await<ConversationStore::OpenResult>([&](auto done) { store.open(path, nullptr, done); });
    }

private slots:
    void conversations_createListSearchRenamePinDeleteRestore()
    {
        ConversationStore store;
        QVERIFY(openStore(store, u":memory:"_s).ok);
        const qint64 a = await<qint64>([&](auto done) {
            store.createConversation(u"Alpha"_s, u"be brief"_s, nullptr, [done](qint64 v) { done(v); });
        });
        const qint64 b = await<qint64>([&](auto done) {
            store.createConversation(u"Beta"_s, {}, nullptr, [done](qint64 v) { done(v); });
        });
        QVERIFY(a > 0 && b > a);
        StoredMessage m;
        m.conversationId = a;
        m.content = u"How do breakers half-open?"_s;
        await<qint64>([&](auto done) { store.appendMessage(m, nullptr, [done](qint64 v) { done(v); }); });

        auto list =
            await<QList<ConversationSummary>>([&](auto done) { store.listConversations({}, nullptr, done); });
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.first().id, a); // most recently updated first
        QCOMPARE(list.first().messageCount, 1);
        QCOMPARE(list.first().systemPrompt, u"be brief"_s);

        // Search by title and by text.
        list = await<QList<ConversationSummary>>(
            [&](auto done) { store.listConversations(u"beta"_s, nullptr, done); });
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().id, b);
        list = await<QList<ConversationSummary>>(
            [&](auto done) { store.listConversations(u"HALF-OPEN"_s, nullptr, done); });
        QCOMPARE(list.size(), 1);
        QVERIFY(list.first().snippet.contains(u"half-open"_s));
        list = await<QList<ConversationSummary>>(
            [&](auto done) { store.listConversations(u"100%"_s, nullptr, done); });
        QCOMPARE(list.size(), 0); // LIKE wildcards are escaped

        store.renameConversation(b, u"Beta, renamed"_s);
        store.setPinned(b, true);
        list =
            await<QList<ConversationSummary>>([&](auto done) { store.listConversations({}, nullptr, done); });
        QCOMPARE(list.first().id, b); // pinned first
        QCOMPARE(list.first().title, u"Beta, renamed"_s);
        QVERIFY(list.first().pinned);

        store.deleteConversation(b);
        list =
            await<QList<ConversationSummary>>([&](auto done) { store.listConversations({}, nullptr, done); });
        QCOMPARE(list.size(), 1);
        store.restoreConversation(b);
        list =
            await<QList<ConversationSummary>>([&](auto done) { store.listConversations({}, nullptr, done); });
        QCOMPARE(list.size(), 2);
        store.deleteConversation(b);
        store.purgeDeleted();
        store.restoreConversation(b);
        list =
            await<QList<ConversationSummary>>([&](auto done) { store.listConversations({}, nullptr, done); });
        QCOMPARE(list.size(), 1); // purged for good
    }

    void session_writesUserMessageFirst_andTheAnswerWithItsResult()
    {
        ConversationStore store;
        QVERIFY(openStore(store, u":memory:"_s).ok);
        SystemClock clock;
        Transport transport;
        ChatEngine engine(transport, nullptr, clock);
        ChainConfig config = ChainConfig::builtinSimulated();
        config.providers[0].simulation.fault = SimulationParams::Fault::Status; // the primary is down
        config.providers[1].simulation.ttftMs = 5;
        config.providers[1].simulation.tokensPerSecond = 3000;
        engine.setConfig(config);
        ChatSession session(engine, &store);
        const qint64 conversation = await<qint64>(
            [&](auto done) { store.createConversation(u"c"_s, {}, nullptr, [done](qint64 v) { done(v); }); });
        QSignalSpy finished(&session, &ChatSession::finished);
        QSignalSpy user(&session, &ChatSession::userMessageStored);
        session.send(conversation, {}, u"hello"_s, {});
        QVERIFY(finished.wait(10'000));
        QCOMPARE(user.size(), 1);
        store.flush();
        const auto messages =
            await<QList<StoredMessage>>([&](auto done) { store.loadMessages(conversation, nullptr, done); });
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).role, Role::User);
        QCOMPARE(messages.at(0).content, u"hello"_s);
        const StoredMessage &answer = messages.at(1);
        QCOMPARE(answer.role, Role::Assistant);
        QCOMPARE(answer.status, MessageStatus::Complete);
        QCOMPARE(answer.tier, u"balanced"_s);
        QCOMPARE(answer.model, u"borealis-medium"_s);
        QVERIFY(answer.usage.outputTokens > 0);
        QVERIFY(answer.fellBack()); // the attempts came back from the stored result
        QVERIFY(answer.content.contains(u"simulated model"_s));
    }

    // A child process streams into the store and is killed with SIGKILL: on reopen the user message
    // and the partial answer are there, marked incomplete.
    void crash_midAnswer_losesNothingAndMarksIncomplete()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"understudy.sqlite"_s);
        QProcess child;
        child.start(QCoreApplication::applicationDirPath() + u"/test_crashwriter"_s, {path});
        QVERIFY(child.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return child.canReadLine() || child.state() == QProcess::NotRunning; },
                                15'000));
        QVERIFY2(child.readLine().startsWith("flushed"), "the child did not stream");
        child.kill(); // SIGKILL: no cleanup, no final write
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        ConversationStore store;
        const ConversationStore::OpenResult opened = openStore(store, path);
        QVERIFY(opened.ok);
        QCOMPARE(opened.recoveredMessages, 1);
        const auto list =
            await<QList<ConversationSummary>>([&](auto done) { store.listConversations({}, nullptr, done); });
        QCOMPARE(list.size(), 1);
        const auto messages = await<QList<StoredMessage>>(
            [&](auto done) { store.loadMessages(list.first().id, nullptr, done); });
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).content, u"Tell me a very long story about failover."_s);
        QCOMPARE(messages.at(1).status, MessageStatus::Incomplete);
        QVERIFY2(messages.at(1).content.size() > 40, qPrintable(messages.at(1).content));
        QVERIFY(!messages.at(1).error.isEmpty());
    }

    void damagedDatabase_movedAsideAndAFreshOneWorks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"understudy.sqlite"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("SQLite format 3\0" + QByteArray(8000, '\x7f'));
        f.close();
        ConversationStore store;
        const ConversationStore::OpenResult opened = openStore(store, path);
        QVERIFY2(opened.ok, qPrintable(opened.error));
        QVERIFY(opened.recoveryNote.contains(u"moved aside"_s));
        QCOMPARE(QDir(dir.path()).entryList({u"understudy.sqlite.damaged-*"_s}).size(), 1);
        const qint64 id = await<qint64>([&](auto done) {
            store.createConversation(u"after"_s, {}, nullptr, [done](qint64 v) { done(v); });
        });
        QVERIFY(id > 0);
    }

    void newerSchema_isRefusedNotDamaged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"understudy.sqlite"_s);
        {
            ConversationStore store;
            QVERIFY(openStore(store, path).ok);
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(u"PRAGMA user_version = 99"_s);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"bump"_s);
        ConversationStore store;
        const ConversationStore::OpenResult opened = openStore(store, path);
        // A newer file is not damaged: it is moved aside rather than changed, and the user is told why.
        QVERIFY(opened.recoveryNote.contains(u"newer Understudy"_s));
    }

    // A big file is checked after it opens, in the background: the store is usable at once, and
    // damage found later moves the file aside on the next start, as damage found at open does.
    void bigFile_checkedInTheBackground_damageMovesItAsideNextStart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"big.sqlite"_s);
        {
            ConversationStore store;
            QVERIFY(openStore(store, path).ok);
            QList<StoredEvent> events;
            for (int i = 0; i < 3000; ++i) {
                StoredEvent e;
                e.atMs = 1'790'000'000'000 + i;
                e.kind = u"attempt"_s;
                e.summary = QString(200, QChar(u'a' + i % 26));
                events.append(e);
            }
            store.appendEvents(events);
            store.flush();
        }
        ConversationStore::setCheckBeforeOpenMaxBytesForTests(0); // every file counts as big
        {
            ConversationStore store; // healthy: opens, checks, says nothing
            QSignalSpy problem(&store, &ConversationStore::integrityProblem);
            QSignalSpy checked(&store, &ConversationStore::integrityChecked);
            const ConversationStore::OpenResult r = openStore(store, path);
            QVERIFY(r.ok && r.checkDeferred);
            QVERIFY(checked.wait(10'000));
            QCOMPARE(checked.first().first().toBool(), true);
            QCOMPARE(problem.size(), 0);
        }
        {
            // Damage a page in the middle of the events table (not the schema on page 1).
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"wal"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"wal"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(f.seek(size / 2 / 4096 * 4096));
        f.write(QByteArray(4096, '\xA5'));
        f.close();
        {
            ConversationStore store;
            QSignalSpy problem(&store, &ConversationStore::integrityProblem);
            const ConversationStore::OpenResult r = openStore(store, path);
            QVERIFY(r.ok); // usable at once
            QVERIFY(problem.wait(10'000));
            QVERIFY(problem.first().first().toString().contains(u"next start"_s));
            QVERIFY(QFile::exists(IntegrityCheck::markerPath(path)));
        }
        ConversationStore store;
        const ConversationStore::OpenResult again = openStore(store, path);
        ConversationStore::setCheckBeforeOpenMaxBytesForTests(ConversationStore::CheckBeforeOpenMaxBytes);
        QVERIFY(again.ok);
        QVERIFY2(again.recoveryNote.contains(u"moved aside"_s), qPrintable(again.recoveryNote));
        QVERIFY(!QFile::exists(IntegrityCheck::markerPath(path)));
        QCOMPARE(QDir(dir.path()).entryList({u"big.sqlite.damaged-*"_s}).size() >= 1, true);
    }

    // Samples are summed per second, minute and hour as they are written; the charts read the
    // seconds: a second of a hundred samples is two points, its fastest and its slowest.
    void samples_areReadBackPerSecond()
    {
        ConversationStore store;
        QVERIFY(openStore(store, u":memory:"_s).ok);
        const qint64 t0 = 1'790'000'000'000;
        QList<LatencySample> samples;
        for (int i = 0; i < 100; ++i)
            samples.append({u"a"_s, t0 + i * 10, 300 + (i * 37) % 200, 40, true});
        samples.append({u"a"_s, t0 + 1500, -1, -1, false}); // a failure: not a latency
        samples.append({u"b"_s, t0 + 2000, 250, 30, true});
        store.appendSamples(samples);
        const auto read = await<QList<LatencySample>>(
            [&](auto done) { store.loadSamples(t0 - 1000, t0 + 10'000, nullptr, done); });
        QCOMPARE(read.size(), 3);
        QCOMPARE(read.at(0).tier, u"a"_s);
        QCOMPARE(read.at(0).latencyMs, qint64(300));
        QCOMPARE(read.at(1).latencyMs, qint64(499));
        QCOMPARE(read.at(2).tier, u"b"_s);
    }

    // History older than the config's `history` goes while the store is open, a few thousand rows a
    // step with other work in between; spend per day and the latency per minute stay.
    void maintenance_prunesByRetention_inSteps()
    {
        QTemporaryDir dir;
        ConversationStore store;
        QVERIFY(openStore(store, dir.filePath(u"h.sqlite"_s)).ok);
        SystemClock clock;
        const qint64 now = clock.wallNow().toMSecsSinceEpoch();
        const qint64 day = 24LL * 3600 * 1000;
        QList<StoredEvent> events;
        QList<LatencySample> samples;
        for (int i = 0; i < 5000; ++i) {
            StoredEvent e;
            e.atMs = now - 10 * day + i;
            e.kind = u"attempt"_s;
            events.append(e);
            samples.append({u"a"_s, now - 10 * day + i, 100, 10, true});
        }
        StoredEvent recent;
        recent.atMs = now - 3600'000;
        recent.kind = u"request"_s;
        events.append(recent);
        store.appendEvents(events);
        store.appendSamples(samples);
        SpendRecord old;
        old.atMs = now - 10 * day;
        old.tier = u"a"_s;
        old.cost = Money::fromMicros(1234);
        store.appendSpend({old});
        HistoryConfig retention;
        retention.rawDays = 7;
        store.setRetention(retention);
        store.startMaintenance(clock);
        // A query asked for while it runs is answered between steps, not after the whole prune.
        const auto midway = await<QList<StoredEvent>>(
            [&](auto done) { store.loadEvents(now - day, now, 10, nullptr, done); });
        QCOMPARE(midway.size(), 1);
        QVERIFY(store.maintenanceStats().running);
        QTRY_VERIFY_WITH_TIMEOUT(!store.maintenanceStats().running, 20'000);
        QVERIFY(store.maintenanceStats().steps >= 5); // 2 x 5,000 rows at 2,000 a step, and the rest
        QVERIFY(store.maintenanceStats().deleted >= 10'001);
        const auto left =
            await<QList<StoredEvent>>([&](auto done) { store.loadEvents(0, now, 100'000, nullptr, done); });
        QCOMPARE(left.size(), 1);
        const auto spend =
            await<QList<SpendRecord>>([&](auto done) { store.loadSpend(0, now, nullptr, done); });
        QVERIFY(spend.isEmpty()); // the raw record is gone ...
        const int oldDay = SpendDay::dayOf(now - 10 * day);
        const auto days =
            await<QList<SpendDay>>([&](auto done) { store.loadSpendDays(oldDay, oldDay, nullptr, done); });
        QCOMPARE(days.size(), 1); // ... its day stays
        QCOMPARE(days.first().cost, Money::fromMicros(1234));
        store.flush();
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        {
            db.setDatabaseName(dir.filePath(u"h.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM samples"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(u"SELECT COUNT(*), SUM(n) FROM samples_minute"_s) && q.next());
            QVERIFY(q.value(0).toInt() >= 1); // 10 days < minute_days (30)
            QCOMPARE(q.value(1).toInt(), 5000);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM samples_second"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0); // older than the two days the charts read
            QVERIFY(q.exec(u"PRAGMA auto_vacuum"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 2); // a new file gives freed space back
            db.close();
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"peek"_s);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
