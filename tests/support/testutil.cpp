#include "testutil.h"

FakeTrio::FakeTrio()
{
    for (auto [server, prefix] : {std::pair{&a, "A"}, std::pair{&b, "B"}, std::pair{&c, "C"}}) {
        server->listen();
        server->setTokenPrefix(prefix);
    }
}

namespace TestUtil {

QString formatName(FakeProviderServer::Format format)
{
    switch (format) {
    case FakeProviderServer::Format::OpenAi:
        return QStringLiteral("openai");
    case FakeProviderServer::Format::Anthropic:
        return QStringLiteral("anthropic");
    case FakeProviderServer::Format::Gemini:
        return QStringLiteral("gemini");
    }
    return {};
}

ProviderConfig fakeProvider(const QString &id, const FakeProviderServer &server,
                            FakeProviderServer::Format format)
{
    ProviderConfig p;
    p.id = id;
    p.kind = format == FakeProviderServer::Format::OpenAi      ? ProviderKind::OpenAi
             : format == FakeProviderServer::Format::Anthropic ? ProviderKind::Anthropic
                                                               : ProviderKind::Gemini;
    p.baseUrl = server.baseUrl(format);
    p.auth = AuthMode::None;
    p.timeouts.connectMs = 1500;
    p.timeouts.firstTokenMs = 2000;
    p.timeouts.idleMs = 700;
    return p;
}

TierConfig tier(const QString &name, const QString &provider, const QString &model)
{
    TierConfig t;
    t.name = name;
    t.provider = provider;
    t.model = model;
    t.inputPricePerMTok = Money::fromMicros(1'000'000);
    t.outputPricePerMTok = Money::fromMicros(2'000'000);
    return t;
}

ChainConfig chainOver(const QList<FakeProviderServer *> &servers, FakeProviderServer::Format format)
{
    ChainConfig c;
    for (qsizetype i = 0; i < servers.size(); ++i) {
        const QString id = QStringLiteral("p%1").arg(i);
        c.providers.append(fakeProvider(id, *servers.at(i), format));
        c.tiers.append(tier(QStringLiteral("t%1").arg(i), id, QStringLiteral("model-%1").arg(i)));
    }
    c.strategy.primary = QStringLiteral("t0");
    for (qsizetype i = 1; i < servers.size(); ++i)
        c.strategy.fallbackChain << QStringLiteral("t%1").arg(i);
    c.strategy.retry.backoffFactor = 0.01; // 10 ms base: fast tests, same logic
    c.strategy.retry.maxWaitMs = 2000;
    c.strategy.requestBudgetMs = 8000;
    c.strategy.breaker.cooldownMs = 400;
    c.strategy.breaker.longCooldownMs = 5000;
    return c;
}

} // namespace TestUtil
