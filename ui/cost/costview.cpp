#include "cost/costview.h"

#include "cost/calculatorview.h"
#include "cost/pricetable.h"
#include "engine/chatengine.h"
#include "util/paths.h"

#include <QDir>
#include <QLabel>
#include <QMap>
#include <QTabWidget>
#include <QVBoxLayout>

CostView::CostView(ChatEngine &engine, const PriceTable *prices, QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("costTabs"));
    m_tabs->setAccessibleName(tr("Cost"));
    outer->addWidget(m_tabs);
    std::function<const PriceTable &()> table;
    if (prices) {
        table = [prices]() -> const PriceTable & { return *prices; };
    } else {
        auto shipped = std::make_shared<PriceTable>(PriceTable::shipped());
        table = [shipped]() -> const PriceTable & { return *shipped; };
    }
    m_calculator = new CalculatorView(
        table, QDir(AppPaths::dataDir()).filePath(QStringLiteral("calculator.json")), m_tabs);
    m_calculator->setObjectName(QStringLiteral("calculatorView"));
    m_tabs->addTab(m_calculator, tr("&Migration calculator"));
    auto *session = new QWidget(m_tabs);
    m_tabs->addTab(session, tr("This &session"));
    auto *layout = new QVBoxLayout(session);
    m_summary = new QLabel(tr("No requests yet in this session."), session);
    m_summary->setObjectName(QStringLiteral("spendSummaryLabel"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_summary, 1);
    auto spend = std::make_shared<QMap<QString, Money>>();
    connect(&engine, &ChatEngine::attemptFinished, this, [this, spend](const AttemptRecord &a) {
        if (a.cost.isZero())
            return;
        (*spend)[a.tier] += a.cost;
        Money total;
        QStringList lines;
        for (auto it = spend->cbegin(); it != spend->cend(); ++it) {
            lines << tr("%1: $%2").arg(it.key(), it.value().toString(4));
            total += it.value();
        }
        m_summary->setText(tr("Spend this session: $%1\n\n%2").arg(total.toString(4), lines.join(u'\n')));
    });
}
