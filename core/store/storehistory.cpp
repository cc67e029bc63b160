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

} // namespace

void StoreWorker::appendSamples(const QList<LatencySample> &samples)
{
    if (!isOpen())
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
            up.bindValue(0, it.key().first);
            up.bindValue(1, it.key().second);
            up.bindValue(2, v.n);
            up.bindValue(3, v.ok);
            up.bindValue(4, v.latN);
            up.bindValue(5, v.latSum);
            up.bindValue(6, v.latMin < 0 ? QVariant() : QVariant(v.latMin));
            up.bindValue(7, v.latMax < 0 ? QVariant() : QVariant(v.latMax));
            exec(up);
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
    QSqlQuery up(d);
    up.prepare(
        u"INSERT INTO spend_daily (day, tier, provider, model, attempts, input_tokens, output_tokens, "
        u"cost_micros, primary_cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        u"ON CONFLICT (day, tier, provider, model) DO UPDATE SET attempts = attempts + excluded.attempts, "
        u"input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + "
        u"excluded.output_tokens, cost_micros = cost_micros + excluded.cost_micros, "
        u"primary_cost_micros = primary_cost_micros + excluded.primary_cost_micros"_s);
    for (const SpendDay &day : std::as_const(days)) {
        up.bindValue(0, day.day);
        up.bindValue(1, day.tier);
        up.bindValue(2, day.provider);
        up.bindValue(3, day.model);
        up.bindValue(4, day.attempts);
        up.bindValue(5, day.inputTokens);
        up.bindValue(6, day.outputTokens);
        up.bindValue(7, day.cost.micros());
        up.bindValue(8, day.primaryCost.micros());
        exec(up);
    }
    d.commit();
}

QList<SpendDay> StoreWorker::spendDays(int fromDay, int toDay)
{
    QList<SpendDay> out;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(u"SELECT day, tier, provider, model, attempts, input_tokens, output_tokens, cost_micros, "
              u"primary_cost_micros FROM spend_daily WHERE day >= ? AND day <= ? ORDER BY day"_s);
    q.addBindValue(fromDay);
    q.addBindValue(toDay);
    if (!exec(q))
        return out;
    while (q.next()) {
        SpendDay d;
        d.day = q.value(0).toInt();
        d.tier = q.value(1).toString();
        d.provider = q.value(2).toString();
        d.model = q.value(3).toString();
        d.attempts = q.value(4).toLongLong();
        d.inputTokens = q.value(5).toLongLong();
        d.outputTokens = q.value(6).toLongLong();
        d.cost = Money::fromMicros(q.value(7).toLongLong());
        d.primaryCost = Money::fromMicros(q.value(8).toLongLong());
        out << d;
    }
    return out;
}

QList<SpendRecord> StoreWorker::spend(qint64 fromMs, qint64 toMs)
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

QList<StoredEvent> StoreWorker::events(qint64 fromMs, qint64 toMs, int limit)
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
