#include "chain/chaintablemodel.h"

ChainTableModel::ChainTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ChainTableModel::setConfig(const ChainConfig &config)
{
    beginResetModel();
    m_rows.clear();
    for (const QString &name : config.strategy.chain()) {
        const TierConfig *tier = config.tier(name);
        const ProviderConfig *provider = tier ? config.provider(tier->provider) : nullptr;
        if (tier && provider)
            m_rows.append({*tier, *provider});
    }
    endResetModel();
}

int ChainTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChainTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChainTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = index.column() == InputPrice || index.column() == OutputPrice ||
                             index.column() == ContextWindow || index.column() == Position;
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == Position)
        return index.row() == 0 ? tr("Primary tier") : tr("Fallback %1").arg(index.row());
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Position:
        return index.row() + 1;
    case Tier:
        return row.tier.name;
    case Label:
        return row.tier.label;
    case Provider:
        return row.provider.id;
    case Kind:
        return providerKindName(row.provider.kind);
    case Model:
        return row.tier.model;
    case InputPrice:
        return QString(QStringLiteral("$") + row.tier.inputPricePerMTok.toExactString());
    case OutputPrice:
        return QString(QStringLiteral("$") + row.tier.outputPricePerMTok.toExactString());
    case ContextWindow:
        return locale.toString(row.tier.contextWindow);
    default:
        return {};
    }
}

QVariant ChainTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Position:
        return tr("#");
    case Tier:
        return tr("Tier");
    case Label:
        return tr("Label");
    case Provider:
        return tr("Provider");
    case Kind:
        return tr("Kind");
    case Model:
        return tr("Model");
    case InputPrice:
        return tr("Input $/M tokens");
    case OutputPrice:
        return tr("Output $/M tokens");
    case ContextWindow:
        return tr("Context window");
    default:
        return {};
    }
}
