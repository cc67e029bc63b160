#pragma once

#include "config/config.h"
#include "fakeprovider.h"

#include <QString>

// Three fake providers "A", "B", "C" on 127.0.0.1 (token prefixes A, B, C): the usual test chain.
struct FakeTrio
{
    FakeTrio();
    FakeProviderServer a, b, c;
    QList<FakeProviderServer *> all() { return {&a, &b, &c}; }
};

// Builders for test configs: one tier per fake server, with short deadlines.
namespace TestUtil {

ProviderConfig fakeProvider(const QString &id, const FakeProviderServer &server,
                            FakeProviderServer::Format format);
TierConfig tier(const QString &name, const QString &provider, const QString &model = QStringLiteral("m"));
// A chain over the given servers, all speaking `format`: tiers "t0", "t1", ... in order.
ChainConfig chainOver(const QList<FakeProviderServer *> &servers, FakeProviderServer::Format format);
QString formatName(FakeProviderServer::Format format);

} // namespace TestUtil
