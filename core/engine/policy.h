#pragma once

#include "config/config.h"
#include "providers/errorclass.h"

#include <optional>

// The failover decisions, as pure functions of their inputs: no clock reads, no randomness of their
// own (the jitter is an input), no I/O. Tested with data tables.
namespace FailoverPolicy {

enum class Action
{
    RetrySameTier, // wait `waitMs`, then try the same tier again
    NextTier,      // move along the chain now
    Stop,          // end the request with this error
};

struct Decision
{
    Action action = Action::NextTier;
    qint64 waitMs = 0;
    QString why; // one line for the attempt list and logs

    bool operator==(const Decision &) const = default;
};

struct Input
{
    ErrorClass cls = ErrorClass::None;
    int httpStatus = 0;
    std::optional<qint64> retryAfterMs;
    int retriesUsedOnTier = 0; // retries already made on this tier for this request
    qint64 budgetRemainingMs = 0;
    bool afterFirstToken = false; // the user has already seen text from this request
    double jitter = 1.0;          // uniform in [0, 1): full jitter of the backoff
};

Decision decide(const Input &in, const Strategy &strategy);

// Full-jitter exponential backoff: jitter * min(maxWait, factor * 2^retryIndex) seconds, in ms.
qint64 backoffMs(int retryIndex, double backoffFactor, int maxWaitMs, double jitter);

// Whether a failure of this class counts against the tier's breaker (the provider's fault, not ours).
bool countsAgainstTier(ErrorClass cls);
// Failures after which waiting a little will not help: the breaker opens at once, for long.
bool opensBreakerForLong(ErrorClass cls);

} // namespace FailoverPolicy
