// Drills, the history recorder and store, and downsampling for charts.

#include "drill/drillcontroller.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "health/downsample.h"
#include "health/healthmonitor.h"
#include "history/historyrecorder.h"
#include "store/conversationstore.h"
#include "testutil.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

namespace {

struct Rig : FakeTrio
{
    Rig()
    {
        config = TestUtil::chainOver(all(), Format::OpenAi);
        engine.setConfig(config);
    }
    ChatResult ask()
    {
        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        if (!finished.wait(10'000)) {
            QTest::qFail("timed out waiting for the request to finish", __FILE__, __LINE__);
            return {};
        }
        return finished.first().first().value<ChatResult>();
    }
    Transport transport;
    SystemClock clock;
    ChatEngine engine{transport, nullptr, clock};
    DrillController drills{transport, clock};
    ChainConfig config;
};

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private slots:
    void downsample_keepsEverySpike()
    {
        QList<QPointF> points;
        for (int i = 0; i < 86'400; ++i)
            points << QPointF(i, (i % 1000 == 500) ? 5000.0 : 100.0 + (i % 7));
        const QList<QPointF> out = Downsample::minMax(points, 0, 86'399, 1000);
        QVERIFY(out.size() <= 2000);
        QVERIFY(out.size() > 1000);
        int spikes = 0;
        for (const QPointF &p : out)
            spikes += p.y() == 5000.0 ? 1 : 0;
        QCOMPARE(spikes, 86); // every spike survives (500, 1500, … 85500)
        for (qsizetype i = 1; i < out.size(); ++i)
            QVERIFY(out.at(i - 1).x() <= out.at(i).x()); // still in time order
        // A window keeps only its own points; few points pass through untouched.
        const QList<QPointF> window = Downsample::minMax(points, 1000, 1099, 1000);
        QCOMPARE(window.size(), 100);
        QCOMPARE(window.first().x(), 1000.0);
        QVERIFY(Downsample::minMax({}, 0, 1, 10).isEmpty());
    }

    void drill_outage_neverCallsTheProvider_andEndsByItself()
    {
        Rig rig;
        QSignalSpy started(&rig.drills, &DrillController::drillStarted);
        QSignalSpy ended(&rig.drills, &DrillController::drillEnded);
        DrillSpec spec;
        spec.tier = u"t0"_s;
        spec.kind = InjectedFault::Kind::Outage;
        spec.durationMs = 400;
        const auto drill = rig.drills.start(spec);
        QVERIFY(drill.ok());
        QCOMPARE(started.size(), 1);
        QVERIFY(!rig.drills.start(spec).ok()); // one drill per tier
        ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(r.attempts.first().error, ErrorClass::Network);
        QCOMPARE(r.attempts.first().drillId, drill->id); // tagged with the drill
        QCOMPARE(rig.a.requestCount(), 0);               // the provider was never called
        QVERIFY(ended.wait(2000));
        QCOMPARE(ended.first().at(1).toBool(), false); // by its deadline
        QVERIFY(!rig.drills.isActive());
        r = rig.ask();
        QCOMPARE(r.tier, u"t0"_s);
    }

    void drill_kinds_shapeTheRealExchange_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("errorClass");
        QTest::newRow("status 429") << int(InjectedFault::Kind::Status) << int(ErrorClass::RateLimited);
        QTest::newRow("slow first token")
            << int(InjectedFault::Kind::SlowFirstToken) << int(ErrorClass::FirstTokenTimeout);
        QTest::newRow("latency") << int(InjectedFault::Kind::Latency) << int(ErrorClass::ConnectTimeout);
        QTest::newRow("cut") << int(InjectedFault::Kind::Cut) << int(ErrorClass::TruncatedStream);
        QTest::newRow("stall") << int(InjectedFault::Kind::Stall) << int(ErrorClass::IdleTimeout);
    }
    void drill_kinds_shapeTheRealExchange()
    {
        QFETCH(int, kind);
        QFETCH(int, errorClass);
        Rig rig;
        rig.config.providers[0].timeouts = {500, 600, 400};
        rig.config.strategy.retry.maxRetries = 0;
        rig.engine.setConfig(rig.config);
        DrillSpec spec;
        spec.tier = u"t0"_s;
        spec.kind = InjectedFault::Kind(kind);
        spec.status = 429;
        spec.retryAfterSeconds = 30;
        spec.delayMs = 2000;
        spec.afterChunks = 2;
        spec.durationMs = 10'000;
        QVERIFY(rig.drills.start(spec).ok());
        const ChatResult r = rig.ask();
        QVERIFY(r.complete);
        QCOMPARE(r.tier, u"t1"_s);
        QCOMPARE(int(r.attempts.first().error), errorClass);
        rig.drills.stopAll(); // stops at once
        QVERIFY(!rig.drills.isActive());
    }

    void recorder_keepsEventsAndSamples_inTheStore()
    {
        Rig rig;
        HealthMonitor health(rig.engine);
        ConversationStore store;
        store.open(u":memory:"_s, nullptr, {});
        QTRY_VERIFY(store.isOpen());
        HistoryRecorder recorder(rig.engine, &health, nullptr, &rig.drills, &store);
        QSignalSpy recorded(&recorder, &HistoryRecorder::recorded);
        DrillSpec spec;
        spec.tier = u"t0"_s;
        spec.durationMs = 60'000;
        QVERIFY(rig.drills.start(spec).ok());
        QVERIFY(rig.ask().complete);
        rig.drills.stopAll();
        recorder.flush();
        store.flush();
        QStringList kinds;
        for (const auto &args : std::as_const(recorded))
            kinds << args.first().value<StoredEvent>().kind;
        QVERIFY2(kinds.contains(u"drill"_s) && kinds.contains(u"attempt"_s) && kinds.contains(u"switch"_s) &&
                     kinds.contains(u"request"_s),
                 qPrintable(kinds.join(u',')));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        std::optional<QList<StoredEvent>> events;
        store.loadEvents(now - 60'000, now + 1000, 1000, nullptr,
                         [&](const QList<StoredEvent> &e) { events = e; });
        QTRY_VERIFY(events.has_value());
        QCOMPARE(events->size(), recorded.size());
        bool taggedAttempt = false;
        for (const StoredEvent &e : *events)
            taggedAttempt = taggedAttempt || (e.kind == u"attempt" && e.drillId == u"drill-1" && e.problem);
        QVERIFY(taggedAttempt);
        std::optional<QList<LatencySample>> samples;
        store.loadSamples(now - 60'000, now + 1000, nullptr,
                          [&](const QList<LatencySample> &s) { samples = s; });
        QTRY_VERIFY(samples.has_value());
        QVERIFY(!samples->isEmpty());
        QCOMPARE(samples->last().tier, u"t1"_s);
        QVERIFY(samples->last().ok && samples->last().latencyMs >= 0);
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "test_history.moc"
