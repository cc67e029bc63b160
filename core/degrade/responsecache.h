#pragma once

#include "providers/chattypes.h"
#include "util/result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThread>
#include <QTimer>

#include <map>
#include <optional>

struct CachedAnswer
{
    QString content;
    QString model;
    QString tier;
    QDateTime storedAt;
    int hits = 0;
};

class CacheWriter;

// Answers kept for the FALLBACK level, keyed on the normalised request (roles and
// whitespace-collapsed text, SHA-256), bounded (least recently used first out) and expiring.
// Lookups and stores are in memory: nothing on a request's path touches the disk. The file
// (SQLite, WAL) is read once at open() and written behind, in one transaction per second on a
// thread of its own; the answers of the last second are what a crash can lose. A file that cannot
// be opened or is corrupt is moved aside intact, never deleted, and a fresh cache starts.
class ResponseCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseCache)

public:
    static constexpr int WriteIntervalMs = 1000;

    explicit ResponseCache(QObject *parent = nullptr);
    ~ResponseCache() override; // writes what is pending, then closes

    // ":memory:" keeps it in memory only (tests).
    Result<bool, QString> open(const QString &path);
    bool isOpen() const { return m_open; }
    // Set when open() had to move a damaged file aside: says where it went.
    QString recoveryNote() const { return m_recoveryNote; }

    void setLimits(int maxEntries, int ttlSeconds);
    std::optional<CachedAnswer> lookup(const QList<ChatMessage> &messages, const QDateTime &now);
    void store(const QList<ChatMessage> &messages, const CachedAnswer &answer);
    int size() const { return int(m_entries.size()); }
    void clear();
    // Hands pending writes to the writer thread now, and waits until they are on disk (shutdown, tests).
    void flush();

    static QByteArray key(const QList<ChatMessage> &messages);

private:
    struct Entry
    {
        CachedAnswer answer;
        qint64 lastUsed = 0; // seconds since the epoch
        quint64 useSerial = 0;
    };
    void touch(const QByteArray &key, Entry &entry, qint64 lastUsed);
    void trim();
    void scheduleWrite();
    void writePending();

    bool m_open = false;
    bool m_persistent = false;
    QString m_recoveryNote;
    int m_maxEntries = 500;
    int m_ttlSeconds = 86'400;
    QHash<QByteArray, Entry> m_entries;
    std::map<quint64, QByteArray> m_byUse; // least recently used first
    quint64 m_serial = 0;
    // Written behind: keys whose row must be (re)written, keys to delete, a pending clear.
    QSet<QByteArray> m_dirty;
    QSet<QByteArray> m_deleted;
    bool m_clearPending = false;
    QTimer m_writeTimer;
    QThread m_thread;
    CacheWriter *m_writer = nullptr;
};
