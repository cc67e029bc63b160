#pragma once

#include "engine/chatresult.h"

#include <QAbstractTableModel>

class ChatEngine;

// One row per tier of the chain: breaker state and cooldown left, and counts from real traffic.
class TierHealthModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Tier,
        Breaker,
        CooldownLeft,
        Attempts,
        Failures,
        LastError,
        ColumnCount
    };

    explicit TierHealthModel(ChatEngine &engine, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Re-reads breaker state (cooldowns count down).
    void refresh();

private:
    void rebuild();
    void onAttempt(const AttemptRecord &attempt);

    struct Row
    {
        QString tier;
        int attempts = 0;
        int failures = 0;
        QString lastError;
    };
    ChatEngine &m_engine;
    QList<Row> m_rows;
};
