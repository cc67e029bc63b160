#pragma once

#include "engine/chatresult.h"
#include "providers/chattypes.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class ChatEngine;
class ChatRun;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QToolButton;
class QTreeWidget;

// Talk to the chain: the answer streams in, and the footer says which tier answered and what failed.
class ChatPane final : public QWidget
{
    Q_OBJECT

public:
    ChatPane(ChatEngine &engine, QWidget *parent = nullptr);

    // Starts a request with the text in the prompt box (Ctrl+Enter).
    void send();
    // Cancels the request in flight at once (Esc).
    void stop();
    bool isBusy() const { return !m_run.isNull(); }
    const ChatResult &lastResult() const { return m_lastResult; }

signals:
    void answerFinished(const ChatResult &result);

private:
    void start(const QList<ChatMessage> &messages);
    void onDelta(const QString &text);
    void onRestarted(const QString &tier, const QString &reason);
    void onFinished(const ChatResult &result);
    void render();
    void appendBlock(const QString &html);
    void updateButtons();
    void showAttempts(const ChatResult &result);

    ChatEngine &m_engine;
    QPointer<ChatRun> m_run;
    QList<ChatMessage> m_history;
    QList<ChatMessage> m_pendingMessages;
    QString m_answer;
    QString m_answerNote;
    int m_answerStart = 0;
    QTimer m_renderTimer;
    ChatResult m_lastResult;

    QTextBrowser *m_transcript = nullptr;
    QLineEdit *m_system = nullptr;
    QComboBox *m_priority = nullptr;
    QPlainTextEdit *m_prompt = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_footer = nullptr;
    QToolButton *m_badge = nullptr;
    QTreeWidget *m_attempts = nullptr;
};
