#include "config/config.h"

using namespace Qt::StringLiterals;

QString providerKindName(ProviderKind kind)
{
    return enumName(ProviderKindNames, kind);
}

std::optional<ProviderKind> providerKindFromName(const QString &name)
{
    return enumFromName(ProviderKindNames, name);
}

QString authModeName(AuthMode mode)
{
    return enumName(AuthModeNames, mode);
}

QString simulationFaultName(SimulationParams::Fault fault)
{
    return enumName(SimulationFaultNames, fault);
}

QString streamFailoverName(StreamFailoverPolicy policy)
{
    return enumName(StreamFailoverNames, policy);
}

QString contentPolicyName(ContentPolicyAction action)
{
    return enumName(ContentPolicyNames, action);
}

QStringList Strategy::chain() const
{
    QStringList out;
    if (!primary.isEmpty())
        out << primary;
    out << fallbackChain;
    return out;
}

const ProviderConfig *ChainConfig::provider(const QString &id) const
{
    for (const ProviderConfig &p : providers) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

const TierConfig *ChainConfig::firstTierOf(const QString &providerId) const
{
    for (const TierConfig &t : tiers) {
        if (t.provider == providerId)
            return &t;
    }
    return nullptr;
}

const TierConfig *ChainConfig::tier(const QString &name) const
{
    for (const TierConfig &t : tiers) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

ChainConfig ChainConfig::builtinSimulated()
{
    ChainConfig c;
    const auto sim = [](const QString &id, int ttftMs, double tps, quint32 seed) {
        ProviderConfig p;
        p.id = id;
        p.kind = ProviderKind::Simulated;
        p.auth = AuthMode::None;
        p.simulation.ttftMs = ttftMs;
        p.simulation.tokensPerSecond = tps;
        p.simulation.seed = seed;
        p.timeouts.connectMs = 5'000;
        p.timeouts.firstTokenMs = 8'000;
        p.timeouts.idleMs = 5'000;
        p.probeEnabled = true; // free for a simulated provider
        p.probeIntervalMs = 30'000;
        return p;
    };
    c.providers = {sim(u"sim-atlas"_s, 450, 45.0, 1), sim(u"sim-borealis"_s, 250, 70.0, 2),
                   sim(u"sim-cirrus"_s, 120, 110.0, 3)};
    const auto tier = [](const QString &name, const QString &provider, const QString &model, Money in,
                         Money out, int window, const QString &label) {
        TierConfig t;
        t.name = name;
        t.provider = provider;
        t.model = model;
        t.inputPricePerMTok = in;
        t.outputPricePerMTok = out;
        t.contextWindow = window;
        t.maxOutputTokens = 1024;
        t.label = label;
        return t;
    };
    c.tiers = {tier(u"flagship"_s, u"sim-atlas"_s, u"atlas-large"_s, Money::fromMicros(2'500'000),
                    Money::fromMicros(10'000'000), 200'000, u"high-performance"_s),
               tier(u"balanced"_s, u"sim-borealis"_s, u"borealis-medium"_s, Money::fromMicros(800'000),
                    Money::fromMicros(4'000'000), 128'000, u"balanced"_s),
               tier(u"economy"_s, u"sim-cirrus"_s, u"cirrus-small"_s, Money::fromMicros(150'000),
                    Money::fromMicros(600'000), 32'000, u"cost-effective"_s)};
    c.strategy.primary = u"flagship"_s;
    c.strategy.fallbackChain = {u"balanced"_s, u"economy"_s};
    c.routes = {RouteConfig{u"*"_s, {}}};
    return c;
}
