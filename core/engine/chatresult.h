#pragma once

#include "engine/breaker.h"
#include "providers/chattypes.h"
#include "providers/errorclass.h"
#include "util/money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

// Degradation levels, from most capable to fastest (degrade/ decides; the engine carries them out).
enum class DegradationLevel
{
    Full,     // everything available
    Reduced,  // shorter context, faster tiers first, smaller max_tokens
    Minimal,  // system prompt + last user turn, lowest-latency tier first, short answers
    Fallback, // no model call: an answer from the response cache or an operator rule
};
QString degradationLevelName(DegradationLevel level); // "full", "reduced", …
// As people read it, translated: "FULL", "REDUCED", … (完整, 精简, …).
QString degradationLevelText(DegradationLevel level);
std::optional<DegradationLevel> degradationLevelFromName(const QString &name);

// Where an answer came from. Anything but Model is always labelled as such.
enum class AnswerSource
{
    Model,
    Cache,
    Rule,
};
QString answerSourceName(AnswerSource source);
QString answerSourceText(AnswerSource source); // translated: "model", "response cache", "fallback rule"

// Value types the engine emits. Listeners (store, health, alerts, views) get copies, never internals.

struct AttemptRecord
{
    enum class Outcome
    {
        Success,
        Failed,
        Skipped,   // not sent: breaker open, rate limited, no key, context window too small
        Cancelled, // the caller cancelled, or a hedge lost
    };

    QString requestId;
    QString tier;
    QString provider;
    QString model;   // the model asked for
    int attempt = 1; // 1-based, per tier within the request
    Outcome outcome = Outcome::Success;
    ErrorClass error = ErrorClass::None;
    int httpStatus = 0;
    QString detail; // the provider's message or the reason for skipping
    QDateTime startedAt;
    qint64 startOffsetMs = 0; // from the start of the request
    qint64 ttfbMs = -1;       // response headers; -1 = none
    qint64 ttftMs = -1;       // first token; -1 = none
    qint64 durationMs = 0;
    qint64 queueWaitMs = 0;   // waited for a connection in Understudy's own queue (not in the times above)
    qint64 retryAfterMs = -1; // what the provider asked for; -1 = nothing
    Usage usage;
    Money cost;
    bool probe = false;    // the half-open breaker probe
    QString drillId;       // set when a drill fault shaped this attempt
    bool tierTest = false; // the Chain editor's Test tier, on a draft: not the running chain's health
};
QString attemptOutcomeName(AttemptRecord::Outcome outcome);

// The product's alert callback: every time a request moves from one tier to another.
struct SwitchEvent
{
    QDateTime at;
    QString requestId;
    QString from;
    QString to;
    ErrorClass reason = ErrorClass::None;
    QString detail;
    bool midStream = false; // the user had already seen text from `from`
};

// Something an operator should hear about that is not one request's doing (a budget threshold;
// later, alert rules). SpendTracker raises it; the alert router decides who hears of it.
struct AlertEvent
{
    QDateTime at;
    QString kind;   // "budget"
    QString reason; // what crossed, for deduplication: "month_80"
    bool critical = false;
    QString summary; // one line, in the user's language
    QString detail;
};

struct BreakerEvent
{
    QDateTime at;
    QString tier;
    CircuitBreaker::State from = CircuitBreaker::State::Closed;
    CircuitBreaker::State to = CircuitBreaker::State::Closed;
    ErrorClass reason = ErrorClass::None;
    qint64 cooldownMs = 0; // time until half-open, when it opened
};

struct ChatResult
{
    QString requestId;
    QString content;
    bool complete = false;
    QString finishReason;
    ErrorClass error = ErrorClass::None; // why it is incomplete or failed
    QString errorMessage;
    // The tier, provider and model that answered (the model as the provider named it).
    QString tier;
    QString provider;
    QString model;
    Usage usage; // of the answering attempt
    Money cost;  // every attempt of the request, wasted ones included
    qint64 latencyMs = 0;
    qint64 ttftMs = -1;
    bool recoveredMidStream = false; // a stream failed after the first token and another tier finished it
    QString midStreamPolicy;         // "restart" or "continue" when recoveredMidStream
    DegradationLevel level = DegradationLevel::Full;
    AnswerSource source = AnswerSource::Model;
    QString sourceDetail;        // the rule or the cached answer's origin, when not from a model
    bool contextReduced = false; // the conversation was trimmed to fit (context reducer)
    int droppedMessages = 0;
    bool hedged = false;   // a second tier was started because the first token was late
    bool tierTest = false; // the Chain editor's Test tier (ChatEngine::startTierTest)
    QList<AttemptRecord> attempts;
    QList<SwitchEvent> events;
    QDateTime startedAt;

    bool answered() const { return !tier.isEmpty() && error == ErrorClass::None; }
    bool fellBack() const;
};

namespace ResultJson {
QJsonObject toJson(const AttemptRecord &attempt);
QJsonObject toJson(const SwitchEvent &event);
QJsonObject toJson(const BreakerEvent &event);
QJsonObject toJson(const ChatResult &result);
} // namespace ResultJson

Q_DECLARE_METATYPE(AttemptRecord)
Q_DECLARE_METATYPE(SwitchEvent)
Q_DECLARE_METATYPE(BreakerEvent)
Q_DECLARE_METATYPE(ChatResult)
