// bench_engine: what the failover engine itself costs.
//  1. Overhead per request: through the engine vs a bare request through the engine's own HTTP
//     client (the Transport: libcurl on the event loop) to the same local server (non-streamed
//     latency, streamed time to first token), p50/p99 and CPU per request.
//  2. The time a failover costs: primary answering 503; primary with its breaker open; primary hung
//     with a first-byte deadline — each against the fallback tier called directly.
// Usage: bench_engine [requests, default 2000]

#include "benchutil.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "testutil.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

using Format = FakeProviderServer::Format;

namespace {

QByteArray openAiBody(bool stream)
{
    QJsonObject body{
        {QStringLiteral("model"), QStringLiteral("model-0")},
         {QStringLiteral("messages"),
                         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                 {QStringLiteral("content"), QStringLiteral("hello")}}}},
                         {QStringLiteral("max_tokens"), 1024}};
    if (stream) {
        body.insert(QStringLiteral("stream"), true);
        body.insert(QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}});
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

struct Sample
{
    qint64 totalUs = 0;
    qint64 firstUs = 0;
};

// A bare request through the Transport, as any client of it would send one without the engine
// (the SSE frames split and the text read out of each, to be fair).
Sample bareRequest(Transport &transport, const QUrl &url, bool stream)
{
    TransportRequest req;
    req.url = url;
    req.headers = {{"Content-Type", "application/json"}};
    req.body = openAiBody(stream);
    req.providerId = QStringLiteral("bare");
    QElapsedTimer t;
    t.start();
    QObject owner;
    TransportReply *reply = transport.send(req, &owner);
    Sample s;
    QEventLoop loop;
    QByteArray body;
    QString text;
    QObject::connect(reply, &TransportReply::dataReceived, &loop, [&](const QByteArray &data) {
        body += data;
        if (!stream)
            return;
        qsizetype end;
        while ((end = body.indexOf("\n\n")) >= 0) {
            const QByteArray frame = body.left(end);
            body.remove(0, end + 2);
            if (!frame.startsWith("data: {"))
                continue;
            const QJsonObject chunk = QJsonDocument::fromJson(frame.mid(6)).object();
            const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
            if (choices.isEmpty())
                continue;
            text += choices.first().toObject().value(
                QStringLiteral("delta")).toObject().value(QStringLiteral("content")).toString();
            if (!s.firstUs && !text.isEmpty())
                s.firstUs = t.nsecsElapsed() / 1000;
        }
    });
    QObject::connect(reply, &TransportReply::finished, &loop, &QEventLoop::quit);
    loop.exec(); // the benchmark's own top-level loop, one request at a time
    if (!stream)
        QJsonDocument::fromJson(body);
    s.totalUs = t.nsecsElapsed() / 1000;
    return s;
}

Sample engineRequest(ChatEngine &engine, ChatResult *out = nullptr)
{
    ChatRequest request;
    request.messages = {{Role::User, QStringLiteral("hello")}};
    QElapsedTimer t;
    t.start();
    ChatRun *run = engine.start(request);
    Sample s;
    QEventLoop loop;
    QObject::connect(run, &ChatRun::firstToken, &loop, [&] { s.firstUs = t.nsecsElapsed() / 1000; });
    QObject::connect(run, &ChatRun::finished, &loop, [&](const ChatResult &r) {
        s.totalUs = t.nsecsElapsed() / 1000;
        if (out)
            *out = r;
        if (!r.complete)
            std::fprintf(stderr, "incomplete: %s\n", qPrintable(r.errorMessage));
        loop.quit();
    });
    loop.exec();
    return s;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("understudy.*.info=false"));
    const int n = argc > 1 ? std::max(10, std::atoi(argv[1])) : 2000;
    const int nFailover = std::max(10, n / 5);

    FakeProviderServer primary;
    FakeProviderServer fallback;
    primary.listen();
    fallback.listen();
    SystemClock clock;
    Transport transport;
    ChatEngine engine(transport, nullptr, clock);
    Transport bare; // a Transport of its own, with its own connection to the server
    const QUrl url = QUrl(primary.baseUrl(Format::OpenAi).toString() + QStringLiteral("/chat/completions"));

    std::printf("Understudy engine benchmark: %d requests per measurement, fake OpenAI server on 127.0.0.1\n",
                n);
    std::printf("(6-token answers; the server runs in the same process and thread for both paths)\n\n");

    // ---- 1. overhead per request ---------------------------------------------------------------
    ChainConfig single = TestUtil::chainOver({&primary}, Format::OpenAi);
    for (bool stream : {false, true}) {
        single.providers[0].streaming = stream;
        engine.setConfig(single);
        for (int i = 0; i < 50; ++i) { // warm up both paths (connections, allocations)
            bareRequest(bare, url, stream);
            engineRequest(engine);
        }
        QList<qint64> bareTotal, bareFirst, engineTotal, engineFirst;
        qint64 bareCpu = 0, engineCpu = 0;
        for (int i = 0; i < n; ++i) {
            qint64 c0 = Bench::cpuMicros();
            const Sample b = bareRequest(bare, url, stream);
            qint64 c1 = Bench::cpuMicros();
            const Sample e = engineRequest(engine);
            qint64 c2 = Bench::cpuMicros();
            bareCpu += c1 - c0;
            engineCpu += c2 - c1;
            bareTotal << b.totalUs;
            engineTotal << e.totalUs;
            bareFirst << b.firstUs;
            engineFirst << e.firstUs;
        }
        std::printf("%s\n", stream ? "Streamed (SSE), time to first token and to the end:"
                                   : "Non-streamed, request to parsed answer:");
        if (stream) {
            Bench::row("bare Transport request, first token", bareFirst);
            Bench::row("engine, first token", engineFirst);
        }
        Bench::row("bare Transport request, whole answer", bareTotal, bareCpu);
        Bench::row("engine, whole answer", engineTotal, engineCpu);
        std::printf(
            "  => engine overhead: p50 %+.3f ms, p99 %+.3f ms%s, cpu %+.1f us/req\n\n",
            Bench::ms(Bench::percentile(engineTotal, 50) - Bench::percentile(bareTotal, 50)),
            Bench::ms(Bench::percentile(engineTotal, 99) - Bench::percentile(bareTotal, 99)),
            stream
            ? qPrintable(QStringLiteral("; first token p50 %1 ms") .arg(
                             Bench::ms(Bench::percentile(engineFirst, 50) - Bench::percentile(bareFirst, 50)),
                             0, 'f', 3))
                         : "",
                         double(engineCpu - bareCpu) / n);
    }

    // ---- 2. what a failover costs --------------------------------------------------------------
    std::printf("Failover cost (streamed, %d requests each), against the fallback called directly:\n",
                nFailover);
    ChainConfig direct = TestUtil::chainOver({&fallback}, Format::OpenAi);
    engine.setConfig(direct);
    QList<qint64> base;
    for (int i = 0; i < nFailover; ++i)
        base << engineRequest(engine).totalUs;
    Bench::row("fallback tier directly", base);
    const double baseP50 = Bench::percentile(base, 50);

    ChainConfig chain = TestUtil::chainOver({&primary, &fallback}, Format::OpenAi);
    chain.strategy.retry.maxRetries = 0;
    // Keep the breaker closed, so every request pays for the failed attempt.
    chain.strategy.breaker.failureThreshold = 1'000'000;
    chain.strategy.breaker.window = 1'000'000;
    chain.strategy.breaker.minRequests = 1'000'000;
    engine.setConfig(chain);
    FakeFault down;
    down.status = 503;
    primary.setFault(down);
    QList<qint64> on503;
    ChatResult last;
    for (int i = 0; i < nFailover; ++i)
        on503 << engineRequest(engine, &last).totalUs;
    Bench::row("primary 503 (no retry), then fallback", on503);
    std::printf("  => a 503 failover costs %.3f ms p50 over calling the fallback (answered by %s)\n",
                Bench::ms(Bench::percentile(on503, 50) - baseP50), qPrintable(last.tier));

    chain.strategy.breaker.failureThreshold = 1;
    chain.strategy.breaker.cooldownMs = 3'600'000;
    engine.setConfig(chain);
    engine.resetTier(QStringLiteral("t0"));
    engineRequest(engine); // opens the breaker
    primary.resetStats();
    QList<qint64> open;
    for (int i = 0; i < nFailover; ++i)
        open << engineRequest(engine, &last).totalUs;
    Bench::row("primary breaker open, then fallback", open);
    std::printf("  => an open breaker costs %.3f ms p50 and %d upstream attempts to the primary\n",
                Bench::ms(Bench::percentile(open, 50) - baseP50), primary.requestCount());

    FakeFault hung;
    hung.hang = true;
    primary.setFault(hung);
    chain.providers[0].timeouts.connectMs = 200;
    chain.strategy.breaker.failureThreshold = 1'000'000;
    chain.strategy.breaker.cooldownMs = 30'000;
    engine.setConfig(chain);
    engine.resetTier(QStringLiteral("t0"));
    QList<qint64> onHang;
    const int nHang = std::min(nFailover, 20);
    for (int i = 0; i < nHang; ++i)
        onHang << engineRequest(engine).totalUs;
    Bench::row("primary hung, 200 ms first-byte deadline", onHang);
    std::printf("  => a hung primary costs %.3f ms p50 (the deadline is 200 ms)\n",
                Bench::ms(Bench::percentile(onHang, 50) - baseP50));
    settle(50);
    return 0;
}
