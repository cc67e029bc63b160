#include "health/healthwindow.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

int LatencyHistogram::bucketOf(qint64 ms)
{
    if (ms < 0)
        return -1;
    if (ms < ExactBuckets)
        return int(ms);
    const int msb = 63 - std::countl_zero(quint64(ms)); // >= 5
    const int doubling = msb - 5;
    if (doubling >= Doublings)
        return BucketCount - 1;
    const int sub = int((quint64(ms) >> (msb - 4)) & (SubBuckets - 1));
    return ExactBuckets + doubling * SubBuckets + sub;
}

qint64 LatencyHistogram::lowerBound(int bucket)
{
    if (bucket < ExactBuckets)
        return bucket;
    const int doubling = (bucket - ExactBuckets) / SubBuckets;
    const int sub = (bucket - ExactBuckets) % SubBuckets;
    return qint64(SubBuckets + sub) << (doubling + 1);
}

qint64 LatencyHistogram::upperBound(int bucket)
{
    if (bucket >= BucketCount - 1)
        return std::numeric_limits<qint64>::max();
    return lowerBound(bucket + 1) - 1;
}

qint64 LatencyHistogram::representative(int bucket)
{
    if (bucket < ExactBuckets || bucket >= BucketCount - 1)
        return lowerBound(bucket);
    return (lowerBound(bucket) + upperBound(bucket)) / 2;
}

void LatencyHistogram::add(qint64 ms)
{
    const int b = bucketOf(ms);
    if (b < 0)
        return;
    ++m_counts[size_t(b)];
    ++m_total;
}

void LatencyHistogram::subtract(const LatencyHistogram &other)
{
    if (other.m_total == 0)
        return;
    for (size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] -= std::min(m_counts[i], other.m_counts[i]);
    m_total -= std::min(m_total, other.m_total);
}

void LatencyHistogram::clear()
{
    if (m_total == 0)
        return;
    m_counts.fill(0);
    m_total = 0;
}

int LatencyHistogram::percentileBucket(double p) const
{
    if (m_total == 0)
        return -1;
    const quint64 rank =
        quint64(std::clamp<double>(std::ceil(p / 100.0 * double(m_total)), 1.0, double(m_total))) - 1;
    quint64 seen = 0;
    for (int b = 0; b < BucketCount; ++b) {
        seen += m_counts[size_t(b)];
        if (seen > rank)
            return b;
    }
    return BucketCount - 1;
}

qint64 LatencyHistogram::percentile(double p) const
{
    const int b = percentileBucket(p);
    return b < 0 ? -1 : representative(b);
}

HealthWindow::HealthWindow(qint64 windowMs)
{
    setWindow(windowMs);
}

void HealthWindow::setWindow(qint64 windowMs)
{
    windowMs = std::max<qint64>(windowMs, Slots);
    if (windowMs == m_windowMs)
        return;
    m_windowMs = windowMs;
    m_slotMs = windowMs / Slots;
    m_slots.assign(Slots, Slot());
    m_totals = {};
    m_latency.clear();
    m_ttft.clear();
}

void HealthWindow::drop(Slot &slot)
{
    if (slot.index < 0)
        return;
    m_totals.requests -= slot.totals.requests;
    m_totals.successes -= slot.totals.successes;
    m_totals.probes -= slot.totals.probes;
    m_totals.probeSuccesses -= slot.totals.probeSuccesses;
    m_latency.subtract(slot.latency);
    m_ttft.subtract(slot.ttft);
    slot.index = -1;
    slot.totals = {};
    slot.latency.clear();
    slot.ttft.clear();
}

void HealthWindow::advance(qint64 nowMs)
{
    const qint64 current = nowMs / m_slotMs;
    for (Slot &slot : m_slots) {
        if (slot.index >= 0 && slot.index <= current - Slots)
            drop(slot);
    }
}

HealthWindow::Slot &HealthWindow::slotAt(qint64 nowMs)
{
    const qint64 index = nowMs / m_slotMs;
    Slot &slot = m_slots[size_t(index % Slots)];
    if (slot.index != index) {
        drop(slot); // an older slot in the same place has left the window
        slot.index = index;
    }
    return slot;
}

void HealthWindow::addRequest(qint64 nowMs, bool ok, qint64 latencyMs, qint64 ttftMs)
{
    Slot &slot = slotAt(nowMs);
    ++slot.totals.requests;
    ++m_totals.requests;
    if (ok) {
        ++slot.totals.successes;
        ++m_totals.successes;
    }
    if (latencyMs >= 0) {
        slot.latency.add(latencyMs);
        m_latency.add(latencyMs);
    }
    if (ttftMs >= 0) {
        slot.ttft.add(ttftMs);
        m_ttft.add(ttftMs);
    }
}

void HealthWindow::addProbe(qint64 nowMs, bool ok)
{
    Slot &slot = slotAt(nowMs);
    ++slot.totals.probes;
    ++m_totals.probes;
    if (ok) {
        ++slot.totals.probeSuccesses;
        ++m_totals.probeSuccesses;
    }
}
