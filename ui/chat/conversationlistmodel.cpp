#include "chat/conversationlistmodel.h"

#include "store/conversationstore.h"

#include <QFont>
#include <QLocale>

ConversationListModel::ConversationListModel(ConversationStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{}

void ConversationListModel::setConversations(const QList<ConversationSummary> &conversations)
{
    beginResetModel();
    m_items = conversations;
    endResetModel();
}

const ConversationSummary *ConversationListModel::conversation(qint64 id) const
{
    for (const ConversationSummary &c : m_items) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

int ConversationListModel::rowOf(qint64 id) const
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return int(i);
    }
    return -1;
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationSummary &c = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return c.pinned ? tr("📌 %1").arg(c.title) : c.title;
    case Qt::EditRole:
        return c.title;
    case Qt::AccessibleTextRole:
        return c.pinned ? tr("%1 (pinned)").arg(c.title) : c.title;
    case Qt::ToolTipRole:
        return tr("%1\n%n message(s), last %2", nullptr, c.messageCount)
            .arg(c.snippet, QLocale().toString(c.updatedAt.toLocalTime(), QLocale::ShortFormat));
    case Qt::FontRole: {
        if (!c.pinned)
            return {};
        QFont f;
        f.setBold(true);
        return f;
    }
    case IdRole:
        return c.id;
    case PinnedRole:
        return c.pinned;
    case SystemPromptRole:
        return c.systemPrompt;
    default:
        return {};
    }
}

bool ConversationListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString title = value.toString().trimmed();
    if (title.isEmpty())
        return false;
    ConversationSummary &c = m_items[index.row()];
    c.title = title;
    if (m_store)
        m_store->renameConversation(c.id, title);
    emit dataChanged(index, index);
    return true;
}

Qt::ItemFlags ConversationListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}
