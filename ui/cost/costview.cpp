#include "cost/costview.h"

#include "cost/calculatorview.h"
#include "cost/pricebook.h"
#include "cost/pricetableview.h"
#include "cost/scenariomodel.h"
#include "cost/spendview.h"
#include "engine/chatengine.h"
#include "util/paths.h"

#include <QDir>
#include <QLabel>
#include <QMap>
#include <QTabWidget>
#include <QVBoxLayout>

CostView::CostView(ChatEngine &engine, PriceBook *prices, SpendTracker *spend, QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("costTabs"));
    m_tabs->setAccessibleName(tr("Cost"));
    outer->addWidget(m_tabs);
    if (!prices)
        prices = new PriceBook(QString(), this); // the shipped table; edits live in memory
    const auto table = [prices]() -> const PriceTable & { return prices->table(); };
    m_calculator = new CalculatorView(
        table, QDir(AppPaths::dataDir()).filePath(QStringLiteral("calculator.json")), m_tabs);
    m_calculator->setObjectName(QStringLiteral("calculatorView"));
    m_tabs->addTab(m_calculator, tr("&Migration calculator"));
    if (spend) {
        m_spend = new SpendView(*spend, m_tabs);
        m_spend->setObjectName(QStringLiteral("spendView"));
        m_tabs->addTab(m_spend, tr("S&pend"));
        m_calculator->setUsageSource(
            [spend](QObject *context, std::function<void(const QList<ModelUsage> &)> done) {
                spend->usageByModel(30, context, std::move(done));
            });
    }
    m_priceTable = new PriceTableView(*prices, m_tabs);
    m_priceTable->setObjectName(QStringLiteral("priceTableView"));
    m_tabs->addTab(m_priceTable, tr("Price &table"));
    connect(prices, &PriceBook::changed, m_calculator, [this] { m_calculator->model()->recalculate(); });
    auto *session = new QWidget(m_tabs);
    m_tabs->addTab(session, tr("This &session"));
    auto *layout = new QVBoxLayout(session);
    m_summary = new QLabel(tr("No requests yet in this session."), session);
    m_summary->setObjectName(QStringLiteral("spendSummaryLabel"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_summary, 1);
    auto perTier = std::make_shared<QMap<QString, Money>>();
    connect(&engine, &ChatEngine::attemptFinished, this, [this, perTier](const AttemptRecord &a) {
        if (a.cost.isZero())
            return;
        (*perTier)[a.tier] += a.cost;
        Money total;
        QStringList lines;
        for (auto it = perTier->cbegin(); it != perTier->cend(); ++it) {
            lines << tr("%1: $%2").arg(it.key(), it.value().toString(4));
            total += it.value();
        }
        m_summary->setText(tr("Spend this session: $%1\n\n%2").arg(total.toString(4), lines.join(u'\n')));
    });
}
