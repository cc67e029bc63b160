#pragma once

#include "store/storetypes.h"

#include <QList>
#include <QStringList>

// A synthetic day of latency samples (one per second per tier) with two incidents: switch and
// breaker events and degradation levels to match. For the README screenshots (--screenshot) and the
// chart benchmark; never written to the user's store.
namespace DemoHistory {

struct Day
{
    QList<LatencySample> samples;
    QList<StoredEvent> events;
};

Day generate(const QStringList &tiers, qint64 endMs, quint32 seed = 7);

} // namespace DemoHistory
