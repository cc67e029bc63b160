#include "cost/costview.h"

#include "engine/chatengine.h"

#include <QLabel>
#include <QMap>
#include <QVBoxLayout>

CostView::CostView(ChatEngine &engine, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(tr("No requests yet in this session."), this);
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
