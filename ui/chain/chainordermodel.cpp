#include "chain/chainordermodel.h"

#include "chain/chaindraft.h"

#include <QColor>
#include <QIODevice>
#include <QMimeData>

namespace {
const QString TierMime = QStringLiteral("application/x-understudy-tier");
}

ChainOrderModel::ChainOrderModel(ChainDraft &draft, QObject *parent)
    : QAbstractListModel(parent)
    , m_draft(draft)
{
    connect(&m_draft, &ChainDraft::changed, this, &ChainOrderModel::rebuild);
    rebuild();
}

void ChainOrderModel::rebuild()
{
    const ChainConfig &c = m_draft.config();
    QStringList order;
    QStringList chain;
    for (const QString &name : c.strategy.chain()) {
        if (!name.isEmpty() && !chain.contains(name))
            chain.append(name);
    }
    order = chain;
    for (const TierConfig &t : c.tiers) {
        if (!order.contains(t.name))
            order.append(t.name);
    }
    // Names in the chain that are not tiers (a typo in a hand-edited file) stay visible: the
    // validation error points at them.
    QStringList sortedOld = m_order;
    QStringList sortedNew = order;
    sortedOld.sort();
    sortedNew.sort();
    if (sortedOld == sortedNew && sortedOld.size() == m_order.size()) {
        // Same tiers, new order: keep the selection and current item on the tier they belong to.
        emit layoutAboutToBeChanged();
        const QModelIndexList persistent = persistentIndexList();
        QModelIndexList to;
        for (const QModelIndex &i : persistent)
            to.append(index(int(order.indexOf(m_order.value(i.row())))));
        m_order = order;
        m_chainLength = int(chain.size());
        changePersistentIndexList(persistent, to);
        emit layoutChanged();
        if (!m_order.isEmpty())
            emit dataChanged(index(0), index(int(m_order.size()) - 1));
        return;
    }
    beginResetModel();
    m_order = order;
    m_chainLength = int(chain.size());
    endResetModel();
}

int ChainOrderModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

bool ChainOrderModel::isChainError() const
{
    const auto &error = m_draft.error();
    return error && (error->key == u"strategy.primary" || error->key.startsWith(u"strategy.fallback_chain"));
}

QVariant ChainOrderModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString name = m_order.at(index.row());
    const bool inChain = index.row() < m_chainLength;
    const TierConfig *tier = m_draft.config().tier(name);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        const QString what =
            tier ? tr("%1 · %2").arg(name, tier->model.isEmpty() ? tr("(no model)") : tier->model)
                 : tr("%1 · no such tier").arg(name);
        if (!inChain)
            return role == Qt::DisplayRole ? what : tr("%1, not in the chain").arg(what);
        if (role == Qt::AccessibleTextRole)
            return index.row() == 0 ? tr("Primary: %1").arg(what)
                                    : tr("Fallback %1: %2").arg(index.row()).arg(what);
        return tr("%1. %2").arg(index.row() + 1).arg(what);
    }
    case Qt::CheckStateRole:
        return inChain ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        if (isChainError() && (m_draft.error()->reason.contains(name) || !tier))
            return m_draft.error()->reason;
        {
            const QString where = tier ? tr("%1 on %2").arg(tier->model, tier->provider) + u'\n' : QString();
            if (!inChain)
                return QString(where + tr("Not in the chain: check it to add it at the end"));
            return QString(where +
                           (index.row() == 0
                                ? tr("Primary tier: every request starts here")
                                : tr("Fallback %1: tried when the tiers above fail").arg(index.row())));
        }
    case Qt::BackgroundRole:
        if (!tier || (isChainError() && m_draft.error()->reason.contains(u'"' + name + u'"')))
            return QColor(220, 40, 40, 90);
        return {};
    case Qt::ForegroundRole:
        return {};
    case TierNameRole:
        return name;
    default:
        return {};
    }
}

Qt::ItemFlags ChainOrderModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // drops between items
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled;
}

namespace {
void writeChain(ChainConfig &c, const QStringList &chain)
{
    c.strategy.primary = chain.value(0);
    c.strategy.fallbackChain = chain.mid(1);
}
} // namespace

bool ChainOrderModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString name = m_order.at(index.row());
    const bool add = value.toInt() == Qt::Checked;
    QStringList chain = m_order.mid(0, m_chainLength);
    if (add == chain.contains(name))
        return true;
    if (add)
        chain.append(name);
    else
        chain.removeAll(name);
    m_draft.change(add ? tr("Add %1 to the chain").arg(name) : tr("Remove %1 from the chain").arg(name),
                   [chain](ChainConfig &c) { writeChain(c, chain); });
    return true;
}

bool ChainOrderModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                               const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count < 1 || sourceRow < 0 ||
        sourceRow + count > m_order.size() || destinationChild < 0 || destinationChild > m_order.size())
        return false;
    if (destinationChild >= sourceRow && destinationChild <= sourceRow + count)
        return false; // onto itself
    QStringList order = m_order;
    const QStringList moved = order.mid(sourceRow, count);
    order.remove(sourceRow, count);
    const int to = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    for (int i = 0; i < count; ++i)
        order.insert(to + i, moved.at(i));
    // The chain keeps its members; a tier moved into the chain's part of the list joins it.
    QStringList chain;
    const QStringList members = m_order.mid(0, m_chainLength);
    for (int i = 0; i < order.size(); ++i) {
        const QString &name = order.at(i);
        const bool joins = moved.contains(name) && to < m_chainLength;
        if (members.contains(name) || joins)
            chain.append(name);
    }
    const QString text = count == 1 ? tr("Move %1").arg(moved.first()) : tr("Move %n tiers", nullptr, count);
    m_draft.change(text, [chain](ChainConfig &c) { writeChain(c, chain); });
    return true;
}

QStringList ChainOrderModel::mimeTypes() const
{
    return {TierMime};
}

QMimeData *ChainOrderModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList rows;
    for (const QModelIndex &i : indexes)
        rows.append(QString::number(i.row()));
    auto *mime = new QMimeData;
    mime->setData(TierMime, rows.join(u',').toUtf8());
    return mime;
}

bool ChainOrderModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent)
{
    Q_UNUSED(column)
    if (action != Qt::MoveAction || !data || !data->hasFormat(TierMime))
        return false;
    const QList<QByteArray> rows = data->data(TierMime).split(',');
    if (rows.size() != 1)
        return false;
    bool ok = false;
    const int from = rows.first().toInt(&ok);
    if (!ok)
        return false;
    const int to = parent.isValid() ? parent.row() : (row < 0 ? int(m_order.size()) : row);
    moveRows({}, from, 1, {}, to);
    return false; // the move is done: the view must not remove the source row
}
