#include "chat/chatpane.h"

#include "chat/attemptsdialog.h"
#include "chat/conversationlistmodel.h"
#include "chat/transcriptview.h"
#include "engine/chatengine.h"
#include "store/conversationstore.h"
#include "uilogging.h"

#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
constexpr int RenderIntervalMs = 50; // a streaming answer is re-rendered at most 20 times a second

QString titleFrom(const QString &text)
{
    QString t = text.simplified();
    if (t.size() > 60)
        t = t.left(57) + QStringLiteral("…");
    return t;
}

QShortcut *shortcut(QWidget *parent, const QKeySequence &keys,
                    Qt::ShortcutContext context = Qt::WidgetWithChildrenShortcut)
{
    auto *s = new QShortcut(keys, parent);
    s->setContext(context);
    return s;
}
} // namespace

ChatPane::ChatPane(ChatEngine &engine, ConversationStore *store, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_store(store)
    , m_session(engine, store)
    , m_conversations(new ConversationListModel(store, this))
{
    // ---- conversations -------------------------------------------------------------------------
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("conversationSearchEdit"));
    m_search->setAccessibleName(tr("Search conversations"));
    m_search->setPlaceholderText(tr("Search titles and text (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("conversationListView"));
    m_list->setAccessibleName(tr("Conversations"));
    m_list->setModel(m_conversations);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_list->setToolTip(tr("F2 renames, Delete deletes (Ctrl+Z undoes)"));
    m_new = new QPushButton(tr("&New"), this);
    m_new->setObjectName(QStringLiteral("newConversationButton"));
    m_new->setToolTip(tr("Start a new conversation (Ctrl+N)"));
    m_pin = new QToolButton(this);
    m_pin->setObjectName(QStringLiteral("pinButton"));
    m_pin->setText(tr("Pin"));
    m_pin->setCheckable(true);
    m_pin->setToolTip(tr("Keep this conversation at the top of the list"));
    m_pin->setAccessibleName(tr("Pin conversation"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteConversationButton"));
    m_delete->setToolTip(tr("Delete this conversation (it can be undone)"));
    m_undoBar = new QWidget(this);
    m_undoBar->setObjectName(QStringLiteral("undoBar"));
    auto *undoLabel = new QLabel(tr("Conversation deleted."), m_undoBar);
    auto *undo = new QPushButton(tr("&Undo"), m_undoBar);
    undo->setObjectName(QStringLiteral("undoDeleteButton"));
    undo->setToolTip(tr("Bring the deleted conversation back (Ctrl+Z)"));
    auto *undoLayout = new QHBoxLayout(m_undoBar);
    undoLayout->setContentsMargins(0, 0, 0, 0);
    undoLayout->addWidget(undoLabel, 1);
    undoLayout->addWidget(undo);
    m_undoBar->hide();
    m_undoTimer.setSingleShot(true);
    m_undoTimer.setInterval(15'000);
    connect(&m_undoTimer, &QTimer::timeout, m_undoBar, &QWidget::hide);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_pin);
    listButtons->addWidget(m_delete);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(listButtons);
    leftLayout->addWidget(m_undoBar);

    // ---- transcript and prompt -----------------------------------------------------------------
    m_transcript = new TranscriptView(this);
    m_transcript->setObjectName(QStringLiteral("transcriptBrowser"));
    m_transcript->setAccessibleName(tr("Conversation transcript"));
    m_footer = new QLabel(this);
    m_footer->setObjectName(QStringLiteral("answerFooterLabel"));
    m_footer->setAccessibleName(tr("Answer details"));
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_footer->setWordWrap(true);
    m_badge = new QToolButton(this);
    m_badge->setObjectName(QStringLiteral("fallbackBadgeButton"));
    m_badge->setText(tr("Fallback"));
    m_badge->setAccessibleName(tr("Answered by a fallback tier: show attempts"));
    m_badge->setToolTip(tr("A fallback tier answered. Click to show the attempts and switches."));
    m_badge->hide();

    m_system = new QLineEdit(this);
    m_system->setObjectName(QStringLiteral("systemPromptEdit"));
    m_system->setAccessibleName(tr("System prompt"));
    m_system->setPlaceholderText(tr("Optional system prompt for this conversation"));
    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("priorityComboBox"));
    m_priority->setAccessibleName(tr("Request priority"));
    m_priority->addItem(tr("High"), int(Priority::High));
    m_priority->addItem(tr("Normal"), int(Priority::Normal));
    m_priority->addItem(tr("Low"), int(Priority::Low));
    m_priority->setCurrentIndex(1);
    m_tier = new QComboBox(this);
    m_tier->setObjectName(QStringLiteral("tierOverrideComboBox"));
    m_tier->setAccessibleName(tr("Start at tier"));
    m_tier->setToolTip(tr("Start the chain at another tier; it still falls back along the rest"));
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setObjectName(QStringLiteral("promptEdit"));
    m_prompt->setAccessibleName(tr("Prompt"));
    m_prompt->setPlaceholderText(tr("Ask something… (Ctrl+Enter sends, Esc stops)"));
    m_prompt->setTabChangesFocus(true);
    m_prompt->setMaximumHeight(110);
    m_send = new QPushButton(tr("&Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Send the prompt (Ctrl+Enter)"));
    m_stop = new QPushButton(tr("S&top"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setToolTip(tr("Stop the answer and cancel the upstream request (Esc)"));
    m_retry = new QPushButton(tr("&Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setToolTip(tr("Ask again for the last, incomplete answer"));

    auto *right = new QWidget(this);
    auto *options = new QFormLayout;
    options->addRow(tr("S&ystem prompt:"), m_system);
    auto *requestRow = new QHBoxLayout;
    requestRow->addWidget(m_priority);
    auto *tierLabel = new QLabel(tr("Start &at:"), this);
    tierLabel->setBuddy(m_tier);
    requestRow->addWidget(tierLabel);
    requestRow->addWidget(m_tier, 1);
    options->addRow(tr("&Priority:"), requestRow);
    static_cast<QLabel *>(options->labelForField(requestRow))->setBuddy(m_priority);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_retry);
    buttons->addStretch();
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_badge);
    footer->addWidget(m_footer, 1);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_transcript, 1);
    rightLayout->addLayout(footer);
    rightLayout->addLayout(options);
    rightLayout->addWidget(m_prompt);
    rightLayout->addLayout(buttons);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("chatSplitter"));
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({230, 800});
    split->restoreState(QSettings().value(QStringLiteral("ChatPane/splitter")).toByteArray());
    connect(split, &QSplitter::splitterMoved, this,
            [split] { QSettings().setValue(QStringLiteral("ChatPane/splitter"), split->saveState()); });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    setTabOrder(m_prompt, m_send);

    // ---- behaviour ---------------------------------------------------------------------------
    connect(m_send, &QPushButton::clicked, this, &ChatPane::send);
    connect(m_stop, &QPushButton::clicked, this, &ChatPane::stop);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        for (int i = m_transcript->messageCount() - 1; i >= 0; --i) {
            if (m_transcript->messageAt(i).role == Role::Assistant) {
                retry(i);
                return;
            }
        }
    });
    connect(m_new, &QPushButton::clicked, this, &ChatPane::newConversation);
    connect(m_delete, &QPushButton::clicked, this, &ChatPane::deleteCurrent);
    connect(undo, &QPushButton::clicked, this, [this] {
        if (m_deletedId == 0 || !m_store)
            return;
        const qint64 id = std::exchange(m_deletedId, 0);
        m_store->restoreConversation(id);
        m_undoBar->hide();
        refreshList();
        openConversation(id);
    });
    connect(m_pin, &QToolButton::toggled, this, [this](bool on) {
        if (m_store && m_conversationId != 0) {
            m_store->setPinned(m_conversationId, on);
            refreshList();
        }
    });
    connect(m_search, &QLineEdit::textChanged, this, &ChatPane::refreshList);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const qint64 id = current.data(ConversationListModel::IdRole).toLongLong();
                if (id != 0 && id != m_conversationId && !isBusy())
                    openConversation(id);
            });
    connect(m_system, &QLineEdit::editingFinished, this, [this] {
        if (m_store && m_conversationId != 0)
            m_store->setSystemPrompt(m_conversationId, m_system->text().trimmed());
    });
    connect(m_badge, &QToolButton::clicked, this, [this] { showAttempts(m_lastResultJson); });
    connect(m_transcript, &TranscriptView::copyRequested, this,
            [this](const QString &text, const QString &what) {
                QGuiApplication::clipboard()->setText(text);
                emit notice(tr("Copied %1 to the clipboard.").arg(what));
            });
    connect(m_transcript, &TranscriptView::attemptsRequested, this,
            [this](int index) { showAttempts(m_transcript->messageAt(index).metaJson); });
    connect(m_transcript, &TranscriptView::retryRequested, this, &ChatPane::retry);

    connect(&m_session, &ChatSession::delta, this, &ChatPane::onDelta);
    connect(&m_session, &ChatSession::firstToken, this, [this](const QString &tier, qint64 ttft) {
        m_footer->setText(tier.isEmpty()
                              ? tr("Answering…")
                              : tr("Streaming from %1 (first token after %2 ms)…").arg(tier).arg(ttft));
    });
    connect(&m_session, &ChatSession::restarted, this, [this](const QString &tier, const QString &reason) {
        m_answer.clear();
        m_answerNote =
            tr("The answer from %1 failed mid-stream (%2); restarted on the next tier.").arg(tier, reason);
        m_transcript->updateAnswer(m_answer, m_answerNote);
    });
    connect(&m_session, &ChatSession::finished, this, &ChatPane::onFinished);
    if (m_store)
        connect(m_store, &ConversationStore::opened, this, &ChatPane::refreshList);
    if (m_store)
        connect(m_store, &ConversationStore::writeFailed, this, [this](const QString &e) {
            emit notice(tr("The conversation could not be saved: %1").arg(e));
        });
    connect(&engine, &ChatEngine::configChanged, this, &ChatPane::updateTiers);

    connect(shortcut(this, QKeySequence(Qt::CTRL | Qt::Key_Return)), &QShortcut::activated, this,
            &ChatPane::send);
    connect(shortcut(this, QKeySequence(Qt::CTRL | Qt::Key_Enter)), &QShortcut::activated, this,
            &ChatPane::send);
    connect(shortcut(this, QKeySequence(Qt::Key_Escape)), &QShortcut::activated, this, &ChatPane::stop);
    connect(shortcut(this, QKeySequence(Qt::CTRL | Qt::Key_N)), &QShortcut::activated, this,
            &ChatPane::newConversation);
    connect(shortcut(this, QKeySequence::Find), &QShortcut::activated, this,
            [this] { m_search->setFocus(); });
    connect(shortcut(m_list, QKeySequence::Delete, Qt::WidgetShortcut), &QShortcut::activated, this,
            &ChatPane::deleteCurrent);
    connect(shortcut(this, QKeySequence::Undo), &QShortcut::activated, undo, &QPushButton::click);

    m_renderTimer.setSingleShot(true);
    connect(&m_renderTimer, &QTimer::timeout, this,
            [this] { m_transcript->updateAnswer(m_answer, m_answerNote); });
    updateTiers();
    updateButtons();
    refreshList();
}

void ChatPane::updateTiers()
{
    const QString current = m_tier->currentData().toString();
    m_tier->clear();
    m_tier->addItem(tr("Primary (whole chain)"), QString());
    for (const QString &tier : m_engine.config()->strategy.chain())
        m_tier->addItem(tier, tier);
    m_tier->setCurrentIndex(std::max(0, m_tier->findData(current)));
}

void ChatPane::updateButtons()
{
    const bool busy = isBusy();
    m_send->setEnabled(!busy);
    m_stop->setEnabled(busy);
    bool lastIncomplete = false;
    for (int i = m_transcript->messageCount() - 1; i >= 0; --i) {
        if (m_transcript->messageAt(i).role == Role::Assistant) {
            lastIncomplete = m_transcript->messageAt(i).status != MessageStatus::Complete;
            break;
        }
    }
    m_retry->setEnabled(!busy && lastIncomplete);
    m_delete->setEnabled(!busy && m_conversationId != 0);
    m_pin->setEnabled(m_conversationId != 0);
    m_new->setEnabled(!busy);
}

void ChatPane::refreshList()
{
    if (!m_store || !m_store->isOpen())
        return;
    m_store->listConversations(m_search->text(), this, [this](const QList<ConversationSummary> &list) {
        const QSignalBlocker block(m_list->selectionModel());
        m_conversations->setConversations(list);
        const int row = m_conversations->rowOf(m_conversationId);
        if (row >= 0)
            m_list->setCurrentIndex(m_conversations->index(row));
        if (const ConversationSummary *c = m_conversations->conversation(m_conversationId)) {
            const QSignalBlocker pinBlock(m_pin);
            m_pin->setChecked(c->pinned);
        }
    });
}

void ChatPane::newConversation()
{
    if (isBusy())
        return;
    m_conversationId = 0;
    m_transcript->clearConversation();
    m_system->clear();
    m_footer->clear();
    m_badge->hide();
    m_list->clearSelection();
    m_prompt->setFocus();
    updateButtons();
}

void ChatPane::openConversation(qint64 id)
{
    if (!m_store || !m_store->isOpen())
        return;
    m_conversationId = id;
    if (const ConversationSummary *c = m_conversations->conversation(id)) {
        m_system->setText(c->systemPrompt);
        const QSignalBlocker pinBlock(m_pin);
        m_pin->setChecked(c->pinned);
    }
    m_footer->clear();
    m_badge->hide();
    m_store->loadMessages(id, this, [this, id](const QList<StoredMessage> &messages) {
        if (id != m_conversationId)
            return;
        m_transcript->showConversation(messages);
        updateButtons();
    });
    updateButtons();
}

QList<ChatMessage> ChatPane::history(int upTo) const
{
    // Complete turns only: an incomplete answer is not context for the next one.
    QList<ChatMessage> out;
    for (int i = 0; i < std::min(upTo, m_transcript->messageCount()); ++i) {
        const StoredMessage &m = m_transcript->messageAt(i);
        if (m.role == Role::User || m.status == MessageStatus::Complete)
            out.append({m.role, m.content});
    }
    return out;
}

ChatSession::Options ChatPane::options() const
{
    ChatSession::Options o;
    o.systemPrompt = m_system->text();
    o.priority = Priority(m_priority->currentData().toInt());
    o.startTier = m_tier->currentData().toString();
    return o;
}

void ChatPane::send()
{
    if (isBusy())
        return;
    const QString text = m_prompt->toPlainText().trimmed();
    if (text.isEmpty())
        return;
    m_prompt->clear();
    if (m_conversationId == 0 && m_store && m_store->isOpen()) {
        m_store->createConversation(titleFrom(text), m_system->text().trimmed(), this,
                                    [this, text](qint64 id) {
                                        m_conversationId = id;
                                        startSend(text);
                                        refreshList();
                                    });
        return;
    }
    startSend(text);
}

void ChatPane::startSend(const QString &text)
{
    const QList<ChatMessage> previous = history(m_transcript->messageCount());
    m_transcript->appendUserMessage(text);
    m_transcript->beginAnswer();
    m_answer.clear();
    m_answerNote.clear();
    m_badge->hide();
    m_footer->setText(tr("Waiting for the first token…"));
    m_session.send(m_conversationId, previous, text, options());
    updateButtons();
}

void ChatPane::retry(int messageIndex)
{
    if (isBusy())
        return;
    const QList<ChatMessage> previous = history(messageIndex);
    if (previous.isEmpty() || previous.last().role != Role::User)
        return;
    m_transcript->beginAnswer();
    m_answer.clear();
    m_answerNote.clear();
    m_footer->setText(tr("Asking again…"));
    m_session.resend(m_conversationId, previous, options());
    updateButtons();
}

void ChatPane::stop()
{
    m_session.stop();
}

void ChatPane::onDelta(const QString &text)
{
    m_answer += text;
    if (!m_renderTimer.isActive())
        m_renderTimer.start(RenderIntervalMs);
}

void ChatPane::onFinished(const StoredMessage &answer, const ChatResult &result)
{
    m_renderTimer.stop();
    m_lastResult = result;
    m_lastResultJson = answer.metaJson;
    m_transcript->finishAnswer(answer);
    qCDebug(lcUiChat) << "answer" << result.requestId << "complete" << result.complete << "tier"
                      << result.tier;

    const QLocale locale;
    QStringList parts;
    if (result.source == AnswerSource::Cache)
        parts << tr("FROM THE RESPONSE CACHE, not a model");
    else if (result.source == AnswerSource::Rule)
        parts << tr("FROM AN OPERATOR RULE, not a model");
    if (!result.complete)
        parts << tr("INCOMPLETE: %1").arg(errorClassText(result.error));
    if (!result.tier.isEmpty())
        parts << tr("%1 · %2 · %3").arg(result.tier, result.provider, result.model);
    parts << tr("%1 ms").arg(locale.toString(result.latencyMs));
    if (result.ttftMs >= 0)
        parts << tr("first token %1 ms").arg(locale.toString(result.ttftMs));
    parts << tr("%1 in / %2 out tokens%3")
                 .arg(locale.toString(result.usage.inputTokens), locale.toString(result.usage.outputTokens),
                      result.usage.estimated ? tr(" (estimated)") : QString());
    parts << QStringLiteral("$%1").arg(result.cost.toString(4));
    if (result.level != DegradationLevel::Full)
        parts << tr("level %1").arg(degradationLevelText(result.level));
    if (result.contextReduced)
        parts << tr("context trimmed (%n earlier message(s) left out)", nullptr, result.droppedMessages);
    if (result.hedged)
        parts << tr("hedged");
    m_footer->setText(parts.join(QStringLiteral("  ·  ")));
    m_footer->setToolTip(result.sourceDetail);
    m_badge->setVisible(result.fellBack() || result.attempts.size() > 1);
    m_badge->setText(result.fellBack()
                         ? tr("Fallback: %1").arg(result.tier.isEmpty() ? tr("none") : result.tier)
                         : tr("Attempts"));
    updateButtons();
    refreshList();
    emit answerFinished(result);
}

void ChatPane::showAttempts(const QByteArray &resultJson)
{
    if (resultJson.isEmpty())
        return;
    auto *dialog = new AttemptsDialog(resultJson, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void ChatPane::deleteCurrent()
{
    if (!m_store || m_conversationId == 0 || isBusy())
        return;
    m_deletedId = m_conversationId;
    m_store->deleteConversation(m_deletedId);
    newConversation();
    m_undoBar->show();
    m_undoTimer.start();
    refreshList();
}
