#include "health/demohistory.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <cmath>

namespace DemoHistory {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoHistory)
};

StoredEvent event(qint64 at, const QString &kind, const QString &tier, const QString &summary, bool problem,
                  const QJsonObject &data = {})
{
    StoredEvent e;
    e.atMs = at;
    e.kind = kind;
    e.tier = tier;
    e.summary = summary;
    e.problem = problem;
    e.detail = Tr::tr("Synthetic demo history");
    if (!data.isEmpty())
        e.data = QJsonDocument(data).toJson(QJsonDocument::Compact);
    return e;
}

StoredEvent level(qint64 at, const QString &from, const QString &to)
{
    return event(at, QStringLiteral("level"), {},
                                    Tr::tr("degradation level %1 → %2").arg(from.toUpper(), to.toUpper()),
                                    to != u"full",
                                    QJsonObject{{QStringLiteral("from"), from}, {QStringLiteral("to"), to}});
}

} // namespace

Day generate(const QStringList &tiers, qint64 endMs, quint32 seed)
{
    Day day;
    constexpr int Seconds = 86'400;
    const qint64 start = endMs - qint64(Seconds) * 1000;
    QRandomGenerator random(seed);
    // Incident 1: the primary slows down, then goes away for 40 minutes (07:00 into the day).
    const int slowFrom = 7 * 3600, downFrom = slowFrom + 8 * 60, downTo = downFrom + 40 * 60;
    // Incident 2: a latency spike on the second tier for 12 minutes (16:30 into the day).
    const int spikeFrom = 16 * 3600 + 30 * 60, spikeTo = spikeFrom + 12 * 60;
    const double base[] = {620, 410, 190};
    day.samples.reserve(qsizetype(tiers.size()) * Seconds);
    for (int t = 0; t < tiers.size(); ++t) {
        const double b = base[std::min(t, 2)];
        for (int s = 0; s < Seconds; ++s) {
            const bool primary = t == 0;
            if (primary && s >= downFrom && s < downTo)
                continue; // down: no successful samples
            double latency = b * (1.0 + 0.18 * std::sin(2 * M_PI * s / Seconds)) // the day's load
                             + random.bounded(b * 0.25);
            if (random.bounded(10000) < 4)
                latency *= 2.0 + random.generateDouble() * 2; // tail
            if (primary && s >= slowFrom && s < downFrom)
                latency += 2500.0 * (s - slowFrom) / (downFrom - slowFrom);
            if (t == 1 && s >= spikeFrom && s < spikeTo)
                latency += 1400 + random.bounded(600.0);
            LatencySample sample;
            sample.tier = tiers.at(t);
            sample.atMs = start + qint64(s) * 1000 + random.bounded(1000);
            sample.latencyMs = qint64(latency);
            sample.ttftMs = qint64(latency * 0.35);
            sample.ok = true;
            day.samples.append(sample);
        }
    }
    const auto at = [start](int s) { return start + qint64(s) * 1000; };
    if (tiers.size() >= 2) {
        const QString a = tiers.at(0), b = tiers.at(1);
        day.events.append(level(at(slowFrom + 5 * 60), QStringLiteral("full"), QStringLiteral("reduced")));
        day.events.append(
            event(at(downFrom), QStringLiteral("switch"), a, Tr::tr("%1 → %2 (overloaded)").arg(a, b), true));
        day.events.append(event(at(downFrom + 2),
                                QStringLiteral("breaker"), a,
                                               Tr::tr("%1 breaker closed → open (overloaded)").arg(a), true));
        day.events.append(level(at(downFrom + 60), QStringLiteral("reduced"), QStringLiteral("minimal")));
        day.events.append(
            event(at(downFrom + 20 * 60),
                  QStringLiteral("breaker"), a,
                                 Tr::tr("%1 breaker half-open → open (connection refused)").arg(a), true));
        day.events.append(level(at(downTo - 5 * 60), QStringLiteral("minimal"), QStringLiteral("reduced")));
        day.events.append(level(at(downTo + 3 * 60), QStringLiteral("reduced"), QStringLiteral("full")));
        day.events.append(event(
            at(spikeFrom + 60),
            QStringLiteral("switch"), b,
                           Tr::tr("%1 → %2 (first token late: hedged)").arg(b, tiers.value(2, a)), true));
    }
    return day;
}

} // namespace DemoHistory
