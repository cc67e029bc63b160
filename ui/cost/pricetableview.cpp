#include "cost/pricetableview.h"

#include "cost/pricebook.h"

#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

PriceTableModel::PriceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PriceTableModel::setTable(const PriceTable &table)
{
    beginResetModel();
    m_table = table;
    endResetModel();
}

void PriceTableModel::addEntry()
{
    const int at = rowCount();
    beginInsertRows({}, at, at);
    PriceEntry e;
    e.model = tr("new-model");
    e.provider = tr("provider");
    e.readOn = QDate::currentDate().toString(Qt::ISODate);
    e.source = tr("entered by hand");
    m_table.entries.append(e);
    endInsertRows();
    emit edited();
}

void PriceTableModel::removeEntry(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_table.entries.removeAt(row);
    endRemoveRows();
    emit edited();
}

int PriceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.entries.size());
}

int PriceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PriceTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const PriceEntry &e = m_table.entries.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case Model:
            return e.model;
        case Provider:
            return e.provider;
        case Input:
            return e.inputPerMTok.toExactString();
        case Output:
            return e.outputPerMTok.toExactString();
        case Currency:
            return e.currency;
        case ReadOn:
            return e.readOn;
        case Source:
            return e.source;
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Input || index.column() == Output))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Source)
        return e.source;
    return {};
}

bool PriceTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() >= rowCount())
        return false;
    PriceEntry &e = m_table.entries[index.row()];
    const QString text = value.toString().trimmed();
    switch (index.column()) {
    case Model:
    case Provider:
        if (text.isEmpty()) {
            emit editRejected(tr("The model and the provider must not be empty."));
            return false;
        }
        (index.column() == Model ? e.model : e.provider) = text;
        break;
    case Input:
    case Output: {
        const auto m = Money::parse(text);
        if (!m || m->isNegative()) {
            emit editRejected(tr("A price per million tokens is an amount like 2.50 (at most 6 decimals)."));
            return false;
        }
        (index.column() == Input ? e.inputPerMTok : e.outputPerMTok) = *m;
        break;
    }
    case Currency:
        if (text != QStringLiteral("USD") && text != QStringLiteral("CNY")) {
            emit editRejected(tr("The currency is USD or CNY."));
            return false;
        }
        e.currency = text;
        break;
    case ReadOn:
        if (!QDate::fromString(text, Qt::ISODate).isValid()) {
            emit editRejected(tr("The date the price was read, like 2025-10-01."));
            return false;
        }
        e.readOn = text;
        break;
    case Source:
        if (text.isEmpty()) {
            emit editRejected(tr("Say where the price was read (a URL or a document)."));
            return false;
        }
        e.source = text;
        break;
    default:
        return false;
    }
    emit dataChanged(index, index);
    emit edited();
    return true;
}

Qt::ItemFlags PriceTableModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable : Qt::NoItemFlags;
}

QVariant PriceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Model:
        return tr("Model");
    case Provider:
        return tr("Provider or relay");
    case Input:
        return tr("Input /M");
    case Output:
        return tr("Output /M");
    case Currency:
        return tr("Currency");
    case ReadOn:
        return tr("Read on");
    case Source:
        return tr("Source");
    }
    return {};
}

PriceTableView::PriceTableView(PriceBook &book, QWidget *parent)
    : QWidget(parent)
    , m_book(book)
{
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("priceTableStatusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_model = new PriceTableModel(this);
    m_model->setTable(book.table());
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("priceTable"));
    m_table->setAccessibleName(tr("Price table"));
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(false);
    layout->addWidget(m_table, 1);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("priceTableErrorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->setWordWrap(true);
    layout->addWidget(m_error);

    auto *buttons = new QHBoxLayout;
    const auto button = [this, buttons](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setAccessibleName(QString(text).remove(u'&'));
        buttons->addWidget(b);
        return b;
    };
    auto *add = button(tr("&Add price"), QStringLiteral("addPriceButton"));
    auto *remove = button(tr("Re&move price"), QStringLiteral("removePriceButton"));
    buttons->addStretch(1);
    auto *reset = button(tr("Reset to &shipped"), QStringLiteral("resetPricesButton"));
    m_revert = button(tr("Re&vert"), QStringLiteral("revertPricesButton"));
    m_save = button(tr("Sa&ve prices"), QStringLiteral("savePricesButton"));
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        m_model->addEntry();
        m_table->setCurrentIndex(m_model->index(m_model->rowCount() - 1, 0));
        m_table->scrollToBottom();
        m_table->setFocus();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentIndex().isValid())
            m_model->removeEntry(m_table->currentIndex().row());
    });
    connect(m_save, &QPushButton::clicked, this, &PriceTableView::save);
    connect(m_revert, &QPushButton::clicked, this, &PriceTableView::revert);
    connect(reset, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(
                this, tr("Reset the price table?"),
                tr("Use the shipped prices again? Your edited table is kept as a .bak file.")) ==
            QMessageBox::Yes)
            resetToShipped();
    });
    connect(m_model, &PriceTableModel::edited, this, [this] {
        m_dirty = true;
        m_error->clear();
        updateState();
    });
    connect(m_model, &PriceTableModel::editRejected, m_error, &QLabel::setText);
    connect(&book, &PriceBook::changed, this, [this] {
        if (!m_dirty)
            m_model->setTable(m_book.table());
        updateState();
    });
    if (!book.loadError().isEmpty())
        m_error->setText(tr("Your edited table is not used: %1").arg(book.loadError()));
    updateState();
}

bool PriceTableView::save()
{
    QString error;
    if (!m_book.save(m_model->table(), &error)) {
        m_error->setText(tr("Not saved: %1").arg(error));
        return false;
    }
    m_dirty = false;
    m_error->clear();
    updateState();
    return true;
}

void PriceTableView::revert()
{
    m_model->setTable(m_book.table());
    m_dirty = false;
    m_error->clear();
    updateState();
}

bool PriceTableView::resetToShipped()
{
    QString error;
    if (!m_book.resetToShipped(&error)) {
        m_error->setText(error);
        return false;
    }
    revert();
    return true;
}

void PriceTableView::updateState()
{
    m_save->setEnabled(m_dirty);
    m_revert->setEnabled(m_dirty);
    QString text =
        m_book.isEdited()
            ? tr("Your edited price table (%1), version %2.").arg(m_book.userFile(), m_book.table().version)
            : tr("The shipped price table, version %1. Edits are saved to your data folder; the shipped file "
                 "is never changed.")
                  .arg(m_book.table().version);
    text +=
        u' ' + tr("The calculator and the cost of every request use it; a tier's price in the config wins.");
    if (m_dirty)
        text += u' ' + tr("Unsaved changes.");
    m_status->setText(text);
}
