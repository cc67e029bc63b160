#pragma once

#include "store/storetypes.h"

#include <QAbstractListModel>

class ConversationStore;

// The conversations on the left of the Chat pane: pinned first, then the most recent.
// Renaming edits in place (F2 or double-click) and is written to the store.
class ConversationListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        PinnedRole,
        SystemPromptRole,
    };

    ConversationListModel(ConversationStore *store, QObject *parent = nullptr);

    void setConversations(const QList<ConversationSummary> &conversations);
    const ConversationSummary *conversation(qint64 id) const;
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    ConversationStore *m_store;
    QList<ConversationSummary> m_items;
};
