#pragma once

#include "store/conversationstore.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <atomic>

// Lives on the store's thread and owns the SQLite connection; every method runs there, in the order
// ConversationStore posted it. Conversations and messages are in storeworker.cpp, the history it
// keeps (samples, events, spend) and its upkeep in storehistory.cpp.
class StoreWorker final : public QObject
{
public:
    ~StoreWorker() override { close(); }

    // A null QString binds as SQL NULL; the NOT NULL text columns want "".
    static QString text(const QString &s);
    static qint64 nowMs();

    QSqlDatabase db() const { return QSqlDatabase::database(m_connection, false); }
    bool isOpen() const { return !m_connection.isEmpty(); }
    void close();
    bool exec(QSqlQuery &q, QString *error = nullptr);
    QString takeLastError() { return std::exchange(m_lastError, {}); }
    // Binds `values` to a prepared statement's placeholders, in order, and runs it.
    bool execRow(QSqlQuery &q, std::initializer_list<QVariant> values);
    // Runs a prepared SELECT and makes one T of each row with `read(q)`.
    template <typename T, typename Read>
    QList<T> readRows(QSqlQuery &q, Read read)
    {
        QList<T> out;
        if (!exec(q))
            return out;
        while (q.next())
            out << read(q);
        return out;
    }

    ConversationStore::OpenResult open(const QString &path);

    // Conversations and messages
    QList<ConversationSummary> list(const QString &search);
    qint64 create(const QString &title, const QString &systemPrompt);
    void update(const QString &sql, const QVariantList &values);
    QList<StoredMessage> messages(qint64 conversationId);
    qint64 append(const StoredMessage &m);
    void finish(const StoredMessage &m);

    // History
    void appendSamples(const QList<LatencySample> &samples);
    QList<LatencySample> samples(qint64 fromMs, qint64 toMs);
    void appendEvents(const QList<StoredEvent> &events);
    QList<StoredEvent> events(qint64 fromMs, qint64 toMs, int limit);
    void appendSpend(const QList<SpendRecord> &records);
    QList<SpendRecord> spend(qint64 fromMs, qint64 toMs);
    QList<SpendDay> spendDays(int fromDay, int toDay);

    // Deletes what is older than the cutoffs (ms since the epoch), a chunk per step; each step
    // queues the next behind whatever else was posted meanwhile. A new call restarts the walk.
    struct Cutoffs
    {
        qint64 raw = 0;    // events, samples, spend records
        qint64 second = 0; // samples_second
        qint64 minute = 0; // samples_minute
        qint64 hour = 0;   // samples_hour
    };
    static constexpr int RowsPerStep = 2000;
    void maintain(const Cutoffs &cutoffs);
    ConversationStore::MaintenanceStats maintenanceStats() const;

private:
    void maintenanceStep();
    struct Prune
    {
        const char *table;
        qint64 before;
        bool rowid;
    };
    bool tryOpen(const QString &path, QString *error);

    QString m_connection;
    QString m_lastError;
    bool m_checkDeferred = false;
    QList<Prune> m_prunes; // what is left to prune, in order
    quint64 m_maintenanceGeneration = 0;
    std::atomic<int> m_steps{0};
    std::atomic<qint64> m_deleted{0};
    std::atomic<bool> m_maintaining{false};
};
