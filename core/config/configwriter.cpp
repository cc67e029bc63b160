#include "config/configparser.h"
#include "util/logging.h"
#include "util/paths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Writing a config: the documented schema, defaults left out, no secrets by construction.

using namespace Qt::StringLiterals;

namespace ConfigParser {

namespace {

QJsonObject simulationToJson(const SimulationParams &s)
{
    QJsonObject o{{u"ttft_ms"_s, s.ttftMs},
                  {u"tokens_per_second"_s, s.tokensPerSecond},
                  {u"answer_tokens"_s, s.answerTokens},
                  {u"error_rate"_s, s.errorRate},
                  {u"fault"_s, simulationFaultName(s.fault)},
                  {u"seed"_s, qint64(s.seed)}};
    if (s.fault == SimulationParams::Fault::Status) {
        o.insert(u"fault_status"_s, s.faultStatus);
        if (s.retryAfterSeconds > 0)
            o.insert(u"retry_after_s"_s, s.retryAfterSeconds);
    }
    if (s.fault == SimulationParams::Fault::Cut || s.fault == SimulationParams::Fault::Stall)
        o.insert(u"cut_after_tokens"_s, s.cutAfterTokens);
    return o;
}

// Prices are written as exact decimal strings, never through a double.
QJsonValue priceToJson(Money m)
{
    return m.toExactString();
}

} // namespace

QByteArray toJson(const ChainConfig &c)
{
    QJsonArray providers;
    for (const ProviderConfig &p : c.providers) {
        QJsonObject o{{u"id"_s, p.id}, {u"kind"_s, providerKindName(p.kind)}};
        if (p.kind == ProviderKind::Simulated) {
            o.insert(u"simulation"_s, simulationToJson(p.simulation));
        } else {
            o.insert(u"base_url"_s, p.baseUrl.toString());
            o.insert(u"auth"_s, authModeName(p.auth));
            if (!p.keychainEntry.isEmpty())
                o.insert(u"keychain_entry"_s, p.keychainEntry);
            if (!p.apiKeyEnv.isEmpty())
                o.insert(u"api_key_env"_s, p.apiKeyEnv);
            if (!p.streaming)
                o.insert(u"streaming"_s, false);
        }
        if (!p.headers.isEmpty()) {
            QJsonObject h;
            for (const auto &[name, value] : p.headers)
                h.insert(QString::fromLatin1(name), QString::fromUtf8(value));
            o.insert(u"headers"_s, h);
        }
        const bool probeDefault = p.kind == ProviderKind::Simulated || p.auth == AuthMode::None;
        if (p.probeEnabled != probeDefault || p.probeIntervalMs != 60'000)
            o.insert(u"probe"_s,
                     QJsonObject{{u"enabled"_s, p.probeEnabled}, {u"interval_ms"_s, p.probeIntervalMs}});
        const ConnectionLimits limits;
        if (p.connections.maxConnections != limits.maxConnections)
            o.insert(u"max_connections"_s, p.connections.maxConnections);
        if (p.connections.maxQueued != limits.maxQueued)
            o.insert(u"max_queued"_s, p.connections.maxQueued);
        if (p.connections.queueTimeoutMs != limits.queueTimeoutMs)
            o.insert(u"queue_timeout_ms"_s, p.connections.queueTimeoutMs);
        if (p.timeouts != ProviderTimeouts{}) {
            o.insert(u"timeouts"_s, QJsonObject{{u"connect_ms"_s, p.timeouts.connectMs},
                                                {u"first_token_ms"_s, p.timeouts.firstTokenMs},
                                                {u"idle_ms"_s, p.timeouts.idleMs}});
        }
        providers.append(o);
    }
    QJsonArray tiers;
    for (const TierConfig &t : c.tiers) {
        QJsonObject o{{u"name"_s, t.name},
                      {u"provider"_s, t.provider},
                      {u"model"_s, t.model},
                      {u"context_window"_s, t.contextWindow},
                      {u"max_output_tokens"_s, t.maxOutputTokens}};
        if (t.hasPrice) // else the price table prices the tier
            o.insert(u"price"_s, QJsonObject{{u"input_per_mtok"_s, priceToJson(t.inputPricePerMTok)},
                                             {u"output_per_mtok"_s, priceToJson(t.outputPricePerMTok)}});
        if (!t.label.isEmpty())
            o.insert(u"label"_s, t.label);
        if (t.supportsPrefill)
            o.insert(u"supports_prefill"_s, true);
        tiers.append(o);
    }
    const Strategy &s = c.strategy;
    QJsonArray statuses;
    for (int code : s.retry.retryOnStatus)
        statuses.append(code);
    const QJsonObject strategy{
        {u"primary"_s, s.primary},
        {u"fallback_chain"_s, QJsonArray::fromStringList(s.fallbackChain)},
        {u"retry_config"_s, QJsonObject{{u"max_retries"_s, s.retry.maxRetries},
                                        {u"backoff_factor"_s, s.retry.backoffFactor},
                                        {u"retry_on_status"_s, statuses},
                                        {u"max_wait_ms"_s, s.retry.maxWaitMs}}},
        {u"latency_threshold_ms"_s, s.latencyThresholdMs},
        {u"hedging"_s, QJsonObject{{u"enabled"_s, s.hedging.enabled}, {u"max_share"_s, s.hedging.maxShare}}},
        {u"degradation_enabled"_s, s.degradationEnabled},
        {u"request_budget_ms"_s, s.requestBudgetMs},
        {u"stream_failover"_s, streamFailoverName(s.streamFailover)},
        {u"content_policy"_s, contentPolicyName(s.contentPolicy)},
        {u"circuit_breaker"_s, QJsonObject{{u"failure_threshold"_s, s.breaker.failureThreshold},
                                           {u"failure_rate"_s, s.breaker.failureRate},
                                           {u"window"_s, s.breaker.window},
                                           {u"min_requests"_s, s.breaker.minRequests},
                                           {u"cooldown_ms"_s, s.breaker.cooldownMs},
                                           {u"long_cooldown_ms"_s, s.breaker.longCooldownMs}}}};
    QJsonObject root{{u"version"_s, ChainConfig::CurrentVersion},
                     {u"providers"_s, providers},
                     {u"tiers"_s, tiers},
                     {u"strategy"_s, strategy}};
    const HealthConfig &h = c.health;
    root.insert(u"health"_s, QJsonObject{{u"window_s"_s, h.windowSeconds},
                                         {u"min_samples"_s, h.minSamples},
                                         {u"degraded_success_rate"_s, h.degradedSuccessRate},
                                         {u"down_success_rate"_s, h.downSuccessRate}});
    const DegradationConfig &d = c.degradation;
    QJsonObject degradation{{u"cache_entries"_s, d.cacheEntries},
                            {u"cache_ttl_s"_s, d.cacheTtlSeconds},
                            {u"reduced_context_percent"_s, d.reducedContextPercent},
                            {u"reduced_max_tokens"_s, d.reducedMaxTokens},
                            {u"minimal_max_tokens"_s, d.minimalMaxTokens}};
    if (!d.rulesFile.isEmpty())
        degradation.insert(u"rules_file"_s, d.rulesFile);
    root.insert(u"degradation"_s, degradation);
    if (c.history != HistoryConfig{})
        root.insert(u"history"_s, QJsonObject{{u"raw_days"_s, c.history.rawDays},
                                              {u"minute_days"_s, c.history.minuteDays},
                                              {u"hour_days"_s, c.history.hourDays}});
    if (!c.routes.isEmpty()) {
        QJsonArray routes;
        for (const RouteConfig &route : c.routes)
            routes.append(QJsonObject{{u"model"_s, route.model},
                                      {u"chain"_s, QJsonArray::fromStringList(route.chain)}});
        root.insert(u"routes"_s, routes);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<bool, QString> saveFile(const ChainConfig &config, const QString &path)
{
    auto written = AppPaths::writeFileAtomically(path, toJson(config));
    if (written)
        qCInfo(lcConfig) << "config written to" << path;
    return written;
}

} // namespace ConfigParser
