#include "health/latencychart.h"

#include "health/downsample.h"
#include "history/historyrecorder.h"
#include "store/conversationstore.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 MinSpanMs = 30 * 1000;

QString levelFromEvent(const StoredEvent &e)
{
    return QJsonDocument::fromJson(e.data).object().value(QStringLiteral("to")).toString();
}

QColor bandColor(const QString &level)
{
    if (level == u"reduced")
        return QColor(240, 200, 40, 55);
    if (level == u"minimal")
        return QColor(240, 130, 30, 60);
    return QColor(220, 40, 40, 60); // fallback
}

} // namespace

// The chart's keyboard and wheel: Left/Right pan, +/- zoom, End follows live, Home shows the day.
class LatencyChart::View final : public QChartView
{
public:
    View(QChart *chart, LatencyChart &owner)
        : QChartView(chart, &owner)
        , m_owner(owner)
    {
        setFocusPolicy(Qt::StrongFocus);
        setRubberBand(QChartView::HorizontalRubberBand); // drag to zoom into a span
        setRenderHint(QPainter::Antialiasing);
    }

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        const qint64 center = m_owner.viewTo() - (m_owner.viewTo() - m_owner.viewFrom()) / 2;
        switch (event->key()) {
        case Qt::Key_Left:
            m_owner.pan(-0.1);
            break;
        case Qt::Key_Right:
            m_owner.pan(+0.1);
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            m_owner.zoom(0.5, center);
            break;
        case Qt::Key_Minus:
            m_owner.zoom(2.0, center);
            break;
        case Qt::Key_End:
            m_owner.setFollowLive(true);
            break;
        case Qt::Key_Home:
            m_owner.setViewRange(m_owner.now() - MaxSpanMs, m_owner.now());
            break;
        default:
            QChartView::keyPressEvent(event);
            return;
        }
        event->accept();
    }

    void wheelEvent(QWheelEvent *event) override
    {
        const QPointF value = chart()->mapToValue(event->position());
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            m_owner.zoom(std::pow(0.8, steps), qint64(value.x()));
        event->accept();
    }

private:
    LatencyChart &m_owner;
};

LatencyChart::LatencyChart(HistoryRecorder *history, ConversationStore *store, QWidget *parent)
    : QWidget(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_chart = new QChart;
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_x = new QDateTimeAxis(m_chart);
    m_x->setFormat(QStringLiteral("HH:mm"));
    m_x->setTickCount(7);
    m_x->setTitleText(tr("Time"));
    m_y = new QValueAxis(m_chart);
    m_y->setLabelFormat(QStringLiteral("%d"));
    m_y->setTitleText(tr("Latency (ms)"));
    m_y->setRange(0, 1000);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);

    // Level bands first, so lines and markers draw over them.
    const struct
    {
        QString level;
        QString name;
    } bands[] = {{QStringLiteral("reduced"), tr("Level REDUCED")},
                  {QStringLiteral("minimal"), tr("Level MINIMAL")},
                   {QStringLiteral("fallback"), tr("Level FALLBACK")}};
    for (const auto &b : bands) {
        auto *upper = new QLineSeries(m_chart);
        auto *area = new QAreaSeries(upper);
        area->setName(b.name);
        area->setColor(bandColor(b.level));
        area->setBorderColor(Qt::transparent);
        m_chart->addSeries(area);
        area->attachAxis(m_x);
        area->attachAxis(m_y);
        m_bands.insert(b.level, area);
        // The bands are explained under the chart: legend markers that come and go reflow the legend.
        for (QLegendMarker *marker : m_chart->legend()->markers(area))
            marker->setVisible(false);
    }
    const auto markers = [this](const QString &name, QScatterSeries::MarkerShape shape, QColor color) {
        auto *s = new QScatterSeries(m_chart);
        s->setName(name);
        s->setMarkerShape(shape);
        s->setMarkerSize(11);
        s->setColor(color);
        s->setBorderColor(color.darker(140));
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        connect(s, &QScatterSeries::hovered, this, [this, s](const QPointF &p, bool on) {
            if (on)
                showMarkerTip(s, p);
            else
                QToolTip::hideText();
        });
        return s;
    };
    m_switches = markers(tr("Switch"), QScatterSeries::MarkerShapeTriangle, QColor(230, 120, 0));
    m_breakers =
        markers(tr("Breaker opened"), QScatterSeries::MarkerShapeRotatedRectangle, QColor(200, 30, 30));
    m_drills = markers(tr("Drill"), QScatterSeries::MarkerShapeStar, QColor(130, 60, 190));

    m_view = new View(m_chart, *this);
    m_view->setObjectName(QStringLiteral("latencyChartView"));
    m_view->setAccessibleName(tr("Latency chart"));
    m_view->setMinimumHeight(220);
    m_view->setToolTip(
        tr("Drag to zoom into a span; wheel or +/- to zoom, Left/Right to pan, End to follow live, "
           "Home for the whole day"));

    m_windowBox = new QComboBox(this);
    m_windowBox->setObjectName(QStringLiteral("chartWindowComboBox"));
    m_windowBox->setAccessibleName(tr("Chart window"));
    m_windowBox->addItem(tr("Last 15 minutes"), 15 * Minute);
    m_windowBox->addItem(tr("Last hour"), 60 * Minute);
    m_windowBox->addItem(tr("Last 24 hours"), MaxSpanMs);
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_windowBox);
    m_live = new QPushButton(tr("&Follow live"), this);
    m_live->setObjectName(QStringLiteral("chartFollowLiveButton"));
    m_live->setCheckable(true);
    m_live->setChecked(true);
    m_live->setToolTip(tr("Keep the newest samples in view (End)"));
    auto *hint =
        new QLabel(tr("Shading: level REDUCED (yellow), MINIMAL (orange), FALLBACK (red) · drag to zoom, "
                      "wheel or +/−, ←/→ pan"),
                   this);
    hint->setEnabled(false);
    auto *bar = new QHBoxLayout;
    bar->addWidget(windowLabel);
    bar->addWidget(m_windowBox);
    bar->addWidget(m_live);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(hint);

    connect(m_windowBox, &QComboBox::activated, this,
            [this] { setWindow(m_windowBox->currentData().toLongLong()); });
    connect(m_live, &QPushButton::toggled, this, &LatencyChart::setFollowLive);
    connect(m_x, &QDateTimeAxis::rangeChanged, this, &LatencyChart::onAxisRangeChanged);

    m_viewTo = now();
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (!isVisible())
            return;
        if (m_follow) {
            m_viewTo = now();
            m_dirty = true;
        }
        if (m_dirty)
            redraw();
    });
    m_tick.start();
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    connect(&m_coalesce, &QTimer::timeout, this, &LatencyChart::redraw);

    if (history) {
        connect(history, &HistoryRecorder::sampled, this,
                [this](const LatencySample &s) { addSamples({s}); });
        connect(history, &HistoryRecorder::recorded, this, &LatencyChart::addEvent);
    }
    if (store) {
        // The store opens on its own thread; history is read once it is open (a query before would
        // find no database and the chart would start empty after a restart).
        if (store->isOpen())
            loadHistory(store);
        else
            connect(store, &ConversationStore::opened, this, [this, store](bool ok) {
                if (ok)
                    loadHistory(store);
            });
    }
    redraw();
}

void LatencyChart::loadHistory(ConversationStore *store)
{
    const qint64 to = now();
    store->loadSamples(to - MaxSpanMs, to, this, [this](const QList<LatencySample> &samples) {
        addSamples(samples);
        scheduleRedraw();
    });
    store->loadEvents(to - MaxSpanMs, to, 200'000, this, [this](const QList<StoredEvent> &events) {
        for (const StoredEvent &e : events)
            addEvent(e);
        scheduleRedraw();
    });
}

LatencyChart::~LatencyChart() = default;

QLineSeries *LatencyChart::newLine(const QString &tier, const QPen &pen)
{
    auto *s = new QLineSeries(m_chart);
    s->setName(tier);
    s->setPen(pen);
    m_chart->addSeries(s);
    s->attachAxis(m_x);
    s->attachAxis(m_y);
    connect(s, &QLineSeries::hovered, this, [this, tier](const QPointF &p, bool on) {
        if (!on) {
            QToolTip::hideText();
            return;
        }
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(p.x()));
        QToolTip::showText(QCursor::pos(),
                           tr("%1 at %2: %3 ms")
                               .arg(tier, QLocale().toString(at.time(), QLocale::LongFormat),
                                    QLocale().toString(qRound(p.y()))),
                           m_view);
    });
    return s;
}

void LatencyChart::keepMarkersOnTop()
{
    for (QScatterSeries *markers : {m_switches, m_breakers, m_drills}) {
        m_chart->removeSeries(markers);
        m_chart->addSeries(markers);
        markers->attachAxis(m_x);
        markers->attachAxis(m_y);
    }
}

QLineSeries *LatencyChart::seriesFor(const QString &tier)
{
    if (QLineSeries *s = m_series.value(tier))
        return s;
    static const QColor palette[] = {QColor(31, 119, 180), QColor(44, 160, 44),   QColor(23, 170, 190),
                                     QColor(140, 86, 75),  QColor(127, 127, 127), QColor(188, 189, 34)};
    QPen pen(palette[m_series.size() % std::size(palette)]);
    pen.setWidthF(1.5);
    QLineSeries *s = newLine(tier, pen);
    m_series.insert(tier, s);
    m_tierOrder.append(tier);
    keepMarkersOnTop();
    return s;
}

void LatencyChart::addSamples(const QList<LatencySample> &samples)
{
    for (const LatencySample &s : samples) {
        if (!s.ok || s.latencyMs < 0 || s.tier.isEmpty())
            continue;
        seriesFor(s.tier);
        QList<QPointF> &points = m_points[s.tier];
        const QPointF p(double(s.atMs), double(s.latencyMs));
        const qsizetype n = points.size();
        const qint64 second = s.atMs / 1000;
        if (n > 0 && points.last().x() <= p.x() && qint64(points.last().x()) / 1000 == second) {
            // The same second as the last point: a second keeps its fastest and its slowest sample
            // only (what a pixel column shows anyway), so a day is at most two points per second
            // whatever the request rate.
            if (n < 2 || qint64(points.at(n - 2).x()) / 1000 != second) {
                points.append(p);
                continue;
            }
            QPointF &a = points[n - 2];
            QPointF &b = points[n - 1];
            QPointF low = a.y() <= b.y() ? a : b;
            QPointF high = a.y() <= b.y() ? b : a;
            if (p.y() < low.y())
                low = p;
            else if (p.y() > high.y())
                high = p;
            else
                continue;
            a = low.x() <= high.x() ? low : high;
            b = low.x() <= high.x() ? high : low;
        } else if (n > 0 && points.last().x() > p.x()) {
            // History that arrives after live samples: put it in its place.
            const auto at = std::upper_bound(points.begin(), points.end(), p.x(),
                                             [](double x, const QPointF &q) { return x < q.x(); });
            points.insert(at, p);
        } else {
            points.append(p);
        }
    }
    m_dirty = true;
}

void LatencyChart::addEvent(const StoredEvent &e)
{
    QList<Marker> *list = nullptr;
    if (e.kind == u"switch")
        list = &m_switchEvents;
    else if (e.kind == u"breaker" && e.problem)
        list = &m_breakerEvents;
    else if (e.kind == u"drill")
        list = &m_drillEvents;
    if (list) {
        const Marker m{e.atMs, e};
        const auto at = std::upper_bound(list->begin(), list->end(), m.atMs,
                                         [](qint64 x, const Marker &k) { return x < k.atMs; });
        list->insert(at, m);
    } else if (e.kind == u"level") {
        const LevelMark mark{e.atMs, levelFromEvent(e)};
        const auto at = std::upper_bound(m_levels.begin(), m_levels.end(), mark.atMs,
                                         [](qint64 x, const LevelMark &k) { return x < k.atMs; });
        m_levels.insert(at, mark);
    } else {
        return;
    }
    m_dirty = true;
}

void LatencyChart::setWindow(qint64 spanMs)
{
    m_spanMs = std::clamp(spanMs, MinSpanMs, MaxSpanMs);
    const int i = m_windowBox->findData(m_spanMs);
    if (i >= 0)
        m_windowBox->setCurrentIndex(i);
    m_viewSpan = m_spanMs;
    if (!m_follow)
        m_viewTo = std::min(now(), m_viewTo);
    else
        m_viewTo = now();
    m_dirty = true;
    scheduleRedraw();
}

void LatencyChart::setFollowLive(bool follow)
{
    m_follow = follow;
    if (m_live->isChecked() != follow) {
        const QSignalBlocker block(m_live);
        m_live->setChecked(follow);
    }
    if (follow) {
        m_viewSpan = m_spanMs;
        m_viewTo = now();
    }
    m_dirty = true;
    scheduleRedraw();
}

void LatencyChart::setViewRange(qint64 fromMs, qint64 toMs)
{
    const qint64 earliest = now() - MaxSpanMs;
    toMs = std::min(toMs, now());
    fromMs = std::max(fromMs, earliest);
    if (toMs - fromMs < MinSpanMs)
        fromMs = toMs - MinSpanMs;
    m_viewTo = toMs;
    m_viewSpan = toMs - fromMs;
    if (m_follow)
        setFollowLive(false);
    m_dirty = true;
    scheduleRedraw();
}

void LatencyChart::zoom(double factor, qint64 centerMs)
{
    const qint64 from = viewFrom();
    const double left = double(centerMs - from) * factor;
    const double right = double(m_viewTo - centerMs) * factor;
    setViewRange(centerMs - qint64(left), centerMs + qint64(right));
}

void LatencyChart::pan(double share)
{
    const qint64 by = qint64(double(m_viewSpan) * share);
    qint64 to = std::min(now(), m_viewTo + by);
    to = std::max(to, now() - MaxSpanMs + m_viewSpan);
    setViewRange(to - m_viewSpan, to);
}

void LatencyChart::onAxisRangeChanged()
{
    if (m_settingAxis)
        return;
    // The rubber band (or its right-click zoom out) moved the axis: that is the new view.
    setViewRange(m_x->min().toMSecsSinceEpoch(), m_x->max().toMSecsSinceEpoch());
}

void LatencyChart::scheduleRedraw()
{
    m_coalesce.start();
}

void LatencyChart::trim()
{
    const double cut = double(now() - MaxSpanMs - Minute);
    for (auto it = m_points.begin(); it != m_points.end(); ++it) {
        QList<QPointF> &points = it.value();
        if (!points.isEmpty() && points.first().x() < cut) {
            const auto first = std::lower_bound(points.begin(), points.end(), cut,
                                                [](const QPointF &p, double x) { return p.x() < x; });
            points.erase(points.begin(), first);
        }
    }
}

void LatencyChart::redraw()
{
    m_dirty = false;
    if (m_follow)
        m_viewTo = now();
    trim();
    const qint64 to = m_viewTo;
    const qint64 from = to - m_viewSpan;
    m_columns = std::max(100, int(m_chart->plotArea().width()));
    const int columns = m_columns;

    double yMax = 0;
    const double gap = double(gapMs());
    bool newPieces = false;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        const QList<QPointF> shown =
            Downsample::minMax(m_points.value(it.key()), double(from), double(to), columns);
        // Split where no sample arrived for `gap`: the first piece is the legend's series, the others
        // extra series in the same pen (kept for the next redraw, emptied when not needed).
        QList<QList<QPointF>> pieces(1);
        for (qsizetype i = 0; i < shown.size(); ++i) {
            const QPointF &p = shown.at(i);
            yMax = std::max(yMax, p.y());
            if (i > 0 && p.x() - shown.at(i - 1).x() > gap)
                pieces.append(QList<QPointF>());
            pieces.last().append(p);
        }
        it.value()->replace(pieces.first());
        QList<QLineSeries *> &extra = m_pieces[it.key()];
        for (qsizetype k = 1; k < pieces.size(); ++k) {
            if (extra.size() < k) {
                QLineSeries *piece = newLine(it.key(), it.value()->pen());
                for (QLegendMarker *marker : m_chart->legend()->markers(piece))
                    marker->setVisible(false);
                extra.append(piece);
                newPieces = true;
            }
            extra.at(k - 1)->replace(pieces.at(k));
        }
        for (qsizetype k = pieces.size() - 1; k < extra.size(); ++k)
            extra.at(k)->clear();
    }
    if (newPieces)
        keepMarkersOnTop();
    // Round the scale up to a readable number so it does not jitter with every sample.
    double top = 100;
    for (double step : {100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0, 10000.0, 20000.0, 30000.0,
                        60000.0, 120000.0}) {
        top = step;
        if (yMax * 1.15 <= step)
            break;
    }
    const double markerY = top * 0.94;

    const auto place = [from, to, markerY](QScatterSeries *series, const QList<Marker> &events) {
        QList<QPointF> points;
        const auto first = std::lower_bound(events.cbegin(), events.cend(), from,
                                            [](const Marker &m, qint64 x) { return m.atMs < x; });
        for (auto it = first; it != events.cend() && it->atMs <= to; ++it)
            points.append(QPointF(double(it->atMs), markerY));
        series->replace(points);
    };
    place(m_switches, m_switchEvents);
    place(m_breakers, m_breakerEvents);
    place(m_drills, m_drillEvents);

    // Level bands: every period spent below FULL, clipped to the view.
    QHash<QString, QList<QPointF>> bands;
    m_drawnBands.clear();
    for (int i = 0; i < m_levels.size(); ++i) {
        const LevelMark &mark = m_levels.at(i);
        if (mark.level.isEmpty() || mark.level == u"full" || !m_bands.contains(mark.level))
            continue;
        const qint64 end = i + 1 < m_levels.size() ? m_levels.at(i + 1).atMs : now();
        const qint64 a = std::max(from, mark.atMs);
        const qint64 b = std::min(to, end);
        if (b <= a)
            continue;
        QList<QPointF> &band = bands[mark.level];
        band << QPointF(double(a), 0) << QPointF(double(a), top) << QPointF(double(b), top)
             << QPointF(double(b), 0);
        m_drawnBands.append({a, b});
    }
    for (auto it = m_bands.cbegin(); it != m_bands.cend(); ++it) {
        const QList<QPointF> band = bands.value(it.key());
        it.value()->upperSeries()->replace(band);
    }

    m_settingAxis = true;
    m_x->setFormat(m_viewSpan > 6 * 3600 * 1000 ? QStringLiteral("ddd HH:mm")
                                                : m_viewSpan > 10 * Minute
                   ? QStringLiteral("HH:mm")
                   : QStringLiteral("HH:mm:ss"));
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    m_y->setRange(0, top);
    m_settingAxis = false;
    m_view->setAccessibleDescription(describe());
    emit redrawn();
}

void LatencyChart::showMarkerTip(QScatterSeries *series, const QPointF &point)
{
    const QList<Marker> &events = series == m_switches   ? m_switchEvents
                                  : series == m_breakers ? m_breakerEvents
                                                         : m_drillEvents;
    const Marker *best = nullptr;
    for (const Marker &m : events) {
        if (!best || std::abs(double(m.atMs) - point.x()) < std::abs(double(best->atMs) - point.x()))
            best = &m;
    }
    if (!best)
        return;
    const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(best->atMs), QLocale::ShortFormat);
    QString text = when + u'\n' + best->event.summary;
    if (!best->event.detail.isEmpty())
        text += u'\n' + best->event.detail;
    QToolTip::showText(QCursor::pos(), text, m_view);
}

int LatencyChart::keptPoints(const QString &tier) const
{
    return int(m_points.value(tier).size());
}

int LatencyChart::drawnPoints(const QString &tier) const
{
    const QLineSeries *s = m_series.value(tier);
    if (!s)
        return 0;
    int n = int(s->count());
    for (const QLineSeries *piece : m_pieces.value(tier))
        n += int(piece->count());
    return n;
}

int LatencyChart::drawnSegments(const QString &tier) const
{
    const QLineSeries *s = m_series.value(tier);
    if (!s || s->count() == 0)
        return 0;
    int n = 1;
    for (const QLineSeries *piece : m_pieces.value(tier))
        n += piece->count() > 0 ? 1 : 0;
    return n;
}

qint64 LatencyChart::gapMs() const
{
    return std::max<qint64>(2 * Minute, m_viewSpan / 48);
}

int LatencyChart::drawnMarkers() const
{
    return int(m_switches->count() + m_breakers->count() + m_drills->count());
}

QList<QPair<qint64, qint64>> LatencyChart::drawnBands() const
{
    return m_drawnBands;
}

QString LatencyChart::describe() const
{
    QStringList parts;
    const qint64 from = viewFrom();
    for (const QString &tier : m_tierOrder) {
        const QList<QPointF> &points = m_points[tier];
        const auto first = std::lower_bound(points.cbegin(), points.cend(), double(from),
                                            [](const QPointF &p, double x) { return p.x() < x; });
        QList<double> values;
        for (auto it = first; it != points.cend() && it->x() <= double(m_viewTo); ++it)
            values.append(it->y());
        if (values.isEmpty()) {
            parts.append(tr("%1: no samples").arg(tier));
            continue;
        }
        // Linear, not a sort: this runs on every redraw, over up to a day of samples per tier.
        const auto middle = values.begin() + values.size() / 2;
        std::nth_element(values.begin(), middle, values.end());
        const double median = *middle;
        const double highest = *std::max_element(values.cbegin(), values.cend());
        parts.append(tr("%1: %n sample(s), median %2 ms, highest %3 ms", nullptr, int(values.size()))
                         .arg(tier)
                         .arg(qRound(median))
                         .arg(qRound(highest)));
    }
    parts.append(tr("%n switch(es)", nullptr, int(m_switches->count())));
    parts.append(tr("%n breaker opening(s)", nullptr, int(m_breakers->count())));
    if (!m_drawnBands.isEmpty())
        parts.append(tr("%n period(s) below FULL", nullptr, int(m_drawnBands.size())));
    return parts.join(QStringLiteral("; "));
}
