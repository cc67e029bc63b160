#include "store/conversationstore.h"

#include "util/logging.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QFile>
#include <QSemaphore>
#include <QSqlDatabase>
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
    };
    return steps;
}

// A null QString binds as SQL NULL; the NOT NULL text columns want "".
QString text(const QString &s)
{
    return s.isNull() ? QString(u""_s) : s;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace

// Lives on the store's thread; owns the connection. Every method runs there.
class StoreWorker final : public QObject
{
public:
    ~StoreWorker() override { close(); }

    QSqlDatabase db() const { return QSqlDatabase::database(m_connection, false); }

    void close()
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

    bool exec(QSqlQuery &q, QString *error = nullptr)
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

    bool tryOpen(const QString &path, QString *error)
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
        if (!q.exec(u"PRAGMA quick_check"_s) || !q.next() || q.value(0).toString() != u"ok") {
            *error = u"the database is damaged (%1)"_s.arg(
                q.lastError().text().isEmpty() ? q.value(0).toString() : q.lastError().text());
            return false;
        }
        if (path != u":memory:") {
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
            *error = u"the database was written by a newer Understudy (schema %1; this build reads %2)"_s
                         .arg(version)
                         .arg(ConversationStore::SchemaVersion);
            return false;
        }
        for (; version < migrations().size(); ++version) {
            d.transaction();
            for (const QString &statement : migrations().at(version).split(u';', Qt::SkipEmptyParts)) {
                if (statement.trimmed().isEmpty())
                    continue;
                if (!q.exec(statement)) {
                    *error =
                        u"migration to schema %1 failed: %2"_s.arg(version + 1).arg(q.lastError().text());
                    d.rollback();
                    return false;
                }
            }
            q.exec(u"PRAGMA user_version = %1"_s.arg(version + 1));
            d.commit();
        }
        return true;
    }

    ConversationStore::OpenResult open(const QString &path)
    {
        ConversationStore::OpenResult r;
        if (path != u":memory:" && !AppPaths::ensureParentDir(path)) {
            r.error =
                QCoreApplication::translate("ResponseCache", "cannot create the folder of %1").arg(path);
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
        q.prepare(
            u"UPDATE messages SET status = 'incomplete', error = COALESCE(error, 'the app stopped while "
            u"the answer was streaming') WHERE status = 'streaming'"_s);
        if (exec(q))
            r.recoveredMessages = q.numRowsAffected();
        r.ok = true;
        return r;
    }

    QList<ConversationSummary> list(const QString &search)
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

    qint64 create(const QString &title, const QString &systemPrompt)
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

    void update(const QString &sql, const QVariantList &values)
    {
        QSqlQuery q(db());
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        exec(q);
    }

    QList<StoredMessage> messages(qint64 conversationId)
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

    qint64 append(const StoredMessage &m)
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

    void finish(const StoredMessage &m)
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

    void appendSamples(const QList<LatencySample> &samples)
    {
        if (m_connection.isEmpty())
            return; // never opened (the CLI keeps no history): nothing to write to
        QSqlDatabase d = db();
        d.transaction();
        QSqlQuery q(d);
        q.prepare(u"INSERT INTO samples (tier, at, latency_ms, ttft_ms, ok) VALUES (?, ?, ?, ?, ?)"_s);
        for (const LatencySample &s : samples) {
            q.bindValue(0, s.tier);
            q.bindValue(1, s.atMs);
            q.bindValue(2, s.latencyMs < 0 ? QVariant() : QVariant(s.latencyMs));
            q.bindValue(3, s.ttftMs < 0 ? QVariant() : QVariant(s.ttftMs));
            q.bindValue(4, s.ok ? 1 : 0);
            exec(q);
        }
        d.commit();
    }

    QList<LatencySample> samples(qint64 fromMs, qint64 toMs)
    {
        QList<LatencySample> out;
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(
            u"SELECT tier, at, latency_ms, ttft_ms, ok FROM samples WHERE at >= ? AND at <= ? ORDER BY at"_s);
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        if (!exec(q))
            return out;
        while (q.next()) {
            LatencySample s;
            s.tier = q.value(0).toString();
            s.atMs = q.value(1).toLongLong();
            s.latencyMs = q.value(2).isNull() ? -1 : q.value(2).toLongLong();
            s.ttftMs = q.value(3).isNull() ? -1 : q.value(3).toLongLong();
            s.ok = q.value(4).toBool();
            out << s;
        }
        return out;
    }

    void appendEvents(const QList<StoredEvent> &events)
    {
        if (m_connection.isEmpty())
            return; // never opened (the CLI keeps no history): nothing to write to
        QSqlDatabase d = db();
        d.transaction();
        QSqlQuery q(d);
        q.prepare(
            u"INSERT INTO events (at, kind, tier, summary, detail, data, problem, drill) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
        for (const StoredEvent &e : events) {
            q.bindValue(0, e.atMs);
            q.bindValue(1, e.kind);
            q.bindValue(2, e.tier);
            q.bindValue(3, e.summary);
            q.bindValue(4, e.detail);
            q.bindValue(5, QString::fromUtf8(e.data));
            q.bindValue(6, e.problem ? 1 : 0);
            q.bindValue(7, e.drillId.isEmpty() ? QVariant() : QVariant(e.drillId));
            exec(q);
        }
        d.commit();
    }

    void appendSpend(const QList<SpendRecord> &records)
    {
        if (m_connection.isEmpty())
            return; // never opened (the CLI keeps no history): nothing to write to
        QSqlDatabase d = db();
        d.transaction();
        QSqlQuery q(d);
        q.prepare(u"INSERT INTO spend (at, tier, provider, model, input_tokens, output_tokens, cost_micros, "
                  u"primary_cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
        for (const SpendRecord &r : records) {
            q.bindValue(0, r.atMs);
            q.bindValue(1, r.tier);
            q.bindValue(2, r.provider);
            q.bindValue(3, r.model);
            q.bindValue(4, r.inputTokens);
            q.bindValue(5, r.outputTokens);
            q.bindValue(6, r.cost.micros());
            q.bindValue(7, r.primaryCost.micros());
            exec(q);
        }
        d.commit();
    }

    QList<SpendRecord> spend(qint64 fromMs, qint64 toMs)
    {
        QList<SpendRecord> out;
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(u"SELECT at, tier, provider, model, input_tokens, output_tokens, cost_micros, "
                  u"primary_cost_micros "
                  u"FROM spend WHERE at >= ? AND at <= ? ORDER BY at"_s);
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        if (!exec(q))
            return out;
        while (q.next()) {
            SpendRecord r;
            r.atMs = q.value(0).toLongLong();
            r.tier = q.value(1).toString();
            r.provider = q.value(2).toString();
            r.model = q.value(3).toString();
            r.inputTokens = q.value(4).toLongLong();
            r.outputTokens = q.value(5).toLongLong();
            r.cost = Money::fromMicros(q.value(6).toLongLong());
            r.primaryCost = Money::fromMicros(q.value(7).toLongLong());
            out << r;
        }
        return out;
    }

    QList<StoredEvent> events(qint64 fromMs, qint64 toMs, int limit)
    {
        QList<StoredEvent> out;
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(u"SELECT at, kind, tier, summary, detail, data, problem, drill FROM events WHERE at >= ? "
                  u"AND at <= ? "
                  u"ORDER BY at DESC, id DESC LIMIT ?"_s);
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        q.addBindValue(limit);
        if (!exec(q))
            return out;
        while (q.next()) {
            StoredEvent e;
            e.atMs = q.value(0).toLongLong();
            e.kind = q.value(1).toString();
            e.tier = q.value(2).toString();
            e.summary = q.value(3).toString();
            e.detail = q.value(4).toString();
            e.data = q.value(5).toString().toUtf8();
            e.problem = q.value(6).toBool();
            e.drillId = q.value(7).toString();
            out << e;
        }
        std::reverse(out.begin(), out.end());
        return out;
    }

    QString takeLastError() { return std::exchange(m_lastError, {}); }

private:
    QString m_connection;
    QString m_lastError;
};

ConversationStore::ConversationStore(QObject *parent)
    : QObject(parent)
    , m_worker(new StoreWorker)
{
    qRegisterMetaType<ConversationSummary>();
    qRegisterMetaType<StoredMessage>();
    qRegisterMetaType<LatencySample>();
    qRegisterMetaType<StoredEvent>();
    m_thread.setObjectName(u"understudy-store"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ConversationStore::~ConversationStore()
{
    flush();
    m_thread.quit();
    m_thread.wait();
}

template <typename Fn>
void ConversationStore::post(Fn &&fn)
{
    QMetaObject::invokeMethod(m_worker, std::forward<Fn>(fn), Qt::QueuedConnection);
}

namespace {

// Delivers a result on the store's (the caller's) thread, if the caller's context still exists.
template <typename T>
void deliver(QObject *store, QPointer<QObject> context, bool hadContext, std::function<void(const T &)> done,
             T value)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(
        store,
        [context, hadContext, done = std::move(done), value = std::move(value)] {
            if (!hadContext || context)
                done(value);
        },
        Qt::QueuedConnection);
}

} // namespace

void ConversationStore::flush()
{
    if (!m_thread.isRunning())
        return;
    QSemaphore done;
    post([&done] { done.release(); });
    done.acquire();
}

void ConversationStore::open(const QString &path, QObject *context,
                             std::function<void(const OpenResult &)> done)
{
    m_path = path;
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, path, guard, had, done = std::move(done)] {
        const OpenResult result = w->open(path);
        QMetaObject::invokeMethod(
            this,
            [this, result] {
                m_open = result.ok;
                emit opened(result.ok);
            },
            Qt::QueuedConnection);
        deliver<OpenResult>(this, guard, had, done, result);
    });
}

void ConversationStore::listConversations(const QString &search, QObject *context,
                                          std::function<void(const QList<ConversationSummary> &)> done)
{
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, search, guard, had, done = std::move(done)] {
        deliver<QList<ConversationSummary>>(this, guard, had, done, w->list(search));
    });
}

void ConversationStore::createConversation(const QString &title, const QString &systemPrompt,
                                           QObject *context, std::function<void(qint64)> done)
{
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, title, systemPrompt, guard, had, done = std::move(done)] {
        const qint64 id = w->create(title, systemPrompt);
        std::function<void(const qint64 &)> cb;
        if (done)
            cb = [done](const qint64 &v) { done(v); };
        deliver<qint64>(this, guard, had, cb, id);
        if (id == 0)
            QMetaObject::invokeMethod(
                this, [this, e = w->takeLastError()] { emit writeFailed(e); }, Qt::QueuedConnection);
    });
}

void ConversationStore::renameConversation(qint64 id, const QString &title)
{
    StoreWorker *w = m_worker;
    post([w, id, title] {
        w->update(u"UPDATE conversations SET title = ? WHERE id = ?"_s, {text(title), id});
    });
}

void ConversationStore::setSystemPrompt(qint64 id, const QString &systemPrompt)
{
    StoreWorker *w = m_worker;
    post([w, id, systemPrompt] {
        w->update(u"UPDATE conversations SET system_prompt = ? WHERE id = ?"_s, {text(systemPrompt), id});
    });
}

void ConversationStore::setPinned(qint64 id, bool pinned)
{
    StoreWorker *w = m_worker;
    post([w, id, pinned] {
        w->update(u"UPDATE conversations SET pinned = ? WHERE id = ?"_s, {pinned ? 1 : 0, id});
    });
}

void ConversationStore::deleteConversation(qint64 id)
{
    StoreWorker *w = m_worker;
    post([w, id] { w->update(u"UPDATE conversations SET deleted_at = ? WHERE id = ?"_s, {nowMs(), id}); });
}

void ConversationStore::restoreConversation(qint64 id)
{
    StoreWorker *w = m_worker;
    post([w, id] { w->update(u"UPDATE conversations SET deleted_at = NULL WHERE id = ?"_s, {id}); });
}

void ConversationStore::purgeDeleted()
{
    StoreWorker *w = m_worker;
    post([w] {
        w->update(
            u"DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE deleted_at IS NOT NULL)"_s,
            {});
        w->update(u"DELETE FROM conversations WHERE deleted_at IS NOT NULL"_s, {});
    });
}

void ConversationStore::loadMessages(qint64 conversationId, QObject *context,
                                     std::function<void(const QList<StoredMessage> &)> done)
{
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, conversationId, guard, had, done = std::move(done)] {
        deliver<QList<StoredMessage>>(this, guard, had, done, w->messages(conversationId));
    });
}

void ConversationStore::appendMessage(const StoredMessage &message, QObject *context,
                                      std::function<void(qint64)> done)
{
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, message, guard, had, done = std::move(done)] {
        const qint64 id = w->append(message);
        std::function<void(const qint64 &)> cb;
        if (done)
            cb = [done](const qint64 &v) { done(v); };
        deliver<qint64>(this, guard, had, cb, id);
        if (id == 0)
            QMetaObject::invokeMethod(
                this, [this, e = w->takeLastError()] { emit writeFailed(e); }, Qt::QueuedConnection);
    });
}

void ConversationStore::updateContent(qint64 messageId, const QString &content)
{
    StoreWorker *w = m_worker;
    post([w, messageId, content] {
        w->update(u"UPDATE messages SET content = ? WHERE id = ?"_s, {text(content), messageId});
    });
}

void ConversationStore::finishMessage(const StoredMessage &message)
{
    StoreWorker *w = m_worker;
    post([w, message] { w->finish(message); });
}

void ConversationStore::appendSamples(const QList<LatencySample> &samples)
{
    if (samples.isEmpty())
        return;
    StoreWorker *w = m_worker;
    post([w, samples] { w->appendSamples(samples); });
}

void ConversationStore::loadSamples(qint64 fromMs, qint64 toMs, QObject *context,
                                    std::function<void(const QList<LatencySample> &)> done)
{
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, fromMs, toMs, guard, had, done = std::move(done)] {
        deliver<QList<LatencySample>>(this, guard, had, done, w->samples(fromMs, toMs));
    });
}

void ConversationStore::appendSpend(const QList<SpendRecord> &records)
{
    if (records.isEmpty())
        return;
    StoreWorker *w = m_worker;
    post([w, records] { w->appendSpend(records); });
}

void ConversationStore::loadSpend(qint64 fromMs, qint64 toMs, QObject *context,
                                  std::function<void(const QList<SpendRecord> &)> done)
{
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, fromMs, toMs, guard, had, done = std::move(done)] {
        deliver<QList<SpendRecord>>(this, guard, had, done, w->spend(fromMs, toMs));
    });
}

void ConversationStore::appendEvents(const QList<StoredEvent> &events)
{
    if (events.isEmpty())
        return;
    StoreWorker *w = m_worker;
    post([w, events] { w->appendEvents(events); });
}

void ConversationStore::loadEvents(qint64 fromMs, qint64 toMs, int limit, QObject *context,
                                   std::function<void(const QList<StoredEvent> &)> done)
{
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, fromMs, toMs, limit, guard, had, done = std::move(done)] {
        deliver<QList<StoredEvent>>(this, guard, had, done, w->events(fromMs, toMs, limit));
    });
}

void ConversationStore::pruneHistory(qint64 olderThanMs)
{
    StoreWorker *w = m_worker;
    post([w, olderThanMs] {
        w->update(u"DELETE FROM samples WHERE at < ?"_s, {olderThanMs});
        w->update(u"DELETE FROM events WHERE at < ?"_s, {olderThanMs});
    });
}
