#pragma once

#include "config/config.h"
#include "degrade/responsecache.h"
#include "degrade/ruleset.h"
#include "engine/requestpolicy.h"
#include "health/healthmonitor.h"

#include <QObject>

// A change of the system's degradation level (the level a normal-priority request gets).
struct LevelChange
{
    QDateTime at;
    DegradationLevel from = DegradationLevel::Full;
    DegradationLevel to = DegradationLevel::Full;
    QString reason;
    bool pinned = false;
};

// Chooses each request's degradation level from system health and the request's priority (or the
// operator's pin), shapes the request for it, answers FALLBACK requests from the response cache or
// the operator's rules, and keeps answers in the cache for later.
class DegradationController final : public QObject, public RequestPolicy
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DegradationController)

public:
    // `cache` may be null (no response cache).
    DegradationController(HealthMonitor &health, ResponseCache *cache, const Clock &clock,
                          QObject *parent = nullptr);

    // Reloads the rules file and the cache limits; a bad rules file is reported and the old rules stay.
    void setConfig(const ChainConfig &config);

    // The pure choice: degraded health gives high priority REDUCED and the rest MINIMAL; critical, FALLBACK.
    static DegradationLevel choose(HealthStatus status, Priority priority, bool enabled);

    void pin(std::optional<DegradationLevel> level);
    std::optional<DegradationLevel> pinned() const { return m_pinned; }
    DegradationLevel levelFor(Priority priority) const;
    DegradationLevel systemLevel() const { return m_level; }
    int ruleCount() const { return m_rules.size(); }
    // The monthly budget is spent and its policy is on: normal and low priority requests walk the
    // chain cheapest tier first (high priority keeps the configured order).
    void setPreferCheaperTiers(bool prefer) { m_preferCheaper = prefer; }
    bool prefersCheaperTiers() const { return m_preferCheaper; }
    // `chain` ordered by price (input + output per million tokens), cheapest first; ties keep their order.
    static QStringList cheapestFirst(const QStringList &chain, const ChainConfig &config);

    Shaped shape(const ChatRequest &request, const ChainConfig &config) override;
    std::optional<DirectAnswer> lastResort(const ChatRequest &request) override;
    void remember(const ChatRequest &request, const ChatResult &result) override;

signals:
    void levelChanged(const LevelChange &change);
    void rulesRejected(const ConfigError &error);

private:
    void update(const QString &reason);
    std::optional<DirectAnswer> cachedOrRule(const QList<ChatMessage> &messages);

    HealthMonitor &m_health;
    ResponseCache *m_cache;
    const Clock &m_clock;
    RuleSet m_rules;
    std::optional<DegradationLevel> m_pinned;
    DegradationLevel m_level = DegradationLevel::Full;
    bool m_enabled = true;
    bool m_preferCheaper = false;
};

Q_DECLARE_METATYPE(LevelChange)
