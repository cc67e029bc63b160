#include "events/eventsview.h"

#include "engine/chatengine.h"
#include "events/eventlogmodel.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

EventsView::EventsView(ChatEngine &engine, QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(50'000, this))
{
    auto *layout = new QVBoxLayout(this);
    m_follow = new QCheckBox(tr("&Follow new events"), this);
    m_follow->setObjectName(QStringLiteral("followCheckBox"));
    m_follow->setChecked(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("eventsTableView"));
    m_table->setAccessibleName(tr("Event log"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("eventDetailTextEdit"));
    m_detail->setAccessibleName(tr("Event detail"));
    m_detail->setReadOnly(true);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    layout->addWidget(m_follow);
    layout->addWidget(split, 1);

    connect(&engine, &ChatEngine::attemptFinished, m_model, &EventLogModel::addAttempt);
    connect(&engine, &ChatEngine::tierSwitched, m_model, &EventLogModel::addSwitch);
    connect(&engine, &ChatEngine::breakerChanged, m_model, &EventLogModel::addBreaker);
    connect(&engine, &ChatEngine::requestFinished, m_model, &EventLogModel::addRequest);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EventsView::onRowsInserted);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventsView::showDetail);
}

void EventsView::onRowsInserted()
{
    if (m_follow->isChecked())
        m_table->scrollToBottom();
}

void EventsView::showDetail()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const EventLogModel::Entry &e = m_model->entry(current.row());
    m_detail->setPlainText(QStringLiteral("%1  %2  %3\n%4\n\n%5") .arg(
        e.at.toLocalTime().toString(Qt::ISODateWithMs), EventLogModel::kindName(e.kind), e.tier, e.summary,
        e.detail));
}
