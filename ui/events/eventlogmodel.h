#pragma once

#include "degrade/degradationcontroller.h"
#include "engine/chatresult.h"
#include "health/healthmonitor.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <deque>

// Every attempt, switch and breaker change, newest last, in a bounded ring buffer.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Kind
    {
        Attempt,
        Switch,
        Breaker,
        Request,
        Config,
        Level,
        Health,
    };
    struct Entry
    {
        QDateTime at;
        Kind kind = Kind::Attempt;
        QString tier;
        QString summary;
        QString detail;
        bool problem = false;
    };
    enum Column
    {
        Time,
        KindColumn,
        TierColumn,
        Summary,
        ColumnCount
    };

    explicit EventLogModel(int capacity = 50'000, QObject *parent = nullptr);

    void addAttempt(const AttemptRecord &attempt);
    void addSwitch(const SwitchEvent &event);
    void addBreaker(const BreakerEvent &event);
    void addRequest(const ChatResult &result);
    void addLevelChange(const LevelChange &change);
    void addHealthChange(const SystemHealth &health);
    void addEntry(const Entry &entry);
    const Entry &entry(int row) const { return m_entries.at(size_t(row)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindName(Kind kind);

private:
    std::deque<Entry> m_entries;
    int m_capacity;
};
