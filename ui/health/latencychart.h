#pragma once

#include "store/storetypes.h"

#include <QHash>
#include <QPointF>
#include <QTimer>
#include <QWidget>

#include <functional>

class ConversationStore;
class HistoryRecorder;
class QAreaSeries;
class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QValueAxis;

// Latency per tier over time, with switch / breaker / drill events as markers and the degradation
// levels as bands on the same time axis. Keeps up to a day per tier in memory (at most the fastest and
// the slowest sample of each second, whatever the traffic), loads it from the store on start, follows
// the recorder live, and draws at most one min/max pair per pixel column so a day redraws in
// milliseconds.
class LatencyChart final : public QWidget
{
    Q_OBJECT

public:
    static constexpr qint64 MaxSpanMs = 24LL * 3600 * 1000; // what is kept and the widest window

    // Both may be null (no history, or nothing live).
    LatencyChart(HistoryRecorder *history, ConversationStore *store, QWidget *parent = nullptr);
    ~LatencyChart() override;

    void addSamples(const QList<LatencySample> &samples);
    void addEvent(const StoredEvent &event);
    // The visible span (15 min, 1 h, 24 h); the view follows "now" until the user pans or zooms.
    void setWindow(qint64 spanMs);
    qint64 window() const { return m_spanMs; }
    void setFollowLive(bool follow);
    bool followsLive() const { return m_follow; }
    void setViewRange(qint64 fromMs, qint64 toMs);
    qint64 viewFrom() const { return m_viewTo - m_viewSpan; }
    qint64 viewTo() const { return m_viewTo; }
    // Zoom by `factor` (< 1 zooms in) around `centerMs`; pan by a share of the visible span.
    void zoom(double factor, qint64 centerMs);
    void pan(double share);
    // Tests and benchmarks: a fixed "now", and a synchronous redraw.
    void setNowSource(std::function<qint64()> now) { m_now = std::move(now); }
    void redraw();

    // What is drawn (tests, accessibility), and what is kept: at most two points per second and tier.
    int drawnPoints(const QString &tier) const;
    int keptPoints(const QString &tier) const;
    // Pieces of a tier's line: a stretch with no samples (an outage, no traffic) breaks the line
    // instead of bridging it with a straight segment.
    int drawnSegments(const QString &tier) const;
    // The shortest stretch without samples that breaks the line: 2 min, or 1/48 of the view if wider.
    qint64 gapMs() const;
    int drawnMarkers() const;
    int drawnColumns() const { return m_columns; }   // pixel columns the last redraw downsampled to
    QList<QPair<qint64, qint64>> drawnBands() const; // non-FULL level periods in view
    QStringList tiers() const { return m_tierOrder; }
    QChart *chart() const { return m_chart; }
    QString describe() const;

signals:
    void redrawn();

private:
    class View;
    friend class View;

    struct LevelMark
    {
        qint64 atMs = 0;
        QString level; // "full", "reduced", "minimal", "fallback"
    };
    struct Marker
    {
        qint64 atMs = 0;
        StoredEvent event;
    };

    QLineSeries *seriesFor(const QString &tier);
    QLineSeries *newLine(const QString &tier, const QPen &pen);
    void keepMarkersOnTop();
    void onAxisRangeChanged();
    void scheduleRedraw();
    void loadHistory(ConversationStore *store);
    void showMarkerTip(QScatterSeries *series, const QPointF &point);
    void trim();
    qint64 now() const { return m_now(); }

    QChart *m_chart = nullptr;
    View *m_view = nullptr;
    QComboBox *m_windowBox = nullptr;
    QPushButton *m_live = nullptr;
    QDateTimeAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    QScatterSeries *m_switches = nullptr;
    QScatterSeries *m_breakers = nullptr;
    QScatterSeries *m_drills = nullptr;
    QHash<QString, QAreaSeries *> m_bands;         // level name -> band series
    QHash<QString, QLineSeries *> m_series;        // tier -> line (its first piece, in the legend)
    QHash<QString, QList<QLineSeries *>> m_pieces; // tier -> further pieces after gaps (no legend entry)
    QHash<QString, QList<QPointF>> m_points;       // tier -> (ms, latency) sorted by time
    QStringList m_tierOrder;
    QList<Marker> m_switchEvents;
    QList<Marker> m_breakerEvents;
    QList<Marker> m_drillEvents;
    QList<LevelMark> m_levels;
    QList<QPair<qint64, qint64>> m_drawnBands;
    std::function<qint64()> m_now;
    qint64 m_spanMs = 15 * 60 * 1000;
    qint64 m_viewSpan = 15 * 60 * 1000;
    qint64 m_viewTo = 0;
    bool m_follow = true;
    bool m_settingAxis = false;
    bool m_dirty = true;
    int m_columns = 0;
    QTimer m_tick;     // follows "now" and draws what arrived, at most once a second
    QTimer m_coalesce; // pan/zoom bursts draw once
};
