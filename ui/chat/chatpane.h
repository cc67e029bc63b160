#pragma once

#include "chat/chatsession.h"
#include "engine/chatresult.h"
#include "store/storetypes.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class ChatEngine;
class ConversationListModel;
class ConversationStore;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class TranscriptView;

// Talk to the chain. Conversations on the left (search, rename, delete with undo, pin); the
// transcript on the right streams the answer and says which tier answered and what failed.
class ChatPane final : public QWidget
{
    Q_OBJECT

public:
    // `store` may be null: the chat works, nothing is kept.
    ChatPane(ChatEngine &engine, ConversationStore *store, QWidget *parent = nullptr);

    // Sends the prompt box's text (Ctrl+Enter).
    void send();
    // Cancels the request in flight at once (Esc).
    void stop();
    bool isBusy() const { return m_session.isBusy(); }
    qint64 currentConversation() const { return m_conversationId; }
    void newConversation();
    // Re-reads the list of conversations (with the search text).
    void refreshList();
    const ChatResult &lastResult() const { return m_lastResult; }

signals:
    void answerFinished(const ChatResult &result);
    void notice(const QString &message);

private:
    void openConversation(qint64 id);
    void startSend(const QString &text);
    QList<ChatMessage> history(int upTo) const;
    ChatSession::Options options() const;
    void onDelta(const QString &text);
    void onFinished(const StoredMessage &answer, const ChatResult &result);
    void retry(int messageIndex);
    void showAttempts(const QByteArray &resultJson);
    void deleteCurrent();
    void updateButtons();
    void updateTiers();

    ChatEngine &m_engine;
    QPointer<ConversationStore> m_store;
    ChatSession m_session;
    ConversationListModel *m_conversations = nullptr;
    qint64 m_conversationId = 0;
    qint64 m_deletedId = 0;
    QString m_answer;
    QString m_answerNote;
    QTimer m_renderTimer;
    ChatResult m_lastResult;
    QByteArray m_lastResultJson;

    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
    QPushButton *m_new = nullptr;
    QToolButton *m_pin = nullptr;
    QPushButton *m_delete = nullptr;
    QWidget *m_undoBar = nullptr;
    QTimer m_undoTimer;
    TranscriptView *m_transcript = nullptr;
    QLineEdit *m_system = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_tier = nullptr;
    QPlainTextEdit *m_prompt = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_retry = nullptr;
    QLabel *m_footer = nullptr;
    QToolButton *m_badge = nullptr;
};
