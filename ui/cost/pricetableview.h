#pragma once

#include "cost/pricetable.h"

#include <QAbstractTableModel>
#include <QWidget>

class PriceBook;
class QLabel;
class QPushButton;
class QTableView;

// The price table as an editable table. Edits are a draft until Save; a bad value is refused with
// the reason.
class PriceTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Model,
        Provider,
        Input,
        Output,
        Currency,
        ReadOn,
        Source,
        ColumnCount
    };
    explicit PriceTableModel(QObject *parent = nullptr);
    void setTable(const PriceTable &table);
    const PriceTable &table() const { return m_table; }
    void addEntry();
    void removeEntry(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void edited();
    void editRejected(const QString &reason);

private:
    PriceTable m_table;
};

class PriceTableView final : public QWidget
{
    Q_OBJECT

public:
    explicit PriceTableView(PriceBook &book, QWidget *parent = nullptr);
    PriceTableModel *model() const { return m_model; }
    // Saves the draft into the book (the user's copy); false with the reason shown when it is invalid.
    bool save();
    void revert();
    bool resetToShipped();

private:
    void updateState();

    PriceBook &m_book;
    PriceTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    bool m_dirty = false;
};
