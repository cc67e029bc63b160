#pragma once

#include "config/config.h"

#include <QAbstractTableModel>

// The chain as the engine will walk it: one row per tier, in failover order.
class ChainTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Position,
        Tier,
        Label,
        Provider,
        Kind,
        Model,
        InputPrice,
        OutputPrice,
        ContextWindow,
        ColumnCount
    };

    explicit ChainTableModel(QObject *parent = nullptr);
    void setConfig(const ChainConfig &config);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        TierConfig tier;
        ProviderConfig provider;
    };
    QList<Row> m_rows;
};
