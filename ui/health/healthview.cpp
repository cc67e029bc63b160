#include "health/healthview.h"

#include "engine/chatengine.h"
#include "health/tierhealthmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

HealthView::HealthView(ChatEngine &engine, QWidget *parent)
    : QWidget(parent)
    , m_model(new TierHealthModel(engine, this))
{
    auto *layout = new QVBoxLayout(this);
    auto *table = new QTableView(this);
    table->setObjectName(QStringLiteral("tierHealthTableView"));
    table->setAccessibleName(tr("Tier health"));
    table->setModel(m_model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *reset = new QPushButton(tr("&Reset breaker"), this);
    reset->setObjectName(QStringLiteral("resetBreakerButton"));
    reset->setToolTip(tr("Close the selected tier's breaker and forget its rate limit"));
    reset->setEnabled(false);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, reset,
            [reset](const QModelIndex &current) { reset->setEnabled(current.isValid()); });
    connect(reset, &QPushButton::clicked, this, [&engine, table, this] {
        const QModelIndex current = table->currentIndex();
        if (current.isValid())
            engine.resetTier(m_model->index(current.row(), TierHealthModel::Tier).data().toString());
        m_model->refresh();
    });
    auto *note =
        new QLabel(tr("Counts cover this session. Latency charts and the system status arrive with the "
                      "health monitor."),
                   this);
    note->setWordWrap(true);
    layout->addWidget(table, 1);
    layout->addWidget(reset, 0, Qt::AlignLeft);
    layout->addWidget(note);

    auto *timer = new QTimer(this); // cooldowns count down
    timer->start(1000);
    connect(timer, &QTimer::timeout, m_model, &TierHealthModel::refresh);
}
