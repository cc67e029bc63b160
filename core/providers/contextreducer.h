#pragma once

#include "config/config.h"
#include "providers/chattypes.h"

// Fits a conversation into a token budget: keeps the system prompt and the newest turns, drops the
// oldest, and when one message is still too long keeps its end, cut on a grapheme boundary (never
// in the middle of a character). Token counts are estimated per provider family (docs/engine.md).
namespace ContextReducer {

struct Reduced
{
    QList<ChatMessage> messages;
    int dropped = 0;        // whole messages left out
    bool truncated = false; // one message was shortened
    qint64 tokens = 0;      // estimated tokens of what is kept

    bool changed() const { return dropped > 0 || truncated; }
};

// Estimated tokens of a text for a provider family: OpenAI-compatible and Gemini ~4 characters a
// token for Latin text, Anthropic ~3.5; CJK and other wide scripts about one token a character.
qint64 estimateTokens(QStringView text, ProviderKind family);
// A whole message: its text plus the framing the family adds (4 tokens for OpenAI, 3 otherwise).
qint64 estimateMessage(const ChatMessage &message, ProviderKind family);
qint64 estimateConversation(const QList<ChatMessage> &messages, ProviderKind family);

Reduced reduce(const QList<ChatMessage> &messages, qint64 budget, ProviderKind family);

// MINIMAL level: the system prompt(s) and the last user turn only.
QList<ChatMessage> minimal(const QList<ChatMessage> &messages);

} // namespace ContextReducer
