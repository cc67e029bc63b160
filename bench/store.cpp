// bench_store: what the history costs on disk, and whether a big store still opens at once.
//  1. Disk use: N requests' history written as the app writes it (the events HistoryRecorder makes
//     of a healthy request, then of a failed-over one; a latency sample with its per-second,
//     -minute and -hour sums; a spend record with its daily row), in the app's batches; the file's
//     size per request, and what that makes a week and a year at 100 requests a second under the
//     default retention (raw rows 7 days, minutes 30 days, hours 400 days, spend per day for ever).
//  2. A year of spend at one request a second (31.5 million rows, one per second of 2026, and their
//     daily rows): the store opened, the month read back by SpendTracker and the Spend view painted,
//     as the app does at start; then the same with the Events view's and the chart's first loads.
// Runs offscreen. Usage: bench_store [requests for part 1, default 200000] [--year-rows N]

#include "benchutil.h"
#include "cost/spendtracker.h"
#include "cost/spendview.h"
#include "engine/chatengine.h"
#include "history/historyrecorder.h"
#include "store/conversationstore.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>
#include <optional>

namespace {

qint64 fileBytes(const QString &path)
{
    qint64 total = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        total += QFileInfo(path + suffix).size();
    return total;
}

void waitFor(const std::function<bool()> &done)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(1);
    loop.exec();
}

// A result as the engine reports a streamed answer of ~200 tokens from the second tier after the
// first failed: what HistoryRecorder turns into the request's event.
ChatResult sampleResult(int i, qint64 atMs)
{
    ChatResult r;
    r.requestId = QStringLiteral("req-%1").arg(i, 8, 10, QLatin1Char('0'));
    r.complete = true;
    r.tier = QStringLiteral("balanced");
    r.provider = QStringLiteral("anthropic");
    r.model = QStringLiteral("claude-sonnet-4-5");
    r.usage = Usage{812, 204, false};
    r.cost = Money::fromMicros(5'496);
    r.latencyMs = 1'840;
    r.ttftMs = 412;
    r.startedAt = QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc());
    r.finishReason = QStringLiteral("stop");
    AttemptRecord failed;
    failed.requestId = r.requestId;
    failed.tier = QStringLiteral("flagship");
    failed.provider = QStringLiteral("openai");
    failed.model = QStringLiteral("gpt-4o");
    failed.outcome = AttemptRecord::Outcome::Failed;
    failed.error = ErrorClass::Overloaded;
    failed.httpStatus = 503;
    failed.detail = QStringLiteral("The server is overloaded. Please try again later.");
    failed.startedAt = r.startedAt;
    failed.durationMs = 120;
    AttemptRecord ok = failed;
    ok.tier = r.tier;
    ok.provider = r.provider;
    ok.model = r.model;
    ok.outcome = AttemptRecord::Outcome::Success;
    ok.error = ErrorClass::None;
    ok.httpStatus = 200;
    ok.detail.clear();
    ok.attempt = 1;
    ok.startOffsetMs = 121;
    ok.ttfbMs = 300;
    ok.ttftMs = 291;
    ok.durationMs = 1'719;
    ok.usage = r.usage;
    ok.cost = r.cost;
    r.attempts = {failed, ok};
    SwitchEvent e;
    e.at = r.startedAt;
    e.requestId = r.requestId;
    e.from = failed.tier;
    e.to = ok.tier;
    e.reason = ErrorClass::Overloaded;
    r.events = {e};
    return r;
}

void diskUse(int requests, bool failovers)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("understudy.sqlite"));
    ConversationStore store;
    store.open(path, nullptr, {});
    waitFor([&] { return store.isOpen(); });
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(requests) * 10; // 100 a second
    QElapsedTimer t;
    t.start();
    QList<StoredEvent> events;
    QList<LatencySample> samples;
    QList<SpendRecord> spend;
    for (int i = 0; i < requests; ++i) {
        const qint64 at = start + qint64(i) * 10;
        ChatResult r = sampleResult(i, at);
        if (failovers) {
            events << HistoryRecorder::fromAttempt(r.attempts.at(0))
                   << HistoryRecorder::fromSwitch(r.events.at(0));
        } else { // a healthy request: one attempt, answered
            r.attempts.removeFirst();
            r.events.clear();
        }
        events << HistoryRecorder::fromAttempt(r.attempts.constLast()) << HistoryRecorder::fromResult(r);
        samples << LatencySample{r.tier, at, r.latencyMs, r.ttftMs, true};
        SpendRecord s;
        s.atMs = at;
        s.tier = r.tier;
        s.provider = r.provider;
        s.model = r.model;
        s.inputTokens = r.usage.inputTokens;
        s.outputTokens = r.usage.outputTokens;
        s.cost = r.cost;
        s.primaryCost = Money::fromMicros(9'140);
        spend << s;
        if (samples.size() >= 50) { // half a second of traffic: the recorder's batches
            store.appendEvents(std::exchange(events, {}));
            store.appendSamples(std::exchange(samples, {}));
            store.appendSpend(std::exchange(spend, {}));
        }
    }
    store.appendEvents(events);
    store.appendSamples(samples);
    store.appendSpend(spend);
    store.flush();
    const double seconds = t.nsecsElapsed() / 1e9;
    store.flush();
    // Read the file as a user would find it: WAL checkpointed.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("size"));
        db.setDatabaseName(path);
        db.open();
        QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("size"));
    const qint64 bytes = fileBytes(path);
    const double perRequest = double(bytes) / requests;
    std::printf("Disk use: %d %s requests' history (%s, a sample and its sums, a spend record and its\n"
                "day each), written in the app's half-second batches in %.1f s (%.0f requests/s on the store "
                "thread):\n  %.1f MB, %.0f bytes per request\n",
                requests, failovers ? "failed-over" : "healthy",
                failovers ? "an attempt that failed, a switch, an answered attempt and the request"
                          : "an answered attempt and the request",
                seconds, requests / seconds, bytes / 1e6, perRequest);
    const double week = 7 * 86'400.0 * 100;
    // What stays beyond raw_days: sums per tier (3) and period, and a row per day and model.
    const double rollupRow = 60; // bytes per sum row (WITHOUT ROWID, 8 columns)
    const double rollups = 3 * rollupRow * (2 * 86'400 + 30 * 1'440 + 400 * 24) + 365 * 3 * 80;
    std::printf(
        "  at 100 requests/s: a week of raw rows %.1f GB; with the default retention a year holds that week\n"
        "  plus %.0f MB of sums and daily spend: %.1f GB in all (raw_days 365 would need %.0f GB)\n\n",
        perRequest * week / 1e9, rollups / 1e6, (perRequest * week + rollups) / 1e9,
        perRequest * week * 52 / 1e9);
}

// A year of spend, one record a second, in one transaction per day (as fast as SQLite takes it).
bool buildYear(const QString &path, qint64 rows)
{
    ConversationStore store; // creates the schema
    store.open(path, nullptr, {});
    waitFor([&] { return store.isOpen(); });
    store.flush();
    const QString c = QStringLiteral("year");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), c);
        db.setDatabaseName(path);
        if (!db.open())
            return false;
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA synchronous=OFF"));
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        const qint64 t0 = QDateTime(QDate(2026, 1, 1), QTime(0, 0)).toMSecsSinceEpoch();
        const QStringList tiers{QStringLiteral("flagship"), QStringLiteral("balanced"),
                                                                           QStringLiteral("economy")};
        q.prepare(QStringLiteral("INSERT INTO spend (at, tier, provider, model, input_tokens, output_tokens, "
                                 "cost_micros, primary_cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        db.transaction();
        for (qint64 i = 0; i < rows; ++i) {
            const QString &tier = tiers.at(int(i % 3));
            q.bindValue(0, t0 + i * 1000);
            q.bindValue(1, tier);
            q.bindValue(2, QString(QStringLiteral("p-") + tier));
            q.bindValue(3, QString(QStringLiteral("m-") + tier));
            q.bindValue(4, 800);
            q.bindValue(5, 200);
            q.bindValue(6, 1000 + i % 7);
            q.bindValue(7, 3000);
            q.exec();
            if (i % 500'000 == 499'999) {
                db.commit();
                db.transaction();
                std::fprintf(stderr, "\r  building: %lld of %lld rows", static_cast<long long>(i + 1),
                             static_cast<long long>(rows));
            }
        }
        db.commit();
        std::fprintf(stderr, "\n");
        q.exec(QStringLiteral("DELETE FROM spend_daily"));
        q.exec(QStringLiteral(
            "INSERT INTO spend_daily SELECT CAST(strftime('%Y%m%d', at / 1000, 'unixepoch', 'localtime') AS INTEGER), "
            "tier, provider, model, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cost_micros), "
            "SUM(primary_cost_micros) FROM spend GROUP BY 1, 2, 3, 4"));
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(c);
    return true;
}

void yearOfSpend(qint64 rows)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("year.sqlite"));
    QElapsedTimer build;
    build.start();
    if (!buildYear(path, rows))
        return;
    std::printf("A year of spend at 1 request/s: %lld rows, a %.2f GB file (built in %.0f s)\n",
                static_cast<long long>(rows), fileBytes(path) / 1e9, build.nsecsElapsed() / 1e9);
    // Drop the file from the page cache? Not as root in a sandbox: this is a warm start.
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        Transport transport;
        SystemClock clock;
        ChatEngine engine(transport, nullptr, clock);
        ConversationStore store;
        SpendTracker tracker(engine, &store, clock);
        SpendView view(tracker);
        view.resize(1000, 600);
        view.show();
        bool loaded = false;
        qint64 openedAt = 0;
        QObject::connect(&tracker, &SpendTracker::changed, &view, [&] { loaded = true; });
        store.open(path, nullptr, [&](const ConversationStore::OpenResult &r) {
            openedAt = t.nsecsElapsed() / 1000;
            if (r.ok)
                tracker.loadFromStore();
        });
        waitFor([&] { return loaded; });
        view.repaint();
        const qint64 shown = t.nsecsElapsed() / 1000;
        std::printf("  start %d: store open %.0f ms, the month read and the Spend view painted %.0f ms (%lld "
                    "attempts this month, %s)\n",
                    run + 1, Bench::ms(double(openedAt)), Bench::ms(double(shown)),
                    static_cast<long long>(tracker.summary().total.monthAttempts),
                    qPrintable(tracker.summary().total.month.toString(2)));
    }
    std::printf("\n");
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int requests = 200'000;
    qint64 yearRows = 365LL * 86'400;
    const QStringList args = app.arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--year-rows") && i + 1 < args.size())
            yearRows = args.at(++i).toLongLong();
        else
            requests = std::max(1000, args.at(i).toInt());
    }
    diskUse(requests, false);
    diskUse(requests, true);
    if (yearRows > 0)
        yearOfSpend(yearRows);
    return 0;
}
