#include "store/storeworker.h"

#include "store/integritycheck.h"
#include "util/logging.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Each entry moves the schema one version up; never edit a released entry, append a new one.
const QStringList &migrations()
{
    static const QStringList steps = {
        // 1: conversations, messages, events
        u"CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT NOT NULL, system_prompt TEXT NOT "
        u"NULL "
        u"DEFAULT '', pinned INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT "
        u"NULL, "
        u"deleted_at INTEGER);"
        u"CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL REFERENCES "
        u"conversations(id) ON DELETE CASCADE, role TEXT NOT NULL, content TEXT NOT NULL, status TEXT NOT "
        u"NULL, "
        u"created_at INTEGER NOT NULL, request_id TEXT, tier TEXT, provider TEXT, model TEXT, input_tokens "
        u"INTEGER, "
        u"output_tokens INTEGER, tokens_estimated INTEGER, cost_micros INTEGER, latency_ms INTEGER, ttft_ms "
        u"INTEGER, "
        u"level TEXT, source TEXT, error TEXT, meta TEXT);"
        u"CREATE INDEX messages_by_conversation ON messages(conversation_id, id);"
        u"CREATE TABLE events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, tier TEXT, "
        u"summary TEXT, detail TEXT, data TEXT);"
        u"CREATE INDEX events_by_time ON events(at);"_s,
        // 2: latency samples; events carry a problem flag and their drill
        u"CREATE TABLE samples (tier TEXT NOT NULL, at INTEGER NOT NULL, latency_ms INTEGER, ttft_ms "
        u"INTEGER, "
        u"ok INTEGER NOT NULL);"
        u"CREATE INDEX samples_by_time ON samples(at);"
        u"ALTER TABLE events ADD COLUMN problem INTEGER NOT NULL DEFAULT 0;"
        u"ALTER TABLE events ADD COLUMN drill TEXT;"_s,
        // 3: spend per attempt that used tokens, and what it would have cost on the primary tier
        u"CREATE TABLE spend (at INTEGER NOT NULL, tier TEXT NOT NULL, provider TEXT, model TEXT, "
        u"input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_micros INTEGER NOT NULL, "
        u"primary_cost_micros INTEGER NOT NULL);"
        u"CREATE INDEX spend_by_time ON spend(at);"_s,
        // 4: spend summed per local day and (tier, provider, model), kept up to date as spend is written
        u"CREATE TABLE spend_daily (day INTEGER NOT NULL, tier TEXT NOT NULL, provider TEXT NOT NULL, "
        u"model TEXT NOT NULL, attempts INTEGER NOT NULL, input_tokens INTEGER NOT NULL, output_tokens "
        u"INTEGER NOT NULL, cost_micros INTEGER NOT NULL, primary_cost_micros INTEGER NOT NULL, "
        u"PRIMARY KEY (day, tier, provider, model)) WITHOUT ROWID;"
        u"INSERT INTO spend_daily SELECT CAST(strftime('%Y%m%d', at / 1000, 'unixepoch', 'localtime') AS "
        u"INTEGER), tier, COALESCE(provider, ''), COALESCE(model, ''), COUNT(*), SUM(input_tokens), "
        u"SUM(output_tokens), SUM(cost_micros), SUM(primary_cost_micros) FROM spend GROUP BY 1, 2, 3, 4;"_s,
        // 5: latency per tier summed per second (the charts), minute and hour, as samples are written
        u"CREATE TABLE samples_second (at INTEGER NOT NULL, tier TEXT NOT NULL, n INTEGER NOT NULL, ok "
        u"INTEGER "
        u"NOT NULL, lat_n INTEGER NOT NULL, lat_sum INTEGER NOT NULL, lat_min INTEGER, lat_max INTEGER, "
        u"PRIMARY KEY (at, tier)) WITHOUT ROWID;"
        u"CREATE TABLE samples_minute (at INTEGER NOT NULL, tier TEXT NOT NULL, n INTEGER NOT NULL, ok "
        u"INTEGER "
        u"NOT NULL, lat_n INTEGER NOT NULL, lat_sum INTEGER NOT NULL, lat_min INTEGER, lat_max INTEGER, "
        u"PRIMARY KEY (at, tier)) WITHOUT ROWID;"
        u"CREATE TABLE samples_hour (at INTEGER NOT NULL, tier TEXT NOT NULL, n INTEGER NOT NULL, ok INTEGER "
        u"NOT NULL, lat_n INTEGER NOT NULL, lat_sum INTEGER NOT NULL, lat_min INTEGER, lat_max INTEGER, "
        u"PRIMARY KEY (at, tier)) WITHOUT ROWID;"
        u"INSERT INTO samples_second SELECT at / 1000 * 1000, tier, COUNT(*), SUM(ok), COUNT(latency_ms), "
        u"COALESCE(SUM(latency_ms), 0), MIN(latency_ms), MAX(latency_ms) FROM samples GROUP BY 1, 2;"
        u"INSERT INTO samples_minute SELECT at / 60000 * 60000, tier, COUNT(*), SUM(ok), COUNT(latency_ms), "
        u"COALESCE(SUM(latency_ms), 0), MIN(latency_ms), MAX(latency_ms) FROM samples GROUP BY 1, 2;"
        u"INSERT INTO samples_hour SELECT at / 3600000 * 3600000, tier, COUNT(*), SUM(ok), "
        u"COUNT(latency_ms), "
        u"COALESCE(SUM(latency_ms), 0), MIN(latency_ms), MAX(latency_ms) FROM samples GROUP BY 1, 2;"_s,
    };
    return steps;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace

QString StoreWorker::text(const QString &s)
{
    return s.isNull() ? QString(u""_s) : s;
}

qint64 StoreWorker::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void StoreWorker::close()
{
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase d = db();
        d.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

bool StoreWorker::exec(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    const QString e = q.lastError().text();
    if (error)
        *error = e;
    qCWarning(lcConfig) << "store:" << e;
    m_lastError = e;
    return false;
}

bool StoreWorker::execRow(QSqlQuery &q, std::initializer_list<QVariant> values)
{
    int i = 0;
    for (const QVariant &v : values)
        q.bindValue(i++, v);
    return exec(q);
}

bool StoreWorker::tryOpen(const QString &path, QString *error)
{
    close();
    m_connection = u"understudy-store-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase d = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    d.setDatabaseName(path);
    if (!d.open()) {
        *error = d.lastError().text();
        return false;
    }
    QSqlQuery q(d);
    QFile marker(IntegrityCheck::markerPath(path));
    if (path != u":memory:" && marker.open(QIODevice::ReadOnly)) {
        *error = u"the database failed its integrity check (%1)"_s.arg(QString::fromUtf8(marker.readAll()));
        marker.close();
        marker.remove();
        return false;
    }
    m_checkDeferred =
        path != u":memory:" && QFileInfo(path).size() > ConversationStore::checkBeforeOpenMaxBytes();
    if (m_checkDeferred) {
        // Checked after opening, in the background: here only that it is a database at all.
        if (!q.exec(u"SELECT COUNT(*) FROM sqlite_master"_s) || !q.next()) {
            *error = u"the database is damaged (%1)"_s.arg(q.lastError().text());
            return false;
        }
    } else if (!q.exec(u"PRAGMA quick_check"_s) || !q.next() || q.value(0).toString() != u"ok") {
        *error = u"the database is damaged (%1)"_s.arg(q.lastError().text().isEmpty() ? q.value(0).toString()
                                                                                      : q.lastError().text());
        return false;
    }
    if (path != u":memory:") {
        // A new file gives deleted rows' space back to the file system (a little at a time, see
        // maintain()); an older one reuses it for new rows.
        if (q.exec(u"PRAGMA user_version"_s) && q.next() && q.value(0).toInt() == 0)
            q.exec(u"PRAGMA auto_vacuum = INCREMENTAL"_s);
        q.exec(u"PRAGMA journal_mode=WAL"_s);
        q.exec(u"PRAGMA synchronous=NORMAL"_s); // survives a killed process; WAL keeps it consistent
    }
    q.exec(u"PRAGMA foreign_keys=ON"_s);
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    int version = q.value(0).toInt();
    if (version > ConversationStore::SchemaVersion) {
        *error =
            u"the database was written by a newer Understudy (schema %1; this build reads %2)"_s.arg(version)
                .arg(ConversationStore::SchemaVersion);
        return false;
    }
    for (; version < migrations().size(); ++version) {
        d.transaction();
        for (const QString &statement : migrations().at(version).split(u';', Qt::SkipEmptyParts)) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!q.exec(statement)) {
                *error = u"migration to schema %1 failed: %2"_s.arg(version + 1).arg(q.lastError().text());
                d.rollback();
                return false;
            }
        }
        q.exec(u"PRAGMA user_version = %1"_s.arg(version + 1));
        d.commit();
    }
    return true;
}

ConversationStore::OpenResult StoreWorker::open(const QString &path)
{
    ConversationStore::OpenResult r;
    if (path != u":memory:" && !AppPaths::ensureParentDir(path)) {
        r.error = QCoreApplication::translate("ResponseCache", "cannot create the folder of %1").arg(path);
        return r;
    }
    QString error;
    if (!tryOpen(path, &error)) {
        close();
        if (path == u":memory:" || !QFile::exists(path)) {
            r.error = error;
            return r;
        }
        // Keep the old file intact for the user, and carry on with a fresh one.
        const QString aside =
            path + u".damaged-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddTHHmmss"_s);
        if (!QFile::rename(path, aside)) {
            r.error =
                QCoreApplication::translate("ConversationStore", "%1; the file could not be moved aside")
                    .arg(error);
            return r;
        }
        for (const QString &suffix : {u"-wal"_s, u"-shm"_s})
            QFile::rename(path + suffix, aside + suffix);
        r.recoveryNote =
            QCoreApplication::translate("ConversationStore",
                                        "The conversation database could not be opened (%1). It was "
                                        "moved aside to %2, untouched, and a new one was created.")
                .arg(error, aside);
        if (!tryOpen(path, &error)) {
            r.error = error;
            return r;
        }
    }
    // A crash mid-answer leaves "streaming" rows: they are incomplete now.
    QSqlQuery q(db());
    q.prepare(u"UPDATE messages SET status = 'incomplete', error = COALESCE(error, 'the app stopped while "
              u"the answer was streaming') WHERE status = 'streaming'"_s);
    if (exec(q))
        r.recoveredMessages = q.numRowsAffected();
    r.ok = true;
    r.checkDeferred = m_checkDeferred;
    return r;
}

QList<ConversationSummary> StoreWorker::list(const QString &search)
{
    QList<ConversationSummary> out;
    QSqlQuery q(db());
    QString sql =
        u"SELECT c.id, c.title, c.system_prompt, c.pinned, c.created_at, c.updated_at, "
        u"(SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id), "
        u"(SELECT content FROM messages m WHERE m.conversation_id = c.id %1 ORDER BY m.id DESC LIMIT 1) "
        u"FROM conversations c WHERE c.deleted_at IS NULL %2 "
        u"ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC"_s;
    if (search.trimmed().isEmpty()) {
        q.prepare(sql.arg(QString(), QString()));
    } else {
        q.prepare(sql.arg(u"AND m.content LIKE :p ESCAPE '\\'"_s,
                          u"AND (c.title LIKE :p ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages m WHERE "
                          u"m.conversation_id = c.id AND m.content LIKE :p ESCAPE '\\'))"_s));
        q.bindValue(u":p"_s, likePattern(search.trimmed()));
    }
    if (!exec(q))
        return out;
    while (q.next()) {
        ConversationSummary c;
        c.id = q.value(0).toLongLong();
        c.title = q.value(1).toString();
        c.systemPrompt = q.value(2).toString();
        c.pinned = q.value(3).toBool();
        c.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), QTimeZone::utc());
        c.updatedAt = QDateTime::fromMSecsSinceEpoch(q.value(5).toLongLong(), QTimeZone::utc());
        c.messageCount = q.value(6).toInt();
        const QString text = q.value(7).toString().simplified();
        const qsizetype at =
            search.isEmpty()
                ? 0
                : std::max<qsizetype>(0, text.indexOf(search.trimmed(), 0, Qt::CaseInsensitive) - 30);
        c.snippet = text.mid(at, 120);
        out << c;
    }
    return out;
}

qint64 StoreWorker::create(const QString &title, const QString &systemPrompt)
{
    QSqlQuery q(db());
    q.prepare(
        u"INSERT INTO conversations (title, system_prompt, created_at, updated_at) VALUES (?, ?, ?, ?)"_s);
    const qint64 t = nowMs();
    q.addBindValue(text(title));
    q.addBindValue(text(systemPrompt));
    q.addBindValue(t);
    q.addBindValue(t);
    return exec(q) ? q.lastInsertId().toLongLong() : 0;
}

void StoreWorker::update(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(db());
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    exec(q);
}

QList<StoredMessage> StoreWorker::messages(qint64 conversationId)
{
    QList<StoredMessage> out;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(
        u"SELECT id, role, content, status, created_at, request_id, tier, provider, model, input_tokens, "
        u"output_tokens, tokens_estimated, cost_micros, latency_ms, ttft_ms, level, source, error, meta "
        u"FROM messages WHERE conversation_id = ? ORDER BY id"_s);
    q.addBindValue(conversationId);
    if (!exec(q))
        return out;
    while (q.next()) {
        StoredMessage m;
        m.id = q.value(0).toLongLong();
        m.conversationId = conversationId;
        const QString role = q.value(1).toString();
        m.role = role == u"system" ? Role::System : role == u"assistant" ? Role::Assistant : Role::User;
        m.content = q.value(2).toString();
        m.status = messageStatusFromName(q.value(3).toString());
        m.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), QTimeZone::utc());
        m.requestId = q.value(5).toString();
        m.tier = q.value(6).toString();
        m.provider = q.value(7).toString();
        m.model = q.value(8).toString();
        m.usage = Usage{q.value(9).toLongLong(), q.value(10).toLongLong(), q.value(11).toBool()};
        m.cost = Money::fromMicros(q.value(12).toLongLong());
        m.latencyMs = q.value(13).isNull() ? -1 : q.value(13).toLongLong();
        m.ttftMs = q.value(14).isNull() ? -1 : q.value(14).toLongLong();
        m.level = degradationLevelFromName(q.value(15).toString()).value_or(DegradationLevel::Full);
        const QString source = q.value(16).toString();
        m.source = source == u"cache"  ? AnswerSource::Cache
                   : source == u"rule" ? AnswerSource::Rule
                                       : AnswerSource::Model;
        m.error = q.value(17).toString();
        m.metaJson = q.value(18).toByteArray();
        out << m;
    }
    return out;
}

qint64 StoreWorker::append(const StoredMessage &m)
{
    QSqlQuery q(db());
    q.prepare(u"INSERT INTO messages (conversation_id, role, content, status, created_at, request_id) "
              u"VALUES (?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(m.conversationId);
    q.addBindValue(roleName(m.role));
    q.addBindValue(text(m.content));
    q.addBindValue(messageStatusName(m.status));
    q.addBindValue(nowMs());
    q.addBindValue(m.requestId);
    if (!exec(q))
        return 0;
    const qint64 id = q.lastInsertId().toLongLong();
    update(u"UPDATE conversations SET updated_at = ? WHERE id = ?"_s, {nowMs(), m.conversationId});
    return id;
}

void StoreWorker::finish(const StoredMessage &m)
{
    update(u"UPDATE messages SET content = ?, status = ?, request_id = ?, tier = ?, provider = ?, model "
           u"= ?, "
           u"input_tokens = ?, output_tokens = ?, tokens_estimated = ?, cost_micros = ?, latency_ms = ?, "
           u"ttft_ms = ?, "
           u"level = ?, source = ?, error = ?, meta = ? WHERE id = ?"_s,
           {text(m.content), messageStatusName(m.status), m.requestId, m.tier, m.provider, m.model,
            m.usage.inputTokens, m.usage.outputTokens, m.usage.estimated, m.cost.micros(), m.latencyMs,
            m.ttftMs, degradationLevelName(m.level), answerSourceName(m.source), m.error,
            QString::fromUtf8(m.metaJson), m.id});
}
