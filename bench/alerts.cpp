// bench_alerts: what the alert router costs per engine event, during an outage (the same key over and
// over: counted, not sent), across many keys (new alerts, the per-minute limit), and for resolves.
// The router runs on the GUI thread in the app, so this is time taken from the event loop.
// HTTP delivery is not measured here (it is asynchronous; see tests/core/test_alerts.cpp).

#include "alerts/alertrouter.h"
#include "alerts/alertsettings.h"
#include "engine/chatengine.h"
#include "transport/transport.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

namespace {

SwitchEvent switchEvent(const QString &from, ErrorClass reason)
{
    SwitchEvent e;
    e.at = QDateTime::currentDateTimeUtc();
    e.requestId = QStringLiteral("r");
    e.from = from;
    e.to = QStringLiteral("backup");
    e.reason = reason;
    e.detail = QStringLiteral("HTTP 503");
    return e;
}

// Mean microseconds per event over `n` events, in batches of 1,000 (p50 and p99 of the batches).
template <typename F>
void measure(const char *what, int n, F &&one)
{
    QList<double> perEvent;
    for (int done = 0; done < n; done += 1000) {
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 1000; ++i)
            one(done + i);
        perEvent.append(double(t.nsecsElapsed()) / 1000.0 / 1000.0);
    }
    std::sort(perEvent.begin(), perEvent.end());
    std::printf("  %-52s p50 %7.3f µs   p99 %7.3f µs per event\n", what, perEvent.at(perEvent.size() / 2),
                perEvent.at(std::min<qsizetype>(perEvent.size() - 1, qsizetype(perEvent.size() * 0.99))));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::max(1000, QByteArray(argv[1]).toInt()) : 100'000;
    SystemClock clock;
    Transport transport;
    ChatEngine engine(transport, nullptr, clock);
    AlertRouter router(engine, nullptr, nullptr, clock);
    AlertSettings settings = AlertSettings::defaults(); // banner and tray, warnings and worse
    router.setSettings(settings);
    int routed = 0;
    QObject::connect(&router, &AlertRouter::routed, [&routed] { ++routed; });

    std::printf("Alert router, %d events per row (banner and tray sinks)\n", n);
    measure("one outage: the same tier and reason (dedup)", n, [&](int) {
        emit engine.tierSwitched(switchEvent(QStringLiteral("primary"), ErrorClass::Overloaded));
    });
    std::printf("    deliveries: %d (one alert, %d sinks)\n", routed, int(settings.sinks.size()));

    routed = 0;
    const ErrorClass reasons[] = {ErrorClass::Overloaded, ErrorClass::RateLimited, ErrorClass::ServerError,
                                  ErrorClass::Network};
    measure("200 keys (50 tiers x 4 reasons), round robin", n, [&](int i) {
        emit engine.tierSwitched(switchEvent(QStringLiteral("tier-%1").arg(i % 50), reasons[(i / 50) % 4]));
    });
    std::printf("    deliveries: %d (the per-minute limit holds the rest back)\n", routed);

    AttemptRecord ok;
    ok.tier = QStringLiteral("primary");
    ok.outcome = AttemptRecord::Outcome::Success;
    measure("answered attempts while alerts are open (resolve check)", n,
            [&](int) { emit engine.attemptFinished(ok); });
    return 0;
}
