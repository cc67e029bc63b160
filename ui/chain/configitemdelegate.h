#pragma once

#include <QStyledItemDelegate>

// Editors for ConfigTableModel cells: a combo box where the column has choices, spin boxes bounded
// by the column's valid range, a line edit otherwise.
class ConfigItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};
