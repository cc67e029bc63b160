#include "degrade/degradationcontroller.h"

#include "providers/contextreducer.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QDir>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

DegradationController::DegradationController(HealthMonitor &health, ResponseCache *cache, const Clock &clock,
                                             QObject *parent)
    : QObject(parent)
    , m_health(health)
    , m_cache(cache)
    , m_clock(clock)
{
    qRegisterMetaType<LevelChange>();
    connect(&health, &HealthMonitor::healthChanged, this, [this](const SystemHealth &h) {
        update(h.reasons.isEmpty()
                   ? tr("system %1").arg(healthStatusText(h.status))
                   : tr("system %1: %2").arg(healthStatusText(h.status), h.reasons.join(u"; ")));
    });
}

void DegradationController::setConfig(const ChainConfig &config)
{
    m_enabled = config.strategy.degradationEnabled;
    const DegradationConfig &d = config.degradation;
    if (m_cache)
        m_cache->setLimits(d.cacheEntries, d.cacheTtlSeconds);
    if (d.rulesFile.isEmpty()) {
        m_rules = RuleSet();
    } else {
        const QString path =
            QDir(config.sourceDir.isEmpty() ? QDir::currentPath() : config.sourceDir).filePath(d.rulesFile);
        auto loaded = RuleSet::load(path);
        if (loaded)
            m_rules = std::move(loaded).value();
        else
            emit rulesRejected(loaded.error());
    }
    update(tr("config changed"));
}

DegradationLevel DegradationController::choose(HealthStatus status, Priority priority, bool enabled)
{
    if (!enabled)
        return DegradationLevel::Full;
    switch (status) {
    case HealthStatus::Healthy:
        return DegradationLevel::Full;
    case HealthStatus::Degraded:
        return priority == Priority::High ? DegradationLevel::Reduced : DegradationLevel::Minimal;
    case HealthStatus::Critical:
        return DegradationLevel::Fallback;
    }
    return DegradationLevel::Full;
}

DegradationLevel DegradationController::levelFor(Priority priority) const
{
    if (m_pinned)
        return *m_pinned;
    return choose(m_health.lastHealth().status, priority, m_enabled);
}

void DegradationController::pin(std::optional<DegradationLevel> level)
{
    m_pinned = level;
    update(level ? tr("pinned by the operator to %1").arg(degradationLevelText(*level)) : tr("pin released"));
}

void DegradationController::update(const QString &reason)
{
    const DegradationLevel next = levelFor(Priority::Normal);
    if (next == m_level)
        return;
    LevelChange change;
    change.at = m_clock.wallNow();
    change.from = m_level;
    change.to = next;
    change.reason = reason;
    change.pinned = m_pinned.has_value();
    m_level = next;
    qCInfo(lcEngine).noquote() << "degradation level" << degradationLevelName(change.from) << "->"
                               << degradationLevelName(change.to) << ":" << reason;
    emit levelChanged(change);
}

std::optional<DirectAnswer> DegradationController::cachedOrRule(const QList<ChatMessage> &messages)
{
    if (m_cache) {
        if (const std::optional<CachedAnswer> cached = m_cache->lookup(messages, m_clock.wallNow())) {
            return DirectAnswer{
                cached->content, AnswerSource::Cache,
                tr("answered from the response cache: written by %1 (%2) on %3")
                    .arg(cached->model, cached->tier,
                         QLocale().toString(cached->storedAt.toUTC(), QLocale::ShortFormat) + u" UTC"),
                cached->model};
        }
    }
    if (const FallbackRule *rule = m_rules.match(messages))
        return DirectAnswer{rule->answer, AnswerSource::Rule,
                            tr("answered by the operator rule \"%1\"").arg(rule->name), u"rule"_s};
    return std::nullopt;
}

RequestPolicy::Shaped DegradationController::shape(const ChatRequest &request, const ChainConfig &config)
{
    Shaped out;
    out.request = request;
    // Compare and "Test tier" measure one tier as it is: never degraded.
    if (request.singleTier)
        return out;
    out.level = levelFor(request.priority);
    const DegradationConfig &d = config.degradation;
    QStringList chain = request.chain.isEmpty() ? config.strategy.chain() : request.chain;
    if (m_preferCheaper && request.priority != Priority::High) {
        const QStringList cheaper = cheapestFirst(chain, config);
        if (cheaper.value(0) != chain.value(0))
            out.request.modelOverride.clear();
        chain = cheaper;
        out.request.chain = chain;
    }
    switch (out.level) {
    case DegradationLevel::Full:
        break;
    case DegradationLevel::Fallback:
        out.answer = cachedOrRule(request.messages);
        if (out.answer)
            break;
        // Nothing prepared: still try the chain, as lightly as possible.
        out.level = DegradationLevel::Minimal;
        [[fallthrough]];
    case DegradationLevel::Minimal:
        out.request.messages = ContextReducer::minimal(request.messages);
        out.request.maxTokens =
            request.maxTokens > 0 ? std::min(request.maxTokens, d.minimalMaxTokens) : d.minimalMaxTokens;
        out.request.chain = m_health.fastestFirst(chain);
        out.request.modelOverride.clear(); // the first tier may no longer be the requested one
        break;
    case DegradationLevel::Reduced:
        out.request.contextBudgetPercent = d.reducedContextPercent;
        out.request.maxTokens =
            request.maxTokens > 0 ? std::min(request.maxTokens, d.reducedMaxTokens) : d.reducedMaxTokens;
        out.request.chain = m_health.healthyFirst(chain);
        if (out.request.chain.value(0) != chain.value(0))
            out.request.modelOverride.clear();
        break;
    }
    return out;
}

QStringList DegradationController::cheapestFirst(const QStringList &chain, const ChainConfig &config)
{
    QStringList out = chain;
    const auto price = [&config](const QString &name) {
        const TierConfig *t = config.tier(name);
        return t ? t->inputPricePerMTok + t->outputPricePerMTok : Money();
    };
    std::stable_sort(out.begin(), out.end(),
                     [&price](const QString &a, const QString &b) { return price(a) < price(b); });
    return out;
}

std::optional<DirectAnswer> DegradationController::lastResort(const ChatRequest &request)
{
    return cachedOrRule(request.messages);
}

void DegradationController::remember(const ChatRequest &request, const ChatResult &result)
{
    if (!m_cache || !result.complete || result.source != AnswerSource::Model || result.content.isEmpty())
        return;
    if (result.level != DegradationLevel::Full && result.level != DegradationLevel::Reduced)
        return; // a MINIMAL answer is too thin to serve again as the answer to the whole conversation
    m_cache->store(request.messages,
                   CachedAnswer{result.content, result.model, result.tier, m_clock.wallNow(), 0});
}
