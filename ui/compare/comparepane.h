#pragma once

#include "engine/chatresult.h"

#include <QPointer>
#include <QWidget>

class ChatEngine;
class ChatRun;
class ConversationStore;
class QCheckBox;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

// One prompt to every tier of the chain at once, each bypassing failover, side by side: how each
// tier answers, how fast, for how much — before you trust the chain.
class ComparePane final : public QWidget
{
    Q_OBJECT

public:
    // `store` may be null (no "Save as conversation").
    ComparePane(ChatEngine &engine, ConversationStore *store, QWidget *parent = nullptr);

    void send();
    bool isBusy() const;
    int columnCount() const { return int(m_columns.size()); }
    // The results as Markdown: a heading per tier with its figures, then its answer.
    QString toMarkdown() const;

signals:
    void allFinished();
    void notice(const QString &message);

private:
    struct Column
    {
        QString tier;
        QString model;
        QGroupBox *box = nullptr;
        QLabel *stats = nullptr;
        QTextBrowser *answer = nullptr;
        QCheckBox *toggle = nullptr;
        QPointer<ChatRun> run;
        QString text;
        std::optional<ChatResult> result;
    };

    void rebuildColumns();
    void startColumn(Column &column);
    void updateButtons();
    void saveAsConversation();

    ChatEngine &m_engine;
    QPointer<ConversationStore> m_store;
    QList<Column> m_columns;
    QString m_lastPrompt;
    QString m_lastSystem;

    QPlainTextEdit *m_prompt = nullptr;
    QLineEdit *m_system = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_again = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_save = nullptr;
    QWidget *m_toggles = nullptr;
    QHBoxLayout *m_togglesLayout = nullptr;
    QWidget *m_columnsHost = nullptr;
    QHBoxLayout *m_columnsLayout = nullptr;
};
