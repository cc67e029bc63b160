#pragma once

#include "health/healthmonitor.h"

#include <QAbstractTableModel>

// One row per tier of the chain, as the health monitor sees it now.
class TierHealthModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Tier,
        Status,
        Breaker,
        SuccessRate,
        Latency,
        FirstToken,
        Requests,
        LastProbe,
        Reason,
        ColumnCount
    };
    enum Role
    {
        StatusRole = Qt::UserRole + 1, // TierStatus as int
    };

    explicit TierHealthModel(HealthMonitor &health, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const SystemHealth &health() const { return m_health; }
    QString tierAt(int row) const;
    // Reads the monitor again (cooldowns count down, windows slide).
    void refresh();

private:
    HealthMonitor &m_monitor;
    SystemHealth m_health;
};
