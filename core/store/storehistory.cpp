#include "store/storeworker.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

// One tier's latency over one second, minute or hour, as the rollup tables keep it.
struct LatencySum
{
    qint64 n = 0;
    qint64 ok = 0;
    qint64 latN = 0;
    qint64 latSum = 0;
    qint64 latMin = -1;
    qint64 latMax = -1;

    void add(const LatencySample &s)
    {
        ++n;
        ok += s.ok ? 1 : 0;
        if (s.latencyMs < 0)
            return;
        ++latN;
        latSum += s.latencyMs;
        latMin = latMin < 0 ? s.latencyMs : std::min(latMin, s.latencyMs);
        latMax = std::max(latMax, s.latencyMs);
    }
};

// A value the table keeps as NULL when absent (-1 in the value types).
QVariant orNull(qint64 v)
{
    return v < 0 ? QVariant() : QVariant(v);
}

} // namespace

void StoreWorker::appendSamples(const QList<LatencySample> &samples)
{
    if (!isOpen())
        return; // never opened (the CLI keeps no history): nothing to write to
    QSqlDatabase d = db();
    d.transaction();
    QSqlQuery q(d);
    q.prepare(u"INSERT INTO samples (tier, at, latency_ms, ttft_ms, ok) VALUES (?, ?, ?, ?, ?)"_s);
    for (const LatencySample &s : samples)
        execRow(q, {s.tier, s.atMs, orNull(s.latencyMs), orNull(s.ttftMs), s.ok ? 1 : 0});
    // The same samples summed per second, minute and hour: one upsert per (period, tier) of the batch.
    for (const auto &[table, periodMs] :
         {std::pair{"samples_second", qint64(1000)}, std::pair{"samples_minute", qint64(60'000)},
          std::pair{"samples_hour", qint64(3'600'000)}}) {
        QMap<std::pair<qint64, QString>, LatencySum> sums;
        for (const LatencySample &s : samples)
            sums[{s.atMs / periodMs * periodMs, s.tier}].add(s);
        QSqlQuery up(d);
        up.prepare(QStringLiteral(
                       "INSERT INTO %1 (at, tier, n, ok, lat_n, lat_sum, lat_min, lat_max) VALUES (?, ?, ?, ?, ?, "
                       "?, ?, ?) ON CONFLICT (at, tier) DO UPDATE SET n = n + excluded.n, ok = ok + excluded.ok, "
                       "lat_n = lat_n + excluded.lat_n, lat_sum = lat_sum + excluded.lat_sum, "
                       "lat_min = min(COALESCE(lat_min, excluded.lat_min), COALESCE(excluded.lat_min, lat_min)), "
                       "lat_max = max(COALESCE(lat_max, excluded.lat_max), COALESCE(excluded.lat_max, lat_max))")
                .arg(QLatin1StringView(table)));
        for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
            const LatencySum &v = it.value();
            execRow(up, {it.key().first, it.key().second, v.n, v.ok, v.latN, v.latSum, orNull(v.latMin),
                         orNull(v.latMax)});
        }
    }
    d.commit();
}

QList<LatencySample> StoreWorker::samples(qint64 fromMs, qint64 toMs)
{
    QList<LatencySample> out;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(
        u"SELECT tier, at, lat_min, lat_max FROM samples_second WHERE at >= ? AND at <= ? AND lat_n > 0 "
        u"ORDER BY at"_s);
    q.addBindValue(fromMs / 1000 * 1000);
    q.addBindValue(toMs);
    if (!exec(q))
        return out;
    while (q.next()) {
        LatencySample s;
        s.tier = q.value(0).toString();
        s.atMs = q.value(1).toLongLong();
        s.latencyMs = q.value(2).toLongLong();
        s.ok = true;
        out << s;
        const qint64 slowest = q.value(3).toLongLong();
        if (slowest != s.latencyMs) {
            s.atMs += 500;
            s.latencyMs = slowest;
            out << s;
        }
    }
    return out;
}

void StoreWorker::appendEvents(const QList<StoredEvent> &events)
{
    if (!isOpen())
        return; // never opened (the CLI keeps no history): nothing to write to
    QSqlDatabase d = db();
    d.transaction();
    QSqlQuery q(d);
    q.prepare(
        u"INSERT INTO events (at, kind, tier, summary, detail, data, problem, drill) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const StoredEvent &e : events) {
        execRow(q, {e.atMs, e.kind, e.tier, e.summary, e.detail, QString::fromUtf8(e.data), e.problem ? 1 : 0,
                    e.drillId.isEmpty() ? QVariant() : QVariant(e.drillId)});
    }
    d.commit();
}

void StoreWorker::appendSpend(const QList<SpendRecord> &records)
{
    if (!isOpen())
        return; // never opened (the CLI keeps no history): nothing to write to
    // The day's rows first, summed in memory: one upsert per (day, tier, provider, model) of the batch.
    QHash<QString, SpendDay> days;
    for (const SpendRecord &r : records) {
        SpendDay d;
        d.day = SpendDay::dayOf(r.atMs);
        d.tier = r.tier;
        d.provider = text(r.provider);
        d.model = text(r.model);
        const QString key =
            QString::number(d.day) + u'\x1f' + d.tier + u'\x1f' + d.provider + u'\x1f' + d.model;
        auto it = days.find(key);
        if (it == days.end())
            it = days.insert(key, d);
        it->add(r);
    }
    QSqlDatabase d = db();
    d.transaction();
    QSqlQuery q(d);
    q.prepare(u"INSERT INTO spend (at, tier, provider, model, input_tokens, output_tokens, cost_micros, "
              u"primary_cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const SpendRecord &r : records) {
        execRow(q, {r.atMs, r.tier, r.provider, r.model, r.inputTokens, r.outputTokens, r.cost.micros(),
                    r.primaryCost.micros()});
    }
    QSqlQuery up(d);
    up.prepare(
        u"INSERT INTO spend_daily (day, tier, provider, model, attempts, input_tokens, output_tokens, "
        u"cost_micros, primary_cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        u"ON CONFLICT (day, tier, provider, model) DO UPDATE SET attempts = attempts + excluded.attempts, "
        u"input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + "
        u"excluded.output_tokens, cost_micros = cost_micros + excluded.cost_micros, "
        u"primary_cost_micros = primary_cost_micros + excluded.primary_cost_micros"_s);
    for (const SpendDay &day : std::as_const(days)) {
        execRow(up, {day.day, day.tier, day.provider, day.model, day.attempts, day.inputTokens,
                     day.outputTokens, day.cost.micros(), day.primaryCost.micros()});
    }
    d.commit();
}

QList<SpendDay> StoreWorker::spendDays(int fromDay, int toDay)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(u"SELECT day, tier, provider, model, attempts, input_tokens, output_tokens, cost_micros, "
              u"primary_cost_micros FROM spend_daily WHERE day >= ? AND day <= ? ORDER BY day"_s);
    q.addBindValue(fromDay);
    q.addBindValue(toDay);
    return readRows<SpendDay>(q, [](const QSqlQuery &row) {
        SpendDay d;
        d.day = row.value(0).toInt();
        d.tier = row.value(1).toString();
        d.provider = row.value(2).toString();
        d.model = row.value(3).toString();
        d.attempts = row.value(4).toLongLong();
        d.inputTokens = row.value(5).toLongLong();
        d.outputTokens = row.value(6).toLongLong();
        d.cost = Money::fromMicros(row.value(7).toLongLong());
        d.primaryCost = Money::fromMicros(row.value(8).toLongLong());
        return d;
    });
}

QList<SpendRecord> StoreWorker::spend(qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(u"SELECT at, tier, provider, model, input_tokens, output_tokens, cost_micros, "
              u"primary_cost_micros "
              u"FROM spend WHERE at >= ? AND at <= ? ORDER BY at"_s);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    return readRows<SpendRecord>(q, [](const QSqlQuery &row) {
        SpendRecord r;
        r.atMs = row.value(0).toLongLong();
        r.tier = row.value(1).toString();
        r.provider = row.value(2).toString();
        r.model = row.value(3).toString();
        r.inputTokens = row.value(4).toLongLong();
        r.outputTokens = row.value(5).toLongLong();
        r.cost = Money::fromMicros(row.value(6).toLongLong());
        r.primaryCost = Money::fromMicros(row.value(7).toLongLong());
        return r;
    });
}

QList<StoredEvent> StoreWorker::events(qint64 fromMs, qint64 toMs, int limit)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(u"SELECT at, kind, tier, summary, detail, data, problem, drill FROM events WHERE at >= ? "
              u"AND at <= ? "
              u"ORDER BY at DESC, id DESC LIMIT ?"_s);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    q.addBindValue(limit);
    QList<StoredEvent> out = readRows<StoredEvent>(q, [](const QSqlQuery &row) {
        StoredEvent e;
        e.atMs = row.value(0).toLongLong();
        e.kind = row.value(1).toString();
        e.tier = row.value(2).toString();
        e.summary = row.value(3).toString();
        e.detail = row.value(4).toString();
        e.data = row.value(5).toString().toUtf8();
        e.problem = row.value(6).toBool();
        e.drillId = row.value(7).toString();
        return e;
    });
    std::reverse(out.begin(), out.end());
    return out;
}

void StoreWorker::maintain(const Cutoffs &c)
{
    m_prunes = {{"events", c.raw, true},
                {"samples", c.raw, true},
                {"spend", c.raw, true},
                {"samples_second", c.second, false},
                {"samples_minute", c.minute, false},
                {"samples_hour", c.hour, false}};
    m_maintaining = true;
    const quint64 generation = ++m_maintenanceGeneration;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_maintenanceGeneration)
                maintenanceStep();
        },
        Qt::QueuedConnection);
}

void StoreWorker::maintenanceStep()
{
    if (!isOpen()) {
        m_maintaining = false;
        return;
    }
    ++m_steps;
    QSqlDatabase d = db();
    QSqlQuery q(d);
    bool more = false;
    if (!m_prunes.isEmpty()) {
        const Prune p = m_prunes.first();
        const QString table = QLatin1StringView(p.table);
        // Rollup tables are keyed by (at, tier): the oldest rows come first in their key.
        q.prepare(
            p.rowid
                ? u"DELETE FROM %1 WHERE rowid IN (SELECT rowid FROM %1 WHERE at < ? LIMIT %2)"_s.arg(table)
                      .arg(RowsPerStep)
                : u"DELETE FROM %1 WHERE (at, tier) IN (SELECT at, tier FROM %1 WHERE at < ? LIMIT %2)"_s
                      .arg(table)
                      .arg(RowsPerStep));
        q.addBindValue(p.before);
        const int deleted = exec(q) ? q.numRowsAffected() : 0;
        m_deleted += deleted;
        if (deleted < RowsPerStep)
            m_prunes.removeFirst();
        more = true;
    } else {
        // Give freed pages back to the file system, a few at a time (files made with auto_vacuum).
        if (q.exec(u"PRAGMA auto_vacuum"_s) && q.next() && q.value(0).toInt() == 2 &&
            q.exec(u"PRAGMA freelist_count"_s) && q.next() && q.value(0).toLongLong() > 0) {
            q.exec(u"PRAGMA incremental_vacuum(500)"_s);
            while (q.next()) {
            }
            more = true;
        }
    }
    if (!more) {
        m_maintaining = false;
        return;
    }
    const quint64 generation = m_maintenanceGeneration;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_maintenanceGeneration)
                maintenanceStep();
        },
        Qt::QueuedConnection);
}

ConversationStore::MaintenanceStats StoreWorker::maintenanceStats() const
{
    return {m_steps.load(), m_deleted.load(), m_maintaining.load()};
}
