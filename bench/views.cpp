// bench_views: the operator's views with a day and a million rows of data.
//  1. Health latency chart: redraw with 86,400 samples per tier for 3 tiers over the 24 h window
//     (downsampling + series replace + a synchronous repaint of the chart), and over 15 min / 1 h.
//  2. Events view: 1,000,000 events in the log model; scroll to random places (repaint included),
//     filter by text and by kind, sort by summary.
// Runs offscreen. Usage: bench_views [repetitions, default 20]

#include "benchutil.h"
#include "events/eventlogmodel.h"
#include "health/demohistory.h"
#include "health/latencychart.h"

#include <QApplication>
#include <QChartView>
#include <QDateTime>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>

#include <cstdio>

namespace {

qint64 timeIt(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return t.nsecsElapsed() / 1000;
}

void chartBench(int reps)
{
    const QStringList tiers = {QStringLiteral("flagship"), QStringLiteral("balanced"),
                                                                          QStringLiteral("economy")};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    LatencyChart chart(nullptr, nullptr);
    chart.setNowSource([now] { return now; });
    chart.resize(1280, 720);
    chart.show();
    QApplication::processEvents();
    const DemoHistory::Day day = DemoHistory::generate(tiers, now);
    const qint64 load = timeIt([&] {
        chart.addSamples(day.samples);
        for (const StoredEvent &e : day.events)
            chart.addEvent(e);
    });
    std::printf("Latency chart, %lld samples (3 tiers x 86,400), 1280x720, offscreen\n",
                static_cast<long long>(day.samples.size()));
    std::printf("  add a day of samples: %.1f ms\n", Bench::ms(double(load)));
    auto *view = chart.findChild<QChartView *>();
    for (const auto &[span, label] : {std::pair<qint64, const char *>{LatencyChart::MaxSpanMs, "24 h window"},
                                      {3600LL * 1000, "1 h window"},
                                      {15LL * 60 * 1000, "15 min window"}}) {
        chart.setWindow(span);
        QList<qint64> redraw, frame;
        for (int i = 0; i < reps; ++i) {
            const qint64 r = timeIt([&] { chart.redraw(); });
            const qint64 p = timeIt([&] { view->viewport()->repaint(); });
            redraw.append(r);
            frame.append(r + p);
        }
        std::printf("  %-14s points drawn per tier %5d   redraw p50 %6.2f ms   redraw+paint p50 %6.2f ms  "
                    "p99 %6.2f ms\n",
                    label, chart.drawnPoints(tiers.first()), Bench::ms(Bench::percentile(redraw, 50)),
                    Bench::ms(Bench::percentile(frame, 50)), Bench::ms(Bench::percentile(frame, 99)));
    }
}

void eventsBench(int reps)
{
    constexpr int Rows = 1'000'000;
    EventLogModel model(Rows);
    const QStringList kinds = {
        QStringLiteral("attempt"), QStringLiteral("request"), QStringLiteral("switch"),
                                                                             QStringLiteral("breaker"), QStringLiteral("level"),   QStringLiteral("health")};
    const QStringList tiers = {QStringLiteral("flagship"), QStringLiteral("balanced"),
                                                                          QStringLiteral("economy")};
    QRandomGenerator random(3);
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - Rows * 100LL;
    QList<StoredEvent> batch;
    batch.reserve(Rows);
    for (int i = 0; i < Rows; ++i) {
        StoredEvent e;
        e.atMs = start + i * 100LL;
        e.kind = kinds.at(int(random.bounded(kinds.size())));
        e.tier = tiers.at(int(random.bounded(tiers.size())));
        e.summary = QStringLiteral("%1 %2 request %3 answered in %4 ms").arg(e.tier, e.kind).arg(i).arg(random.bounded(2000));
        e.detail = i % 97 == 0 ? QStringLiteral("HTTP 503 overloaded") : QString();
        e.problem = i % 97 == 0;
        batch.append(e);
    }
    const qint64 load = timeIt([&] { model.prependHistory(batch); });
    std::printf("\nEvents view, %d events in the model\n", model.totalCount());
    std::printf("  load (prependHistory): %.1f ms\n", Bench::ms(double(load)));

    {
        QList<qint64> text, kind, clear;
        for (int i = 0; i < 3; ++i) {
            text.append(timeIt([&] { model.setFilter({}, {}, QStringLiteral("503")); }));
            kind.append(
                timeIt([&] { model.setFilter(QStringLiteral("switch"), QStringLiteral("flagship"), {}); }));
            clear.append(timeIt([&] { model.setFilter({}, {}, {}); }));
        }
        Bench::row("model alone: filter by text", text);
        Bench::row("model alone: filter by kind and tier", kind);
        Bench::row("model alone: clear the filter", clear);
        QList<qint64> o;
        for (int i = 0; i < 3; ++i) {
            model.setFilter({}, {}, {});
            o.append(timeIt([&] { model.setFilter({}, {}, QStringLiteral("o")); }));
        }
        std::printf("  (\"o\" matches %d rows)\n", model.rowCount());
        Bench::row("model alone: filter by \"o\"", o);
        model.setFilter({}, {}, {});
    }
    // As the Events view shows it.
    QTableView view;
    view.setModel(&model);
    view.verticalHeader()->hide();
    view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 6);
    view.setSortingEnabled(true);
    view.resize(1280, 720);
    view.show();
    QApplication::processEvents();
    QList<qint64> scroll;
    for (int i = 0; i < reps * 5; ++i) {
        const int to = int(random.bounded(view.verticalScrollBar()->maximum() + 1));
        scroll.append(timeIt([&] {
            view.verticalScrollBar()->setValue(to);
            view.viewport()->repaint();
        }));
    }
    Bench::row("scroll to a random row + repaint", scroll);
    QList<qint64> text, kind, clear, sort;
    for (int i = 0; i < reps; ++i) {
        text.append(timeIt([&] {
            model.setFilter({}, {}, QStringLiteral("503"));
            view.viewport()->repaint();
        }));
        const int matched = model.rowCount();
        kind.append(timeIt([&] {
            model.setFilter(QStringLiteral("switch"), QStringLiteral("flagship"), {});
            view.viewport()->repaint();
        }));
        clear.append(timeIt([&] {
            model.setFilter({}, {}, {});
            view.viewport()->repaint();
        }));
        if (i == 0)
            std::printf("  (text filter \"503\" matches %d rows)\n", matched);
    }
    Bench::row("filter by text (\"503\") + repaint", text);
    model.sort(EventLogModel::Time, Qt::DescendingOrder); // the Events view's default: newest first
    QList<qint64> word, typed1, typed2, typed3;
    for (int i = 0; i < reps; ++i) {
        model.setFilter({}, {}, {});
        word.append(timeIt([&] {
            model.setFilter({}, {}, QStringLiteral("Overloaded"));
            view.viewport()->repaint();
        }));
        model.setFilter({}, {}, {});
        // Typing "ove" a key at a time: the first key scans everything, the next ones only its matches.
        QList<qint64> *perKey[] = {&typed1, &typed2, &typed3};
        int k = 0;
        for (const QString &t : {QStringLiteral("o"), QStringLiteral("ov"), QStringLiteral("ove")})
            perKey[k++]->append(timeIt([&] {
                model.setFilter({}, {}, t);
                view.viewport()->repaint();
            }));
    }
    Bench::row("filter by a word (\"Overloaded\", any case)", word);
    Bench::row("typing a filter: \"o\" (matches nearly all)", typed1);
    Bench::row("typing a filter: then \"ov\" (narrows)", typed2);
    Bench::row("typing a filter: then \"ove\" (narrows)", typed3);
    Bench::row("filter by kind and tier + repaint", kind);
    Bench::row("clear the filter + repaint", clear);
    model.setFilter({}, {}, {});
    QList<qint64> byKind, byTime;
    for (int i = 0; i < std::max(3, reps / 4); ++i) {
        sort.append(timeIt([&] {
            model.sort(EventLogModel::Summary, Qt::AscendingOrder);
            view.viewport()->repaint();
        }));
        byKind.append(timeIt([&] {
            model.sort(EventLogModel::Kind, Qt::AscendingOrder);
            view.viewport()->repaint();
        }));
        byTime.append(timeIt([&] {
            model.sort(EventLogModel::Time, Qt::DescendingOrder);
            view.viewport()->repaint();
        }));
    }
    Bench::row("sort by summary + repaint", sort);
    Bench::row("sort by kind + repaint", byKind);
    Bench::row("sort by time (newest first) + repaint", byTime);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int reps = argc > 1 ? std::max(3, atoi(argv[1])) : 20;
    chartBench(reps);
    eventsBench(reps);
    return 0;
}
