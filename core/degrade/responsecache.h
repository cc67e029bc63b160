#pragma once

#include "providers/chattypes.h"
#include "util/result.h"

#include <QDateTime>
#include <QString>

#include <optional>

struct CachedAnswer
{
    QString content;
    QString model;
    QString tier;
    QDateTime storedAt;
    int hits = 0;
};

// Answers kept for the FALLBACK level: persisted in SQLite (WAL), bounded, keyed on the normalised
// request (roles and whitespace-collapsed text, SHA-256). A file that cannot be opened or is corrupt
// is moved aside intact, never deleted, and a fresh cache starts.
class ResponseCache final
{
public:
    ResponseCache();
    ~ResponseCache();
    ResponseCache(const ResponseCache &) = delete;
    ResponseCache &operator=(const ResponseCache &) = delete;

    // ":memory:" keeps it in memory (tests).
    Result<bool, QString> open(const QString &path);
    bool isOpen() const;
    // Set when open() had to move a damaged file aside: says where it went.
    QString recoveryNote() const { return m_recoveryNote; }

    void setLimits(int maxEntries, int ttlSeconds);
    std::optional<CachedAnswer> lookup(const QList<ChatMessage> &messages, const QDateTime &now);
    void store(const QList<ChatMessage> &messages, const CachedAnswer &answer);
    int size() const;
    void clear();

    static QByteArray key(const QList<ChatMessage> &messages);

private:
    bool openAt(const QString &path, QString *error);

    QString m_connection;
    QString m_recoveryNote;
    int m_maxEntries = 500;
    int m_ttlSeconds = 86'400;
};
