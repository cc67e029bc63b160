#include "engine/policy.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace FailoverPolicy {

qint64 backoffMs(int retryIndex, double backoffFactor, int maxWaitMs, double jitter)
{
    const double ceilingMs = std::min<double>(maxWaitMs, backoffFactor * 1000.0 * std::pow(2.0, retryIndex));
    return static_cast<qint64>(std::floor(std::clamp(jitter, 0.0, 1.0) * ceilingMs));
}

bool countsAgainstTier(ErrorClass cls)
{
    switch (cls) {
    case ErrorClass::RateLimited:
    case ErrorClass::QuotaExhausted:
    case ErrorClass::Overloaded:
    case ErrorClass::ServerError:
    case ErrorClass::ConnectTimeout:
    case ErrorClass::FirstTokenTimeout:
    case ErrorClass::IdleTimeout:
    case ErrorClass::Network:
    case ErrorClass::Auth:
    case ErrorClass::ModelNotFound:
    case ErrorClass::TruncatedStream:
    case ErrorClass::MalformedResponse:
        return true;
    case ErrorClass::None:
    case ErrorClass::BudgetExceeded:
    case ErrorClass::ContextLength:
    case ErrorClass::ContentPolicy:
    case ErrorClass::BadRequest:
    case ErrorClass::Cancelled:
    case ErrorClass::Saturated: // our own queue: never the provider's fault
        return false;
    }
    return false;
}

bool opensBreakerForLong(ErrorClass cls)
{
    return cls == ErrorClass::QuotaExhausted || cls == ErrorClass::Auth || cls == ErrorClass::ModelNotFound;
}

Decision decide(const Input &in, const Strategy &strategy)
{
    const RetryConfig &retry = strategy.retry;
    const auto next = [](const QString &why) { return Decision{Action::NextTier, 0, why}; };
    const auto stop = [](const QString &why) { return Decision{Action::Stop, 0, why}; };

    switch (in.cls) {
    case ErrorClass::None:
        return stop(u"no error"_s);
    case ErrorClass::Cancelled:
        return stop(u"cancelled"_s);
    case ErrorClass::BudgetExceeded:
        return stop(u"the request budget is spent"_s);
    case ErrorClass::Saturated:
        return stop(u"the gateway is saturated: no connection to the provider was free in time"_s);
    case ErrorClass::ContentPolicy:
        return strategy.contentPolicy == ContentPolicyAction::Fallback
                   ? next(u"content policy: another tier may try (policy: fallback)"_s)
                   : stop(u"content policy: not sent to another tier (policy: no_fallback)"_s);
    case ErrorClass::QuotaExhausted:
        return next(u"quota exhausted: not retried"_s);
    case ErrorClass::Auth:
        return next(u"key rejected: not retried"_s);
    case ErrorClass::ModelNotFound:
        return next(u"model not found: not retried"_s);
    case ErrorClass::ContextLength:
        return next(u"context too long: a tier with a larger window may fit"_s);
    case ErrorClass::BadRequest:
        return next(u"request refused: not retried"_s);
    default:
        break;
    }

    // Once the user has seen text, a failure is a stream failure: the stream policy decides.
    if (in.afterFirstToken) {
        if (strategy.streamFailover == StreamFailoverPolicy::Fail)
            return stop(u"the stream failed after the first token (policy: fail)"_s);
        return next(u"the stream failed after the first token (policy: %1)"_s.arg(
            streamFailoverName(strategy.streamFailover)));
    }

    switch (in.cls) {
    case ErrorClass::RateLimited:
    case ErrorClass::Overloaded:
    case ErrorClass::ServerError: {
        // In-stream errors carry no status; treat them as the status they stand for.
        const int status = in.httpStatus > 0 && in.httpStatus != 200 ? in.httpStatus
                           : in.cls == ErrorClass::RateLimited       ? 429
                           : in.cls == ErrorClass::Overloaded        ? 503
                                                                     : 500;
        if (!retry.retryOnStatus.contains(status))
            return next(u"HTTP %1 is not in retry_on_status"_s.arg(status));
        if (in.retriesUsedOnTier >= retry.maxRetries)
            return next(u"%1 retries used"_s.arg(in.retriesUsedOnTier));
        qint64 wait = backoffMs(in.retriesUsedOnTier, retry.backoffFactor, retry.maxWaitMs, in.jitter);
        if (in.retryAfterMs) {
            // Never retry into a 429 before the server said: wait it out, or move on at once.
            if (*in.retryAfterMs > retry.maxWaitMs)
                return next(u"Retry-After %1 ms exceeds max_wait_ms"_s.arg(*in.retryAfterMs));
            wait = std::max(wait, *in.retryAfterMs);
        }
        if (wait >= in.budgetRemainingMs)
            return next(u"waiting %1 ms would exceed the request budget"_s.arg(wait));
        return Decision{
            Action::RetrySameTier, wait,
            u"retry %1 of %2 after %3 ms"_s.arg(in.retriesUsedOnTier + 1).arg(retry.maxRetries).arg(wait)};
    }
    case ErrorClass::ConnectTimeout:
        return next(u"no response in time"_s);
    case ErrorClass::FirstTokenTimeout:
        return next(u"no first token in time"_s);
    case ErrorClass::IdleTimeout:
        return next(u"the stream stalled"_s);
    case ErrorClass::Network:
        return next(u"network failure"_s);
    case ErrorClass::TruncatedStream:
        return next(u"the answer was cut off"_s);
    case ErrorClass::MalformedResponse:
        return next(u"the answer could not be read"_s);
    default:
        return next(errorClassDescription(in.cls));
    }
}

} // namespace FailoverPolicy
