#pragma once

#include "util/enumnames.h"
#include "util/money.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// Value types of the configuration: providers, tiers, strategy and gateway routes.
// One source of truth for the chain: the engine, the chain editor, the CLI and the gateway read these.
// The JSON schema is documented in docs/config.md; parsing and validation live in configparser.h.

enum class ProviderKind
{
    OpenAi,    // any OpenAI-compatible Chat Completions API
    Anthropic, // Anthropic Messages
    Gemini,    // Google Gemini generateContent
    Simulated, // built-in, in-process, speaks the OpenAI wire format without a network
};
// The names in config files, one table per enum (the parser, the writer and the editor read them).
inline constexpr EnumName<ProviderKind> ProviderKindNames[] = {
    {ProviderKind::OpenAi, QLatin1StringView("openai")},
    {ProviderKind::Anthropic, QLatin1StringView("anthropic")},
    {ProviderKind::Gemini, QLatin1StringView("gemini")},
    {ProviderKind::Simulated, QLatin1StringView("simulated")},
};
QString providerKindName(ProviderKind kind);
std::optional<ProviderKind> providerKindFromName(const QString &name);

enum class AuthMode
{
    Keychain, // the key lives in the OS keychain under keychainEntry
    Env,      // the key is read from the environment variable apiKeyEnv (headless use)
    None,     // local servers that need no key
};
inline constexpr EnumName<AuthMode> AuthModeNames[] = {
    {AuthMode::Keychain, QLatin1StringView("keychain")},
    {AuthMode::Env, QLatin1StringView("env")},
    {AuthMode::None, QLatin1StringView("none")},
};
QString authModeName(AuthMode mode);

// What the built-in simulated provider does. Also the fault vocabulary of drills.
struct SimulationParams
{
    enum class Fault
    {
        None,
        Status, // answer every request with faultStatus
        Hang,   // accept and never answer
        Cut,    // cut the stream after cutAfterTokens tokens, no terminator
        Stall,  // stop sending after cutAfterTokens tokens, keep the connection open
    };
    int ttftMs = 250;
    double tokensPerSecond = 60.0;
    int answerTokens = 120; // approximate length of an answer
    double errorRate = 0.0; // 0..1: share of requests answered with HTTP 503
    Fault fault = Fault::None;
    int faultStatus = 503;
    int retryAfterSeconds = 0; // sent with a 429/503 fault when > 0
    int cutAfterTokens = 20;
    quint32 seed = 1;

    bool operator==(const SimulationParams &) const = default;
};
inline constexpr EnumName<SimulationParams::Fault> SimulationFaultNames[] = {
    {SimulationParams::Fault::None, QLatin1StringView("none")},
    {SimulationParams::Fault::Status, QLatin1StringView("status")},
    {SimulationParams::Fault::Hang, QLatin1StringView("hang")},
    {SimulationParams::Fault::Cut, QLatin1StringView("cut")},
    {SimulationParams::Fault::Stall, QLatin1StringView("stall")},
};
QString simulationFaultName(SimulationParams::Fault fault);

struct ProviderTimeouts
{
    int connectMs = 10'000;    // request sent -> response headers (time to first byte)
    int firstTokenMs = 30'000; // request sent -> first content token
    int idleMs = 30'000;       // longest gap between two stream chunks

    bool operator==(const ProviderTimeouts &) const = default;
};

// How many requests go to one provider at once, and how long a request may wait locally for a
// connection before the client is told the gateway is saturated (never charged to the provider).
struct ConnectionLimits
{
    int maxConnections = 256;  // HTTP/1.1 connections; over HTTP/2 each carries up to 100 streams
    int maxQueued = 1024;      // requests waiting for a connection; more are refused at once
    int queueTimeoutMs = 2000; // the longest wait for a connection

    bool operator==(const ConnectionLimits &) const = default;
};

struct ProviderConfig
{
    QString id;
    ProviderKind kind = ProviderKind::Simulated;
    QUrl baseUrl; // e.g. https://api.openai.com/v1 ; empty for simulated
    AuthMode auth = AuthMode::Keychain;
    QString keychainEntry; // defaults to id
    QString apiKeyEnv;
    QList<QPair<QByteArray, QByteArray>> headers; // extra request headers (never a key)
    ProviderTimeouts timeouts;
    ConnectionLimits connections;
    bool streaming = true; // use the provider's streaming API upstream
    SimulationParams simulation;
    // Active health probes (a models listing): on by default only where they cost nothing
    // (simulated providers and servers without auth); paid providers opt in.
    bool probeEnabled = false;
    int probeIntervalMs = 60'000;

    QString keyName() const { return keychainEntry.isEmpty() ? id : keychainEntry; }
    bool operator==(const ProviderConfig &) const = default;
};

struct TierConfig
{
    QString name;
    QString provider; // ProviderConfig::id
    QString model;
    Money inputPricePerMTok;
    Money outputPricePerMTok;
    // The price was given in the config; when not, the price table fills it in (PriceTable::fillTierPrices).
    bool hasPrice = true;
    int contextWindow = 128'000;
    int maxOutputTokens = 1024;
    QString label; // high-performance / balanced / cost-effective (free text allowed)
    bool supportsPrefill = false;

    bool operator==(const TierConfig &) const = default;
};

struct RetryConfig
{
    int maxRetries = 2;          // extra attempts on the same tier
    double backoffFactor = 0.25; // seconds; wait before retry n is uniform(0, factor * 2^n) (full jitter)
    QList<int> retryOnStatus = {429, 500, 502, 503, 504, 529};
    int maxWaitMs = 5'000; // longest single wait (backoff or Retry-After) before moving on

    bool operator==(const RetryConfig &) const = default;
};

struct BreakerConfig
{
    int failureThreshold = 3;     // consecutive failures that open the breaker
    double failureRate = 0.5;     // or a failure rate over the window ...
    int window = 20;              // ... of the last N outcomes
    int minRequests = 10;         // ... once at least this many are in the window
    int cooldownMs = 30'000;      // open -> half-open
    int longCooldownMs = 600'000; // for quota, auth and vanished models

    bool operator==(const BreakerConfig &) const = default;
};

struct HedgingConfig
{
    bool enabled = true; // with latency_threshold_ms > 0: start the next tier when the first token is late
    double maxShare =
        0.2; // at most this share of recent requests may hedge, so an outage cannot double spend

    bool operator==(const HedgingConfig &) const = default;
};

enum class StreamFailoverPolicy
{
    Restart,  // discard the partial answer and restart on the next tier
    Continue, // send the partial answer to the next tier and continue it
    Fail,     // stop and report the answer as incomplete
};
inline constexpr EnumName<StreamFailoverPolicy> StreamFailoverNames[] = {
    {StreamFailoverPolicy::Restart, QLatin1StringView("restart")},
    {StreamFailoverPolicy::Continue, QLatin1StringView("continue")},
    {StreamFailoverPolicy::Fail, QLatin1StringView("fail")},
};
QString streamFailoverName(StreamFailoverPolicy policy);

enum class ContentPolicyAction
{
    NoFallback, // a content-policy refusal ends the request (default)
    Fallback,   // another tier may try
};
inline constexpr EnumName<ContentPolicyAction> ContentPolicyNames[] = {
    {ContentPolicyAction::NoFallback, QLatin1StringView("no_fallback")},
    {ContentPolicyAction::Fallback, QLatin1StringView("fallback")},
};
QString contentPolicyName(ContentPolicyAction action);

struct Strategy
{
    QString primary;
    QStringList fallbackChain;
    RetryConfig retry;
    int latencyThresholdMs = 0; // 0 = off
    HedgingConfig hedging;
    bool degradationEnabled = true;
    int requestBudgetMs = 60'000; // one budget over the whole chain
    StreamFailoverPolicy streamFailover = StreamFailoverPolicy::Restart;
    ContentPolicyAction contentPolicy = ContentPolicyAction::NoFallback;
    BreakerConfig breaker;

    QStringList chain() const;
    bool operator==(const Strategy &) const = default;
};

// How passive health is judged (health/).
struct HealthConfig
{
    int windowSeconds = 300;          // the rolling window of real traffic
    int minSamples = 5;               // fewer samples than this say nothing about a tier
    double degradedSuccessRate = 0.9; // below: the tier is degraded
    double downSuccessRate = 0.5;     // below: the tier is down

    bool operator==(const HealthConfig &) const = default;
};

// What each degradation level does (degrade/).
struct DegradationConfig
{
    QString rulesFile;              // pattern -> answer rules for FALLBACK (relative to the config file)
    int cacheEntries = 500;         // response cache bound (0 = no cache)
    int cacheTtlSeconds = 86'400;   // a cached answer older than this is not served
    int reducedContextPercent = 50; // REDUCED: the conversation is cut to this share of the tier's window
    int reducedMaxTokens = 512;
    int minimalMaxTokens = 256;

    bool operator==(const DegradationConfig &) const = default;
};

// How long the history in the store lasts (store/). Every request adds rows (events, a latency
// sample, spend); they are kept one by one for raw_days, the latency per tier as per-minute and
// per-hour summaries for longer, and spend per day and (tier, provider, model) for ever. Older rows
// are pruned while Understudy runs, a little at a time.
struct HistoryConfig
{
    int rawDays = 7;
    int minuteDays = 30;
    int hourDays = 400;

    bool operator==(const HistoryConfig &) const = default;
};

// A gateway route: a model name (or "*") that selects a chain of tiers.
struct RouteConfig
{
    QString model;     // "*" is the wildcard route
    QStringList chain; // tier names; empty = the strategy's chain
    bool operator==(const RouteConfig &) const = default;
};

struct ChainConfig
{
    static constexpr int CurrentVersion = 1;

    QList<ProviderConfig> providers;
    QList<TierConfig> tiers;
    Strategy strategy;
    QList<RouteConfig> routes;
    HealthConfig health;
    DegradationConfig degradation;
    HistoryConfig history;
    QString sourceDir; // the folder of the file it was read from (resolves rules_file); not serialised

    const ProviderConfig *provider(const QString &id) const;
    const TierConfig *tier(const QString &name) const;
    // The first tier served by provider `providerId` (what a key test or probe of it uses), or null.
    const TierConfig *firstTierOf(const QString &providerId) const;
    bool operator==(const ChainConfig &o) const
    {
        return providers == o.providers && tiers == o.tiers && strategy == o.strategy && routes == o.routes &&
               health == o.health && degradation == o.degradation && history == o.history;
    }

    // The built-in chain of three simulated tiers: works with no keys and no network.
    static ChainConfig builtinSimulated();
};
