#include "chain/configitemdelegate.h"

#include "chain/configtablemodel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

QWidget *ConfigItemDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    const QString name = index.model()->headerData(index.column(), Qt::Horizontal).toString();
    QWidget *editor = nullptr;
    const QStringList choices = index.data(ConfigTableModel::ChoicesRole).toStringList();
    const QVariant value = index.data(Qt::EditRole);
    if (!choices.isEmpty()) {
        auto *combo = new QComboBox(parent);
        combo->addItems(choices);
        editor = combo;
    } else if (value.typeId() == QMetaType::Int) {
        auto *spin = new QSpinBox(parent);
        spin->setRange(int(index.data(ConfigTableModel::MinimumRole).toDouble()),
                       int(index.data(ConfigTableModel::MaximumRole).toDouble()));
        spin->setGroupSeparatorShown(true);
        editor = spin;
    } else if (value.typeId() == QMetaType::Double) {
        auto *spin = new QDoubleSpinBox(parent);
        spin->setDecimals(index.data(ConfigTableModel::DecimalsRole).toInt());
        spin->setRange(index.data(ConfigTableModel::MinimumRole).toDouble(),
                       index.data(ConfigTableModel::MaximumRole).toDouble());
        editor = spin;
    } else {
        editor = QStyledItemDelegate::createEditor(parent, option, index);
    }
    if (editor)
        editor->setAccessibleName(name);
    return editor;
}

void ConfigItemDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString current = index.data(Qt::EditRole).toString();
        const int i = combo->findText(current);
        if (i < 0 && !current.isEmpty())
            combo->insertItem(0, current); // a reference to something that no longer exists: keep it visible
        combo->setCurrentIndex(std::max(0, combo->findText(current)));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void ConfigItemDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                      const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentText(), Qt::EditRole);
        return;
    }
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        model->setData(index, line->text().trimmed(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}
