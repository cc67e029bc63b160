#include "health/demohistory.h"
#include "health/latencychart.h"
#include "store/conversationstore.h"

#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QStringList Tiers = {u"flagship"_s, u"balanced"_s, u"economy"_s};
constexpr qint64 Now = 1'790'000'000'000; // a fixed "now" (ms since the epoch)
constexpr qint64 Hour = 3600 * 1000;
} // namespace

class TestLatencyChart : public QObject
{
    Q_OBJECT

private slots:
    void aDayOfSamples_isDrawnAsMinMaxPerColumn()
    {
        LatencyChart chart(nullptr, nullptr);
        chart.setNowSource([] { return Now; });
        chart.resize(1200, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const DemoHistory::Day day = DemoHistory::generate(Tiers, Now);
        chart.addSamples(day.samples);
        for (const StoredEvent &e : day.events)
            chart.addEvent(e);
        chart.setWindow(LatencyChart::MaxSpanMs);
        chart.redraw();
        const int columns = chart.drawnColumns();
        QVERIFY(columns > 500);
        for (const QString &tier : Tiers) {
            QVERIFY2(chart.drawnPoints(tier) > columns, qPrintable(tier));
            QVERIFY2(chart.drawnPoints(tier) <= 2 * columns, qPrintable(tier));
        }
        // Every switch and breaker opening of the day is a marker; three periods below FULL are bands.
        QCOMPARE(chart.drawnMarkers(), 4);
        QCOMPARE(chart.drawnBands().size(), 3);
        // The spike on the primary before its outage survives downsampling.
        QVERIFY(chart.chart()->axes(Qt::Vertical).first()->property("max").toDouble() >= 3000);

        // The last 15 minutes hold no incident and fewer points than columns: all are drawn.
        chart.setWindow(15 * 60 * 1000);
        chart.redraw();
        QCOMPARE(chart.drawnMarkers(), 0);
        QVERIFY(chart.drawnBands().isEmpty());
        QVERIFY(chart.drawnPoints(u"balanced"_s) >= 895 && chart.drawnPoints(u"balanced"_s) <= 900);
        QVERIFY(chart.describe().contains(u"balanced: 9"_s));
    }

    void aStretchWithoutSamples_breaksTheLine()
    {
        LatencyChart chart(nullptr, nullptr);
        chart.setNowSource([] { return Now; });
        chart.resize(1200, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        // flagship: 10 min of samples, a 30 min outage (nothing answered), 10 min again; balanced all along.
        QList<LatencySample> samples;
        for (qint64 t = Now - 50 * 60'000; t <= Now; t += 10'000) {
            const bool outage = t > Now - 40 * 60'000 && t < Now - 10 * 60'000;
            if (!outage)
                samples.append({u"flagship"_s, t, 800, 200, true});
            samples.append({u"balanced"_s, t, 400, 100, true});
        }
        chart.addSamples(samples);
        chart.setWindow(Hour);
        chart.redraw();
        QCOMPARE(chart.gapMs(), 2 * 60'000);
        QCOMPARE(chart.drawnSegments(u"flagship"_s), 2);
        QCOMPARE(chart.drawnSegments(u"balanced"_s), 1);
        QCOMPARE(chart.drawnPoints(u"flagship"_s), 61 + 61);
        // The legend still names each tier once.
        const auto visibleMarkers = [&chart] {
            int n = 0;
            for (QLegendMarker *m : chart.chart()->legend()->markers())
                n += m->isVisible() && m->label() == u"flagship"_s ? 1 : 0;
            return n;
        };
        QTRY_COMPARE(visibleMarkers(), 1); // the legend lays its markers out on a later turn
        // Zoomed into the second half of the outage's end only: one piece again, the spare one emptied.
        chart.setViewRange(Now - 9 * 60'000, Now);
        chart.redraw();
        QCOMPARE(chart.drawnSegments(u"flagship"_s), 1);
    }

    void panAndZoom_byKeysAndCalls()
    {
        LatencyChart chart(nullptr, nullptr);
        chart.setNowSource([] { return Now; });
        chart.resize(900, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setWindow(Hour);
        QVERIFY(chart.followsLive());
        QCOMPARE(chart.viewTo(), Now);
        auto *view = chart.findChild<QChartView *>(u"latencyChartView"_s);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Left); // pan back by a tenth of the span
        QVERIFY(!chart.followsLive());
        QCOMPARE(chart.viewTo(), Now - Hour / 10);
        QCOMPARE(chart.viewTo() - chart.viewFrom(), Hour);
        QTest::keyClick(view, Qt::Key_Plus); // zoom in around the middle
        QCOMPARE(chart.viewTo() - chart.viewFrom(), Hour / 2);
        QTest::keyClick(view, Qt::Key_Right);
        QTest::keyClick(view, Qt::Key_Right);
        QTest::keyClick(view, Qt::Key_Right);
        QVERIFY(chart.viewTo() <= Now);      // never past "now"
        QTest::keyClick(view, Qt::Key_Home); // the whole day
        QCOMPARE(chart.viewTo() - chart.viewFrom(), LatencyChart::MaxSpanMs);
        QTest::keyClick(view, Qt::Key_End); // back to live, at the chosen window
        QVERIFY(chart.followsLive());
        QCOMPARE(chart.viewTo() - chart.viewFrom(), Hour);
        // Zooming never goes below 30 s nor beyond a day.
        for (int i = 0; i < 20; ++i)
            chart.zoom(0.5, Now - Hour / 2);
        QCOMPARE(chart.viewTo() - chart.viewFrom(), 30 * 1000);
        for (int i = 0; i < 20; ++i)
            chart.zoom(2.0, Now - Hour / 2);
        QVERIFY(chart.viewTo() - chart.viewFrom() <= LatencyChart::MaxSpanMs);
    }

    // A busy gateway records a hundred samples a second per tier: the chart keeps each second's
    // fastest and slowest only, so a day costs the same memory at any request rate, and what a pixel
    // column shows (its lowest and highest) is unchanged.
    void manySamplesPerSecond_keepTwoPointsPerSecond()
    {
        LatencyChart chart(nullptr, nullptr);
        chart.setNowSource([] { return Now; });
        chart.resize(1200, 500);
        QList<LatencySample> live;
        for (int i = 0; i < 60 * 100; ++i) {               // a minute at 100 samples per second
            const qint64 latency = 200 + (i * 7919) % 300; // 200..499 ms, scrambled
            live.append({u"balanced"_s, Now - 60'000 + i * 10, latency, 50, true});
        }
        live[1234].latencyMs = 5'000; // one slow outlier
        live[4321].latencyMs = 12;    // one fast one
        for (const LatencySample &sample : std::as_const(live))
            chart.addSamples({sample}); // as the recorder delivers them: one by one
        QVERIFY2(chart.keptPoints(u"balanced"_s) <= 2 * 60,
                 qPrintable(QString::number(chart.keptPoints(u"balanced"_s))));
        QVERIFY(chart.keptPoints(u"balanced"_s) >= 60);
        chart.setWindow(15 * 60 * 1000);
        chart.redraw();
        QCOMPARE(chart.chart()->axes(Qt::Vertical).first()->property("max").toDouble() >= 5000, true);
        QVERIFY(chart.describe().contains(u"5,000"_s) || chart.describe().contains(u"5000"_s));
    }

    void historyInTheStore_isShownAfterARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"history.sqlite"_s);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            ConversationStore store;
            store.open(path, nullptr, {});
            QTRY_VERIFY(store.isOpen());
            QList<LatencySample> samples;
            for (int i = 0; i < 600; ++i)
                samples.append({u"balanced"_s, now - 600'000 + i * 1000, 400 + i % 50, 120, true});
            store.appendSamples(samples);
            StoredEvent e;
            e.atMs = now - 300'000;
            e.kind = u"breaker"_s;
            e.tier = u"flagship"_s;
            e.summary = u"flagship breaker closed → open"_s;
            e.problem = true;
            store.appendEvents({e});
        }
        // As in the app: the window (and its chart) exists before the store has opened.
        ConversationStore store;
        LatencyChart chart(nullptr, &store);
        chart.resize(900, 400);
        chart.show();
        store.open(path, nullptr, {});
        QTRY_VERIFY(store.isOpen());
        QTRY_COMPARE(chart.drawnPoints(u"balanced"_s), 600);
        QTRY_COMPARE(chart.drawnMarkers(), 1);
    }
};

QTEST_MAIN(TestLatencyChart)
#include "test_latencychart.moc"
