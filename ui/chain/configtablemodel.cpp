#include "chain/configtablemodel.h"

#include "chain/chaindraft.h"

#include <QColor>
#include <QRegularExpression>

ConfigTableModel::ConfigTableModel(ChainDraft &draft, QString section,
                                   std::function<int(const ChainConfig &)> rows, QList<Column> columns,
                                   QObject *parent)
    : QAbstractTableModel(parent)
    , m_draft(draft)
    , m_section(std::move(section))
    , m_rows(std::move(rows))
    , m_columns(std::move(columns))
    , m_rowCount(m_rows(draft.config()))
{
    connect(&m_draft, &ChainDraft::changed, this, &ConfigTableModel::onDraftChanged);
}

void ConfigTableModel::onDraftChanged()
{
    const int rows = m_rows(m_draft.config());
    if (rows == m_rowCount) {
        if (rows > 0)
            emit dataChanged(index(0, 0), index(rows - 1, int(m_columns.size()) - 1));
        return;
    }
    // Rows added or removed: the views keep their current row by name, see ChainEditor.
    beginResetModel();
    m_rowCount = rows;
    endResetModel();
}

int ConfigTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int ConfigTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QModelIndex ConfigTableModel::errorIndex() const
{
    const auto &error = m_draft.error();
    if (!error)
        return {};
    static const QRegularExpression pattern(QStringLiteral("^(\\w+)\\[(\\d+)\\](?:\\.([\\w]+))?"));
    const QRegularExpressionMatch m = pattern.match(error->key);
    if (!m.hasMatch() || m.captured(1) != m_section)
        return {};
    const int row = m.captured(2).toInt();
    if (row >= m_rowCount)
        return {};
    const QString key = m.captured(3);
    for (int c = 0; c < m_columns.size(); ++c) {
        if (!key.isEmpty() && m_columns.at(c).key == key)
            return index(row, c);
    }
    return index(row, 0);
}

QVariant ConfigTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Column &column = m_columns.at(index.column());
    const ChainConfig &config = m_draft.config();
    const int row = index.row();
    const bool isError = errorIndex() == index;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        if (column.checkable)
            return role == Qt::AccessibleTextRole
                       ? (column.value(config, row).toBool() ? tr("Yes") : tr("No"))
                       : QVariant();
        return column.display ? QVariant(column.display(config, row)) : column.value(config, row);
    case Qt::EditRole:
        return column.value(config, row);
    case Qt::CheckStateRole:
        if (!column.checkable)
            return {};
        return column.value(config, row).toBool() ? Qt::Checked : Qt::Unchecked;
    case Qt::BackgroundRole:
        // Translucent so it reads on light and dark palettes alike.
        return isError ? QVariant(QColor(220, 40, 40, 90)) : QVariant();
    case Qt::ToolTipRole:
        if (isError)
            return m_draft.error()->reason;
        return column.toolTip.isEmpty() ? QVariant() : QVariant(column.toolTip);
    case ErrorRole:
        return isError ? QVariant(m_draft.error()->reason) : QVariant();
    case ChoicesRole:
        return column.choices ? QVariant(column.choices(config)) : QVariant();
    case MinimumRole:
        return column.minimum;
    case MaximumRole:
        return column.maximum;
    case DecimalsRole:
        return column.decimals;
    case Qt::TextAlignmentRole: {
        const QVariant v = column.value(config, row);
        const bool numeric = v.typeId() == QMetaType::Int || v.typeId() == QMetaType::Double;
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    default:
        return {};
    }
}

bool ConfigTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Column &column = m_columns.at(index.column());
    if (!column.set)
        return false;
    QVariant v = value;
    if (role == Qt::CheckStateRole && column.checkable)
        v = value.toInt() == Qt::Checked;
    else if (role != Qt::EditRole)
        return false;
    if (v == column.value(m_draft.config(), index.row()))
        return true;
    const int row = index.row();
    const auto set = column.set;
    m_draft.change(tr("Edit %1").arg(column.header), [set, row, v](ChainConfig &c) { set(c, row, v); });
    return true;
}

Qt::ItemFlags ConfigTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    const Column &column = m_columns.at(index.column());
    if (column.set)
        f |= column.checkable ? Qt::ItemIsUserCheckable : Qt::ItemIsEditable;
    return f;
}

QVariant ConfigTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= 0 && section < m_columns.size()) {
        if (role == Qt::DisplayRole)
            return m_columns.at(section).header;
        if (role == Qt::ToolTipRole && !m_columns.at(section).toolTip.isEmpty())
            return m_columns.at(section).toolTip;
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}
