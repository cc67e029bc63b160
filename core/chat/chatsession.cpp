#include "chat/chatsession.h"

#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "store/conversationstore.h"

using namespace Qt::StringLiterals;

ChatSession::ChatSession(ChatEngine &engine, ConversationStore *store, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_store(store)
{
    m_flush.setInterval(FlushIntervalMs);
    connect(&m_flush, &QTimer::timeout, this, &ChatSession::flushContent);
}

ChatSession::~ChatSession()
{
    if (m_run)
        m_run->cancel();
}

void ChatSession::send(qint64 conversationId, const QList<ChatMessage> &history, const QString &text,
                       const Options &options)
{
    if (m_busy)
        return;
    m_busy = true;
    QList<ChatMessage> messages = history;
    messages.append({Role::User, text});
    if (!m_store) {
        start(conversationId, messages, options);
        return;
    }
    // The user's words reach the disk before anything goes upstream.
    StoredMessage user;
    user.conversationId = conversationId;
    user.role = Role::User;
    user.content = text;
    m_store->appendMessage(user, this, [this, conversationId, messages, options](qint64 id) {
        emit userMessageStored(id);
        start(conversationId, messages, options);
    });
}

void ChatSession::resend(qint64 conversationId, const QList<ChatMessage> &history, const Options &options)
{
    if (m_busy || history.isEmpty())
        return;
    m_busy = true;
    start(conversationId, history, options);
}

void ChatSession::start(qint64 conversationId, const QList<ChatMessage> &messages, const Options &options)
{
    m_conversationId = conversationId;
    m_answerId = 0;
    m_content.clear();
    m_dirty = false;
    m_pendingFinish.reset();

    ChatRequest request;
    if (!options.systemPrompt.trimmed().isEmpty())
        request.messages.append({Role::System, options.systemPrompt.trimmed()});
    request.messages += messages;
    request.priority = options.priority;
    request.maxTokens = options.maxTokens;
    request.canRetractPartial = true;
    if (!options.startTier.isEmpty()) {
        const QStringList chain = m_engine.config()->strategy.chain();
        const qsizetype at = chain.indexOf(options.startTier);
        if (at >= 0)
            request.chain = chain.mid(at);
    }
    if (m_store) {
        StoredMessage answer;
        answer.conversationId = conversationId;
        answer.role = Role::Assistant;
        answer.status = MessageStatus::Streaming;
        m_store->appendMessage(answer, this, [this](qint64 id) {
            m_answerId = id;
            if (m_pendingFinish) {
                m_pendingFinish->id = id;
                m_store->finishMessage(*m_pendingFinish);
                m_pendingFinish.reset();
            }
        });
    }
    m_run = m_engine.start(request);
    connect(m_run, &ChatRun::firstToken, this, &ChatSession::firstToken);
    connect(m_run, &ChatRun::textDelta, this, [this](const QString &text) {
        m_content += text;
        m_dirty = true;
        if (!m_flush.isActive())
            m_flush.start();
        emit delta(text);
    });
    connect(m_run, &ChatRun::restarted, this, [this](const QString &tier, const QString &reason) {
        m_content.clear();
        m_dirty = true;
        emit restarted(tier, reason);
    });
    connect(m_run, &ChatRun::finished, this, &ChatSession::onFinished);
}

void ChatSession::flushContent()
{
    if (!m_dirty || !m_store || m_answerId == 0) {
        if (!m_busy)
            m_flush.stop();
        return;
    }
    m_dirty = false;
    m_store->updateContent(m_answerId, m_content);
}

void ChatSession::stop()
{
    if (m_run)
        m_run->cancel();
}

void ChatSession::onFinished(const ChatResult &result)
{
    m_flush.stop();
    m_run = nullptr;
    m_busy = false;
    StoredMessage answer;
    answer.id = m_answerId;
    answer.conversationId = m_conversationId;
    answer.role = Role::Assistant;
    applyResult(answer, result);
    if (m_store) {
        if (m_answerId != 0)
            m_store->finishMessage(answer);
        else
            m_pendingFinish = answer;
    }
    emit finished(answer, result);
}
