#pragma once

#include "store/conversationstore.h"

#include <QObject>
#include <QSqlDatabase>
#include <QVariantList>

class QSqlQuery;

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

private:
    bool tryOpen(const QString &path, QString *error);

    QString m_connection;
    QString m_lastError;
};
