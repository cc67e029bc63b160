// understudy-cli drill: a scripted outage drill, headless. Injects a fault into one tier for a while,
// keeps sending requests through the chain, and prints what the chain did, as it happened.

#include "cli/commands.h"
#include "cli/output.h"
#include "common/services.h"
#include "engine/chatrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>

using CliOutput::err;
using CliOutput::out;

namespace {

struct DrillRun
{
    DrillRun(AppServices &s, const DrillSpec &d)
        : services(s)
        , spec(d)
    {}

    AppServices &services;
    DrillSpec spec;
    int intervalMs = 500;
    int after = 2;
    bool json = false;
    QElapsedTimer clock;
    QString drillId;
    bool drillOver = false;
    int sent = 0;
    int afterSent = 0;
    QList<ChatResult> results;
    QJsonArray timeline;

    QString stamp() const { return QStringLiteral("+%1s").arg(double(clock.elapsed()) / 1000.0, 7, 'f', 3); }

    void line(const QString &kind, const QString &text, const QJsonObject &extra = {})
    {
        if (json) {
            QJsonObject o = extra;
            o.insert(QStringLiteral("t_ms"), clock.elapsed());
            o.insert(QStringLiteral("kind"), kind);
            o.insert(QStringLiteral("text"), text);
            timeline.append(o);
        } else {
            out() << stamp() << "  " << kind.leftJustified(8) << ' ' << text << '\n';
            out().flush();
        }
    }

    void sendNext()
    {
        if (drillOver && afterSent >= after) {
            finish();
            return;
        }
        if (drillOver)
            ++afterSent;
        const int number = ++sent;
        const bool during = !drillOver;
        ChatRequest request;
        request.messages.append(
            {Role::User, Cli::tr("Drill request %1: reply in one short sentence.").arg(number)});
        ChatRun *run = services.engine.start(request);
        QObject::connect(run, &ChatRun::finished, &services, [this, number, during](const ChatResult &r) {
            results.append(r);
            QString text;
            if (r.answered()) {
                text = Cli::tr("request %1 answered by %2 in %3 ms").arg(number).arg(r.tier).arg(r.latencyMs);
                if (r.fellBack())
                    text += Cli::tr(" (fell back: failed attempts %1)")
                                .arg(std::count_if(r.attempts.cbegin(), r.attempts.cend(),
                                                   [](const AttemptRecord &a) {
                                                       return a.outcome != AttemptRecord::Outcome::Success;
                                                   }));
            } else {
                text = Cli::tr("request %1 FAILED after %2 ms: %3")
                           .arg(number)
                           .arg(r.latencyMs)
                           .arg(errorClassDescription(r.error));
            }
            QJsonObject o = ResultJson::toJson(r);
            o.remove(QStringLiteral("content"));
            o.insert(QStringLiteral("during_drill"), during);
            line(QStringLiteral("request"), text, QJsonObject{{QStringLiteral("result"), o}});
            QTimer::singleShot(intervalMs, &services, [this] { sendNext(); });
        });
    }

    void finish()
    {
        int answered = 0, fellBack = 0;
        QMap<QString, int> byTier;
        QList<qint64> latencies;
        for (const ChatResult &r : std::as_const(results)) {
            if (r.answered()) {
                ++answered;
                byTier[r.tier] += 1;
                latencies.append(r.latencyMs);
            }
            if (r.fellBack())
                ++fellBack;
        }
        std::sort(latencies.begin(), latencies.end());
        const auto pct = [&latencies](double p) -> qint64 {
            return latencies.isEmpty() ? -1
                                       : latencies.at(std::min<qsizetype>(latencies.size() - 1,
                                                                          qsizetype(p * latencies.size())));
        };
        const TierStateSnapshot state = services.engine.tierState(spec.tier);
        if (json) {
            QJsonObject tiers;
            for (auto it = byTier.cbegin(); it != byTier.cend(); ++it)
                tiers.insert(it.key(), it.value());
            const QJsonObject summary{
                {QStringLiteral("drill"), drillId},
                 {QStringLiteral("spec"), describeDrill(spec)},
                  {QStringLiteral("requests"), int(results.size())},
                   {QStringLiteral("answered"), answered},
                    {QStringLiteral("fell_back"), fellBack},
                     {QStringLiteral("answered_by"), tiers},
                      {QStringLiteral("latency_p50_ms"), pct(0.5)},
                       {QStringLiteral("latency_p95_ms"), pct(0.95)},
                        {QStringLiteral("breaker_at_end"), breakerStateName(state.breaker)},
                         {QStringLiteral("timeline"), timeline}};
            out() << QJsonDocument(summary).toJson(QJsonDocument::Indented);
        } else {
            QStringList parts;
            for (auto it = byTier.cbegin(); it != byTier.cend(); ++it)
                parts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
            out() << '\n'
                  << Cli::tr("Summary: %1 of %2 requests answered (%3 after a failover); answered by: %4.")
                         .arg(answered)
                         .arg(results.size())
                         .arg(fellBack)
                         .arg(parts.isEmpty() ? Cli::tr("nobody") : parts.join(QStringLiteral(", ")))
                                  << '\n'
                                  << Cli::tr("Latency p50 %1 ms, p95 %2 ms. Breaker of %3 at the end: %4.")
                                         .arg(pct(0.5))
                                         .arg(pct(0.95))
                                         .arg(spec.tier, breakerStateText(state.breaker))
                                  << '\n';
        }
        out().flush();
        QCoreApplication::exit(answered == results.size() ? 0 : 1);
    }
};

} // namespace

int runDrill(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr(
        "Run an outage drill headless: inject a fault into one tier (in the engine's transport: during an\n"
        "outage the provider is not called), send requests through the chain while it lasts and a few\n"
        "after, and print the timeline: requests, switches, breaker changes, level changes.\n"
        "Exit status: 0 every request was answered, 1 some were not, 2 bad arguments, 3 error."));
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                     Cli::tr("Use the config FILE."), QStringLiteral("FILE"));
    const QCommandLineOption tier(
        QStringLiteral("tier"), Cli::tr("The tier to drill (default: the primary)."), QStringLiteral("NAME"));
    const QCommandLineOption fault(QStringLiteral("fault"), Cli::tr("outage, status, latency, slow-first-token, cut or stall (default outage)."),
        QStringLiteral("KIND"), QStringLiteral("outage"));
    const QCommandLineOption status(
        QStringLiteral("status"), Cli::tr("status: the HTTP status to answer (default 503)."),
                       QStringLiteral("CODE"), QStringLiteral("503"));
    const QCommandLineOption retryAfter(
        QStringLiteral("retry-after"), Cli::tr("status: a Retry-After to send, in seconds (default none)."),
                       QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption delay(
        QStringLiteral("delay-ms"), Cli::tr("latency, slow-first-token: the delay (default 2000)."),
                       QStringLiteral("MS"), QStringLiteral("2000"));
    const QCommandLineOption chunks(
        QStringLiteral("after-chunks"), Cli::tr("cut, stall: stream chunks before the fault (default 3)."),
                       QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                                     Cli::tr("How long the drill lasts (default 10)."),
                                                     QStringLiteral("SECONDS"), QStringLiteral("10"));
    const QCommandLineOption interval(QStringLiteral("interval-ms"), Cli::tr("Pause between one answer and the next request (default 500)."),
        QStringLiteral("MS"), QStringLiteral("500"));
    const QCommandLineOption after(
        QStringLiteral("after"), Cli::tr("Requests to send after the drill ended (default 2)."),
                       QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print the timeline and summary as JSON."));
    parser.addOptions(
        {config, tier, fault, status, retryAfter, delay, chunks, duration, interval, after, json});
    if (const auto exit = CliOutput::parseArguments(parser, args, QStringLiteral("drill")))
        return *exit;

    const auto number = [&parser](const QCommandLineOption &o, int min, int max, int &value) {
        bool ok = false;
        value = parser.value(o).toInt(&ok);
        if (!ok || value < min || value > max) {
            err() << Cli::tr("error: --%1 must be a number from %2 to %3")
                         .arg(o.names().constLast())
                         .arg(min)
                         .arg(max)
                  << Qt::endl;
            return false;
        }
        return true;
    };
    DrillSpec spec;
    const auto kind = drillKindFromName(parser.value(fault));
    if (!kind) {
        err() << Cli::tr("error: unknown --fault \"%1\"").arg(parser.value(fault)) << Qt::endl;
        return 2;
    }
    spec.kind = *kind;
    int seconds = 0, intervalMs = 0, afterCount = 0, chunkCount = 0;
    if (!number(status, 400, 599, spec.status) || !number(retryAfter, 0, 86'400, spec.retryAfterSeconds) ||
        !number(delay, 0, 600'000, spec.delayMs) || !number(chunks, 0, 100'000, chunkCount) ||
        !number(duration, 1, 86'400, seconds) || !number(interval, 0, 600'000, intervalMs) ||
        !number(after, 0, 10'000, afterCount))
        return 2;
    spec.afterChunks = chunkCount;
    spec.durationMs = qint64(seconds) * 1000;

    AppServices services;
    if (!CliOutput::loadConfig(services, parser.value(config)))
        return 3;
    services.loadAlertSettings(); // a drill exercises the alert path too: its alerts say "Drill"
    spec.tier = parser.isSet(tier) ? parser.value(tier) : services.engine.config()->strategy.primary;
    if (!services.engine.config()->tier(spec.tier)) {
        err() << Cli::tr("error: no tier named \"%1\" in the config").arg(spec.tier) << Qt::endl;
        return 2;
    }

    DrillRun run(services, spec);
    run.intervalMs = intervalMs;
    run.after = afterCount;
    run.json = parser.isSet(json);
    run.clock.start();
    // The chain's own story, as the event log tells it (requests are printed by the run itself).
    QObject::connect(&services.history, &HistoryRecorder::recorded, &services, [&run](const StoredEvent &e) {
        if (e.kind == u"attempt" || e.kind == u"request" || e.kind == u"drill")
            return;
        QString text = e.detail.isEmpty() ? e.summary : e.summary + QStringLiteral(" — ") + e.detail;
        if (!e.tier.isEmpty() && !e.summary.contains(e.tier))
            text = e.tier + QStringLiteral(": ") + text;
        run.line(e.kind, text);
    });
    QObject::connect(&services.drills, &DrillController::drillEnded, &services, [&run](const Drill &d, bool) {
        run.drillOver = true;
        run.line(QStringLiteral("drill"), Cli::tr("%1 ended: %2").arg(d.id, describeDrill(d.spec)));
    });
    const auto started = services.drills.start(spec);
    if (!started) {
        err() << Cli::tr("error: ") << started.error() << Qt::endl;
        return 3;
    }
    run.drillId = started.value().id;
    run.line(QStringLiteral("drill"), Cli::tr("%1 started: %2").arg(run.drillId, describeDrill(spec)));
    QTimer::singleShot(0, &services, [&run] { run.sendNext(); });
    const int code = QCoreApplication::exec();
    services.drainAlerts();
    return code;
}
