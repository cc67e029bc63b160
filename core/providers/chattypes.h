#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

// The vocabulary every layer shares: a chat request as the user means it, independent of wire formats.

enum class Role
{
    System,
    User,
    Assistant,
};
QString roleName(Role role);

struct ChatMessage
{
    Role role = Role::User;
    QString content;
    bool operator==(const ChatMessage &) const = default;
};

enum class Priority
{
    High,
    Normal,
    Low,
};
QString priorityName(Priority priority);
std::optional<Priority> priorityFromName(const QString &name);

struct ChatRequest
{
    QString requestId; // assigned by the engine when empty
    QList<ChatMessage> messages;
    int maxTokens = 0; // 0 = the answering tier's max_output_tokens
    std::optional<double> temperature;
    Priority priority = Priority::Normal;
    // An explicit chain for this request (a gateway route, or the chat pane's tier override);
    // empty = the configured chain.
    QStringList chain;
    // Try only the first tier of the chain, as it is: no failover, no degradation, and no skipping
    // for an open breaker or a Retry-After (Compare, "Test tier").
    bool singleTier = false;
    // Gateway wildcard route: ask the first tier for this model name instead of its configured one.
    QString modelOverride;
    // Whether the consumer can take back text it has already shown. A gateway stream cannot, so the
    // "restart" stream-failover policy becomes "continue" for it.
    bool canRetractPartial = true;
    // Whether the consumer wants the upstream answer streamed (the engine streams upstream when the
    // provider allows it, whatever this says, so deadlines and stalls are detected either way).
    bool stream = true;
    // Share of each tier's context window the conversation may use (REDUCED level); 100 = all of it.
    int contextBudgetPercent = 100;
};

struct Usage
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    bool estimated = false; // no usage came back (cut stream): counted from the text, see docs/engine.md

    qint64 total() const { return inputTokens + outputTokens; }
    bool operator==(const Usage &) const = default;
};

using HeaderList = QList<QPair<QByteArray, QByteArray>>;
// Case-insensitive header lookup; empty when absent.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);

// Rough token count of a text (about 4 characters a token for Latin text, 1 per CJK character).
// Used when a provider gives no usage (a cut stream) and by the context reducer; documented in
// docs/engine.md.
qint64 estimateTokens(QStringView text);
