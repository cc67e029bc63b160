#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <ctime>

// Small helpers shared by the benchmark programs.
namespace Bench {

// Percentile of microsecond samples (nearest rank).
inline double percentile(QList<qint64> samples, double p)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const qsizetype rank =
        std::clamp<qsizetype>(qsizetype(p / 100.0 * samples.size() + 0.5) - 1, 0, samples.size() - 1);
    return double(samples.at(rank));
}

inline double ms(double micros)
{
    return micros / 1000.0;
}

// CPU time of the whole process, in microseconds.
inline qint64 cpuMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

inline void row(const char *what, const QList<qint64> &micros, qint64 cpuTotal = -1)
{
    std::printf("  %-46s p50 %8.3f ms   p99 %8.3f ms", what, ms(percentile(micros, 50)),
                ms(percentile(micros, 99)));
    if (cpuTotal >= 0 && !micros.isEmpty())
        std::printf("   cpu %7.1f us/req", double(cpuTotal) / double(micros.size()));
    std::printf("\n");
}

} // namespace Bench
