// Alerts: the payloads each service documents, the settings file, the router's dedup, resolve,
// quiet threshold and rate limit, and delivery to a local HTTP receiver on 127.0.0.1 (one alert
// during a 100-request outage, its resolve, retries, order, refused URLs, the bounded wait on exit,
// and no secret in any log, event or file).

#include "alerts/alertdispatcher.h"
#include "alerts/alertrouter.h"
#include "engine/chatengine.h"
#include "engine/chatrun.h"
#include "fakeprovider.h"
#include "gateway/httpserver.h"
#include "health/healthmonitor.h"
#include "history/historyrecorder.h"
#include "mockclock.h"
#include "secrets/secretstore.h"
#include "store/conversationstore.h"
#include "testutil.h"
#include "transport/transport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Format = FakeProviderServer::Format;

namespace {

// A local HTTP receiver: records every POST and answers with the queued statuses (then 200).
struct Receiver
{
    struct Hit
    {
        QByteArray path;
        QByteArray body;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };

    Receiver()
    {
        server.setHandler([this](const HttpRequest &request, HttpResponder *responder) {
            hits.append({request.path, request.body});
            const int status = statuses.isEmpty() ? 200 : statuses.takeFirst();
            HeaderList headers{{"Content-Type", "text/plain"}};
            if (status == 429)
                headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("0")));
            responder->respond(status, headers, status == 200 ? "ok" : "no");
        });
        listening = server.listen(QHostAddress::LocalHost, 0);
    }
    QByteArray url(const QByteArray &path) const
    {
        return "http://127.0.0.1:" + QByteArray::number(server.port()) + path;
    }
    QList<Hit> at(const QByteArray &path) const
    {
        QList<Hit> out;
        for (const Hit &h : hits) {
            if (h.path == path)
                out.append(h);
        }
        return out;
    }

    SystemClock clock;
    HttpServer server{clock};
    bool listening = false;
    QList<Hit> hits;
    QList<int> statuses;
};

// A router over an idle engine, on a clock the test moves.
struct RouterRig
{
    Transport transport;
    MockClock clock;
    ChatEngine engine{transport, nullptr, clock};
    AlertRouter router{engine, nullptr, nullptr, clock};
};

// A dispatcher, a local receiver and an in-memory keychain.
struct DeliveryRig
{
    Receiver receiver;
    Transport transport;
    MemorySecretStore secrets;
    SystemClock clock; // drain() waits in real time
    AlertDispatcher dispatcher{transport, &secrets, clock};
};

AlertSink httpSink(const QString &id, AlertSinkType type, QList<AlertKind> kinds = {})
{
    AlertSink s;
    s.id = id;
    s.type = type;
    s.name = id;
    s.kinds = std::move(kinds);
    return s;
}

Alert switchAlert(const QString &tier = u"t0"_s)
{
    Alert a;
    a.kind = AlertKind::Switch;
    a.severity = AlertSeverity::Warning;
    a.tier = tier;
    a.from = tier;
    a.to = u"t1"_s;
    a.reason = u"overloaded"_s;
    a.key = AlertRouter::keyFor(a.kind, a.tier, a.reason);
    a.summary = tier + u" failed (overloaded); t1 took over"_s;
    a.detail = u"HTTP 503: <busy> & more"_s;
    a.at = QDateTime(QDate(2026, 11, 26), QTime(3, 4, 5), QTimeZone::utc());
    a.firstAt = a.at;
    return a;
}

void setSecret(SecretStore &store, const QString &name, const QByteArray &value)
{
    bool written = false;
    store.write(name, value, &store, [&written](const SecretResult &r) { written = r.ok(); });
    QTRY_VERIFY(written);
}

QStringList keysOf(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestAlerts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void slackPayload_textAndBlocks()
    {
        const QJsonObject o =
            QJsonDocument::fromJson(AlertPayload::slack(switchAlert(), u"understudy@box"_s)).object();
        QCOMPARE(keysOf(o), QStringList({u"blocks"_s, u"text"_s}));
        QCOMPARE(o.value(u"text"_s).toString(), u":warning: t0 failed (overloaded); t1 took over"_s);
        const QJsonArray blocks = o.value(u"blocks"_s).toArray();
        QCOMPARE(blocks.size(), 3);
        QCOMPARE(blocks.at(0)[u"type"_s].toString(), u"header"_s);
        QCOMPARE(blocks.at(0)[u"text"_s][u"type"_s].toString(), u"plain_text"_s);
        QCOMPARE(blocks.at(1)[u"type"_s].toString(), u"section"_s);
        QCOMPARE(blocks.at(1)[u"text"_s][u"type"_s].toString(), u"mrkdwn"_s);
        // mrkdwn control characters are escaped as Slack documents.
        QCOMPARE(blocks.at(1)[u"text"_s][u"text"_s].toString(), u"HTTP 503: &lt;busy&gt; &amp; more"_s);
        QCOMPARE(blocks.at(2)[u"type"_s].toString(), u"context"_s);
        const QString facts = blocks.at(2)[u"elements"_s][0][u"text"_s].toString();
        QCOMPARE(facts,
                 u"*warning* · switch · t0 → t1 · overloaded · understudy@box · 2026-11-26T03:04:05.000Z"_s);

        Alert resolved = switchAlert();
        resolved.action = Alert::Action::Resolve;
        const QJsonObject r = QJsonDocument::fromJson(AlertPayload::slack(resolved, u"x"_s)).object();
        QVERIFY(r.value(u"text"_s).toString().startsWith(u":white_check_mark: Resolved: t0 failed"_s));
    }

    void pagerDutyPayload_triggerAndResolve()
    {
        const QJsonObject t =
            QJsonDocument::fromJson(AlertPayload::pagerDuty(switchAlert(), "R0UT1NGKEY", u"understudy@box"_s))
                .object();
        QCOMPARE(keysOf(t), QStringList({u"client"_s, u"dedup_key"_s, u"event_action"_s, u"payload"_s,
                                         u"routing_key"_s}));
        QCOMPARE(t.value(u"routing_key"_s).toString(), u"R0UT1NGKEY"_s);
        QCOMPARE(t.value(u"event_action"_s).toString(), u"trigger"_s);
        QCOMPARE(t.value(u"dedup_key"_s).toString(), u"understudy/switch/t0/overloaded"_s);
        const QJsonObject p = t.value(u"payload"_s).toObject();
        QCOMPARE(keysOf(p), QStringList({u"class"_s, u"component"_s, u"custom_details"_s, u"group"_s,
                                         u"severity"_s, u"source"_s, u"summary"_s, u"timestamp"_s}));
        QCOMPARE(p.value(u"summary"_s).toString(), u"t0 failed (overloaded); t1 took over"_s);
        QCOMPARE(p.value(u"source"_s).toString(), u"understudy@box"_s);
        QCOMPARE(p.value(u"severity"_s).toString(), u"warning"_s);
        QCOMPARE(p.value(u"timestamp"_s).toString(), u"2026-11-26T03:04:05.000Z"_s);
        QCOMPARE(p.value(u"component"_s).toString(), u"t0"_s);
        QCOMPARE(p.value(u"class"_s).toString(), u"switch"_s);
        QCOMPARE(p[u"custom_details"_s][u"to"_s].toString(), u"t1"_s);

        Alert resolved = switchAlert();
        resolved.action = Alert::Action::Resolve;
        const QJsonObject r =
            QJsonDocument::fromJson(AlertPayload::pagerDuty(resolved, "R0UT1NGKEY", u"x"_s)).object();
        // A resolve is the routing key, the action and the dedup key: nothing else.
        QCOMPARE(r, QJsonObject({{u"routing_key"_s, u"R0UT1NGKEY"_s},
                                 {u"event_action"_s, u"resolve"_s},
                                 {u"dedup_key"_s, u"understudy/switch/t0/overloaded"_s}}));
    }

    void webhookPayload_documentedFields()
    {
        const QJsonObject o =
            QJsonDocument::fromJson(AlertPayload::webhook(switchAlert(), u"understudy@box"_s)).object();
        QCOMPARE(keysOf(o),
                 QStringList({u"dedup_key"_s, u"detail"_s, u"first_time"_s, u"from"_s, u"kind"_s,
                              u"occurrences"_s, u"reason"_s, u"severity"_s, u"source"_s, u"status"_s,
                              u"summary"_s, u"tier"_s, u"time"_s, u"to"_s, u"version"_s}));
        QCOMPARE(o.value(u"version"_s).toInt(), 1);
        QCOMPARE(o.value(u"status"_s).toString(), u"trigger"_s);
        QCOMPARE(o.value(u"time"_s).toString(), u"2026-11-26T03:04:05.000Z"_s);
        QCOMPARE(o.value(u"kind"_s).toString(), u"switch"_s);
        QCOMPARE(o.value(u"severity"_s).toString(), u"warning"_s);
        QCOMPARE(o.value(u"from"_s).toString(), u"t0"_s);
        QCOMPARE(o.value(u"to"_s).toString(), u"t1"_s);
        QCOMPARE(o.value(u"reason"_s).toString(), u"overloaded"_s);
        QCOMPARE(o.value(u"detail"_s).toString(), u"HTTP 503: <busy> & more"_s);
    }

    void settings_roundTrip_andStrictErrors()
    {
        AlertSettings s = AlertSettings::defaults();
        AlertSink pd = httpSink(u"pd"_s, AlertSinkType::PagerDuty, {AlertKind::Breaker});
        pd.minSeverity = AlertSeverity::Critical;
        pd.eventsUrl = QUrl(u"https://events.eu.pagerduty.com/v2/enqueue"_s);
        s.sinks.append(pd);
        s.maxPerMinute = 3;
        s.minSwitches = 5;
        s.switchWindowS = 120;
        const auto back = AlertSettings::fromJson(s.toJson());
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error()));
        QCOMPARE(back.value(), s);

        auto bad = AlertSettings::fromJson(
            "{\"sinks\":[{\"id\":\"x\",\"type\":\"slack\",\"min_severity\":\"loud\"}]}");
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().contains(u"min_severity"_s));
        bad = AlertSettings::fromJson(
            "{\"sinks\":[{\"id\":\"x\",\"type\":\"slack\",\"url\":\"https://hooks\"}]}");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().contains(u"\"url\""_s), qPrintable(bad.error())); // no place for a secret
        bad = AlertSettings::fromJson("{not json");
        QVERIFY(!bad.ok());

        // A damaged file is reported and left as it is; saving keeps the previous file as .bak.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"alerts.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{damaged");
        f.close();
        QVERIFY(!AlertSettings::load(path).ok());
        QVERIFY(s.save(path).ok());
        QFile bak(path + u".bak"_s);
        QVERIFY(bak.open(QIODevice::ReadOnly));
        QCOMPARE(bak.readAll(), QByteArray("{damaged"));
        QCOMPARE(AlertSettings::load(path).value(), s);
        QCOMPARE(AlertSettings::load(dir.filePath(u"missing.json"_s)).value(), AlertSettings::defaults());
    }

    void router_dedupsEscalatesAndResolves()
    {
        RouterRig rig;
        AlertSettings s;
        AlertSink warn = httpSink(u"warn"_s, AlertSinkType::Webhook);
        AlertSink crit = httpSink(u"crit"_s, AlertSinkType::PagerDuty);
        crit.minSeverity = AlertSeverity::Critical;
        s.sinks = {warn, crit};
        rig.router.setSettings(s);
        QSignalSpy routed(&rig.router, &AlertRouter::routed);

        for (int i = 0; i < 100; ++i)
            rig.router.submit(switchAlert());
        QCOMPARE(routed.size(), 1); // one outage, one alert
        QCOMPARE(routed.first().at(0).value<AlertSink>().id, u"warn"_s);
        QCOMPARE(rig.router.activeAlerts().size(), 1);
        QCOMPARE(rig.router.activeAlerts().first().occurrences, 100);

        // The breaker opens on the same tier for the same reason: the same outage, now critical.
        // Only the sink that takes critical alerts and did not have it yet hears of it.
        BreakerEvent open;
        open.tier = u"t0"_s;
        open.from = CircuitBreaker::State::Closed;
        open.to = CircuitBreaker::State::Open;
        open.reason = ErrorClass::Overloaded;
        open.cooldownMs = 30'000;
        emit rig.engine.breakerChanged(open);
        QCOMPARE(routed.size(), 2);
        QCOMPARE(routed.last().at(0).value<AlertSink>().id, u"crit"_s);
        QCOMPARE(routed.last().at(1).value<Alert>().severity, AlertSeverity::Critical);
        QCOMPARE(rig.router.activeAlerts().size(), 1);

        // The tier answers again: one resolve to each sink that had the trigger.
        rig.clock.advance(90'000);
        AttemptRecord ok;
        ok.tier = u"t0"_s;
        ok.outcome = AttemptRecord::Outcome::Success;
        emit rig.engine.attemptFinished(ok);
        QCOMPARE(routed.size(), 4);
        QStringList sinks;
        for (int i = 2; i < 4; ++i) {
            const Alert r = routed.at(i).at(1).value<Alert>();
            QVERIFY(r.isResolve());
            QCOMPARE(r.key, u"switch/t0/overloaded"_s);
            QCOMPARE(r.occurrences, 101);
            QVERIFY2(r.detail.contains(u"1 min"_s), qPrintable(r.detail));
            sinks << routed.at(i).at(0).value<AlertSink>().id;
        }
        sinks.sort();
        QCOMPARE(sinks, QStringList({u"crit"_s, u"warn"_s}));
        QVERIFY(rig.router.activeAlerts().isEmpty());
        emit rig.engine.attemptFinished(ok);
        QCOMPARE(routed.size(), 4); // nothing left to resolve
    }

    void router_quietThreshold_andRateLimit()
    {
        RouterRig rig;
        AlertSettings s;
        s.sinks = {httpSink(u"hook"_s, AlertSinkType::Webhook)};
        s.minSwitches = 3;
        s.switchWindowS = 60;
        s.maxPerMinute = 2;
        rig.router.setSettings(s);
        QSignalSpy routed(&rig.router, &AlertRouter::routed);
        QSignalSpy suppressed(&rig.router, &AlertRouter::suppressed);

        // A flapping tier: two switches, then a pause longer than the window: still quiet.
        rig.router.submit(switchAlert());
        rig.router.submit(switchAlert());
        rig.clock.advance(61'000);
        rig.router.submit(switchAlert());
        QCOMPARE(routed.size(), 0);
        rig.router.submit(switchAlert());
        rig.router.submit(switchAlert()); // the third within the window
        QCOMPARE(routed.size(), 1);

        // Rate limit: two triggers a minute over all sinks; the third is held back and said so.
        s.minSwitches = 1;
        rig.router.setSettings(s);
        rig.router.submit(switchAlert(u"t1"_s));
        rig.router.submit(switchAlert(u"t2"_s));
        QCOMPARE(routed.size(), 2);
        QCOMPARE(suppressed.size(), 1);
        // A held-back alert has no resolve to send; a sent one does (resolves are never limited).
        rig.router.resolveTier(u"t2"_s, {AlertKind::Switch}, u"back"_s);
        QCOMPARE(routed.size(), 2);
        rig.router.resolveTier(u"t1"_s, {AlertKind::Switch}, u"back"_s);
        QCOMPARE(routed.size(), 3);
        rig.clock.advance(61'000);
        rig.router.submit(switchAlert(u"t3"_s));
        QCOMPARE(routed.size(), 4);

        // Held back, then the outage goes on: its next occurrence sends it once the minute has room.
        rig.router.submit(switchAlert(u"t4"_s));
        rig.router.submit(switchAlert(u"t5"_s)); // third in this minute: held back
        QCOMPARE(routed.size(), 5);
        QCOMPARE(suppressed.size(), 2);
        rig.router.submit(switchAlert(u"t5"_s)); // still no room: counted
        QCOMPARE(routed.size(), 5);
        rig.clock.advance(61'000);
        rig.router.submit(switchAlert(u"t5"_s));
        QCOMPARE(routed.size(), 6);
        QCOMPARE(routed.last().at(1).value<Alert>().tier, u"t5"_s);
        QCOMPARE(routed.last().at(1).value<Alert>().occurrences, 3);
        rig.router.resolveTier(u"t5"_s, {AlertKind::Switch}, u"back"_s); // and now it has a resolve
        QCOMPARE(routed.size(), 7);
    }

    // A budget threshold is an announcement: the same threshold next month is announced again.
    void router_budgetThresholds_announcedEveryTime()
    {
        RouterRig rig;
        AlertSettings s;
        s.sinks = {httpSink(u"hook"_s, AlertSinkType::Webhook)};
        rig.router.setSettings(s);
        QSignalSpy routed(&rig.router, &AlertRouter::routed);
        AlertEvent budget;
        budget.kind = u"budget"_s;
        budget.reason = u"month_50"_s;
        budget.summary = u"50 % of the monthly budget spent"_s;
        rig.router.submitEvent(budget);
        QCOMPARE(routed.size(), 1);
        QVERIFY(rig.router.activeAlerts().isEmpty()); // nothing to resolve, nothing stays open
        rig.clock.advance(31LL * 24 * 3600 * 1000);
        rig.router.submitEvent(budget);
        QCOMPARE(routed.size(), 2);
        QCOMPARE(routed.last().at(0).value<AlertSink>().id, u"hook"_s);
    }

    // One outage of 100 requests against the fake provider: one alert at each sink, and a resolve
    // when the primary is back.
    void outage_oneAlert_thenResolve()
    {
        Receiver receiver;
        QVERIFY(receiver.listening);
        FakeTrio trio;
        ChainConfig config = TestUtil::chainOver(trio.all(), Format::OpenAi);
        config.strategy.retry.maxRetries = 0;
        config.strategy.breaker.failureThreshold = 3;
        config.strategy.breaker.cooldownMs = 300;
        Transport transport;
        JumpClock clock; // real time; the cooldown is jumped
        ChatEngine engine(transport, nullptr, clock);
        engine.setConfig(config);
        HealthMonitor health(engine);
        MemorySecretStore secrets;
        setSecret(secrets, u"alert-sink:hook"_s, receiver.url("/hook"));
        setSecret(secrets, u"alert-sink:slack"_s, receiver.url("/slack"));
        setSecret(secrets, u"alert-sink:pd"_s, "R0UT1NGKEY");
        AlertRouter router(engine, &health, nullptr, clock);
        AlertDispatcher dispatcher(transport, &secrets, clock);
        dispatcher.setSource(u"understudy@test"_s);
        connect(&router, &AlertRouter::routed, &dispatcher, &AlertDispatcher::deliver);
        AlertSettings s = AlertSettings::defaults();
        AlertSink pd = httpSink(u"pd"_s, AlertSinkType::PagerDuty, {AlertKind::Switch, AlertKind::Breaker});
        pd.eventsUrl = QUrl(QString::fromLatin1(receiver.url("/pd")));
        s.sinks << httpSink(u"hook"_s, AlertSinkType::Webhook, {AlertKind::Switch, AlertKind::Breaker})
                << httpSink(u"slack"_s, AlertSinkType::Slack, {AlertKind::Switch, AlertKind::Breaker}) << pd;
        router.setSettings(s);
        QSignalSpy delivered(&dispatcher, &AlertDispatcher::delivered);

        FakeFault down;
        down.status = 503;
        trio.a.setFault(down);
        for (int i = 0; i < 100; ++i) {
            ChatRequest request;
            request.messages = {{Role::User, u"hello"_s}};
            ChatRun *run = engine.start(request);
            QSignalSpy finished(run, &ChatRun::finished);
            QVERIFY(finished.wait(10'000));
            QCOMPARE(finished.first().first().value<ChatResult>().tier, u"t1"_s);
        }
        QTRY_COMPARE(dispatcher.pending(), 0);
        QCOMPARE(receiver.at("/hook").size(), 1);
        QCOMPARE(receiver.at("/slack").size(), 1);
        QCOMPARE(receiver.at("/pd").size(), 1);
        const QJsonObject trigger = receiver.at("/pd").first().json();
        QCOMPARE(trigger.value(u"event_action"_s).toString(), u"trigger"_s);
        QCOMPARE(trigger.value(u"routing_key"_s).toString(), u"R0UT1NGKEY"_s);
        QCOMPARE(trigger.value(u"dedup_key"_s).toString(), u"understudy/switch/t0/overloaded"_s);
        QCOMPARE(trigger[u"payload"_s][u"source"_s].toString(), u"understudy@test"_s);
        const QJsonObject hook = receiver.at("/hook").first().json();
        QCOMPARE(hook.value(u"status"_s).toString(), u"trigger"_s);
        QCOMPARE(hook.value(u"from"_s).toString(), u"t0"_s);
        QCOMPARE(hook.value(u"to"_s).toString(), u"t1"_s);
        // Open: the outage (once) and the system's health, which no HTTP sink here takes.
        QStringList active;
        for (const Alert &a : router.activeAlerts()) {
            active << a.key;
            if (a.key == u"switch/t0/overloaded")
                QVERIFY(a.occurrences >= 100);
        }
        active.sort();
        QCOMPARE(active, QStringList({u"health/system"_s, u"switch/t0/overloaded"_s}));

        // The primary is back: after the cooldown the probe succeeds and the outage resolves.
        trio.a.setFault({});
        clock.jump(300);
        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().first().value<ChatResult>().tier, u"t0"_s);
        QTRY_COMPARE(receiver.at("/pd").size(), 2);
        QTRY_COMPARE(receiver.at("/hook").size(), 2);
        QTRY_COMPARE(receiver.at("/slack").size(), 2);
        QCOMPARE(receiver.at("/pd").at(1).json(),
                 QJsonObject({{u"routing_key"_s, u"R0UT1NGKEY"_s},
                              {u"event_action"_s, u"resolve"_s},
                              {u"dedup_key"_s, u"understudy/switch/t0/overloaded"_s}}));
        QCOMPARE(receiver.at("/hook").at(1).json().value(u"status"_s).toString(), u"resolve"_s);
        // The receiver has the resolves before the dispatcher has read their replies.
        QTRY_COMPARE(delivered.size(), 6);
    }

    void delivery_retriesAReceiverThatFailsTwice()
    {
        DeliveryRig rig;
        rig.receiver.statuses = {500, 503};
        setSecret(rig.secrets, u"alert-sink:hook"_s, rig.receiver.url("/hook"));
        rig.dispatcher.setRetryPolicy({5, 20, 200, 5'000});
        QSignalSpy failed(&rig.dispatcher, &AlertDispatcher::deliveryFailed);
        QSignalSpy delivered(&rig.dispatcher, &AlertDispatcher::delivered);
        rig.dispatcher.deliver(httpSink(u"hook"_s, AlertSinkType::Webhook), switchAlert());
        QVERIFY(delivered.wait(5'000));
        QCOMPARE(delivered.first().at(2).toInt(), 3); // delivered on the third attempt
        QCOMPARE(failed.size(), 2);
        QCOMPARE(failed.at(0).at(3).toString(), u"HTTP 500"_s);
        QCOMPARE(failed.at(0).at(4).toInt(), 20); // backoff doubles
        QCOMPARE(failed.at(1).at(4).toInt(), 40);
        QCOMPARE(rig.receiver.at("/hook").size(), 3);
        QCOMPARE(rig.receiver.at("/hook").at(0).body, rig.receiver.at("/hook").at(2).body);
        QCOMPARE(AlertDispatcher::backoffMs({5, 2'000, 60'000, 1}, 10), 60'000);
    }

    void delivery_givesUpOnA4xx_andResolveNeverOvertakesItsTrigger()
    {
        DeliveryRig rig;
        setSecret(rig.secrets, u"alert-sink:hook"_s, rig.receiver.url("/hook"));
        rig.dispatcher.setRetryPolicy({5, 30, 200, 5'000});
        QSignalSpy failed(&rig.dispatcher, &AlertDispatcher::deliveryFailed);
        QSignalSpy delivered(&rig.dispatcher, &AlertDispatcher::delivered);

        rig.receiver.statuses = {404};
        rig.dispatcher.deliver(httpSink(u"hook"_s, AlertSinkType::Webhook), switchAlert());
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(4).toInt(), -1); // a wrong URL does not get better: given up
        QTRY_COMPARE(rig.dispatcher.pending(), 0);

        // The trigger fails once; the resolve waits behind its retry.
        rig.receiver.hits.clear();
        rig.receiver.statuses = {502};
        Alert resolve = switchAlert();
        resolve.action = Alert::Action::Resolve;
        rig.dispatcher.deliver(httpSink(u"hook"_s, AlertSinkType::Webhook), switchAlert());
        rig.dispatcher.deliver(httpSink(u"hook"_s, AlertSinkType::Webhook), resolve);
        QTRY_COMPARE(delivered.size(), 2);
        QStringList order;
        for (const Receiver::Hit &h : std::as_const(rig.receiver.hits))
            order << h.json().value(u"status"_s).toString();
        QCOMPARE(order, QStringList({u"trigger"_s, u"trigger"_s, u"resolve"_s}));
    }

    void delivery_refusesPlainHttpToOtherHosts_andMissingSecrets()
    {
        QCOMPARE(AlertDispatcher::urlProblem(QUrl(u"https://hooks.slack.com/services/T/B/X"_s)), QString());
        QCOMPARE(AlertDispatcher::urlProblem(QUrl(u"http://127.0.0.1:9/x"_s)), QString());
        QCOMPARE(AlertDispatcher::urlProblem(QUrl(u"http://localhost:9/x"_s)), QString());
        QVERIFY(!AlertDispatcher::urlProblem(QUrl(u"http://hooks.example.com/x"_s)).isEmpty());
        QVERIFY(!AlertDispatcher::urlProblem(QUrl(u"ftp://example.com/x"_s)).isEmpty());

        DeliveryRig rig;
        setSecret(rig.secrets, u"alert-sink:plain"_s, "http://hooks.example.com/T000/SECRETPATH");
        QSignalSpy failed(&rig.dispatcher, &AlertDispatcher::deliveryFailed);
        rig.dispatcher.deliver(httpSink(u"plain"_s, AlertSinkType::Webhook), switchAlert());
        rig.dispatcher.deliver(httpSink(u"unset"_s, AlertSinkType::Slack), switchAlert());
        QTRY_COMPARE(failed.size(), 2);
        QCOMPARE(rig.transport.upstreamRequests(), quint64(0)); // nothing went out
        for (const auto &args : std::as_const(failed)) {
            QCOMPARE(args.at(4).toInt(), -1);
            QVERIFY(!args.at(3).toString().contains(u"SECRETPATH"_s));
        }
        QVERIFY(failed.at(1).at(3).toString().contains(u"no URL is stored"_s));
    }

    void drain_waitsForAlertsInFlight_bounded()
    {
        DeliveryRig rig;
        rig.receiver.statuses = {503};
        setSecret(rig.secrets, u"alert-sink:hook"_s, rig.receiver.url("/hook"));
        rig.dispatcher.setRetryPolicy({5, 100, 200, 5'000});
        rig.dispatcher.deliver(httpSink(u"hook"_s, AlertSinkType::Webhook), switchAlert());
        QCOMPARE(rig.dispatcher.pending(), 1);
        QVERIFY(rig.dispatcher.drain(5'000)); // the retry goes out inside the wait
        QCOMPARE(rig.receiver.at("/hook").size(), 2);

        // A receiver that never answers: the wait ends at its bound.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        setSecret(rig.secrets, u"alert-sink:silent"_s,
                  "http://127.0.0.1:" + QByteArray::number(silent.serverPort()) + "/x");
        rig.dispatcher.deliver(httpSink(u"silent"_s, AlertSinkType::Webhook), switchAlert());
        QElapsedTimer t;
        t.start();
        QVERIFY(!rig.dispatcher.drain(300));
        QVERIFY(t.elapsed() < 2'000);
    }

    void delivery_timesOutASilentReceiver()
    {
        DeliveryRig rig;
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        setSecret(rig.secrets, u"alert-sink:silent"_s,
                  "http://127.0.0.1:" + QByteArray::number(silent.serverPort()) + "/x");
        rig.dispatcher.setRetryPolicy({2, 10, 10, 100});
        QSignalSpy failed(&rig.dispatcher, &AlertDispatcher::deliveryFailed);
        rig.dispatcher.deliver(httpSink(u"silent"_s, AlertSinkType::Webhook), switchAlert());
        QTRY_COMPARE(failed.size(), 2);
        QCOMPARE(failed.at(0).at(3).toString(), u"no answer in time"_s);
        QCOMPARE(failed.at(0).at(4).toInt(), 10); // retried
        QCOMPARE(failed.at(1).at(4).toInt(), -1); // then given up
        QTRY_COMPARE(rig.dispatcher.pending(), 0);
    }

    // Secrets never reach a log line, an event, the settings file or the database.
    void leak_webhookSecretsStayInTheKeychain()
    {
        const QByteArray token = QByteArray::number(QRandomGenerator::global()->generate64(), 36) + "Zq";
        static QByteArrayList logged;
        logged.clear();
        QLoggingCategory::setFilterRules(u"*.debug=true"_s);
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &m) { logged << m.toUtf8(); });

        QTemporaryDir dir;
        Receiver receiver;
        receiver.statuses = {500, 500, 500};
        FakeTrio trio;
        ChainConfig config = TestUtil::chainOver(trio.all(), Format::OpenAi);
        config.strategy.retry.maxRetries = 0;
        Transport transport;
        SystemClock clock;
        ChatEngine engine(transport, nullptr, clock);
        engine.setConfig(config);
        MemorySecretStore secrets;
        setSecret(secrets, u"alert-sink:hook"_s, receiver.url("/hook/" + token));
        setSecret(secrets, u"alert-sink:pd"_s, token);
        ConversationStore store;
        store.open(dir.filePath(u"understudy.sqlite"_s), nullptr, {});
        QTRY_VERIFY(store.isOpen());
        HistoryRecorder history(engine, nullptr, nullptr, nullptr, &store);
        AlertRouter router(engine, nullptr, nullptr, clock);
        AlertDispatcher dispatcher(transport, &secrets, clock);
        dispatcher.setRetryPolicy({2, 10, 20, 2'000});
        connect(&router, &AlertRouter::routed, &dispatcher, &AlertDispatcher::deliver);
        connect(&router, &AlertRouter::alertRouted, &history,
                [&history](const Alert &a, const QStringList &s) {
                    history.record(HistoryRecorder::fromAlert(a, s));
                });
        connect(&dispatcher, &AlertDispatcher::deliveryFailed, &history,
                [&history](const AlertSink &sink, const Alert &a, int n, const QString &m, int retry) {
                    history.record(HistoryRecorder::fromAlertDelivery(sink.name, a, n, m, retry));
                });
        AlertSettings s = AlertSettings::defaults();
        AlertSink pd = httpSink(u"pd"_s, AlertSinkType::PagerDuty);
        pd.eventsUrl = QUrl(QString::fromLatin1(receiver.url("/pd")));
        s.sinks << httpSink(u"hook"_s, AlertSinkType::Webhook) << pd;
        router.setSettings(s);
        QVERIFY(s.save(dir.filePath(u"alerts.json"_s)).ok());

        FakeFault down;
        down.status = 503;
        trio.a.setFault(down);
        ChatRequest request;
        request.messages = {{Role::User, u"hello"_s}};
        ChatRun *run = engine.start(request);
        QSignalSpy finished(run, &ChatRun::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(router.sendTest(u"hook"_s));
        QTRY_COMPARE(dispatcher.pending(), 0);
        QVERIFY(receiver.hits.size() >= 3); // the secret was used
        history.flush();
        QList<StoredEvent> events;
        bool loaded = false;
        store.loadEvents(0, std::numeric_limits<qint64>::max(), 1000, this, [&](const QList<StoredEvent> &e) {
            events = e;
            loaded = true;
        });
        QTRY_VERIFY(loaded);
        QVERIFY(events.size() >= 3); // the alert, its failed deliveries, the test alert
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());

        int hits = 0;
        for (const QByteArray &line : std::as_const(logged))
            hits += line.contains(token);
        for (const QString &file : QDir(dir.path()).entryList(QDir::Files)) {
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            hits += f.readAll().contains(token);
        }
        for (const StoredEvent &e : std::as_const(events))
            hits += (e.summary + e.detail).toUtf8().contains(token) + e.data.contains(token);
        QVERIFY(!logged.isEmpty());
        QCOMPARE(hits, 0);
    }
};

QTEST_GUILESS_MAIN(TestAlerts)
#include "test_alerts.moc"
