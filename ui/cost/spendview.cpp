#include "cost/spendview.h"

#include "cost/scenario.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QTableView>
#include <QVBoxLayout>

SpendModel::SpendModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SpendModel::setSummary(const SpendSummary &summary)
{
    beginResetModel();
    m_rows.clear();
    m_rows.append({tr("All"), tr("Total"), summary.total});
    for (auto it = summary.byTier.cbegin(); it != summary.byTier.cend(); ++it)
        m_rows.append({tr("Tier"), it.key(), it.value()});
    for (auto it = summary.byProvider.cbegin(); it != summary.byProvider.cend(); ++it)
        m_rows.append({tr("Provider"), it.key(), it.value()});
    endResetModel();
}

int SpendModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SpendModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SpendModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Group:
            return r.group;
        case Name:
            return r.name;
        case Today:
            return usdText(r.totals.today);
        case Week:
            return usdText(r.totals.week);
        case Month:
            return usdText(r.totals.month);
        case Tokens:
            return tr("%1 in · %2 out")
                .arg(QLocale().toString(r.totals.monthInputTokens),
                     QLocale().toString(r.totals.monthOutputTokens));
        case OnPrimary:
            return usdText(r.totals.monthPrimaryCost);
        case Saved:
            return usdText(r.totals.monthPrimaryCost - r.totals.month);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Today)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && index.row() == 0) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant SpendModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == OnPrimary)
        return tr("What this month's tokens would have cost on the chain's primary tier");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Group:
        return tr("By");
    case Name:
        return tr("Name");
    case Today:
        return tr("Today");
    case Week:
        return tr("This week");
    case Month:
        return tr("This month");
    case Tokens:
        return tr("Tokens this month");
    case OnPrimary:
        return tr("All on primary");
    case Saved:
        return tr("Saved");
    }
    return {};
}

SpendView::SpendView(SpendTracker &tracker, QWidget *parent)
    : QWidget(parent)
    , m_tracker(tracker)
{
    auto *layout = new QVBoxLayout(this);
    m_savings = new QLabel(this);
    m_savings->setObjectName(QStringLiteral("spendSavingsLabel"));
    m_savings->setWordWrap(true);
    m_savings->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_savings);

    m_model = new SpendModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("spendTable"));
    m_table->setAccessibleName(tr("Spend per tier and provider"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto *budget = new QHBoxLayout;
    auto *label = new QLabel(tr("Monthly &budget $:"), this);
    m_budget = new QLineEdit(this);
    m_budget->setObjectName(QStringLiteral("monthlyBudgetEdit"));
    m_budget->setAccessibleName(tr("Monthly budget in USD"));
    m_budget->setPlaceholderText(tr("none"));
    m_budget->setToolTip(tr("Alerts at 50, 80 and 100 % of it; empty or 0: no budget"));
    m_budget->setMaximumWidth(120);
    label->setBuddy(m_budget);
    m_preferCheaper =
        new QCheckBox(tr("Over budget, send normal and low priority requests to &cheaper tiers first"), this);
    m_preferCheaper->setObjectName(QStringLiteral("preferCheaperTiersCheckBox"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("budgetProgressBar"));
    m_progress->setAccessibleName(tr("Budget spent this month"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(200);
    m_budgetLabel = new QLabel(this);
    m_budgetLabel->setObjectName(QStringLiteral("budgetLabel"));
    budget->addWidget(label);
    budget->addWidget(m_budget);
    budget->addWidget(m_progress);
    budget->addWidget(m_budgetLabel, 1);
    layout->addLayout(budget);
    layout->addWidget(m_preferCheaper);

    if (!tracker.budget().isZero())
        m_budget->setText(tracker.budget().toString(2));
    m_preferCheaper->setChecked(tracker.preferCheaperWhenOver());
    connect(m_budget, &QLineEdit::editingFinished, this, &SpendView::applyBudget);
    connect(m_preferCheaper, &QCheckBox::toggled, this, &SpendView::applyBudget);
    // Every attempt changes the spend: refresh at once when it is the first change in a while, at
    // most every RefreshIntervalMs while traffic flows.
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &SpendView::refresh);
    connect(&tracker, &SpendTracker::changed, this, &SpendView::onChanged);
    refresh();
}

void SpendView::onChanged()
{
    if (m_throttle.isActive())
        return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : RefreshIntervalMs;
    if (since >= RefreshIntervalMs)
        refresh();
    else
        m_throttle.start(int(RefreshIntervalMs - since));
}

void SpendView::applyBudget()
{
    const QString text = m_budget->text().trimmed();
    const auto amount = Money::parse(text.isEmpty() ? QStringLiteral("0") : text);
    if (!amount || amount->isNegative()) {
        m_budgetLabel->setText(tr("The budget is an amount in USD, like 500 or 1250.50."));
        return;
    }
    m_tracker.setBudget(*amount, m_preferCheaper->isChecked());
    m_tracker.saveBudget();
    refresh();
}

QString SpendView::savingsText() const
{
    return m_savings->text();
}

void SpendView::refresh()
{
    m_throttle.stop();
    m_sinceRefresh.start();
    const SpendSummary s = m_tracker.summary();
    m_model->setSummary(s);
    const QString pct = percentText(s.monthSavings(), s.total.monthPrimaryCost, 1);
    m_savings->setText(
        tr("This month: %1 spent over %2 attempts. Everything on the primary tier would have cost %3: "
           "the chain saved %4%5.")
            .arg(usdText(s.total.month))
            .arg(s.total.monthAttempts)
            .arg(usdText(s.total.monthPrimaryCost), usdText(s.monthSavings()),
                 pct.isEmpty() ? QString() : QStringLiteral(" (%1 %)").arg(pct)));
    const Money b = m_tracker.budget();
    if (b.isZero()) {
        m_progress->setValue(0);
        m_budgetLabel->setText(tr("No monthly budget."));
        return;
    }
    const qint64 permille = divRoundHalfAway(Int128(s.total.month.micros()) * 1000, b.micros());
    m_progress->setValue(int(std::min<qint64>(permille, 1000)));
    m_budgetLabel->setText(tr("%1 of %2 (%3 %)%4")
                               .arg(usdText(s.total.month), usdText(b), m_tracker.budgetUsedText(),
                                    m_tracker.overBudget() ? tr(": over budget") : QString()));
    m_budgetLabel->setStyleSheet(m_tracker.overBudget() ? QStringLiteral("color: #c62828") : QString());
}
