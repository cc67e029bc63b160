#pragma once

#include <QtGlobal>

#include <array>
#include <vector>

// Durations in milliseconds counted in fixed buckets: exact below 32 ms, then 16 buckets per
// doubling (a bucket at most 6.25 % of its lower bound wide) up to about 70 minutes; longer durations share
// the last bucket. Adding is O(1) and a percentile is one pass over the buckets, however many values went in.
class LatencyHistogram
{
public:
    static constexpr int ExactBuckets = 32;
    static constexpr int SubBuckets = 16;
    static constexpr int Doublings = 17;
    static constexpr int BucketCount = ExactBuckets + SubBuckets * Doublings;

    static int bucketOf(qint64 ms);
    static qint64 lowerBound(int bucket); // the smallest duration in the bucket
    static qint64 upperBound(int bucket); // the largest
    // What a percentile that lands in the bucket reports: its middle (exact below 32 ms).
    static qint64 representative(int bucket);

    void add(qint64 ms);
    void subtract(const LatencyHistogram &other); // other's values must have been added here
    void clear();
    quint64 count() const { return m_total; }
    // Nearest rank, as in `ceil(p / 100 * n)`; -1 when empty. Within one bucket of the exact value.
    qint64 percentile(double p) const;
    int percentileBucket(double p) const; // the bucket that holds it, -1 when empty

private:
    std::array<quint32, BucketCount> m_counts{};
    quint64 m_total = 0;
};

// One tier's traffic over a rolling window, in a fixed number of time slots: counts and latency
// histograms per slot, and their running sums over the window. Recording is O(1), reading the
// window's figures costs the same after a million samples as after ten, and memory is fixed.
// Samples leave the window a slot at a time (a slot is 1/60 of the window).
class HealthWindow
{
public:
    static constexpr int Slots = 60;

    struct Totals
    {
        int requests = 0;
        int successes = 0;
        int probes = 0;
        int probeSuccesses = 0;
    };

    explicit HealthWindow(qint64 windowMs = 300'000);

    // A new width empties the window (its slots no longer line up with the old ones).
    void setWindow(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }

    // latencyMs / ttftMs < 0: not measured (a failure has no latency; a non-streamed answer no ttft).
    void addRequest(qint64 nowMs, bool ok, qint64 latencyMs, qint64 ttftMs);
    void addProbe(qint64 nowMs, bool ok);
    // Drops the slots that have left the window at `nowMs`.
    void advance(qint64 nowMs);

    const Totals &totals() const { return m_totals; }
    const LatencyHistogram &latency() const { return m_latency; }
    const LatencyHistogram &ttft() const { return m_ttft; }

private:
    struct Slot
    {
        qint64 index = -1; // nowMs / slot width; -1 = empty
        Totals totals;
        LatencyHistogram latency;
        LatencyHistogram ttft;
    };
    Slot &slotAt(qint64 nowMs);
    void drop(Slot &slot);

    qint64 m_windowMs = 0;
    qint64 m_slotMs = 0;
    std::vector<Slot> m_slots;
    Totals m_totals;
    LatencyHistogram m_latency;
    LatencyHistogram m_ttft;
};
