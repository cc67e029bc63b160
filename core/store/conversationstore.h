#pragma once

#include "config/config.h"
#include "store/integritycheck.h"
#include "store/storetypes.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <functional>

class Clock;
class StoreWorker;

// Conversations, messages and events in SQLite (Qt Sql, WAL), with versioned migrations. All database
// work runs on a worker thread, in the order it was asked for; results come back to the caller's
// context object on its own thread. A database that cannot be opened or fails its integrity check is
// moved aside intact (never deleted) and a fresh one is created.
class ConversationStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationStore)

public:
    static constexpr int SchemaVersion = 5;

    explicit ConversationStore(QObject *parent = nullptr);
    ~ConversationStore() override; // finishes queued writes, then closes

    struct OpenResult
    {
        bool ok = false;
        QString error;
        QString recoveryNote;       // set when a damaged file was moved aside
        int recoveredMessages = 0;  // answers left "streaming" by a crash, now marked incomplete
        bool checkDeferred = false; // too big to check before use: checked in the background
    };
    // Files up to this size are checked (PRAGMA quick_check) before use; bigger ones after, on a
    // thread of their own (IntegrityCheck), so a store of gigabytes opens at once.
    static constexpr qint64 CheckBeforeOpenMaxBytes = 64LL * 1024 * 1024;
    static qint64 checkBeforeOpenMaxBytes();
    static void setCheckBeforeOpenMaxBytesForTests(qint64 bytes);
    // ":memory:" keeps everything in memory (tests).
    void open(const QString &path, QObject *context, std::function<void(const OpenResult &)> done);
    // Blocks until every queued operation has run (for shutdown and tests; never from a GUI slot).
    void flush();

    void listConversations(const QString &search, QObject *context,
                           std::function<void(const QList<ConversationSummary> &)> done);
    void createConversation(const QString &title, const QString &systemPrompt, QObject *context,
                            std::function<void(qint64 id)> done);
    void renameConversation(qint64 id, const QString &title);
    void setSystemPrompt(qint64 id, const QString &systemPrompt);
    void setPinned(qint64 id, bool pinned);
    // Soft delete: restoreConversation() brings it back until purgeDeleted() runs.
    void deleteConversation(qint64 id);
    void restoreConversation(qint64 id);
    void purgeDeleted();

    void loadMessages(qint64 conversationId, QObject *context,
                      std::function<void(const QList<StoredMessage> &)> done);
    void appendMessage(const StoredMessage &message, QObject *context, std::function<void(qint64 id)> done);
    // A streaming answer so far (batched by the caller).
    void updateContent(qint64 messageId, const QString &content);
    void finishMessage(const StoredMessage &message);

    // History for the Health charts and the Events view (batched by the caller). Samples are also
    // summed per tier and second, minute and hour as they are written; loadSamples() reads the
    // seconds: for each second with successes, its fastest and (when different) its slowest, so a
    // day at any request rate is at most two points per second and tier.
    void appendSamples(const QList<LatencySample> &samples);
    void loadSamples(qint64 fromMs, qint64 toMs, QObject *context,
                     std::function<void(const QList<LatencySample> &)> done);
    void appendEvents(const QList<StoredEvent> &events);
    // The newest `limit` events in [fromMs, toMs], oldest first.
    void loadEvents(qint64 fromMs, qint64 toMs, int limit, QObject *context,
                    std::function<void(const QList<StoredEvent> &)> done);
    // Spend per attempt, summed into one row per local day and (tier, provider, model) as it is
    // written: the daily rows are kept for ever (months are compared with months), the raw records for
    // a while. Reading a month is reading its daily rows.
    void appendSpend(const QList<SpendRecord> &records);
    void loadSpend(qint64 fromMs, qint64 toMs, QObject *context,
                   std::function<void(const QList<SpendRecord> &)> done);
    // Days as yyyymmdd, both ends included.
    void loadSpendDays(int fromDay, int toDay, QObject *context,
                       std::function<void(const QList<SpendDay> &)> done);
    // How long history is kept (the config's `history`). Once started (the store open), history older
    // than that is pruned now and every MaintenanceIntervalMs, a few thousand rows per step, each step
    // its own transaction queued behind whatever else was asked for.
    static constexpr int MaintenanceIntervalMs = 10 * 60 * 1000;
    void setRetention(const HistoryConfig &retention);
    void startMaintenance(const Clock &clock);
    void maintainNow();
    // Tests: steps run so far, rows deleted so far.
    struct MaintenanceStats
    {
        int steps = 0;
        qint64 deleted = 0;
        bool running = false;
    };
    MaintenanceStats maintenanceStats() const;

    QString path() const { return m_path; }
    bool isOpen() const { return m_open; }

signals:
    void opened(bool ok);
    // A write failed: the message says what (the GUI shows it; nothing is silently lost).
    void writeFailed(const QString &message);
    // The background check of a big file found damage: it is moved aside on the next start.
    void integrityProblem(const QString &message);
    // The background check of a big file is done (ok: no damage found).
    void integrityChecked(bool ok);

private:
    template <typename Fn>
    void post(Fn &&fn);
    // Runs `read(worker)` on the store's thread; `done` gets the result on this one, if `context`
    // (when one was given) still exists.
    template <typename T, typename Read>
    void fetch(QObject *context, std::function<void(const T &)> done, Read read);
    // Hands a batch of history rows to the worker's `append` (nothing for an empty batch).
    template <typename T>
    void queueAppend(void (StoreWorker::*append)(const QList<T> &), const QList<T> &rows);

    QThread m_thread;
    StoreWorker *m_worker = nullptr;
    IntegrityCheck *m_check = nullptr;
    QTimer m_maintenance;
    HistoryConfig m_retention;
    const Clock *m_clock = nullptr;
    QString m_path;
    bool m_open = false;
};
