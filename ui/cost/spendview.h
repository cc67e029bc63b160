#pragma once

#include "cost/spendtracker.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;

// Spend per tier and per provider: today, this week, this month, and against the primary tier.
class SpendModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Group,
        Name,
        Today,
        Week,
        Month,
        Tokens,
        OnPrimary,
        Saved,
        ColumnCount
    };
    explicit SpendModel(QObject *parent = nullptr);
    void setSummary(const SpendSummary &summary);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString group;
        QString name;
        SpendTotals totals;
    };
    QList<Row> m_rows;
};

// The Spend tab: the table above, the month's savings against "everything on the primary tier",
// and the monthly budget with its alerts and its cheaper-tiers policy.
class SpendView final : public QWidget
{
    Q_OBJECT

public:
    explicit SpendView(SpendTracker &tracker, QWidget *parent = nullptr);
    SpendModel *model() const { return m_model; }
    QString savingsText() const;

    static constexpr int RefreshIntervalMs = 250; // at most four refreshes a second under load

private:
    void onChanged();
    void refresh();
    void applyBudget();

    SpendTracker &m_tracker;
    SpendModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_savings = nullptr;
    QLineEdit *m_budget = nullptr;
    QCheckBox *m_preferCheaper = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_budgetLabel = nullptr;
    QElapsedTimer m_sinceRefresh;
    QTimer m_throttle;
};
