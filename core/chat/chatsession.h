#pragma once

#include "engine/chatresult.h"
#include "providers/chattypes.h"
#include "store/storetypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class ChatEngine;
class ChatRun;
class ConversationStore;

// One conversation's requests, from prompt to a stored answer: the user's message is written before
// the request goes out, the answer is written as it streams (in batches), and the final result with
// its attempts replaces it. A process killed mid-answer loses nothing typed and keeps the partial
// answer, which reads as incomplete on the next start. Works without a store (nothing is kept).
class ChatSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSession)

public:
    struct Options
    {
        QString systemPrompt;
        Priority priority = Priority::Normal;
        QString startTier; // start the chain at this tier (it still falls back along the rest)
        int maxTokens = 0;
    };
    static constexpr int FlushIntervalMs = 250; // a streaming answer reaches the disk at most this late

    ChatSession(ChatEngine &engine, ConversationStore *store, QObject *parent = nullptr);
    ~ChatSession() override;

    // Sends `text` after `history` (complete earlier turns) in conversation `conversationId`.
    void send(qint64 conversationId, const QList<ChatMessage> &history, const QString &text,
              const Options &options);
    // Sends `history` again as it is: its last message is the user's (Retry of an incomplete answer).
    void resend(qint64 conversationId, const QList<ChatMessage> &history, const Options &options);
    // Cancels at once: the upstream request is aborted; the answer so far is kept, marked incomplete.
    void stop();
    bool isBusy() const { return m_busy; }

signals:
    void userMessageStored(qint64 messageId);
    void firstToken(const QString &tier, qint64 ttftMs);
    void delta(const QString &text);
    void restarted(const QString &tier, const QString &reason);
    void finished(const StoredMessage &answer, const ChatResult &result);

private:
    void start(qint64 conversationId, const QList<ChatMessage> &messages, const Options &options);
    void flushContent();
    void onFinished(const ChatResult &result);

    ChatEngine &m_engine;
    QPointer<ConversationStore> m_store;
    QPointer<ChatRun> m_run;
    bool m_busy = false;
    qint64 m_conversationId = 0;
    qint64 m_answerId = 0;
    QString m_content;
    bool m_dirty = false;
    std::optional<StoredMessage> m_pendingFinish; // finished before the answer row had its id
    QTimer m_flush;
};
