// understudy-cli gateway: the failover chain as a local OpenAI-compatible endpoint, headless.

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/signalwatcher.h"
#include "common/services.h"
#include "gateway/gateway.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QUrl>

using CliOutput::err;

int runGateway(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Serve the failover chain as an OpenAI-compatible endpoint: POST "
                "/v1/chat/completions, GET /v1/models, "
                "GET /healthz, GET /metrics. Stops on Ctrl+C."));
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                     Cli::tr("Use the config FILE."), QStringLiteral("FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"), Cli::tr("Listen on HOST:PORT (default 127.0.0.1:8088; port 0 picks a free one)."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8088"));
    const QCommandLineOption allowRemote(QStringLiteral("allow-remote"),
        Cli::tr(
            "Allow a non-loopback address. Other hosts can then reach the gateway, so a token is required."));
    const QCommandLineOption tokenEnv(QStringLiteral("token-env"),
        Cli::tr("Require \"Authorization: Bearer <token>\", the token read from the environment variable VAR "
                "(default: UNDERSTUDY_GATEWAY_TOKEN when it is set)."),
        QStringLiteral("VAR"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"), Cli::tr("Read the required bearer token from FILE."), QStringLiteral("FILE"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"), Cli::tr("Largest request body in bytes (default 4 MiB)."), QStringLiteral("BYTES"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
        Cli::tr("Most client connections at once; more are answered 503 and closed (default 1024)."),
        QStringLiteral("N"));
    const QCommandLineOption allowHost(QStringLiteral("allow-host"),
        Cli::tr("Also accept requests whose Host header is NAME (besides IP addresses and localhost). "
                "Repeatable."),
        QStringLiteral("NAME"));
    const QCommandLineOption allowOrigin(QStringLiteral("allow-origin"),
        Cli::tr("Accept requests from web pages of ORIGIN (scheme://host[:port]), with CORS answers; "
                "others are refused. Repeatable."),
        QStringLiteral("ORIGIN"));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                      Cli::tr("Print a line per request."));
    parser.addOptions({config, listen, allowRemote, tokenEnv, tokenFile, maxBody, maxConnections, allowHost,
                       allowOrigin, verbose});
    if (const auto exit = CliOutput::parseArguments(parser, args, QStringLiteral("gateway")))
        return *exit;

    Gateway::Options options;
    const QString where = parser.value(listen);
    const qsizetype colon = where.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon > 0 ? where.mid(colon + 1).toUInt(&portOk) : 0;
    if (colon <= 0 || !portOk || port > 65535) {
        err() << Cli::tr("error: --listen wants HOST:PORT, for example 127.0.0.1:8088") << Qt::endl;
        return 2;
    }
    options.host = where.left(colon);
    if (options.host.startsWith(u'[') && options.host.endsWith(u']'))
        options.host = options.host.mid(1, options.host.size() - 2);
    options.port = quint16(port);
    options.allowRemote = parser.isSet(allowRemote);
    if (parser.isSet(tokenFile)) {
        QFile f(parser.value(tokenFile));
        if (!f.open(QIODevice::ReadOnly)) {
            err() << Cli::tr("error: cannot read the token file: %1").arg(f.errorString()) << Qt::endl;
            return 2;
        }
        options.token = f.readAll().trimmed();
    } else {
        const QString var =
            parser.isSet(tokenEnv) ? parser.value(tokenEnv) : QStringLiteral("UNDERSTUDY_GATEWAY_TOKEN");
        options.token = qgetenv(var.toLocal8Bit().constData()).trimmed();
        if (parser.isSet(tokenEnv) && options.token.isEmpty()) {
            err() << Cli::tr("error: the environment variable %1 is empty or not set").arg(var) << Qt::endl;
            return 2;
        }
    }
    if (parser.isSet(maxBody)) {
        bool ok = false;
        options.maxBodyBytes = parser.value(maxBody).toLongLong(&ok);
        if (!ok || options.maxBodyBytes < 1024 || options.maxBodyBytes > 1024LL * 1024 * 1024) {
            err() << Cli::tr("error: --max-body wants a size in bytes from 1024 to 1073741824") << Qt::endl;
            return 2;
        }
    }
    if (parser.isSet(maxConnections)) {
        bool ok = false;
        options.limits.maxConnections = parser.value(maxConnections).toInt(&ok);
        if (!ok || options.limits.maxConnections < 1 || options.limits.maxConnections > 60'000) {
            err() << Cli::tr("error: --max-connections wants a number from 1 to 60000") << Qt::endl;
            return 2;
        }
    }
    options.allowHosts = parser.values(allowHost);
    for (const QString &origin : parser.values(allowOrigin)) {
        const QUrl url(origin, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty() ||
            !url.path().isEmpty() || url.toString(QUrl::RemoveUserInfo) != origin) {
            err() << Cli::tr("error: --allow-origin wants an origin like https://app.example or "
                             "http://localhost:3000, got \"%1\"")
                         .arg(origin)
                  << Qt::endl;
            return 2;
        }
        options.allowOrigins << origin;
    }

    AppServices services;
    if (!CliOutput::loadConfig(services, parser.value(config), true))
        return 2;
    services.loadAlertSettings(); // alerts reach Slack, PagerDuty and webhooks from a headless gateway too
    ChatEngine &engine = services.engine;
    ConfigManager &configManager = services.config;
    QObject::connect(&configManager, &ConfigManager::configRejected, &engine, [](const ConfigError &e) {
        err() << Cli::tr("config not applied, the previous chain stays in force: %1").arg(e.toString())
              << Qt::endl;
    });
    QObject::connect(&services.degradation, &DegradationController::levelChanged, &engine,
                     [](const LevelChange &c) {
                         err() << Cli::tr("degradation level %1 -> %2: %3")
                                      .arg(degradationLevelText(c.from), degradationLevelText(c.to), c.reason)
                               << Qt::endl;
                     });
    services.health.setProbing(true);
    Gateway gateway(engine, services.metrics);
    gateway.setHealth(&services.health, &services.degradation);
    const auto started = gateway.start(options);
    if (!started) {
        err() << Cli::tr("error: ") << started.error() << Qt::endl;
        return 2;
    }
    // The first line on stdout is the address, so scripts can start it with port 0 and read it.
    CliOutput::out() << QStringLiteral("http://%1/v1").arg(gateway.listenAddress()) << Qt::endl;
    err() << Cli::tr("Understudy gateway on http://%1/v1 (config %2%3). Ctrl+C stops.")
                 .arg(gateway.listenAddress(), configManager.path(),
                      options.token.isEmpty() ? QString() : Cli::tr(", bearer token required"))
          << Qt::endl;
    if (parser.isSet(verbose)) {
        QObject::connect(&engine, &ChatEngine::requestFinished, &gateway, [](const ChatResult &r) {
            err() << QStringLiteral("%1 %2 %3 %4 ms %5 attempt(s)%6") .arg(
                r.requestId, r.complete
                ? QStringLiteral("answered")
                                                       : QStringLiteral("FAILED"), r.tier.isEmpty()
                                 ? QStringLiteral("-") : r.tier)
                                       .arg(r.latencyMs)
                                       .arg(r.attempts.size())
                                       .arg(r.complete ? QString() : QStringLiteral(": ") + r.errorMessage)
                                                << Qt::endl;
        });
    }
    SignalWatcher signals_;
    QObject::connect(&signals_, &SignalWatcher::terminationRequested, &gateway, [&gateway] {
        err() << Cli::tr("stopping the gateway") << Qt::endl;
        gateway.stop();
        QCoreApplication::quit();
    });
    const int code = QCoreApplication::exec();
    services.drainAlerts();
    return code;
}
