#include "events/eventsview.h"

#include "events/eventlogmodel.h"
#include "history/historyrecorder.h"
#include "store/conversationstore.h"
#include "util/paths.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

EventsView::EventsView(HistoryRecorder *history, ConversationStore *store, QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(EventLogModel::DefaultCapacity, this))
    , m_store(store)
{
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("eventKindFilter"));
    m_kind->setAccessibleName(tr("Filter by kind"));
    m_kind->addItem(tr("All kinds"), QString());
    for (const QString &k : EventLogModel::kinds())
        m_kind->addItem(EventLogModel::kindLabel(k), k);
    m_tier = new QComboBox(this);
    m_tier->setObjectName(QStringLiteral("eventTierFilter"));
    m_tier->setAccessibleName(tr("Filter by tier"));
    m_tier->addItem(tr("All tiers"), QString());
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("eventTextFilter"));
    m_text->setAccessibleName(tr("Filter by text"));
    m_text->setPlaceholderText(tr("Filter by text"));
    m_text->setClearButtonEnabled(true);
    m_follow = new QCheckBox(tr("&Follow new events"), this);
    m_follow->setObjectName(QStringLiteral("followCheckBox"));
    m_follow->setChecked(true);
    auto *exportButton = new QPushButton(tr("E&xport CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportEventsButton"));
    exportButton->setToolTip(tr("Save the rows shown (after filtering) as CSV"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("eventCountLabel"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("eventsTableView"));
    m_table->setAccessibleName(tr("Event log"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EventLogModel::Time, Qt::AscendingOrder);
    m_table->setColumnWidth(EventLogModel::Time, 190);
    m_table->setColumnWidth(EventLogModel::Kind, 80);
    m_table->setColumnWidth(EventLogModel::Tier, 100);
    m_table->setColumnWidth(EventLogModel::Drill, 70);
    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("eventDetailTextEdit"));
    m_detail->setAccessibleName(tr("Event detail"));
    m_detail->setReadOnly(true);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_kind);
    filters->addWidget(m_tier);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_follow);
    filters->addWidget(exportButton);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addWidget(m_count);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &EventsView::applyFilter);
    connect(m_tier, &QComboBox::currentIndexChanged, this, &EventsView::applyFilter);
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(150);
    connect(m_text, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &EventsView::applyFilter);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export events"),
            QStringLiteral("understudy-events-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)),
                           tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            m_count->setText(tr("Export failed: %1").arg(error));
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EventsView::onRowsInserted);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventsView::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventsView::showDetail);
    if (history)
        connect(history, &HistoryRecorder::recorded, m_model, &EventLogModel::append);
    if (store) {
        if (store->isOpen())
            loadHistory();
        else
            connect(store, &ConversationStore::opened, this, &EventsView::loadHistory);
    }
}

void EventsView::loadHistory()
{
    if (!m_store || !m_store->isOpen())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_store->loadEvents(now - 24LL * 3600 * 1000, now, EventLogModel::DefaultCapacity / 2, this,
                        [this](const QList<StoredEvent> &events) {
                            m_model->prependHistory(events);
                            refreshTiers();
                            if (m_follow->isChecked())
                                m_table->scrollToBottom();
                        });
}

void EventsView::refreshTiers()
{
    const QString current = m_tier->currentData().toString();
    const QSignalBlocker block(m_tier);
    m_tier->clear();
    m_tier->addItem(tr("All tiers"), QString());
    for (const QString &t : m_model->tiers())
        m_tier->addItem(t, t);
    m_tier->setCurrentIndex(std::max(0, m_tier->findData(current)));
}

void EventsView::applyFilter()
{
    m_model->setFilter(m_kind->currentData().toString(), m_tier->currentData().toString(),
                       m_text->text().trimmed());
}

void EventsView::updateCount()
{
    m_count->setText(
        tr("%1 of %2 events")
            .arg(QLocale().toString(m_model->rowCount()), QLocale().toString(m_model->totalCount())));
}

void EventsView::onRowsInserted()
{
    if (m_tier->count() <= 1 || m_model->rowCount() % 64 == 1)
        refreshTiers();
    updateCount();
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
    const StoredEvent &e = m_model->eventAt(current.row());
    QString text = QStringLiteral("%1  %2  %3%4\n%5") .arg(
        QDateTime::fromMSecsSinceEpoch(e.atMs).toString(Qt::ISODateWithMs), EventLogModel::kindLabel(e.kind),
        e.tier, e.drillId.isEmpty() ? QString() : QStringLiteral("  [%1]").arg(e.drillId), e.summary);
    if (!e.detail.isEmpty())
        text += QStringLiteral("\n\n") + e.detail;
    if (!e.data.isEmpty())
        text += QStringLiteral("\n\n") + QString::fromUtf8(e.data);
    m_detail->setPlainText(text);
}

bool EventsView::exportCsv(const QString &path, QString *error)
{
    if (const auto written = AppPaths::writeFileAtomically(path, m_model->toCsv()); !written) {
        if (error)
            *error = written.error();
        return false;
    }
    m_count->setText(tr("Exported %n event(s) to %1", nullptr, m_model->rowCount()).arg(path));
    return true;
}
