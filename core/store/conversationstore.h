#pragma once

#include "store/storetypes.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

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
    static constexpr int SchemaVersion = 4;

    explicit ConversationStore(QObject *parent = nullptr);
    ~ConversationStore() override; // finishes queued writes, then closes

    struct OpenResult
    {
        bool ok = false;
        QString error;
        QString recoveryNote;      // set when a damaged file was moved aside
        int recoveredMessages = 0; // answers left "streaming" by a crash, now marked incomplete
    };
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

    // History for the Health charts and the Events view (batched by the caller).
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
    // Samples and events older than this are dropped (conversations and spend are kept).
    void pruneHistory(qint64 olderThanMs);

    QString path() const { return m_path; }
    bool isOpen() const { return m_open; }

signals:
    void opened(bool ok);
    // A write failed: the message says what (the GUI shows it; nothing is silently lost).
    void writeFailed(const QString &message);

private:
    template <typename Fn>
    void post(Fn &&fn);

    QThread m_thread;
    StoreWorker *m_worker = nullptr;
    QString m_path;
    bool m_open = false;
};
