#include "chat/chatpane.h"

#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "uilogging.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int RenderIntervalMs = 50; // re-render a streaming answer at most 20 times a second
}

ChatPane::ChatPane(ChatEngine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    m_transcript = new QTextBrowser(this);
    m_transcript->setObjectName(QStringLiteral("transcriptBrowser"));
    m_transcript->setAccessibleName(tr("Conversation transcript"));
    m_transcript->setOpenExternalLinks(false);

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

    m_prompt = new QPlainTextEdit(this);
    m_prompt->setObjectName(QStringLiteral("promptEdit"));
    m_prompt->setAccessibleName(tr("Prompt"));
    m_prompt->setPlaceholderText(tr("Ask something… (Ctrl+Enter sends, Esc stops)"));
    m_prompt->setTabChangesFocus(true);
    m_prompt->setMaximumHeight(120);

    m_send = new QPushButton(tr("&Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Send the prompt (Ctrl+Enter)"));
    m_stop = new QPushButton(tr("S&top"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setToolTip(tr("Stop the answer and cancel the upstream request (Esc)"));
    m_retry = new QPushButton(tr("&Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setToolTip(tr("Send the last message again"));
    m_clear = new QPushButton(tr("&New conversation"), this);
    m_clear->setObjectName(QStringLiteral("newConversationButton"));

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
    m_badge->setCheckable(true);
    m_badge->hide();
    m_attempts = new QTreeWidget(this);
    m_attempts->setObjectName(QStringLiteral("attemptsTreeWidget"));
    m_attempts->setAccessibleName(tr("Attempts of the last answer"));
    m_attempts->setRootIsDecorated(false);
    m_attempts->setHeaderLabels({tr("Tier"), tr("Outcome"), tr("Error class"), tr("HTTP"), tr("Started"),
                                 tr("First token"), tr("Duration"), tr("Detail")});
    m_attempts->setMaximumHeight(160);
    m_attempts->hide();
    connect(m_badge, &QToolButton::toggled, m_attempts, &QWidget::setVisible);

    auto *options = new QFormLayout;
    options->addRow(tr("S&ystem prompt:"), m_system);
    options->addRow(tr("&Priority:"), m_priority);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_retry);
    buttons->addStretch();
    buttons->addWidget(m_clear);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_badge);
    footer->addWidget(m_footer, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_transcript, 1);
    layout->addLayout(footer);
    layout->addWidget(m_attempts);
    layout->addLayout(options);
    layout->addWidget(m_prompt);
    layout->addLayout(buttons);
    setTabOrder(m_prompt, m_send);

    connect(m_send, &QPushButton::clicked, this, &ChatPane::send);
    connect(m_stop, &QPushButton::clicked, this, &ChatPane::stop);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (!m_pendingMessages.isEmpty())
            start(m_pendingMessages);
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        stop();
        m_history.clear();
        m_pendingMessages.clear();
        m_transcript->clear();
        m_footer->clear();
        m_badge->hide();
        m_attempts->hide();
        updateButtons();
    });
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    sendShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendShortcut, &QShortcut::activated, this, &ChatPane::send);
    auto *sendShortcut2 = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    sendShortcut2->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendShortcut2, &QShortcut::activated, this, &ChatPane::send);
    auto *stopShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    stopShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(stopShortcut, &QShortcut::activated, this, &ChatPane::stop);

    m_renderTimer.setSingleShot(true);
    connect(&m_renderTimer, &QTimer::timeout, this, &ChatPane::render);
    updateButtons();
}

void ChatPane::updateButtons()
{
    m_send->setEnabled(!isBusy());
    m_stop->setEnabled(isBusy());
    m_retry->setEnabled(!isBusy() && !m_pendingMessages.isEmpty() && !m_lastResult.complete);
}

void ChatPane::appendBlock(const QString &html)
{
    QTextCursor cursor(m_transcript->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_transcript->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertHtml(html);
}

void ChatPane::send()
{
    if (isBusy())
        return;
    const QString text = m_prompt->toPlainText().trimmed();
    if (text.isEmpty())
        return;
    m_prompt->clear();
    QList<ChatMessage> messages;
    if (!m_system->text().trimmed().isEmpty())
        messages.append({Role::System, m_system->text().trimmed()});
    messages += m_history;
    messages.append({Role::User, text});
    m_history.append({Role::User, text});
    appendBlock(QStringLiteral("<p><b>%1</b><br>%2</p>") .arg(
        tr("You"), text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    start(messages);
}

void ChatPane::start(const QList<ChatMessage> &messages)
{
    m_pendingMessages = messages;
    ChatRequest request;
    request.messages = messages;
    request.priority = Priority(m_priority->currentData().toInt());
    request.canRetractPartial = true;
    m_answer.clear();
    m_answerNote.clear();
    m_badge->hide();
    m_badge->setChecked(false);
    m_footer->setText(tr("Waiting for the first token…"));
    appendBlock(QStringLiteral("<p><b>%1</b></p>").arg(tr("Understudy")));
    QTextCursor cursor(m_transcript->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertBlock();
    m_answerStart = cursor.position();

    m_run = m_engine.start(request);
    connect(m_run, &ChatRun::textDelta, this, &ChatPane::onDelta);
    connect(m_run, &ChatRun::restarted, this, &ChatPane::onRestarted);
    connect(m_run, &ChatRun::finished, this, &ChatPane::onFinished);
    connect(m_run, &ChatRun::firstToken, this, [this](const QString &tier, qint64 ttft) {
        m_footer->setText(tr("Streaming from %1 (first token after %2 ms)…").arg(tier).arg(ttft));
    });
    updateButtons();
}

void ChatPane::stop()
{
    if (m_run)
        m_run->cancel();
}

void ChatPane::onDelta(const QString &text)
{
    m_answer += text;
    if (!m_renderTimer.isActive())
        m_renderTimer.start(RenderIntervalMs);
}

void ChatPane::onRestarted(const QString &tier, const QString &reason)
{
    m_answer.clear();
    m_answerNote =
        tr("The answer from %1 failed mid-stream (%2); restarted on the next tier.").arg(tier, reason);
    render();
}

void ChatPane::render()
{
    QScrollBar *bar = m_transcript->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    QTextCursor cursor(m_transcript->document());
    cursor.setPosition(std::min(m_answerStart, m_transcript->document()->characterCount() - 1));
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    if (!m_answerNote.isEmpty())
        cursor.insertHtml(QStringLiteral("<p><i>%1</i></p>").arg(m_answerNote.toHtmlEscaped()));
    // Only the answer being streamed is laid out again, never the whole transcript.
    cursor.insertMarkdown(m_answer);
    if (atBottom)
        bar->setValue(bar->maximum());
}

void ChatPane::onFinished(const ChatResult &result)
{
    qCDebug(lcUiChat) << "answer" << result.requestId << "complete" << result.complete << "tier"
                      << result.tier;
    m_renderTimer.stop();
    m_lastResult = result;
    m_answer = result.content;
    if (!result.complete) {
        m_answerNote =
            tr("⚠ Incomplete answer: %1. %2").arg(errorClassDescription(result.error), result.errorMessage);
    }
    render();
    if (result.complete)
        m_history.append({Role::Assistant, result.content});
    else if (!m_history.isEmpty())
        m_history.removeLast(); // the question stays in the transcript and can be retried

    const QLocale locale;
    QStringList parts;
    if (!result.tier.isEmpty())
        parts << tr("%1 · %2 · %3").arg(result.tier, result.provider, result.model);
    parts << tr("%1 ms").arg(locale.toString(result.latencyMs));
    if (result.ttftMs >= 0)
        parts << tr("first token %1 ms").arg(locale.toString(result.ttftMs));
    parts << tr("%1 in / %2 out tokens%3")
                 .arg(locale.toString(result.usage.inputTokens), locale.toString(result.usage.outputTokens),
                      result.usage.estimated ? tr(" (estimated)") : QString());
    parts << tr("$%1").arg(result.cost.toString(4));
    if (result.level != DegradationLevel::Full)
        parts << tr("level %1").arg(degradationLevelName(result.level).toUpper());
    if (result.contextReduced)
        parts << tr("context trimmed (%n earlier message(s) left out)", nullptr, result.droppedMessages);
    if (result.hedged)
        parts << tr("hedged");
    if (result.source == AnswerSource::Cache)
        parts.prepend(tr("FROM THE RESPONSE CACHE, not a model"));
    else if (result.source == AnswerSource::Rule)
        parts.prepend(tr("FROM AN OPERATOR RULE, not a model"));
    if (!result.complete)
        parts.prepend(tr("INCOMPLETE"));
    m_footer->setText(parts.join(QStringLiteral("  ·  ")));
    m_footer->setToolTip(result.sourceDetail);
    showAttempts(result);
    m_badge->setVisible(result.fellBack() || result.attempts.size() > 1);
    m_badge->setText(result.fellBack()
                         ? tr("Fallback: %1").arg(result.tier.isEmpty() ? tr("none") : result.tier)
                         : tr("Attempts"));
    m_run = nullptr;
    updateButtons();
    emit answerFinished(result);
}

void ChatPane::showAttempts(const ChatResult &result)
{
    m_attempts->clear();
    const QLocale locale;
    for (const AttemptRecord &a : result.attempts) {
        auto *item = new QTreeWidgetItem(m_attempts);
        item->setText(0, a.tier);
        item->setText(1, attemptOutcomeName(a.outcome));
        item->setText(2, a.error == ErrorClass::None ? QString() : errorClassDescription(a.error));
        item->setText(3, a.httpStatus > 0 ? QString::number(a.httpStatus) : QString());
        item->setText(4, tr("+%1 ms").arg(locale.toString(a.startOffsetMs)));
        item->setText(5, a.ttftMs >= 0 ? tr("%1 ms").arg(locale.toString(a.ttftMs)) : QString());
        item->setText(6, tr("%1 ms").arg(locale.toString(a.durationMs)));
        item->setText(7, a.detail);
        item->setToolTip(7, a.detail);
    }
    for (const SwitchEvent &e : result.events) {
        auto *item = new QTreeWidgetItem(m_attempts);
        item->setText(0, tr("%1 → %2").arg(e.from, e.to));
        item->setText(1, tr("switch"));
        item->setText(2, errorClassDescription(e.reason));
        item->setText(7, e.detail);
    }
    m_attempts->header()->resizeSections(QHeaderView::ResizeToContents);
}
