#pragma once

#include "transport/transport.h"
#include "util/clock.h"
#include "util/result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <map>
#include <memory>

class Clock;

// What a drill does to a tier, and for how long.
struct DrillSpec
{
    QString tier;
    InjectedFault::Kind kind = InjectedFault::Kind::Outage;
    int status = 503;          // Status: the error every request gets
    int retryAfterSeconds = 0; // Status: sent with 429/503
    int delayMs = 2000;        // Latency, SlowFirstToken
    int afterChunks = 3;       // Cut, Stall
    qint64 durationMs = 60'000;
};
QString drillKindName(InjectedFault::Kind kind);
std::optional<InjectedFault::Kind> drillKindFromName(const QString &name);
QString describeDrill(const DrillSpec &spec); // "outage (connection refused) on flagship for 60 s"

struct Drill
{
    QString id; // "drill-3": attempts shaped by it carry it
    DrillSpec spec;
    QDateTime startedAt;
    QDateTime endsAt;
};

// Outage drills: inject a fault into a tier for a while, in the engine's transport layer (the
// provider is never called while it simulates an outage), then end by themselves at the deadline or
// at once on stop(). One drill per tier at a time.
class DrillController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillController)

public:
    DrillController(Transport &transport, const Clock &clock, QObject *parent = nullptr);
    ~DrillController() override;

    Result<Drill, QString> start(const DrillSpec &spec);
    void stop(const QString &id);
    void stopAll();
    QList<Drill> active() const;
    bool isActive() const { return !m_drills.isEmpty(); }

signals:
    void drillStarted(const Drill &drill);
    void drillEnded(const Drill &drill, bool stoppedEarly);

private:
    void end(const QString &id, bool early);

    Transport &m_transport;
    const Clock &m_clock;
    QHash<QString, Drill> m_drills;
    std::map<QString, std::unique_ptr<ClockTimer>> m_timers; // each drill's deadline, on the clock
    int m_counter = 0;
};

Q_DECLARE_METATYPE(Drill)
