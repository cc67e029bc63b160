// understudy-cli health: the system's health verdict, from a round of probes.

#include "cli/commands.h"
#include "cli/output.h"
#include "common/services.h"
#include "util/money.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

using CliOutput::err;
using CliOutput::out;

int runHealth(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr(
        "Probe the chain's providers (a models listing: no tokens, no cost) and print the system status:\n"
        "healthy, degraded or critical, with reasons and the recommended tier.\n"
        "Exit status: 0 healthy, 1 degraded, 2 critical, 3 the check itself failed."));
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                     Cli::tr("Use the config FILE."), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print the health as JSON."));
    const QCommandLineOption all(QStringLiteral("probe-all"), Cli::tr("Also probe providers whose probes are off in the config (paid ones)."));
    const QCommandLineOption none(QStringLiteral("no-probe"),
                                                 Cli::tr("Do not probe; report breaker states only."));
    parser.addOptions({config, json, all, none});
    if (const auto exit = CliOutput::parseArguments(parser, args, QStringLiteral("health")))
        return *exit == 0 ? 0 : 3;

    AppServices services;
    if (!CliOutput::loadConfig(services, parser.value(config)))
        return 3;
    int exitCode = 3;
    const auto print = [&] {
        const SystemHealth h = services.health.health();
        exitCode = h.status == HealthStatus::Healthy ? 0 : h.status == HealthStatus::Degraded ? 1 : 2;
        if (parser.isSet(json)) {
            out() << QJsonDocument(HealthJson::toJson(h)).toJson(QJsonDocument::Indented);
        } else {
            out() << Cli::tr("System: %1").arg(healthStatusText(h.status).toUpper());
            if (!h.recommendedTier.isEmpty())
                out() << Cli::tr(" (recommended tier: %1)").arg(h.recommendedTier);
            out() << '\n';
            Money probeCost;
            int probes = 0;
            for (const TierHealth &t : h.tiers) {
                QString probe = Cli::tr("not probed");
                if (t.probes > 0)
                    probe = t.lastProbeOk ? Cli::tr("probe ok in %1 ms").arg(t.lastProbeLatencyMs)
                                          : Cli::tr("probe failed: %1").arg(t.lastProbeError);
                out() << QStringLiteral("  %1 %2 %3  %4\n") .arg(
                    t.tier.leftJustified(14), tierStatusText(t.status).leftJustified(9),
                    Cli::tr("breaker %1").arg(breakerStateText(t.breaker)).leftJustified(17), probe);
                probeCost += t.probeCost;
                probes += t.probes;
            }
            if (!h.reasons.isEmpty()) {
                out() << Cli::tr("Reasons:") << '\n';
                for (const QString &r : h.reasons)
                    out() << QStringLiteral("  - ") << r << '\n';
            }
            out() << Cli::tr("Probes: %n models listing(s), %1", nullptr, probes).arg(usdText(probeCost))
                  << '\n';
        }
        out().flush();
        QCoreApplication::exit(exitCode);
    };
    if (parser.isSet(none))
        QTimer::singleShot(0, &services, print);
    else
        services.health.probeNow(parser.isSet(all), print);
    QCoreApplication::exec();
    return exitCode;
}
