#pragma once

#include "config/config.h"
#include "engine/chatresult.h"
#include "providers/chattypes.h"

#include <optional>

// Interfaces through which other rooms shape the engine's behaviour without the engine knowing them:
// degrade/ implements RequestPolicy, health/ implements TierAdvisor. Both are optional.

// An answer given without a model call (the response cache or an operator rule). Always labelled.
struct DirectAnswer
{
    QString content;
    AnswerSource source = AnswerSource::Cache;
    QString detail; // which rule matched, or where the cached answer came from
    QString model;  // the model that originally wrote a cached answer
};

class RequestPolicy
{
public:
    struct Shaped
    {
        ChatRequest request;
        DegradationLevel level = DegradationLevel::Full;
        std::optional<DirectAnswer> answer; // FALLBACK: answer without calling any tier
    };
    virtual ~RequestPolicy() = default;
    // Chooses the level for a request and adapts it (context, max_tokens, tier order).
    virtual Shaped shape(const ChatRequest &request, const ChainConfig &config) = 0;
    // Every tier failed: is there still something honest to say?
    virtual std::optional<DirectAnswer> lastResort(const ChatRequest &request) = 0;
    // A request finished (complete or not): the cache may keep the answer.
    virtual void remember(const ChatRequest &request, const ChatResult &result) = 0;
};

class TierAdvisor
{
public:
    virtual ~TierAdvisor() = default;
    // The tier's recent p95 time to first token is above `thresholdMs` (passed over until it recovers).
    virtual bool isTooSlow(const QString &tier, int thresholdMs) const = 0;
    // `chain` ordered fastest first (recent p50 time to first token; tiers without data keep their place).
    virtual QStringList fastestFirst(const QStringList &chain) const = 0;
    // `chain` with healthy tiers first, in chain order, then the rest.
    virtual QStringList healthyFirst(const QStringList &chain) const = 0;
    // A tier passed over (too slow, or down by its recent failures) may take one request now and
    // then to show it recovered; true gives this request that trial (and counts it as given).
    virtual bool claimTrial(const QString &tier) const = 0;
};
