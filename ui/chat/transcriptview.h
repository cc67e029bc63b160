#pragma once

#include "store/storetypes.h"

#include <QTextBrowser>

// The conversation as read: each answer rendered as Markdown (headings, lists, tables, code in a
// monospace font) with its footer — which tier, provider and model answered, timings, tokens, cost,
// level — and links to copy the answer or a code block, see the attempts, or retry. Links are
// reachable with Tab and Enter. A long conversation shows its newest messages first; earlier ones
// load on demand. A streaming answer re-renders only itself, never the whole transcript.
class TranscriptView final : public QTextBrowser
{
    Q_OBJECT

public:
    static constexpr int InitialWindow =
        60; // messages rendered on opening (a few screens); earlier ones on demand

    explicit TranscriptView(QWidget *parent = nullptr);

    void showConversation(const QList<StoredMessage> &messages);
    void clearConversation();
    void appendUserMessage(const QString &text);
    // Starts an answer at the end; updateAnswer() re-renders it, finishAnswer() seals it.
    void beginAnswer();
    void updateAnswer(const QString &markdown, const QString &note = {});
    void finishAnswer(const StoredMessage &answer);

    int messageCount() const { return int(m_messages.size()); }
    int renderedFrom() const { return m_firstRendered; }
    const StoredMessage &messageAt(int index) const { return m_messages.at(index); }
    // Fenced code blocks of a Markdown text, in order.
    static QStringList codeBlocks(const QString &markdown);

signals:
    void copyRequested(const QString &text, const QString &what);
    void retryRequested(int messageIndex);
    void attemptsRequested(int messageIndex);

private:
    void renderAll();
    void renderMessage(QTextCursor &cursor, int index);
    void renderFooter(QTextCursor &cursor, int index);
    void onAnchor(const QUrl &url);

    QList<StoredMessage> m_messages;
    int m_firstRendered = 0;
    int m_answerStart = -1; // document position where the streaming answer begins
};
