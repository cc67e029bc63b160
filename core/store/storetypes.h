#pragma once

#include "engine/chatresult.h"
#include "providers/chattypes.h"
#include "util/money.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

struct ConversationSummary
{
    qint64 id = 0;
    QString title;
    QString systemPrompt;
    bool pinned = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    int messageCount = 0;
    QString snippet; // where a search matched, or the last message
};

enum class MessageStatus
{
    Complete,
    Streaming,  // being written; after a crash it reads as Incomplete
    Incomplete, // cut, stalled, cancelled, budget spent, or left by a crash
};
QString messageStatusName(MessageStatus status);
MessageStatus messageStatusFromName(const QString &name);

struct StoredMessage
{
    qint64 id = 0;
    qint64 conversationId = 0;
    Role role = Role::User;
    QString content;
    MessageStatus status = MessageStatus::Complete;
    QDateTime createdAt;
    // For answers: what answered and how (the result value, flattened).
    QString requestId;
    QString tier;
    QString provider;
    QString model;
    Usage usage;
    Money cost;
    qint64 latencyMs = -1;
    qint64 ttftMs = -1;
    DegradationLevel level = DegradationLevel::Full;
    AnswerSource source = AnswerSource::Model;
    QString error;       // why it is incomplete
    QByteArray metaJson; // the whole ChatResult (attempts, events) as JSON

    bool fellBack() const;
};

// One request's latency as health saw it: the charts' raw material.
struct LatencySample
{
    QString tier;
    qint64 atMs = 0;       // wall clock, ms since the epoch
    qint64 latencyMs = -1; // successful attempts only
    qint64 ttftMs = -1;
    bool ok = false;
};

// One line of the event log, as it is kept: attempts, switches, breakers, levels, health, drills.
struct StoredEvent
{
    qint64 atMs = 0; // wall clock, ms since the epoch
    QString kind; // "attempt", "switch", "breaker", "request", "level", "health", "drill", "config", "alert"
    QString tier;
    QString summary; // one line, in the user's language
    QString detail;
    bool problem = false;
    QString drillId; // set when a drill shaped it
    QByteArray data; // the value behind it, as JSON
};

// What one attempt spent (tokens the provider billed), and what the same tokens would have cost on
// the chain's primary tier: the basis of spend per tier and provider and of the savings shown.
struct SpendRecord
{
    qint64 atMs = 0; // wall clock, ms since the epoch
    QString tier;
    QString provider;
    QString model;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    Money cost;
    Money primaryCost;
    bool operator==(const SpendRecord &) const = default;
};

// Spend of one day (local calendar day) on one (tier, provider, model): what the store keeps for
// ever, and all the Spend view and the budget need. Raw SpendRecords are kept for a while only.
struct SpendDay
{
    int day = 0; // local date as yyyymmdd
    QString tier;
    QString provider;
    QString model;
    qint64 attempts = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    Money cost;
    Money primaryCost;

    static int dayOf(qint64 atMs); // the local date of a wall-clock time, as yyyymmdd (cached per day)
    static int dayOf(const QDate &date);
    static QDate dateOf(int day);
    void add(const SpendRecord &record);
    void add(const SpendDay &other); // same key
    bool operator==(const SpendDay &) const = default;
};

// Turns a finished result into the fields of its answer message.
void applyResult(StoredMessage &message, const ChatResult &result);

Q_DECLARE_METATYPE(LatencySample)
Q_DECLARE_METATYPE(SpendRecord)
Q_DECLARE_METATYPE(SpendDay)
Q_DECLARE_METATYPE(StoredEvent)
Q_DECLARE_METATYPE(ConversationSummary)
Q_DECLARE_METATYPE(StoredMessage)
