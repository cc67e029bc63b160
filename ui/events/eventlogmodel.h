#pragma once

#include "store/storetypes.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QStringMatcher>

#include <deque>

// The event log: every attempt, switch, breaker change, level change, health change, drill and alert,
// in a bounded ring (oldest dropped first), filtered by kind, tier and text and sorted by any column
// without copying rows: the view sees an index over the ring, so a million rows stay fast.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Kind,
        Tier,
        Drill,
        Summary,
        ColumnCount
    };
    enum Role
    {
        ProblemRole = Qt::UserRole + 1,
    };
    static constexpr int DefaultCapacity = 200'000;

    explicit EventLogModel(int capacity = DefaultCapacity, QObject *parent = nullptr);

    void append(const StoredEvent &event);
    // Older events (from the store), placed before the live ones.
    void prependHistory(const QList<StoredEvent> &events);
    void clear();

    // Empty kind or tier = any; text matches the summary, detail and tier, ignoring case.
    void setFilter(const QString &kind, const QString &tier, const QString &text);
    QStringList tiers() const;
    int totalCount() const { return int(m_rows.size()); }
    const StoredEvent &eventAt(int row) const;

    // The visible (filtered, sorted) rows as CSV (RFC 4180): quoted fields, doubled quotes, CRLF.
    QByteArray toCsv() const;
    static QList<QStringList> parseCsv(const QByteArray &csv);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static QString kindLabel(const QString &kind);
    static QStringList kinds();

private:
    bool matches(const StoredEvent &e) const;
    bool lessThan(quint64 a, const quint64 b) const;
    void rebuild(bool narrowing = false);
    void sortVisible();
    bool lessThanByTime(quint64 a, quint64 b) const;
    const StoredEvent &bySeq(quint64 seq) const { return m_rows.at(size_t(seq - m_firstSeq)); }

    std::deque<StoredEvent> m_rows; // oldest first
    quint64 m_firstSeq = 0;         // sequence number of m_rows.front()
    std::deque<quint64> m_visible;  // sequence numbers, in view order
    int m_capacity;
    QString m_kind;
    QString m_tier;
    QString m_text;
    QStringMatcher m_matcher;
    QString m_needle; // m_text in lower case
    bool m_asciiNeedle = false;
    bool m_timeOrdered = true; // the ring holds events in time order (then sorting by time is free)
    int m_sortColumn = Time;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
