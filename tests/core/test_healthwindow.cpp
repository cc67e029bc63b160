// The health window's bounded statistics: percentiles from fixed buckets stay within one bucket of
// the exact value whatever the number of samples, and samples leave the window with time.

#include "health/healthwindow.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

// The exact nearest-rank percentile, as the health view used to compute it by sorting.
qint64 exactPercentile(std::vector<qint64> values, double p)
{
    std::sort(values.begin(), values.end());
    const size_t rank =
        size_t(std::clamp<double>(std::ceil(p / 100.0 * double(values.size())), 1.0, double(values.size()))) -
        1;
    return values.at(rank);
}

} // namespace

class TestHealthWindow : public QObject
{
    Q_OBJECT

private slots:
    void buckets_coverEveryDurationOnceInOrder()
    {
        int last = -1;
        for (qint64 v = 0; v < 5'000'000; v += (v < 4096 ? 1 : 97)) {
            const int b = LatencyHistogram::bucketOf(v);
            QVERIFY(b >= last);
            QVERIFY2(LatencyHistogram::lowerBound(b) <= v && v <= LatencyHistogram::upperBound(b),
                     qPrintable(QString::number(v)));
            last = b;
        }
        QCOMPARE(LatencyHistogram::bucketOf(-1), -1);
        QCOMPARE(LatencyHistogram::bucketOf(31), 31); // exact below 32 ms
        QCOMPARE(LatencyHistogram::bucketOf(std::numeric_limits<qint64>::max()),
                 LatencyHistogram::BucketCount - 1);
        // Neighbouring buckets are at most 1/16 of a doubling apart (6.25 % of the lower bound).
        for (int b = LatencyHistogram::ExactBuckets; b < LatencyHistogram::BucketCount - 1; ++b) {
            const double width =
                double(LatencyHistogram::upperBound(b) - LatencyHistogram::lowerBound(b) + 1);
            QVERIFY(width / double(LatencyHistogram::lowerBound(b)) <= 1.0 / 16.0 + 1e-9);
        }
    }

    void millionSamples_percentilesWithinOneBucketOfExact_data()
    {
        QTest::addColumn<int>("shape");
        QTest::newRow("log-normal around 800 ms") << 0;
        QTest::newRow("uniform 0..60 s") << 1;
        QTest::newRow("two humps: cache 5 ms, model 2 s") << 2;
    }

    void millionSamples_percentilesWithinOneBucketOfExact()
    {
        QFETCH(int, shape);
        QRandomGenerator rng(42 + quint32(shape));
        HealthWindow window(300'000);
        std::vector<qint64> values;
        values.reserve(1'000'000);
        for (int i = 0; i < 1'000'000; ++i) {
            qint64 v = 0;
            if (shape == 0) {
                const double u1 = std::max(1e-12, rng.generateDouble());
                const double u2 = rng.generateDouble();
                const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * M_PI * u2);
                v = qint64(std::exp(std::log(800.0) + 0.6 * normal));
            } else if (shape == 1) {
                v = qint64(rng.bounded(60'000));
            } else {
                v = rng.bounded(10) < 3 ? qint64(rng.bounded(2, 9)) : qint64(rng.bounded(1500, 2600));
            }
            values.push_back(v);
            // A million samples inside one window (at 1 ms steps it spans 1,000 s; keep it in 250 s).
            window.addRequest(qint64(i) / 4, true, v, v / 2);
        }
        QCOMPARE(window.totals().requests, 1'000'000);
        QCOMPARE(window.latency().count(), quint64(1'000'000));
        for (const double p : {50.0, 95.0, 99.0}) {
            const qint64 exact = exactPercentile(values, p);
            const int bucket = window.latency().percentileBucket(p);
            QVERIFY2(LatencyHistogram::lowerBound(bucket) <= exact &&
                         exact <= LatencyHistogram::upperBound(bucket),
                     qPrintable(QStringLiteral("p%1: exact %2 ms, bucket %3..%4")
                                                   .arg(p)
                                                   .arg(exact)
                                                   .arg(LatencyHistogram::lowerBound(bucket))
                                                   .arg(LatencyHistogram::upperBound(bucket))));
            const qint64 reported = window.latency().percentile(p);
            QVERIFY(std::abs(double(reported - exact)) <= std::max(1.0, double(exact) / 16.0));
        }
    }

    void samples_leaveTheWindowWithTime()
    {
        HealthWindow window(60'000); // 60 slots of 1 s
        for (int i = 0; i < 10; ++i)
            window.addRequest(1'000 + i * 100, i % 2 == 0, 100, -1); // 5 ok, 5 failed in second 1
        window.addRequest(30'500, true, 5'000, 40);
        window.addProbe(30'600, false);
        window.advance(31'000);
        QCOMPARE(window.totals().requests, 11);
        QCOMPARE(window.totals().successes, 6);
        QCOMPARE(window.totals().probes, 1);
        QCOMPARE(window.latency().count(), quint64(11));
        QCOMPARE(window.ttft().count(), quint64(1));
        // Second 1 leaves at 61 s; second 30 stays until 90 s.
        window.advance(62'000);
        QCOMPARE(window.totals().requests, 1);
        QCOMPARE(window.totals().successes, 1);
        QCOMPARE(window.latency().percentile(50),
                 LatencyHistogram::representative(LatencyHistogram::bucketOf(5'000)));
        window.advance(91'000);
        QCOMPARE(window.totals().requests, 0);
        QCOMPARE(window.totals().probes, 0);
        QCOMPARE(window.latency().percentile(50), qint64(-1));
        // A slot reused a whole window later starts empty.
        window.addRequest(121'200, false, -1, -1);
        QCOMPARE(window.totals().requests, 1);
        QCOMPARE(window.latency().count(), quint64(0));
    }

    void newWidth_startsAfresh()
    {
        HealthWindow window(60'000);
        window.addRequest(1'000, true, 10, 5);
        window.setWindow(60'000); // unchanged: kept
        QCOMPARE(window.totals().requests, 1);
        window.setWindow(120'000);
        QCOMPARE(window.totals().requests, 0);
        QCOMPARE(window.latency().count(), quint64(0));
    }
};

QTEST_GUILESS_MAIN(TestHealthWindow)
#include "test_healthwindow.moc"
