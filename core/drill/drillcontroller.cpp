#include "drill/drillcontroller.h"

#include "util/clock.h"
#include "util/enumnames.h"
#include "util/logging.h"
#include "util/releaselater.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

constexpr EnumName<InjectedFault::Kind> DrillKindNames[] = {
    {InjectedFault::Kind::Outage, "outage"_L1},
    {InjectedFault::Kind::Status, "status"_L1},
    {InjectedFault::Kind::Latency, "latency"_L1},
    {InjectedFault::Kind::SlowFirstToken, "slow-first-token"_L1},
    {InjectedFault::Kind::Cut, "cut"_L1},
    {InjectedFault::Kind::Stall, "stall"_L1},
};

} // namespace

QString drillKindName(InjectedFault::Kind kind)
{
    return enumName(DrillKindNames, kind);
}

std::optional<InjectedFault::Kind> drillKindFromName(const QString &name)
{
    return enumFromName(DrillKindNames, name);
}

QString describeDrill(const DrillSpec &s)
{
    QString what;
    switch (s.kind) {
    case InjectedFault::Kind::Outage:
        what = QCoreApplication::translate("DrillController", "outage (connection refused)");
        break;
    case InjectedFault::Kind::Status:
        what = s.retryAfterSeconds > 0
                   ? QCoreApplication::translate("DrillController", "HTTP %1 storm (Retry-After %2 s)")
                         .arg(s.status)
                         .arg(s.retryAfterSeconds)
                   : QCoreApplication::translate("DrillController", "HTTP %1 storm").arg(s.status);
        break;
    case InjectedFault::Kind::Latency:
        what = QCoreApplication::translate("DrillController", "latency spike (+%1 ms)").arg(s.delayMs);
        break;
    case InjectedFault::Kind::SlowFirstToken:
        what = QCoreApplication::translate("DrillController", "slow first token (+%1 ms)").arg(s.delayMs);
        break;
    case InjectedFault::Kind::Cut:
        what =
            QCoreApplication::translate("DrillController", "streams cut after %1 chunks").arg(s.afterChunks);
        break;
    case InjectedFault::Kind::Stall:
        what = QCoreApplication::translate("DrillController", "streams stalled after %1 chunks")
                   .arg(s.afterChunks);
        break;
    }
    return QCoreApplication::translate("DrillController", "%1 on %2 for %3 s")
        .arg(what, s.tier, QLocale().toString(double(s.durationMs) / 1000.0, 'g', 6));
}

DrillController::DrillController(Transport &transport, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_clock(clock)
{
    qRegisterMetaType<Drill>();
}

DrillController::~DrillController()
{
    const QStringList ids = m_drills.keys();
    for (const QString &id : ids)
        m_transport.clearFault(m_drills.value(id).spec.tier);
}

Result<Drill, QString> DrillController::start(const DrillSpec &spec)
{
    using R = Result<Drill, QString>;
    if (spec.tier.isEmpty())
        return R::failure(u"a drill needs a tier"_s);
    if (spec.durationMs <= 0 || spec.durationMs > 24LL * 3600 * 1000)
        return R::failure(u"a drill lasts between 1 ms and 24 h"_s);
    for (const Drill &d : std::as_const(m_drills)) {
        if (d.spec.tier == spec.tier)
            return R::failure(u"a drill is already running on %1 (%2)"_s.arg(spec.tier, d.id));
    }
    Drill drill;
    drill.id = u"drill-%1"_s.arg(++m_counter);
    drill.spec = spec;
    drill.startedAt = m_clock.wallNow();
    drill.endsAt = drill.startedAt.addMSecs(spec.durationMs);
    InjectedFault fault;
    fault.kind = spec.kind;
    fault.status = spec.status;
    fault.retryAfterSeconds = spec.retryAfterSeconds;
    fault.delayMs = spec.delayMs;
    fault.afterChunks = spec.afterChunks;
    fault.drillId = drill.id;
    m_transport.injectFault(spec.tier, fault);
    m_drills.insert(drill.id, drill);
    const QString id = drill.id;
    auto timer = std::make_unique<ClockTimer>(m_clock, [this, id] { end(id, false); });
    timer->start(spec.durationMs);
    m_timers[id] = std::move(timer);
    qCInfo(lcEngine).noquote() << "drill started:" << drill.id << describeDrill(spec);
    emit drillStarted(drill);
    return drill;
}

void DrillController::stop(const QString &id)
{
    end(id, true);
}

void DrillController::stopAll()
{
    const QStringList ids = m_drills.keys();
    for (const QString &id : ids)
        end(id, true);
}

void DrillController::end(const QString &id, bool early)
{
    if (!m_drills.contains(id))
        return;
    const Drill drill = m_drills.take(id);
    if (auto t = m_timers.find(id); t != m_timers.end()) {
        // end() may run inside this timer's own callback: the timer goes on the next turn of the loop.
        t->second->stop();
        releaseLater(this, std::shared_ptr<ClockTimer>(std::move(t->second)));
        m_timers.erase(t);
    }
    m_transport.clearFault(drill.spec.tier);
    qCInfo(lcEngine).noquote() << "drill ended:" << id << (early ? "(stopped)" : "(deadline)");
    emit drillEnded(drill, early);
}

QList<Drill> DrillController::active() const
{
    QList<Drill> out = m_drills.values();
    std::sort(out.begin(), out.end(),
              [](const Drill &a, const Drill &b) { return a.startedAt < b.startedAt; });
    return out;
}
