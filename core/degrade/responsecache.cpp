#include "degrade/responsecache.h"

#include "util/logging.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

using namespace Qt::StringLiterals;

ResponseCache::ResponseCache()
    : m_connection(u"understudy-cache-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

ResponseCache::~ResponseCache()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool ResponseCache::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
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

bool ResponseCache::openAt(const QString &path, QString *error)
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA quick_check"_s) || !q.next() || q.value(0).toString() != u"ok") {
        *error = QCoreApplication::translate("ResponseCache", "the cache database is damaged (%1)")
                     .arg(q.lastError().text().isEmpty() ? q.value(0).toString() : q.lastError().text());
        db.close();
        return false;
    }
    if (path != u":memory:")
        q.exec(u"PRAGMA journal_mode=WAL"_s);
    if (!q.exec(
            u"CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, content TEXT NOT NULL, model TEXT, "
            u"tier TEXT, created INTEGER NOT NULL, last_used INTEGER NOT NULL, hits INTEGER NOT NULL DEFAULT 0)"_s) ||
        !q.exec(u"CREATE INDEX IF NOT EXISTS responses_last_used ON responses(last_used)"_s) ||
        !q.exec(u"PRAGMA user_version = 1"_s)) {
        *error = q.lastError().text();
        db.close();
        return false;
    }
    return true;
}

Result<bool, QString> ResponseCache::open(const QString &path)
{
    m_recoveryNote.clear();
    if (path != u":memory:" && !AppPaths::ensureParentDir(path))
        return Result<bool, QString>::failure(
            QCoreApplication::translate("ResponseCache", "cannot create the folder of %1").arg(path));
    QString error;
    if (openAt(path, &error))
        return true;
    if (path == u":memory:" || !QFile::exists(path))
        return Result<bool, QString>::failure(error);
    // Keep the damaged file for whoever wants to look at it, and start afresh.
    const QString aside =
        path + u".damaged-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddTHHmmss"_s);
    if (!QFile::rename(path, aside))
        return Result<bool, QString>::failure(
            QCoreApplication::translate("ResponseCache", "%1; it could not be moved aside").arg(error));
    QFile::rename(path + u"-wal"_s, aside + u"-wal"_s);
    QFile::rename(path + u"-shm"_s, aside + u"-shm"_s);
    m_recoveryNote =
        QCoreApplication::translate(
            "ResponseCache", "The response cache could not be read (%1). It was moved aside to %2 and a new "
                             "one was started.")
            .arg(error, aside);
    qCWarning(lcConfig).noquote() << m_recoveryNote;
    if (!openAt(path, &error))
        return Result<bool, QString>::failure(error);
    return true;
}

void ResponseCache::setLimits(int maxEntries, int ttlSeconds)
{
    m_maxEntries = maxEntries;
    m_ttlSeconds = ttlSeconds;
}

std::optional<CachedAnswer> ResponseCache::lookup(const QList<ChatMessage> &messages, const QDateTime &now)
{
    if (!isOpen() || m_maxEntries <= 0)
        return std::nullopt;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(u"SELECT content, model, tier, created, hits FROM responses WHERE key = ? AND created >= ?"_s);
    q.addBindValue(QString::fromLatin1(key(messages)));
    q.addBindValue(now.toSecsSinceEpoch() - m_ttlSeconds);
    if (!q.exec() || !q.next())
        return std::nullopt;
    CachedAnswer a;
    a.content = q.value(0).toString();
    a.model = q.value(1).toString();
    a.tier = q.value(2).toString();
    a.storedAt = QDateTime::fromSecsSinceEpoch(q.value(3).toLongLong(), QTimeZone::utc());
    a.hits = q.value(4).toInt() + 1;
    QSqlQuery touch(db);
    touch.prepare(u"UPDATE responses SET hits = hits + 1, last_used = ? WHERE key = ?"_s);
    touch.addBindValue(now.toSecsSinceEpoch());
    touch.addBindValue(QString::fromLatin1(key(messages)));
    touch.exec();
    return a;
}

void ResponseCache::store(const QList<ChatMessage> &messages, const CachedAnswer &answer)
{
    if (!isOpen() || m_maxEntries <= 0 || answer.content.isEmpty())
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(u"INSERT OR REPLACE INTO responses (key, content, model, tier, created, last_used, hits) "
              u"VALUES (?, ?, ?, ?, ?, ?, 0)"_s);
    const qint64 t = answer.storedAt.toSecsSinceEpoch();
    q.addBindValue(QString::fromLatin1(key(messages)));
    q.addBindValue(answer.content);
    q.addBindValue(answer.model);
    q.addBindValue(answer.tier);
    q.addBindValue(t);
    q.addBindValue(t);
    if (!q.exec())
        return;
    // Bounded: the least recently used answers go first.
    QSqlQuery trim(db);
    trim.prepare(u"DELETE FROM responses WHERE key IN (SELECT key FROM responses ORDER BY last_used DESC "
                 u"LIMIT -1 OFFSET ?)"_s);
    trim.addBindValue(m_maxEntries);
    trim.exec();
}

int ResponseCache::size() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(u"SELECT COUNT(*) FROM responses"_s) || !q.next())
        return 0;
    return q.value(0).toInt();
}

void ResponseCache::clear()
{
    if (isOpen())
        QSqlQuery(QSqlDatabase::database(m_connection, false)).exec(u"DELETE FROM responses"_s);
}
