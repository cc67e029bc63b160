#include "health/demohistory.h"

#include "degrade/degradationcontroller.h"
#include "history/historyrecorder.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTimeZone>

#include <cmath>

namespace DemoHistory {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DemoHistory)
};

// The events are built by HistoryRecorder, as real ones are: the same summaries, data and language.
StoredEvent demo(StoredEvent e)
{
    e.detail = Tr::tr("Synthetic demo history");
    return e;
}

QDateTime when(qint64 atMs)
{
    return QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc());
}

StoredEvent level(qint64 at, DegradationLevel from, DegradationLevel to)
{
    LevelChange c;
    c.at = when(at);
    c.from = from;
    c.to = to;
    return demo(HistoryRecorder::fromLevel(c));
}

StoredEvent switched(qint64 at, const QString &from, const QString &to, ErrorClass reason)
{
    SwitchEvent s;
    s.at = when(at);
    s.from = from;
    s.to = to;
    s.reason = reason;
    return demo(HistoryRecorder::fromSwitch(s));
}

StoredEvent breakerOpened(qint64 at, const QString &tier, CircuitBreaker::State from, ErrorClass reason)
{
    BreakerEvent b;
    b.at = when(at);
    b.tier = tier;
    b.from = from;
    b.to = CircuitBreaker::State::Open;
    b.reason = reason;
    b.cooldownMs = 30'000;
    return demo(HistoryRecorder::fromBreaker(b));
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
        using L = DegradationLevel;
        day.events.append(level(at(slowFrom + 5 * 60), L::Full, L::Reduced));
        day.events.append(switched(at(downFrom), a, b, ErrorClass::Overloaded));
        day.events.append(
            breakerOpened(at(downFrom + 2), a, CircuitBreaker::State::Closed, ErrorClass::Overloaded));
        day.events.append(level(at(downFrom + 60), L::Reduced, L::Minimal));
        day.events.append(
            breakerOpened(at(downFrom + 20 * 60), a, CircuitBreaker::State::HalfOpen, ErrorClass::Network));
        day.events.append(level(at(downTo - 5 * 60), L::Minimal, L::Reduced));
        day.events.append(level(at(downTo + 3 * 60), L::Reduced, L::Full));
        // A hedged request on the next tier answered first.
        day.events.append(switched(at(spikeFrom + 60), b, tiers.value(2, a), ErrorClass::FirstTokenTimeout));
    }
    return day;
}

} // namespace DemoHistory
