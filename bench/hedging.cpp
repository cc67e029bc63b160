// bench_hedging: p99 latency of requests against a primary whose first token is late on 10 % of
// requests (a latency spike), with and without hedging, and the extra tokens hedging spent.
// Usage: bench_hedging [requests, default 1000] [spike ms, default 800] [threshold ms, default 150]

#include "benchutil.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "testutil.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>

using Format = FakeProviderServer::Format;

namespace {

struct Totals
{
    QList<qint64> latency;
    QList<qint64> ttft;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    Money cost;
    int hedged = 0;
    int hedgeWins = 0;
};

Totals run(ChatEngine &engine, int n)
{
    Totals t;
    for (int i = 0; i < n; ++i) {
        ChatRequest request;
        request.messages = {{Role::User, QStringLiteral("hello there, how are you today?")}};
        ChatRun *r = engine.start(request);
        QEventLoop loop;
        QObject::connect(r, &ChatRun::finished, &loop, [&](const ChatResult &result) {
            t.latency << result.latencyMs * 1000;
            t.ttft << result.ttftMs * 1000;
            for (const AttemptRecord &a : result.attempts) {
                t.inputTokens += a.usage.inputTokens;
                t.outputTokens += a.usage.outputTokens;
            }
            t.cost += result.cost;
            t.hedged += result.hedged ? 1 : 0;
            t.hedgeWins += result.hedged && result.tier != QStringLiteral("t0") ? 1 : 0;
            loop.quit();
        });
        loop.exec();
    }
    return t;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("understudy.*.info=false"));
    const int n = argc > 1 ? std::max(20, std::atoi(argv[1])) : 1000;
    const int spikeMs = argc > 2 ? std::atoi(argv[2]) : 800;
    const int thresholdMs = argc > 3 ? std::atoi(argv[3]) : 150;

    FakeProviderServer primary;
    FakeProviderServer fallback;
    primary.listen();
    fallback.listen();
    SystemClock clock;
    Transport transport;
    ChatEngine engine(transport, nullptr, clock);
    ChainConfig config = TestUtil::chainOver({&primary, &fallback}, Format::OpenAi);
    config.providers[0].timeouts.firstTokenMs = 10'000;
    config.strategy.latencyThresholdMs = thresholdMs;
    config.strategy.hedging.maxShare = 0.2;

    std::printf("Hedging benchmark: %d requests; primary first token 20 ms, %d ms on 10 %% of requests "
                "(seeded); fallback 20 ms; 20-token answers; threshold %d ms; hedge cap 20 %%.\n\n",
                n, spikeMs, thresholdMs);
    Totals results[2];
    for (bool hedging : {false, true}) {
        FakeFault f;
        f.ttftMs = 20;
        f.slowPct = 10;
        f.slowTtftMs = spikeMs;
        f.tokens = 20;
        f.interTokenMs = 1;
        primary.setFault(f);
        FakeFault g;
        g.ttftMs = 20;
        g.tokens = 20;
        g.interTokenMs = 1;
        fallback.setFault(g);
        config.strategy.hedging.enabled = hedging;
        engine.setConfig(config);
        Totals &t = results[hedging ? 1 : 0];
        t = run(engine, n);
        std::printf("%s\n", hedging ? "with hedging" : "without hedging");
        Bench::row("latency (whole answer)", t.latency);
        Bench::row("time to first token", t.ttft);
        std::printf("  tokens billed: %lld in / %lld out, cost $%s; hedged %d requests, the hedge won %d\n\n",
                    t.inputTokens, t.outputTokens, qPrintable(t.cost.toString(6)), t.hedged, t.hedgeWins);
    }
    const Totals &off = results[0];
    const Totals &on = results[1];
    std::printf("=> p99 latency %.1f ms -> %.1f ms; extra tokens spent by hedging: %+lld in, %+lld out "
                "(%+.1f %% of all "
                "tokens)\n",
                Bench::ms(Bench::percentile(off.latency, 99)), Bench::ms(Bench::percentile(on.latency, 99)),
                on.inputTokens - off.inputTokens, on.outputTokens - off.outputTokens,
                100.0 * double((on.inputTokens + on.outputTokens) - (off.inputTokens + off.outputTokens)) /
                    double(off.inputTokens + off.outputTokens));
    return 0;
}
