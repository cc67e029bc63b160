#pragma once

#include <QAbstractListModel>
#include <QStringList>

class ChainDraft;

// The fallback chain of the draft as an ordered, checkable list: the tiers in the chain first, in
// the order the engine walks them (checked), then the tiers that are not in it (unchecked).
// Reordering (drag and drop, or moveRows) and checking are undoable edits of the draft.
class ChainOrderModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        TierNameRole = Qt::UserRole + 1,
    };

    explicit ChainOrderModel(ChainDraft &draft, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                  const QModelIndex &destinationParent, int destinationChild) override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    int chainLength() const { return m_chainLength; }
    QString tierAt(int row) const { return m_order.value(row); }
    int rowOf(const QString &tier) const { return int(m_order.indexOf(tier)); }

private:
    void rebuild();
    bool isChainError() const;

    ChainDraft &m_draft;
    QStringList m_order;
    int m_chainLength = 0;
};
