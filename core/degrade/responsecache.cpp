#include "degrade/responsecache.h"

#include "util/logging.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Rows a file may hold from a time its limit was larger; the rest is deleted when it is opened.
constexpr int MaxRowsRead = 10'000;

struct CacheRow
{
    QByteArray key;
    CachedAnswer answer;
    qint64 lastUsed = 0;
};

bool prepareSchema(QSqlQuery &q, QString *error)
{
    if (!q.exec(
            u"CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, content TEXT NOT NULL, model TEXT, "
            u"tier TEXT, created INTEGER NOT NULL, last_used INTEGER NOT NULL, hits INTEGER NOT NULL DEFAULT 0)"_s) ||
        !q.exec(u"CREATE INDEX IF NOT EXISTS responses_last_used ON responses(last_used)"_s) ||
        !q.exec(u"PRAGMA user_version = 1"_s)) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

// The cache's file, on the cache's own thread: one connection, one transaction per batch.
class CacheWriter final : public QObject
{
public:
    struct Batch
    {
        bool clearFirst = false;
        QList<QByteArray> deletes;
        QList<CacheRow> rows;
    };

    void open(const QString &path)
    {
        m_connection = u"understudy-cache-writer-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            qCWarning(lcConfig) << "response cache: cannot open for writing:" << db.lastError().text();
            return;
        }
        QSqlQuery q(db);
        q.exec(u"PRAGMA journal_mode=WAL"_s);
        q.exec(u"PRAGMA synchronous=NORMAL"_s); // no fsync per commit; WAL keeps the file consistent
    }

    void close()
    {
        if (m_connection.isEmpty())
            return;
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
        m_connection.clear();
    }

    void write(const Batch &batch)
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (!db.isOpen())
            return;
        db.transaction();
        QSqlQuery q(db);
        if (batch.clearFirst)
            q.exec(u"DELETE FROM responses"_s);
        q.prepare(u"DELETE FROM responses WHERE key = ?"_s);
        for (const QByteArray &key : batch.deletes) {
            q.bindValue(0, QString::fromLatin1(key));
            q.exec();
        }
        q.prepare(u"INSERT OR REPLACE INTO responses (key, content, model, tier, created, last_used, hits) "
                  u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        for (const CacheRow &r : batch.rows) {
            q.bindValue(0, QString::fromLatin1(r.key));
            q.bindValue(1, r.answer.content);
            q.bindValue(2, r.answer.model);
            q.bindValue(3, r.answer.tier);
            q.bindValue(4, r.answer.storedAt.toSecsSinceEpoch());
            q.bindValue(5, r.lastUsed);
            q.bindValue(6, r.answer.hits);
            if (!q.exec())
                qCWarning(lcConfig) << "response cache: write failed:" << q.lastError().text();
        }
        db.commit();
    }

private:
    QString m_connection;
};

ResponseCache::ResponseCache(QObject *parent)
    : QObject(parent)
{
    m_writeTimer.setSingleShot(true);
    m_writeTimer.setInterval(WriteIntervalMs);
    connect(&m_writeTimer, &QTimer::timeout, this, &ResponseCache::writePending);
}

ResponseCache::~ResponseCache()
{
    if (m_writer) {
        flush();
        CacheWriter *w = m_writer;
        QMetaObject::invokeMethod(
            w, [w] { w->close(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete m_writer;
    }
}

QByteArray ResponseCache::key(const QList<ChatMessage> &messages)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const ChatMessage &m : messages) {
        hash.addData(roleName(m.role).toUtf8());
        hash.addData(QByteArrayView("\x1f"));
        hash.addData(m.content.simplified().toUtf8());
        hash.addData(QByteArrayView("\x1e"));
    }
    return hash.result().toHex();
}

namespace {

// Opens and checks the file on this thread, reads what it holds (the most recently used first) and
// closes it again: from then on only the writer thread touches it.
bool readFile(const QString &path, QList<CacheRow> *rows, QString *error)
{
    const QString connection =
        u"understudy-cache-read-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(u"PRAGMA quick_check"_s) || !q.next() || q.value(0).toString() != u"ok") {
                *error =
                    QCoreApplication::translate("ResponseCache", "the cache database is damaged (%1)")
                        .arg(q.lastError().text().isEmpty() ? q.value(0).toString() : q.lastError().text());
            } else {
                q.exec(u"PRAGMA journal_mode=WAL"_s);
                if (prepareSchema(q, error)) {
                    q.exec(u"DELETE FROM responses WHERE key NOT IN (SELECT key FROM responses ORDER BY "
                           u"last_used DESC LIMIT %1)"_s.arg(MaxRowsRead));
                    q.setForwardOnly(true);
                    ok = q.exec(u"SELECT key, content, model, tier, created, last_used, hits FROM responses "
                                u"ORDER BY last_used ASC"_s);
                    if (!ok)
                        *error = q.lastError().text();
                    while (ok && q.next()) {
                        CacheRow r;
                        r.key = q.value(0).toString().toLatin1();
                        r.answer.content = q.value(1).toString();
                        r.answer.model = q.value(2).toString();
                        r.answer.tier = q.value(3).toString();
                        r.answer.storedAt =
                            QDateTime::fromSecsSinceEpoch(q.value(4).toLongLong(), QTimeZone::utc());
                        r.lastUsed = q.value(5).toLongLong();
                        r.answer.hits = q.value(6).toInt();
                        rows->append(r);
                    }
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace

Result<bool, QString> ResponseCache::open(const QString &path)
{
    m_recoveryNote.clear();
    m_entries.clear();
    m_byUse.clear();
    if (path == u":memory:") {
        m_open = true;
        return true;
    }
    if (m_writer)
        return Result<bool, QString>::failure(u"the response cache is already open"_s);
    if (!AppPaths::ensureParentDir(path))
        return Result<bool, QString>::failure(
            QCoreApplication::translate("ResponseCache", "cannot create the folder of %1").arg(path));
    QString error;
    QList<CacheRow> rows;
    if (!readFile(path, &rows, &error)) {
        if (!QFile::exists(path))
            return Result<bool, QString>::failure(error);
        // Keep the damaged file for whoever wants to look at it, and start afresh.
        const QString aside =
            path + u".damaged-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddTHHmmss"_s);
        if (!QFile::rename(path, aside))
            return Result<bool, QString>::failure(
                QCoreApplication::translate("ResponseCache", "%1; it could not be moved aside").arg(error));
        QFile::rename(path + u"-wal"_s, aside + u"-wal"_s);
        QFile::rename(path + u"-shm"_s, aside + u"-shm"_s);
        m_recoveryNote = QCoreApplication::translate(
                             "ResponseCache", "The response cache could not be read (%1). It was moved "
                                              "aside to %2 and a new one was started.")
                             .arg(error, aside);
        qCWarning(lcConfig).noquote() << m_recoveryNote;
        rows.clear();
        if (!readFile(path, &rows, &error))
            return Result<bool, QString>::failure(error);
    }
    for (const CacheRow &r : std::as_const(rows)) { // least recently used first
        Entry &e = m_entries[r.key];
        e.answer = r.answer;
        touch(r.key, e, r.lastUsed);
    }
    m_writer = new CacheWriter;
    m_writer->moveToThread(&m_thread);
    m_thread.setObjectName(u"understudy-cache"_s);
    m_thread.start();
    CacheWriter *w = m_writer;
    QMetaObject::invokeMethod(
        w, [w, path] { w->open(path); }, Qt::QueuedConnection);
    m_persistent = true;
    m_open = true;
    trim();
    return true;
}

void ResponseCache::setLimits(int maxEntries, int ttlSeconds)
{
    m_maxEntries = maxEntries;
    m_ttlSeconds = ttlSeconds;
    trim();
}

void ResponseCache::touch(const QByteArray &key, Entry &entry, qint64 lastUsed)
{
    if (entry.useSerial != 0)
        m_byUse.erase(entry.useSerial);
    entry.useSerial = ++m_serial;
    entry.lastUsed = lastUsed;
    m_byUse.emplace(entry.useSerial, key);
}

void ResponseCache::trim()
{
    while (qsizetype(m_entries.size()) > std::max(0, m_maxEntries) && !m_byUse.empty()) {
        const QByteArray key = m_byUse.begin()->second;
        m_byUse.erase(m_byUse.begin());
        m_entries.remove(key);
        m_dirty.remove(key);
        m_deleted.insert(key);
    }
    scheduleWrite();
}

std::optional<CachedAnswer> ResponseCache::lookup(const QList<ChatMessage> &messages, const QDateTime &now)
{
    if (!m_open || m_maxEntries <= 0 || m_entries.isEmpty())
        return std::nullopt;
    const QByteArray k = key(messages);
    const auto it = m_entries.find(k);
    if (it == m_entries.end() ||
        it->answer.storedAt.toSecsSinceEpoch() < now.toSecsSinceEpoch() - m_ttlSeconds)
        return std::nullopt;
    ++it->answer.hits;
    touch(k, *it, now.toSecsSinceEpoch());
    m_dirty.insert(k);
    scheduleWrite();
    return it->answer;
}

void ResponseCache::store(const QList<ChatMessage> &messages, const CachedAnswer &answer)
{
    if (!m_open || m_maxEntries <= 0 || answer.content.isEmpty())
        return;
    const QByteArray k = key(messages);
    Entry &e = m_entries[k];
    e.answer = answer;
    e.answer.hits = 0;
    touch(k, e, answer.storedAt.toSecsSinceEpoch());
    m_deleted.remove(k);
    m_dirty.insert(k);
    trim(); // bounded: the least recently used answers go first
}

void ResponseCache::clear()
{
    m_entries.clear();
    m_byUse.clear();
    m_dirty.clear();
    m_deleted.clear();
    m_clearPending = true;
    scheduleWrite();
}

void ResponseCache::scheduleWrite()
{
    if (!m_persistent || m_writeTimer.isActive())
        return;
    if (m_dirty.isEmpty() && m_deleted.isEmpty() && !m_clearPending)
        return;
    m_writeTimer.start();
}

void ResponseCache::writePending()
{
    m_writeTimer.stop();
    if (!m_writer || (m_dirty.isEmpty() && m_deleted.isEmpty() && !m_clearPending))
        return;
    CacheWriter::Batch batch;
    batch.clearFirst = std::exchange(m_clearPending, false);
    batch.deletes = std::exchange(m_deleted, {}).values();
    for (const QByteArray &k : std::as_const(m_dirty)) {
        const auto it = m_entries.constFind(k);
        if (it != m_entries.constEnd())
            batch.rows.append(CacheRow{k, it->answer, it->lastUsed});
    }
    m_dirty.clear();
    CacheWriter *w = m_writer;
    QMetaObject::invokeMethod(
        w, [w, batch = std::move(batch)] { w->write(batch); }, Qt::QueuedConnection);
}

void ResponseCache::flush()
{
    writePending();
    if (!m_writer)
        return;
    QSemaphore done;
    QMetaObject::invokeMethod(
        m_writer, [&done] { done.release(); }, Qt::QueuedConnection);
    done.acquire();
}
