#include "config/configparser.h"

#include "config/configreader.h"
#include "util/logging.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

QString ConfigError::toString() const
{
    QString where = file.isEmpty() ? u"config"_s : file;
    if (line > 0)
        where += u':' + QString::number(line) + (column > 0 ? u':' + QString::number(column) : QString());
    QString text = where + u": ";
    if (!key.isEmpty())
        text += u'\'' + key + u"': ";
    return text + reason;
}
namespace {

using namespace ConfigRead;

void scanForKeys(const QJsonValue &v, const QString &path, Reader &r)
{
    if (r.failed())
        return;
    if (v.isString()) {
        if (looksLikeKey(v.toString()))
            r.fail(path, literalKeyReason());
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            scanForKeys(a.at(i), at(path, i), r);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            scanForKeys(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), r);
    }
}

bool isLoopbackHost(const QString &host)
{
    return host == u"localhost" || host == u"127.0.0.1" || host == u"::1" || host == u"[::1]" ||
           host.startsWith(u"127.");
}

SimulationParams readSimulation(const QJsonObject &o, const QString &path, Reader &r)
{
    SimulationParams s;
    r.checkKeys(o, path,
                {"ttft_ms"_L1, "tokens_per_second"_L1, "answer_tokens"_L1, "error_rate"_L1, "fault"_L1,
                 "fault_status"_L1, "retry_after_s"_L1, "cut_after_tokens"_L1, "seed"_L1});
    s.ttftMs = int(r.integer(o, path, "ttft_ms"_L1, s.ttftMs, 0, 600'000));
    s.tokensPerSecond = r.number(o, path, "tokens_per_second"_L1, s.tokensPerSecond, 0.1, 100'000);
    s.answerTokens = int(r.integer(o, path, "answer_tokens"_L1, s.answerTokens, 1, 100'000));
    s.errorRate = r.number(o, path, "error_rate"_L1, s.errorRate, 0.0, 1.0);
    s.fault = r.choice(o, path, "fault"_L1, SimulationParams::Fault::None, SimulationFaultNames);
    s.faultStatus = int(r.integer(o, path, "fault_status"_L1, s.faultStatus, 400, 599));
    s.retryAfterSeconds = int(r.integer(o, path, "retry_after_s"_L1, 0, 0, 86'400));
    s.cutAfterTokens = int(r.integer(o, path, "cut_after_tokens"_L1, s.cutAfterTokens, 0, 100'000));
    s.seed = quint32(r.integer(o, path, "seed"_L1, s.seed, 0, 0xffffffffLL));
    return s;
}

ProviderConfig readProvider(const QJsonObject &o, const QString &path, Reader &r)
{
    ProviderConfig p;
    r.checkKeys(o, path,
                {"id"_L1, "kind"_L1, "base_url"_L1, "auth"_L1, "keychain_entry"_L1, "api_key_env"_L1,
                 "headers"_L1, "timeouts"_L1, "streaming"_L1, "simulation"_L1, "probe"_L1,
                 "max_connections"_L1, "max_queued"_L1, "queue_timeout_ms"_L1});
    p.id = r.string(o, path, "id"_L1, {}, true);
    const QString kind = r.string(o, path, "kind"_L1, {}, true);
    if (const auto k = providerKindFromName(kind))
        p.kind = *k;
    else if (!r.failed())
        r.fail(join(path, "kind"_L1),
               Tr::tr("must be one of: %1").arg(enumNames(ProviderKindNames).join(u", ")));
    const QString base = r.string(o, path, "base_url"_L1);
    if (!base.isEmpty())
        p.baseUrl = QUrl(base, QUrl::StrictMode);
    p.keychainEntry = r.string(o, path, "keychain_entry"_L1);
    p.apiKeyEnv = r.string(o, path, "api_key_env"_L1);
    const AuthMode defaultAuth = p.kind == ProviderKind::Simulated ? AuthMode::None
                                 : p.apiKeyEnv.isEmpty()           ? AuthMode::Keychain
                                                                   : AuthMode::Env;
    p.auth = r.choice(o, path, "auth"_L1, defaultAuth, AuthModeNames);
    p.streaming = r.boolean(o, path, "streaming"_L1, true);
    p.connections.maxConnections =
        int(r.integer(o, path, "max_connections"_L1, p.connections.maxConnections, 1, 4096));
    p.connections.maxQueued = int(r.integer(o, path, "max_queued"_L1, p.connections.maxQueued, 0, 100'000));
    p.connections.queueTimeoutMs =
        int(r.integer(o, path, "queue_timeout_ms"_L1, p.connections.queueTimeoutMs, 0, 600'000));

    const QJsonValue headers = o.value("headers"_L1);
    if (!headers.isUndefined()) {
        const QString hp = join(path, "headers"_L1);
        const QJsonObject h = r.object(headers, hp);
        for (auto it = h.begin(); it != h.end() && !r.failed(); ++it) {
            const QByteArray name = it.key().toLatin1();
            if (isSecretHeader(name))
                r.fail(hp + u'.' + it.key(), literalKeyReason());
            else if (!it.value().isString())
                r.fail(hp + u'.' + it.key(), Tr::tr("must be a string"));
            else
                p.headers.append({name, it.value().toString().toUtf8()});
        }
    }
    const QJsonValue timeouts = o.value("timeouts"_L1);
    if (!timeouts.isUndefined()) {
        const QString tp = join(path, "timeouts"_L1);
        const QJsonObject t = r.object(timeouts, tp);
        r.checkKeys(t, tp, {"connect_ms"_L1, "first_token_ms"_L1, "idle_ms"_L1});
        p.timeouts.connectMs = int(r.integer(t, tp, "connect_ms"_L1, p.timeouts.connectMs, 1, 600'000));
        p.timeouts.firstTokenMs =
            int(r.integer(t, tp, "first_token_ms"_L1, p.timeouts.firstTokenMs, 1, 600'000));
        p.timeouts.idleMs = int(r.integer(t, tp, "idle_ms"_L1, p.timeouts.idleMs, 1, 600'000));
    }
    const QJsonValue sim = o.value("simulation"_L1);
    if (!sim.isUndefined()) {
        const QString sp = join(path, "simulation"_L1);
        p.simulation = readSimulation(r.object(sim, sp), sp, r);
    }
    p.probeEnabled = p.kind == ProviderKind::Simulated || p.auth == AuthMode::None;
    const QJsonValue probe = o.value("probe"_L1);
    if (!probe.isUndefined()) {
        const QString pp = join(path, "probe"_L1);
        const QJsonObject po = r.object(probe, pp);
        r.checkKeys(po, pp, {"enabled"_L1, "interval_ms"_L1});
        p.probeEnabled = r.boolean(po, pp, "enabled"_L1, p.probeEnabled);
        p.probeIntervalMs = int(r.integer(po, pp, "interval_ms"_L1, p.probeIntervalMs, 1000, 86'400'000));
    }
    return p;
}

TierConfig readTier(const QJsonObject &o, const QString &path, Reader &r)
{
    TierConfig t;
    r.checkKeys(o, path,
                {"name"_L1, "provider"_L1, "model"_L1, "price"_L1, "context_window"_L1,
                 "max_output_tokens"_L1, "label"_L1, "supports_prefill"_L1});
    t.name = r.string(o, path, "name"_L1, {}, true);
    t.provider = r.string(o, path, "provider"_L1, {}, true);
    t.model = r.string(o, path, "model"_L1, {}, true);
    const QJsonValue price = o.value("price"_L1);
    t.hasPrice = !price.isUndefined();
    if (t.hasPrice) {
        const QString pp = join(path, "price"_L1);
        const QJsonObject po = r.object(price, pp);
        r.checkKeys(po, pp, {"input_per_mtok"_L1, "output_per_mtok"_L1, "currency"_L1});
        t.inputPricePerMTok = r.price(po, pp, "input_per_mtok"_L1);
        t.outputPricePerMTok = r.price(po, pp, "output_per_mtok"_L1);
        const QString currency = r.string(po, pp, "currency"_L1, u"USD"_s);
        if (currency != u"USD")
            r.fail(join(pp, "currency"_L1), Tr::tr("only USD prices are supported"));
    }
    t.contextWindow = int(r.integer(o, path, "context_window"_L1, t.contextWindow, 1, 100'000'000));
    t.maxOutputTokens = int(r.integer(o, path, "max_output_tokens"_L1, t.maxOutputTokens, 1, 10'000'000));
    t.label = r.string(o, path, "label"_L1);
    t.supportsPrefill = r.boolean(o, path, "supports_prefill"_L1, false);
    return t;
}

Strategy readStrategy(const QJsonObject &o, const QString &path, Reader &r)
{
    Strategy s;
    r.checkKeys(o, path,
                {"primary"_L1, "fallback_chain"_L1, "retry_config"_L1, "latency_threshold_ms"_L1,
                 "hedging"_L1, "degradation_enabled"_L1, "request_budget_ms"_L1, "stream_failover"_L1,
                 "content_policy"_L1, "circuit_breaker"_L1});
    s.primary = r.string(o, path, "primary"_L1);
    s.fallbackChain = r.stringList(o, path, "fallback_chain"_L1);
    const QJsonValue retry = o.value("retry_config"_L1);
    if (!retry.isUndefined()) {
        const QString rp = join(path, "retry_config"_L1);
        const QJsonObject ro = r.object(retry, rp);
        r.checkKeys(ro, rp, {"max_retries"_L1, "backoff_factor"_L1, "retry_on_status"_L1, "max_wait_ms"_L1});
        s.retry.maxRetries = int(r.integer(ro, rp, "max_retries"_L1, s.retry.maxRetries, 0, 10));
        s.retry.backoffFactor = r.number(ro, rp, "backoff_factor"_L1, s.retry.backoffFactor, 0.0, 60.0);
        s.retry.maxWaitMs = int(r.integer(ro, rp, "max_wait_ms"_L1, s.retry.maxWaitMs, 0, 600'000));
        const QJsonValue statuses = ro.value("retry_on_status"_L1);
        if (!statuses.isUndefined()) {
            const QString sp = join(rp, "retry_on_status"_L1);
            s.retry.retryOnStatus.clear();
            const QJsonArray a = statuses.toArray();
            if (!statuses.isArray())
                r.fail(sp, Tr::tr("must be an array of HTTP status codes"));
            for (qsizetype i = 0; i < a.size(); ++i) {
                const double d = a.at(i).toDouble(-1);
                if (!a.at(i).isDouble() || std::floor(d) != d || d < 100 || d > 599)
                    r.fail(at(sp, i), Tr::tr("must be an HTTP status code (100-599)"));
                else
                    s.retry.retryOnStatus << int(d);
            }
        }
    }
    s.latencyThresholdMs = int(r.integer(o, path, "latency_threshold_ms"_L1, 0, 0, 600'000));
    const QJsonValue hedging = o.value("hedging"_L1);
    if (!hedging.isUndefined()) {
        const QString hp = join(path, "hedging"_L1);
        const QJsonObject ho = r.object(hedging, hp);
        r.checkKeys(ho, hp, {"enabled"_L1, "max_share"_L1});
        s.hedging.enabled = r.boolean(ho, hp, "enabled"_L1, s.hedging.enabled);
        s.hedging.maxShare = r.number(ho, hp, "max_share"_L1, s.hedging.maxShare, 0.0, 1.0);
    }
    s.degradationEnabled = r.boolean(o, path, "degradation_enabled"_L1, true);
    s.requestBudgetMs = int(r.integer(o, path, "request_budget_ms"_L1, s.requestBudgetMs, 100, 3'600'000));
    s.streamFailover =
        r.choice(o, path, "stream_failover"_L1, StreamFailoverPolicy::Restart, StreamFailoverNames);
    s.contentPolicy =
        r.choice(o, path, "content_policy"_L1, ContentPolicyAction::NoFallback, ContentPolicyNames);
    const QJsonValue breaker = o.value("circuit_breaker"_L1);
    if (!breaker.isUndefined()) {
        const QString bp = join(path, "circuit_breaker"_L1);
        const QJsonObject bo = r.object(breaker, bp);
        r.checkKeys(bo, bp,
                    {"failure_threshold"_L1, "failure_rate"_L1, "window"_L1, "min_requests"_L1,
                     "cooldown_ms"_L1, "long_cooldown_ms"_L1});
        BreakerConfig &b = s.breaker;
        b.failureThreshold = int(r.integer(bo, bp, "failure_threshold"_L1, b.failureThreshold, 1, 1000));
        b.failureRate = r.number(bo, bp, "failure_rate"_L1, b.failureRate, 0.01, 1.0);
        b.window = int(r.integer(bo, bp, "window"_L1, b.window, 1, 10'000));
        b.minRequests = int(r.integer(bo, bp, "min_requests"_L1, b.minRequests, 1, 10'000));
        b.cooldownMs = int(r.integer(bo, bp, "cooldown_ms"_L1, b.cooldownMs, 1, 86'400'000));
        b.longCooldownMs = int(r.integer(bo, bp, "long_cooldown_ms"_L1, b.longCooldownMs, 1, 86'400'000));
    }
    return s;
}

HealthConfig readHealth(const QJsonObject &o, const QString &path, Reader &r)
{
    HealthConfig h;
    r.checkKeys(o, path,
                {"window_s"_L1, "min_samples"_L1, "degraded_success_rate"_L1, "down_success_rate"_L1});
    h.windowSeconds = int(r.integer(o, path, "window_s"_L1, h.windowSeconds, 10, 86'400));
    h.minSamples = int(r.integer(o, path, "min_samples"_L1, h.minSamples, 1, 100'000));
    h.degradedSuccessRate = r.number(o, path, "degraded_success_rate"_L1, h.degradedSuccessRate, 0.0, 1.0);
    h.downSuccessRate = r.number(o, path, "down_success_rate"_L1, h.downSuccessRate, 0.0, 1.0);
    if (!r.failed() && h.downSuccessRate > h.degradedSuccessRate)
        r.fail(join(path, "down_success_rate"_L1), Tr::tr("must not exceed degraded_success_rate"));
    return h;
}

HistoryConfig readHistory(const QJsonObject &o, const QString &path, Reader &r)
{
    HistoryConfig h;
    r.checkKeys(o, path, {"raw_days"_L1, "minute_days"_L1, "hour_days"_L1});
    h.rawDays = int(r.integer(o, path, "raw_days"_L1, h.rawDays, 1, 3650));
    h.minuteDays = int(r.integer(o, path, "minute_days"_L1, h.minuteDays, 1, 3650));
    h.hourDays = int(r.integer(o, path, "hour_days"_L1, h.hourDays, 1, 36'500));
    return h;
}

DegradationConfig readDegradation(const QJsonObject &o, const QString &path, Reader &r)
{
    DegradationConfig d;
    r.checkKeys(o, path,
                {"rules_file"_L1, "cache_entries"_L1, "cache_ttl_s"_L1, "reduced_context_percent"_L1,
                 "reduced_max_tokens"_L1, "minimal_max_tokens"_L1});
    d.rulesFile = r.string(o, path, "rules_file"_L1);
    d.cacheEntries = int(r.integer(o, path, "cache_entries"_L1, d.cacheEntries, 0, 1'000'000));
    d.cacheTtlSeconds = int(r.integer(o, path, "cache_ttl_s"_L1, d.cacheTtlSeconds, 1, 365 * 86'400));
    d.reducedContextPercent =
        int(r.integer(o, path, "reduced_context_percent"_L1, d.reducedContextPercent, 5, 100));
    d.reducedMaxTokens = int(r.integer(o, path, "reduced_max_tokens"_L1, d.reducedMaxTokens, 1, 1'000'000));
    d.minimalMaxTokens = int(r.integer(o, path, "minimal_max_tokens"_L1, d.minimalMaxTokens, 1, 1'000'000));
    return d;
}

RouteConfig readRoute(const QJsonObject &o, const QString &path, Reader &r)
{
    RouteConfig route;
    r.checkKeys(o, path, {"model"_L1, "chain"_L1});
    route.model = r.string(o, path, "model"_L1, {}, true);
    route.chain = r.stringList(o, path, "chain"_L1);
    return route;
}

// The rules every config obeys, however it was made (file or editor).
void validateInto(const ChainConfig &c, Reader &r)
{
    static const QRegularExpression idRe(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"_s);
    if (c.providers.isEmpty())
        return r.fail(u"providers"_s, Tr::tr("at least one provider is required"));
    QSet<QString> ids;
    for (qsizetype i = 0; i < c.providers.size() && !r.failed(); ++i) {
        const ProviderConfig &p = c.providers.at(i);
        const QString path = at(u"providers"_s, i);
        if (!idRe.match(p.id).hasMatch())
            return r.fail(path + u".id", Tr::tr("must be 1-64 letters, digits, '.', '_' or '-'"));
        if (ids.contains(p.id))
            return r.fail(path + u".id", Tr::tr("duplicate provider id \"%1\"").arg(p.id));
        ids.insert(p.id);
        if (p.kind != ProviderKind::Simulated) {
            if (!p.baseUrl.isValid() || p.baseUrl.host().isEmpty() ||
                (p.baseUrl.scheme() != u"https" && p.baseUrl.scheme() != u"http"))
                return r.fail(path + u".base_url", Tr::tr("must be an http:// or https:// URL"));
            if (p.baseUrl.scheme() == u"http" && p.auth != AuthMode::None &&
                !isLoopbackHost(p.baseUrl.host()))
                return r.fail(
                    path + u".base_url",
                    Tr::tr("refusing to send an API key over plain http to a remote host; use https"));
            if (p.baseUrl.hasQuery())
                return r.fail(path + u".base_url",
                              Tr::tr("must not carry a query string (keys never go in URLs)"));
            if (!p.baseUrl.userInfo().isEmpty())
                return r.fail(path + u".base_url",
                              Tr::tr("must not carry a user name or password (credentials live in the "
                                     "keychain, never in the file)"));
        }
        if (p.auth == AuthMode::Env && p.apiKeyEnv.isEmpty())
            return r.fail(path + u".api_key_env", Tr::tr("is required when auth is \"env\""));
        if (p.timeouts.connectMs <= 0 || p.timeouts.firstTokenMs <= 0 || p.timeouts.idleMs <= 0)
            return r.fail(path + u".timeouts", Tr::tr("must be positive"));
    }
    if (c.tiers.isEmpty())
        return r.fail(u"tiers"_s, Tr::tr("at least one tier is required"));
    QSet<QString> names;
    for (qsizetype i = 0; i < c.tiers.size() && !r.failed(); ++i) {
        const TierConfig &t = c.tiers.at(i);
        const QString path = at(u"tiers"_s, i);
        if (!idRe.match(t.name).hasMatch())
            return r.fail(path + u".name", Tr::tr("must be 1-64 letters, digits, '.', '_' or '-'"));
        if (names.contains(t.name))
            return r.fail(path + u".name", Tr::tr("duplicate tier name \"%1\"").arg(t.name));
        names.insert(t.name);
        if (!ids.contains(t.provider))
            return r.fail(path + u".provider", Tr::tr("no provider with id \"%1\"").arg(t.provider));
        if (t.model.trimmed().isEmpty())
            return r.fail(path + u".model", Tr::tr("must not be empty"));
        if (t.inputPricePerMTok.isNegative() || t.outputPricePerMTok.isNegative())
            return r.fail(path + u".price", Tr::tr("must not be negative"));
        if (t.contextWindow <= 0)
            return r.fail(path + u".context_window", Tr::tr("must be positive"));
        if (t.maxOutputTokens <= 0)
            return r.fail(path + u".max_output_tokens", Tr::tr("must be positive"));
    }
    const Strategy &s = c.strategy;
    if (!names.contains(s.primary))
        return r.fail(u"strategy.primary"_s, Tr::tr("no tier named \"%1\"").arg(s.primary));
    QSet<QString> seen{s.primary};
    for (qsizetype i = 0; i < s.fallbackChain.size(); ++i) {
        const QString &name = s.fallbackChain.at(i);
        const QString path = at(u"strategy.fallback_chain"_s, i);
        if (!names.contains(name))
            return r.fail(path, Tr::tr("no tier named \"%1\"").arg(name));
        if (seen.contains(name))
            return r.fail(path, Tr::tr("tier \"%1\" appears twice in the chain").arg(name));
        seen.insert(name);
    }
    if (s.breaker.minRequests > s.breaker.window)
        return r.fail(u"strategy.circuit_breaker.min_requests"_s, Tr::tr("must not exceed window"));
    if (s.retry.maxWaitMs > s.requestBudgetMs)
        return r.fail(u"strategy.retry_config.max_wait_ms"_s, Tr::tr("must not exceed request_budget_ms"));
    QSet<QString> routeModels;
    for (qsizetype i = 0; i < c.routes.size(); ++i) {
        const RouteConfig &route = c.routes.at(i);
        const QString path = at(u"routes"_s, i);
        if (route.model.trimmed().isEmpty())
            return r.fail(path + u".model", Tr::tr("must not be empty"));
        if (routeModels.contains(route.model))
            return r.fail(path + u".model", Tr::tr("duplicate route \"%1\"").arg(route.model));
        routeModels.insert(route.model);
        for (qsizetype j = 0; j < route.chain.size(); ++j) {
            if (!names.contains(route.chain.at(j)))
                return r.fail(at(path + u".chain", j), Tr::tr("no tier named \"%1\"").arg(route.chain.at(j)));
        }
    }
}

std::pair<int, int> lineColumnOf(const QByteArray &text, qsizetype offset)
{
    int line = 1;
    int col = 1;
    for (qsizetype i = 0; i < std::min(offset, text.size()); ++i) {
        if (text.at(i) == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return {line, col};
}

} // namespace

namespace ConfigParser {

Result<ChainConfig, ConfigError> parse(const QByteArray &json, const QString &fileName)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        ConfigError e;
        e.file = fileName;
        std::tie(e.line, e.column) = lineColumnOf(json, parseError.offset);
        e.reason = Tr::tr("not valid JSON: %1").arg(parseError.errorString());
        return Result<ChainConfig, ConfigError>::failure(e);
    }
    const JsonLineIndex index(json);
    Reader r(fileName, &index);
    if (!doc.isObject()) {
        r.fail({}, Tr::tr("the top level must be a JSON object"));
        return Result<ChainConfig, ConfigError>::failure(r.error());
    }
    const QJsonObject root = doc.object();
    ChainConfig c;
    scanForKeys(root, {}, r);
    r.checkKeys(root, {},
                {"version"_L1, "providers"_L1, "tiers"_L1, "strategy"_L1, "routes"_L1, "health"_L1,
                 "degradation"_L1, "history"_L1});
    const qint64 version = r.integer(root, {}, "version"_L1, ChainConfig::CurrentVersion, 1, 1'000'000);
    if (!r.failed() && version > ChainConfig::CurrentVersion)
        r.fail(u"version"_s,
               Tr::tr("this file is version %1; this build of Understudy reads version %2 or older")
                   .arg(version)
                   .arg(ChainConfig::CurrentVersion));

    const auto readArray = [&](QLatin1StringView key, auto &&readOne) {
        const QJsonValue v = root.value(key);
        if (v.isUndefined() || r.failed())
            return;
        if (!v.isArray())
            return r.fail(QString(key), Tr::tr("must be an array"));
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size() && !r.failed(); ++i) {
            const QString path = at(QString(key), i);
            readOne(r.object(a.at(i), path), path);
        }
    };
    readArray("providers"_L1,
              [&](const QJsonObject &o, const QString &path) { c.providers << readProvider(o, path, r); });
    readArray("tiers"_L1,
              [&](const QJsonObject &o, const QString &path) { c.tiers << readTier(o, path, r); });
    readArray("routes"_L1,
              [&](const QJsonObject &o, const QString &path) { c.routes << readRoute(o, path, r); });
    const QJsonValue strategy = root.value("strategy"_L1);
    if (!strategy.isUndefined() && !r.failed())
        c.strategy = readStrategy(r.object(strategy, u"strategy"_s), u"strategy"_s, r);
    if (root.contains("health"_L1) && !r.failed())
        c.health = readHealth(r.object(root.value("health"_L1), u"health"_s), u"health"_s, r);
    if (root.contains("history"_L1) && !r.failed())
        c.history = readHistory(r.object(root.value("history"_L1), u"history"_s), u"history"_s, r);
    if (root.contains("degradation"_L1) && !r.failed())
        c.degradation =
            readDegradation(r.object(root.value("degradation"_L1), u"degradation"_s), u"degradation"_s, r);

    // Defaults that depend on the tiers: the first tier is the primary, the rest follow in order.
    if (!r.failed() && !c.tiers.isEmpty()) {
        if (c.strategy.primary.isEmpty())
            c.strategy.primary = c.tiers.first().name;
        if (!strategy.toObject().contains("fallback_chain"_L1)) {
            for (const TierConfig &t : std::as_const(c.tiers)) {
                if (t.name != c.strategy.primary)
                    c.strategy.fallbackChain << t.name;
            }
        }
    }
    if (!r.failed())
        validateInto(c, r);
    if (r.failed())
        return Result<ChainConfig, ConfigError>::failure(r.error());
    return c;
}

std::optional<ConfigError> validate(const ChainConfig &config)
{
    Reader r({}, nullptr);
    validateInto(config, r);
    if (r.failed())
        return r.error();
    return std::nullopt;
}

Result<ChainConfig, ConfigError> loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigError e;
        e.file = path;
        e.reason = Tr::tr("cannot be read: %1").arg(file.errorString());
        return Result<ChainConfig, ConfigError>::failure(e);
    }
    if (file.size() > 16 * 1024 * 1024) {
        ConfigError e;
        e.file = path;
        e.reason = Tr::tr("is larger than 16 MiB; this is not a config file");
        return Result<ChainConfig, ConfigError>::failure(e);
    }
    auto parsed = parse(file.readAll(), path);
    if (!parsed)
        return parsed;
    ChainConfig c = std::move(parsed).value();
    c.sourceDir = QFileInfo(path).absolutePath();
    return c;
}

} // namespace ConfigParser
