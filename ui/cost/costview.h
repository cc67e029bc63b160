#pragma once

#include <QWidget>

class CalculatorView;
class ChatEngine;
class PriceBook;
class PriceTableView;
class QLabel;
class QTabWidget;
class SpendTracker;
class SpendView;

// Cost: the migration calculator, and what this session spent per tier.
class CostView final : public QWidget
{
    Q_OBJECT

public:
    // `prices` may be null (the shipped table is used); the calculator keeps its working scenario
    // in the data folder.
    CostView(ChatEngine &engine, PriceBook *prices, SpendTracker *spend, QWidget *parent = nullptr);

    CalculatorView *calculator() const { return m_calculator; }
    SpendView *spendView() const { return m_spend; }
    PriceTableView *priceTableView() const { return m_priceTable; }

private:
    QTabWidget *m_tabs = nullptr;
    CalculatorView *m_calculator = nullptr;
    QLabel *m_summary = nullptr;
    SpendView *m_spend = nullptr;
    PriceTableView *m_priceTable = nullptr;
};
