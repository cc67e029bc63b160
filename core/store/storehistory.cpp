#include "store/storeworker.h"

#include <QHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

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
    d.commit();
}

QList<LatencySample> StoreWorker::samples(qint64 fromMs, qint64 toMs)
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
