// The Transport's connection pool: a provider never gets more requests at once than it is given,
// the rest wait in a bounded queue, and that wait is Understudy's own: never a timeout, a breaker
// failure or a health sample charged to the tier. Beyond the bound a request is refused as
// "gateway saturated", with no failover that would move the overflow onto another provider.

#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "health/healthmonitor.h"
#include "testutil.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

namespace {

TransportRequest modelsRequest(const FakeProviderServer &server, const ConnectionLimits &limits)
{
    TransportRequest r;
    r.url = QUrl(server.baseUrl(Format::OpenAi).toString() + u"/models"_s);
    r.method = "GET";
    r.providerId = u"p"_s;
    r.limits = limits;
    return r;
}

// Runs the event loop for `ms` (QTest's waits sleep between turns; this does not).
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Rig : FakeTrio
{
    Rig()
    {
        config = TestUtil::chainOver({&a, &b, &c}, Format::OpenAi);
        engine.setJitterSource([] { return 1.0; });
    }
    void apply() { engine.setConfig(config); }
    QList<ChatResult> askTogether(int n)
    {
        QList<ChatResult> results(n);
        int done = 0;
        // A real event loop: QTest's waits sleep between turns, which would add to every timing.
        QEventLoop loop;
        for (int i = 0; i < n; ++i) {
            ChatRequest request;
            request.messages = {{Role::User, u"hello %1"_s.arg(i)}};
            ChatRun *run = engine.start(request);
            QObject::connect(run, &ChatRun::finished, run,
                             [&results, &done, &loop, i, n](const ChatResult &r) {
                                 results[i] = r;
                                 if (++done == n)
                                     loop.quit();
                             });
        }
        QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
        loop.exec();
        return done == n ? results : QList<ChatResult>();
    }

    Transport transport;
    SystemClock clock;
    ChatEngine engine{transport, nullptr, clock};
    HealthMonitor health{engine};
    ChainConfig config;
};

} // namespace

class TestTransport : public QObject
{
    Q_OBJECT

private slots:
    void pool_boundsConnections_queuesTheRest()
    {
        FakeProviderServer server;
        QVERIFY(server.listen());
        FakeFault slow;
        slow.latencyMs = 150;
        server.setFault(slow);
        Transport transport;
        QSignalSpy dispatched(&transport, &Transport::upstreamDispatched);
        ConnectionLimits limits;
        limits.maxConnections = 2;
        limits.queueTimeoutMs = 10'000;
        QObject owner;
        QList<TransportReply *> replies;
        int finished = 0;
        int failed = 0;
        for (int i = 0; i < 5; ++i) {
            TransportReply *r = transport.send(modelsRequest(server, limits), &owner);
            QCOMPARE(r->isQueued(), i >= 2);
            connect(r, &TransportReply::finished, &owner, [&](const TransportFailure &f) {
                ++finished;
                failed += f.failed() ? 1 : 0;
            });
            replies << r;
        }
        QCOMPARE(transport.poolStats().first().waiting, 3);
        spin(75); // the first two are at the provider (its answers take 150 ms); three wait here
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(transport.poolStats().first().inFlight, 2);
        spin(150); // the first two answered: the next two went
        QCOMPARE(server.requestCount(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(finished, 5, 5000);
        QCOMPARE(failed, 0);
        QCOMPARE(dispatched.size(), 5);
        // The queued ones report their wait: at least one answer's worth for the last of them.
        QVERIFY(dispatched.last().at(1).toLongLong() >= 150);
        QCOMPARE(transport.upstreamRequests(), quint64(5));
        QCOMPARE(transport.poolStats().first().inFlight, 0);
    }

    void pool_refusesBeyondTheBound_neverSends()
    {
        FakeProviderServer server;
        QVERIFY(server.listen());
        FakeFault slow;
        slow.latencyMs = 400;
        server.setFault(slow);
        Transport transport;
        QSignalSpy saturated(&transport, &Transport::upstreamSaturated);
        ConnectionLimits limits;
        limits.maxConnections = 1;
        limits.maxQueued = 1;
        limits.queueTimeoutMs = 100;
        QObject owner;
        QList<TransportFailure> outcomes(3);
        QList<int> order;
        for (int i = 0; i < 3; ++i) {
            TransportReply *r = transport.send(modelsRequest(server, limits), &owner);
            connect(r, &TransportReply::finished, &owner, [&outcomes, &order, i](const TransportFailure &f) {
                outcomes[i] = f;
                order << i;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 5000);
        QCOMPARE(order,
                 QList<int>({2, 1, 0})); // refused at once (queue full), then after 100 ms, then answered
        QCOMPARE(outcomes.at(0).kind, TransportFailure::Kind::None);
        QCOMPARE(outcomes.at(1).kind, TransportFailure::Kind::Saturated);
        QVERIFY(outcomes.at(1).message.contains(u"within 100 ms"_s));
        QCOMPARE(outcomes.at(2).kind, TransportFailure::Kind::Saturated);
        QCOMPARE(saturated.size(), 2);
        QCOMPARE(server.requestCount(), 1); // the refused ones never reached the provider
        QCOMPARE(transport.poolStats().first().saturated, quint64(2));
    }

    void abortWhileQueued_freesNothingTwice()
    {
        FakeProviderServer server;
        QVERIFY(server.listen());
        FakeFault slow;
        slow.latencyMs = 100;
        server.setFault(slow);
        Transport transport;
        ConnectionLimits limits;
        limits.maxConnections = 1;
        QObject owner;
        TransportReply *first = transport.send(modelsRequest(server, limits), &owner);
        TransportReply *queued = transport.send(modelsRequest(server, limits), &owner);
        TransportReply *third = transport.send(modelsRequest(server, limits), &owner);
        QVERIFY(queued->isQueued());
        bool queuedSignalled = false;
        connect(queued, &TransportReply::finished, &owner, [&queuedSignalled] { queuedSignalled = true; });
        std::optional<TransportFailure> thirdOutcome;
        connect(third, &TransportReply::finished, &owner,
                [&thirdOutcome](const TransportFailure &f) { thirdOutcome = f; });
        queued->abort();
        delete queued;
        first->abort(); // its place goes to the third at once
        QCOMPARE(transport.poolStats().first().inFlight, 1);
        QCOMPARE(transport.poolStats().first().waiting, 0);
        QTRY_VERIFY_WITH_TIMEOUT(thirdOutcome.has_value(), 5000);
        QCOMPARE(thirdOutcome->kind, TransportFailure::Kind::None);
        QVERIFY(!queuedSignalled);
        QTRY_COMPARE(transport.poolStats().first().inFlight, 0);
    }

    // Five requests through one connection whose answers take 150 ms, with a 250 ms connect
    // deadline: the last waits ~600 ms for the connection, yet every one is answered by the primary,
    // and the primary's health and breaker see five quick successes.
    void queueWait_isNeverChargedToTheTier()
    {
        Rig rig;
        rig.config.providers[0].connections.maxConnections = 1;
        rig.config.providers[0].connections.queueTimeoutMs = 10'000;
        rig.config.providers[0].timeouts.connectMs = 250;
        rig.config.providers[0].timeouts.firstTokenMs = 250;
        rig.apply();
        FakeFault slow;
        slow.latencyMs = 150;
        rig.a.setFault(slow);
        QSignalSpy switches(&rig.engine, &ChatEngine::tierSwitched);
        QSignalSpy breakers(&rig.engine, &ChatEngine::breakerChanged);
        const QList<ChatResult> results = rig.askTogether(5);
        QCOMPARE(results.size(), 5);
        qint64 longestWait = 0;
        for (const ChatResult &r : results) {
            QVERIFY2(r.complete, qPrintable(r.errorMessage));
            QCOMPARE(r.tier, u"t0"_s);
            QCOMPARE(r.attempts.size(), 1);
            QVERIFY(r.attempts.first().durationMs < 250); // the provider's time only
            longestWait = std::max(longestWait, r.attempts.first().queueWaitMs);
        }
        QVERIFY2(longestWait >= 450, qPrintable(QString::number(longestWait)));
        QCOMPARE(switches.size(), 0);
        QCOMPARE(breakers.size(), 0);
        QCOMPARE(rig.b.requestCount() + rig.c.requestCount(), 0);
        const TierHealth t = rig.health.tierHealth(u"t0"_s);
        QCOMPARE(t.requests, 5);
        QCOMPARE(t.successes, 5);
        QVERIFY(t.p95LatencyMs < 250);
        QCOMPARE(rig.engine.tierState(u"t0"_s).breaker, CircuitBreaker::State::Closed);
    }

    void saturation_isNotAProviderFailure_andNotAFailover()
    {
        Rig rig;
        rig.config.providers[0].connections.maxConnections = 1;
        rig.config.providers[0].connections.queueTimeoutMs = 50;
        rig.apply();
        FakeFault slow;
        slow.latencyMs = 300;
        rig.a.setFault(slow);
        QSignalSpy switches(&rig.engine, &ChatEngine::tierSwitched);
        QSignalSpy attempts(&rig.engine, &ChatEngine::attemptFinished);
        const QList<ChatResult> results = rig.askTogether(3);
        QCOMPARE(results.size(), 3);
        int answered = 0;
        int saturated = 0;
        for (const ChatResult &r : results) {
            if (r.complete) {
                ++answered;
                QCOMPARE(r.tier, u"t0"_s);
                continue;
            }
            ++saturated;
            QCOMPARE(r.error, ErrorClass::Saturated);
            QCOMPARE(r.attempts.size(), 1);
            QCOMPARE(r.attempts.first().outcome, AttemptRecord::Outcome::Skipped);
            QCOMPARE(r.attempts.first().error, ErrorClass::Saturated);
            QVERIFY(r.attempts.first().cost.isZero()); // never sent, never billed
            QVERIFY(r.errorMessage.contains(u"gateway saturated"_s));
        }
        QCOMPARE(answered, 1);
        QCOMPARE(saturated, 2);
        QCOMPARE(switches.size(), 0);
        QCOMPARE(rig.a.requestCount(), 1);
        QCOMPARE(rig.b.requestCount() + rig.c.requestCount(), 0);
        const TierHealth t = rig.health.tierHealth(u"t0"_s);
        QCOMPARE(t.requests, 1);
        QCOMPARE(t.successes, 1);
        QCOMPARE(rig.engine.tierState(u"t0"_s).breaker, CircuitBreaker::State::Closed);
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "test_transport.moc"
