#pragma once

#include "cost/pricetable.h"
#include "cost/scenario.h"

#include <QAbstractTableModel>

#include <functional>

// The calculator's workload rows as an editable table: inputs, then the computed results.
// Every edit recalculates the whole scenario (a few rows: microseconds) and emits resultChanged().
// Columns a row's method does not use are not editable and show as blank.
class ScenarioModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Label,
        Model,
        InputTokens,
        OutputTokens,
        CurrentInput,
        CurrentOutput,
        Method,
        TargetModel,
        TargetProvider,
        ChangePercent,
        RelayRate,
        CardRate,
        Now,
        Projected,
        Savings,
        SavedPercent,
        ColumnCount
    };
    static constexpr int FirstResultColumn = Now;
    // The column of a RowResult::overflowKey ("input_tokens" -> InputTokens), -1 for none.
    static int overflowColumn(const QString &key);

    // `prices` is asked for the current table at each recalculation (it may change while open).
    explicit ScenarioModel(std::function<const PriceTable &()> prices, QObject *parent = nullptr);

    const Scenario &scenario() const { return m_scenario; }
    void setScenario(const Scenario &scenario);
    // Months, growth, migration cost, CNY rate, title: everything but the rows.
    void setSettings(const Scenario &settings);
    const ScenarioResult &result() const { return m_result; }
    void recalculate();

    void addRow(const WorkloadRow &row);
    void removeRow(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString methodLabel(ProjectionMethod method);

signals:
    void resultChanged();
    // An edit was refused: why (shown next to the table).
    void editRejected(const QString &reason);

private:
    bool usesColumn(const WorkloadRow &row, int column) const;

    std::function<const PriceTable &()> m_prices;
    Scenario m_scenario;
    ScenarioResult m_result;
};
