#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

// The error taxonomy of the engine: every failure of an attempt lands in exactly one class,
// whatever the wire format, and the failover policy decides on the class.
enum class ErrorClass
{
    None,
    RateLimited,       // 429 transient: wait Retry-After or fail over
    QuotaExhausted,    // quota, spend cap, per-day limit, billing: waiting does not help
    Overloaded,        // 503, Anthropic 529, Gemini UNAVAILABLE, in-stream overloaded
    ServerError,       // other 5xx
    ConnectTimeout,    // no response headers in time (time to first byte)
    FirstTokenTimeout, // headers, but no first token in time
    IdleTimeout,       // the stream stalled between chunks
    BudgetExceeded,    // the whole-request budget ran out
    Network,           // refused, reset, DNS, TLS
    Auth,              // 401/403, invalid key
    ContextLength,     // the prompt does not fit the model
    ContentPolicy,     // refused by the provider's content filter
    BadRequest,        // other 4xx: the request itself is wrong for this provider
    ModelNotFound,     // 404: the model does not exist (retired, misspelt)
    TruncatedStream,   // the stream ended without a terminator or finish reason
    MalformedResponse, // unparseable body or SSE event
    Cancelled,         // the caller cancelled
    Saturated,         // never sent: no connection to the provider was free in time (our queue, not theirs)
};

QString errorClassName(ErrorClass cls);        // stable identifier: "rate_limited"
QString errorClassDescription(ErrorClass cls); // human text: "rate limited" (logs, gateway errors)
QString errorClassText(ErrorClass cls);        // the same, translated, for views, alerts and events

struct ProviderError
{
    ErrorClass cls = ErrorClass::None;
    int httpStatus = 0;
    QString message;      // the provider's message (never contains a key)
    QString providerCode; // e.g. "insufficient_quota", "overloaded_error", "RESOURCE_EXHAUSTED"
    std::optional<qint64> retryAfterMs;

    bool isError() const { return cls != ErrorClass::None; }
};

// Retry-After: delta-seconds or an HTTP-date. Returns milliseconds from `now`, clamped at 0.
std::optional<qint64> parseRetryAfter(QByteArrayView value, const QDateTime &now);
// Durations as providers write them: "1s", "6m0s", "12ms", "1.5s", "37s", "1h2m".
std::optional<qint64> parseDurationMs(QStringView text);
