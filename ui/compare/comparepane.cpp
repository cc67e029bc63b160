#include "compare/comparepane.h"

#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "store/conversationstore.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QTextBrowser>
#include <QVBoxLayout>

ComparePane::ComparePane(ChatEngine &engine, ConversationStore *store, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_store(store)
{
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setObjectName(QStringLiteral("comparePromptEdit"));
    m_prompt->setAccessibleName(tr("Prompt to compare"));
    m_prompt->setPlaceholderText(tr("One prompt, every tier at once, no failover (Ctrl+Enter)"));
    m_prompt->setTabChangesFocus(true);
    m_prompt->setMaximumHeight(90);
    m_system = new QLineEdit(this);
    m_system->setObjectName(QStringLiteral("compareSystemEdit"));
    m_system->setAccessibleName(tr("System prompt"));
    m_system->setPlaceholderText(tr("Optional system prompt"));
    m_send = new QPushButton(tr("&Compare"), this);
    m_send->setObjectName(QStringLiteral("compareSendButton"));
    m_send->setToolTip(tr("Send the prompt to every tier (Ctrl+Enter)"));
    m_again = new QPushButton(tr("Send &again"), this);
    m_again->setObjectName(QStringLiteral("compareSendAgainButton"));
    m_copy = new QPushButton(tr("Copy as &Markdown"), this);
    m_copy->setObjectName(QStringLiteral("compareCopyButton"));
    m_save = new QPushButton(tr("Sa&ve as conversation"), this);
    m_save->setObjectName(QStringLiteral("compareSaveButton"));
    m_save->setEnabled(false);

    m_toggles = new QWidget(this);
    m_toggles->setObjectName(QStringLiteral("compareColumnToggles"));
    m_togglesLayout = new QHBoxLayout(m_toggles);
    m_togglesLayout->setContentsMargins(0, 0, 0, 0);
    m_columnsHost = new QWidget(this);
    m_columnsLayout = new QHBoxLayout(m_columnsHost);
    m_columnsLayout->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_columnsHost);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *form = new QFormLayout;
    form->addRow(tr("&Prompt:"), m_prompt);
    form->addRow(tr("S&ystem prompt:"), m_system);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_again);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_toggles);
    layout->addWidget(scroll, 1);

    connect(m_send, &QPushButton::clicked, this, &ComparePane::send);
    connect(m_again, &QPushButton::clicked, this, [this] {
        if (m_lastPrompt.isEmpty())
            return;
        m_prompt->setPlainText(m_lastPrompt);
        m_system->setText(m_lastSystem);
        send();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(toMarkdown());
        emit notice(tr("Copied the comparison to the clipboard."));
    });
    connect(m_save, &QPushButton::clicked, this, &ComparePane::saveAsConversation);
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, &ComparePane::send);
    }
    connect(&engine, &ChatEngine::configChanged, this, [this] {
        if (!isBusy())
            rebuildColumns();
    });
    rebuildColumns();
    updateButtons();
}

bool ComparePane::isBusy() const
{
    for (const Column &c : m_columns) {
        if (c.run)
            return true;
    }
    return false;
}

void ComparePane::rebuildColumns()
{
    for (Column &c : m_columns) {
        delete c.box;
        delete c.toggle;
    }
    m_columns.clear();
    const std::shared_ptr<const ChainConfig> config = m_engine.config();
    for (const QString &tierName : config->strategy.chain()) {
        const TierConfig *tier = config->tier(tierName);
        if (!tier)
            continue;
        Column c;
        c.tier = tierName;
        c.model = tier->model;
        c.box = new QGroupBox(tr("%1 — %2").arg(tierName, tier->model), m_columnsHost);
        c.box->setObjectName(QStringLiteral("compareColumn_") + tierName);
        c.box->setMinimumWidth(260);
        c.stats = new QLabel(tr("Not sent yet."), c.box);
        c.stats->setObjectName(QStringLiteral("compareStats_") + tierName);
        c.stats->setWordWrap(true);
        c.stats->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        c.answer = new QTextBrowser(c.box);
        c.answer->setObjectName(QStringLiteral("compareAnswer_") + tierName);
        c.answer->setAccessibleName(tr("Answer from %1").arg(tierName));
        auto *v = new QVBoxLayout(c.box);
        v->addWidget(c.stats);
        v->addWidget(c.answer, 1);
        m_columnsLayout->addWidget(c.box, 1);
        c.toggle = new QCheckBox(tierName, m_toggles);
        c.toggle->setObjectName(QStringLiteral("compareToggle_") + tierName);
        c.toggle->setChecked(true);
        c.toggle->setToolTip(tr("Show or hide the %1 column").arg(tierName));
        QGroupBox *box = c.box;
        connect(c.toggle, &QCheckBox::toggled, box, &QWidget::setVisible);
        m_togglesLayout->addWidget(c.toggle);
        m_columns << c;
    }
    m_togglesLayout->addStretch();
}

void ComparePane::send()
{
    if (isBusy())
        return;
    const QString prompt = m_prompt->toPlainText().trimmed();
    if (prompt.isEmpty())
        return;
    m_lastPrompt = prompt;
    m_lastSystem = m_system->text().trimmed();
    for (Column &c : m_columns)
        startColumn(c);
    updateButtons();
}

void ComparePane::startColumn(Column &column)
{
    column.text.clear();
    column.result.reset();
    column.answer->clear();
    column.stats->setText(tr("Waiting for the first token…"));
    ChatRequest request;
    if (!m_lastSystem.isEmpty())
        request.messages.append({Role::System, m_lastSystem});
    request.messages.append({Role::User, m_lastPrompt});
    request.chain = {column.tier};
    request.singleTier = true; // each column is one tier as it is: no failover, no degradation
    ChatRun *run = m_engine.start(request);
    column.run = run;
    const QString tier = column.tier;
    const auto find = [this, tier]() -> Column * {
        for (Column &c : m_columns) {
            if (c.tier == tier)
                return &c;
        }
        return nullptr;
    };
    connect(run, &ChatRun::textDelta, this, [find](const QString &text) {
        if (Column *c = find()) {
            c->text += text;
            c->answer->setMarkdown(c->text);
        }
    });
    connect(run, &ChatRun::finished, this, [this, find](const ChatResult &r) {
        Column *c = find();
        if (!c)
            return;
        c->run = nullptr;
        c->result = r;
        const QLocale locale;
        if (r.complete) {
            c->stats->setText(tr("First token %1 ms · %2 ms · %3 in / %4 out tokens · $%5")
                                  .arg(locale.toString(r.ttftMs), locale.toString(r.latencyMs),
                                       locale.toString(r.usage.inputTokens),
                                       locale.toString(r.usage.outputTokens), r.cost.toString(4)));
        } else {
            const AttemptRecord *last = r.attempts.isEmpty() ? nullptr : &r.attempts.last();
            c->stats->setText(
                tr("Failed: %1%2 — %3")
                    .arg(errorClassText(r.error),
                         last && last->httpStatus > 0 ? tr(" (HTTP %1)").arg(last->httpStatus) : QString(),
                         r.errorMessage));
            c->stats->setStyleSheet(QStringLiteral("color: #c62828"));
        }
        c->answer->setMarkdown(r.content);
        updateButtons();
        if (!isBusy())
            emit allFinished();
    });
}

void ComparePane::updateButtons()
{
    const bool busy = isBusy();
    bool any = false;
    for (const Column &c : m_columns)
        any = any || c.result.has_value();
    m_send->setEnabled(!busy);
    m_again->setEnabled(!busy && !m_lastPrompt.isEmpty());
    m_copy->setEnabled(!busy && any);
    m_save->setEnabled(!busy && any && m_store);
}

QString ComparePane::toMarkdown() const
{
    QString md = tr("## Prompt\n\n%1\n").arg(m_lastPrompt);
    if (!m_lastSystem.isEmpty())
        md += tr("\nSystem prompt: %1\n").arg(m_lastSystem);
    for (const Column &c : m_columns) {
        if (!c.result || !c.toggle->isChecked())
            continue;
        const ChatResult &r = *c.result;
        md += tr("\n## %1 (%2)\n\n").arg(c.tier, r.model.isEmpty() ? c.model : r.model);
        if (r.complete)
            md += tr("*first token %1 ms, %2 ms, %3 in / %4 out tokens, $%5*\n\n%6\n")
                      .arg(r.ttftMs)
                      .arg(r.latencyMs)
                      .arg(r.usage.inputTokens)
                      .arg(r.usage.outputTokens)
                      .arg(r.cost.toString(6), r.content);
        else
            md += tr("*failed: %1 — %2*\n").arg(errorClassText(r.error), r.errorMessage);
    }
    return md;
}

void ComparePane::saveAsConversation()
{
    if (!m_store)
        return;
    const QString title = tr("Compare: %1").arg(m_lastPrompt.simplified().left(50));
    QPointer<ConversationStore> store = m_store;
    QList<StoredMessage> answers;
    for (const Column &c : std::as_const(m_columns)) {
        if (!c.result || !c.toggle->isChecked())
            continue;
        StoredMessage m;
        m.role = Role::Assistant;
        applyResult(m, *c.result);
        m.content = tr("**%1 (%2)**\n\n%3").arg(c.tier, c.model, c.result->content);
        answers << m;
    }
    const QString prompt = m_lastPrompt;
    m_store->createConversation(title, m_lastSystem, this, [this, store, prompt, answers](qint64 id) {
        if (!store || id == 0)
            return;
        StoredMessage user;
        user.conversationId = id;
        user.role = Role::User;
        user.content = prompt;
        store->appendMessage(user, this, {});
        for (StoredMessage m : answers) {
            m.conversationId = id;
            store->appendMessage(m, this, [store, m](qint64 messageId) {
                StoredMessage done = m;
                done.id = messageId;
                if (store)
                    store->finishMessage(done);
            });
        }
        emit notice(tr("Saved the comparison as a conversation."));
    });
}
