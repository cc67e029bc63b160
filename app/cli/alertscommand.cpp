// understudy-cli alerts: the alert sinks of this machine (the same settings file as Tools ▸ Alerts),
// their secrets in the keychain, and a test alert to one sink. For headless gateways and drills.

#include "cli/commands.h"
#include "cli/output.h"
#include "common/services.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

using CliOutput::err;
using CliOutput::out;

int runAlerts(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr(
        "Alert sinks (Slack, PagerDuty, webhooks, banner, tray) as set in Tools > Alerts. Webhook URLs "
        "and PagerDuty routing keys live in the OS keychain only.\n"
        "  alerts list               the sinks, what each takes, and whether its secret is set\n"
        "  alerts set-secret SINK    read the sink's URL or routing key from standard input (no echo)\n"
        "  alerts test SINK          send a test alert to one HTTP sink and wait for the answer\n"
        "Exit status: 0 done, 1 failed (the reason says what to do), 2 bad arguments."));
    const QCommandLineOption settingsOption(
        QStringLiteral("settings"),
                       Cli::tr("Use the alert settings FILE (default: %1).")
                           .arg(QDir::toNativeSeparators(AlertSettings::defaultPath())),
                       QStringLiteral("FILE"));
    parser.addOption(settingsOption);
    parser.addPositionalArgument(QStringLiteral("action"), Cli::tr("list, set-secret or test"));
    parser.addPositionalArgument(QStringLiteral("sink"), Cli::tr("The sink id (see alerts list)"));
    if (const auto exit = CliOutput::parseArguments(parser, args, QStringLiteral("alerts")))
        return *exit == 0 ? 0 : 2;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QString sinkId = positional.value(1);
    const bool needsSink = action == QStringLiteral("set-secret") || action == QStringLiteral("test");
    if ((action != QStringLiteral("list") && !needsSink) || (needsSink && sinkId.isEmpty())) {
        err() << Cli::tr("usage: understudy-cli alerts list|set-secret SINK|test SINK") << Qt::endl;
        return 2;
    }
    const QString path =
        parser.isSet(settingsOption) ? parser.value(settingsOption) : AlertSettings::defaultPath();
    const auto loaded = AlertSettings::load(path);
    if (!loaded) {
        err() << Cli::tr("error: ") << loaded.error() << Qt::endl;
        return 2;
    }
    const AlertSettings &settings = loaded.value();
    const AlertSink *sink = needsSink ? settings.sink(sinkId) : nullptr;
    if (needsSink && !sink) {
        err() << Cli::tr("error: no sink \"%1\" in %2").arg(sinkId, QDir::toNativeSeparators(path))
              << Qt::endl;
        return 2;
    }
    if (needsSink && !sink->isHttp()) {
        err() << Cli::tr("error: \"%1\" is shown by the app itself; only Slack, PagerDuty and webhook sinks "
                         "have a secret and can be tested here")
                     .arg(sinkId)
              << Qt::endl;
        return 2;
    }

    AppServices services;
    services.alerts.setSettings(settings);
    int exitCode = 0;
    if (action == QStringLiteral("list")) {
        if (settings.sinks.isEmpty())
            return 0;
        const auto answered = CliOutput::countdown(int(settings.sinks.size()), &exitCode);
        for (const AlertSink &s : settings.sinks) {
            QStringList kinds;
            for (AlertKind k : s.kinds.isEmpty() ? allAlertKinds() : s.kinds)
                kinds << alertKindName(k);
            const QString line = QStringLiteral("%1 %2 %3 %4+ %5") .arg(
                s.id.leftJustified(14), alertSinkTypeName(s.type).leftJustified(10),
                s.enabled ? Cli::tr("on ") : Cli::tr("off"), alertSeverityName(s.minSeverity),
                kinds.join(u','));
            const auto print = [answered, line](const QString &secret) {
                out() << line << (secret.isEmpty() ? QString() : QStringLiteral("  ") + secret) << Qt::endl;
                answered();
            };
            if (!s.isHttp()) {
                print({});
                continue;
            }
            services.secrets.read(s.secretName(), &services, [print, &exitCode](const SecretResult &r) {
                if (r.ok()) {
                    print(Cli::tr("secret set (%1)").arg(maskedKey(r.value)));
                } else if (r.status == SecretResult::Status::NotFound) {
                    print(Cli::tr("no secret: alerts to it fail until one is set"));
                } else {
                    exitCode = 1;
                    print(Cli::tr("unknown: %1").arg(r.message));
                }
            });
        }
    } else if (action == QStringLiteral("set-secret")) {
        const bool pd = sink->type == AlertSinkType::PagerDuty;
        QByteArray secret =
            CliOutput::readSecretLine(pd ? Cli::tr("Paste the routing key, then press Enter: ")
                                         : Cli::tr("Paste the webhook URL, then press Enter: "));
        if (secret.isEmpty()) {
            err() << Cli::tr("error: nothing was given on standard input") << Qt::endl;
            return 2;
        }
        if (!pd) {
            if (const QString problem = AlertDispatcher::urlProblem(QUrl(QString::fromUtf8(secret)));
                !problem.isEmpty()) {
                err() << Cli::tr("error: the URL is not used: %1").arg(problem) << Qt::endl;
                return 2;
            }
        }
        const QString masked = maskedKey(secret);
        services.secrets.write(
            sink->secretName(), secret, &services, [&exitCode, masked, sinkId](const SecretResult &r) {
                if (r.ok()) {
                    out() << Cli::tr("%1: stored in the keychain (%2)").arg(sinkId, masked) << Qt::endl;
                } else {
                    err() << Cli::tr("error: not stored: %1").arg(r.message) << Qt::endl;
                    exitCode = 1;
                }
                QCoreApplication::exit(exitCode);
            });
        secret.fill('\0');
    } else { // test
        AlertDispatcher &delivery = services.alertDelivery;
        QObject::connect(&services.alerts, &AlertRouter::routed, &delivery, &AlertDispatcher::deliver);
        QObject::connect(
            &delivery, &AlertDispatcher::delivered, &services,
            [sinkId](const AlertSink &, const Alert &, int attempts) {
                out() << Cli::tr("%1: test alert delivered (attempts: %2)").arg(sinkId).arg(attempts)
                      << Qt::endl;
                QCoreApplication::exit(0);
            });
        QObject::connect(&delivery, &AlertDispatcher::deliveryFailed, &services,
                         [sinkId, &exitCode](const AlertSink &, const Alert &, int attempt,
                                             const QString &message, int retryInMs) {
                             if (retryInMs >= 0) {
                                 err() << Cli::tr("%1: attempt %2 failed (%3); retrying in %4 ms")
                                              .arg(sinkId)
                                              .arg(attempt)
                                              .arg(message)
                                              .arg(retryInMs)
                                       << Qt::endl;
                                 return;
                             }
                             err() << Cli::tr("%1: test alert not delivered: %2").arg(sinkId, message)
                                   << Qt::endl;
                             exitCode = 1;
                             QCoreApplication::exit(1);
                         });
        AlertDispatcher::RetryPolicy quick;
        quick.maxAttempts = 3;
        quick.baseDelayMs = 1'000;
        delivery.setRetryPolicy(quick);
        services.alerts.sendTest(sinkId);
    }
    return QCoreApplication::exec() == 0 ? exitCode : 1;
}
