#include "store/conversationstore.h"

#include "store/storeworker.h"
#include "util/clock.h"

#include <QSemaphore>

#include <atomic>

using namespace Qt::StringLiterals;

ConversationStore::ConversationStore(QObject *parent)
    : QObject(parent)
    , m_worker(new StoreWorker)
{
    qRegisterMetaType<ConversationSummary>();
    qRegisterMetaType<StoredMessage>();
    qRegisterMetaType<LatencySample>();
    qRegisterMetaType<StoredEvent>();
    connect(&m_maintenance, &QTimer::timeout, this, &ConversationStore::maintainNow);
    m_check = new IntegrityCheck(this);
    connect(m_check, &IntegrityCheck::finished, this, [this](bool ok, const QString &problem) {
        emit integrityChecked(ok);
        if (!ok)
            emit integrityProblem(
                tr("The conversation database failed its integrity check (%1). It will be moved aside, "
                   "untouched, and a new one created on the next start.")
                    .arg(problem));
    });
    m_thread.setObjectName(u"understudy-store"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ConversationStore::~ConversationStore()
{
    delete m_check; // stops a check still running
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
void deliver(QObject *store, const QPointer<QObject> &context, bool hadContext,
             std::function<void(const T &)> done, T value)
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

template <typename T, typename Read>
void ConversationStore::fetch(QObject *context, std::function<void(const T &)> done, Read read)
{
    QPointer<QObject> guard(context);
    const bool had = context != nullptr;
    StoreWorker *w = m_worker;
    post([this, w, guard, had, done = std::move(done), read = std::move(read)] {
        deliver<T>(this, guard, had, done, read(*w));
    });
}

template <typename T>
void ConversationStore::queueAppend(void (StoreWorker::*append)(const QList<T> &), const QList<T> &rows)
{
    if (rows.isEmpty())
        return;
    StoreWorker *w = m_worker;
    post([w, append, rows] { (w->*append)(rows); });
}

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
            [this, result, path] {
                m_open = result.ok;
                if (result.ok && result.checkDeferred)
                    m_check->start(path);
                emit opened(result.ok);
            },
            Qt::QueuedConnection);
        deliver<OpenResult>(this, guard, had, done, result);
    });
}

void ConversationStore::listConversations(const QString &search, QObject *context,
                                          std::function<void(const QList<ConversationSummary> &)> done)
{
    fetch<QList<ConversationSummary>>(context, std::move(done),
                                      [search](StoreWorker &w) { return w.list(search); });
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
        w->update(u"UPDATE conversations SET title = ? WHERE id = ?"_s, {StoreWorker::text(title), id});
    });
}

void ConversationStore::setSystemPrompt(qint64 id, const QString &systemPrompt)
{
    StoreWorker *w = m_worker;
    post([w, id, systemPrompt] {
        w->update(u"UPDATE conversations SET system_prompt = ? WHERE id = ?"_s,
                  {StoreWorker::text(systemPrompt), id});
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
    post([w, id] {
        w->update(u"UPDATE conversations SET deleted_at = ? WHERE id = ?"_s, {StoreWorker::nowMs(), id});
    });
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
    fetch<QList<StoredMessage>>(context, std::move(done),
                                [conversationId](StoreWorker &w) { return w.messages(conversationId); });
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
        w->update(u"UPDATE messages SET content = ? WHERE id = ?"_s, {StoreWorker::text(content), messageId});
    });
}

void ConversationStore::finishMessage(const StoredMessage &message)
{
    StoreWorker *w = m_worker;
    post([w, message] { w->finish(message); });
}

void ConversationStore::appendSamples(const QList<LatencySample> &samples)
{
    queueAppend(&StoreWorker::appendSamples, samples);
}

void ConversationStore::loadSamples(qint64 fromMs, qint64 toMs, QObject *context,
                                    std::function<void(const QList<LatencySample> &)> done)
{
    fetch<QList<LatencySample>>(context, std::move(done),
                                [fromMs, toMs](StoreWorker &w) { return w.samples(fromMs, toMs); });
}

void ConversationStore::appendSpend(const QList<SpendRecord> &records)
{
    queueAppend(&StoreWorker::appendSpend, records);
}

void ConversationStore::loadSpend(qint64 fromMs, qint64 toMs, QObject *context,
                                  std::function<void(const QList<SpendRecord> &)> done)
{
    fetch<QList<SpendRecord>>(context, std::move(done),
                              [fromMs, toMs](StoreWorker &w) { return w.spend(fromMs, toMs); });
}

void ConversationStore::loadSpendDays(int fromDay, int toDay, QObject *context,
                                      std::function<void(const QList<SpendDay> &)> done)
{
    fetch<QList<SpendDay>>(context, std::move(done),
                           [fromDay, toDay](StoreWorker &w) { return w.spendDays(fromDay, toDay); });
}

void ConversationStore::appendEvents(const QList<StoredEvent> &events)
{
    queueAppend(&StoreWorker::appendEvents, events);
}

void ConversationStore::loadEvents(qint64 fromMs, qint64 toMs, int limit, QObject *context,
                                   std::function<void(const QList<StoredEvent> &)> done)
{
    fetch<QList<StoredEvent>>(context, std::move(done), [fromMs, toMs, limit](StoreWorker &w) {
        return w.events(fromMs, toMs, limit);
    });
}

namespace {
std::atomic<qint64> checkBeforeOpenLimit{ConversationStore::CheckBeforeOpenMaxBytes};
} // namespace

qint64 ConversationStore::checkBeforeOpenMaxBytes()
{
    return checkBeforeOpenLimit.load();
}

void ConversationStore::setCheckBeforeOpenMaxBytesForTests(qint64 bytes)
{
    checkBeforeOpenLimit = bytes;
}

void ConversationStore::setRetention(const HistoryConfig &retention)
{
    m_retention = retention;
}

void ConversationStore::startMaintenance(const Clock &clock)
{
    m_clock = &clock;
    maintainNow(); // queued behind what the views asked for first
    m_maintenance.start(MaintenanceIntervalMs);
}

void ConversationStore::maintainNow()
{
    if (!m_open || !m_clock)
        return;
    const qint64 now = m_clock->wallNow().toMSecsSinceEpoch();
    constexpr qint64 day = 24LL * 3600 * 1000;
    StoreWorker::Cutoffs c;
    c.raw = now - m_retention.rawDays * day;
    c.second = now - 2 * day; // the charts show a day
    c.minute = now - m_retention.minuteDays * day;
    c.hour = now - m_retention.hourDays * day;
    StoreWorker *w = m_worker;
    post([w, c] { w->maintain(c); });
}

ConversationStore::MaintenanceStats ConversationStore::maintenanceStats() const
{
    return m_worker->maintenanceStats();
}
