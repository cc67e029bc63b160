// understudy-cli chat: one request through the failover chain.

#include "cli/commands.h"
#include "cli/output.h"
#include "common/services.h"
#include "engine/chatrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

using CliOutput::err;
using CliOutput::out;

int runChat(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Send one chat request through the failover chain and print the answer."));
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                     Cli::tr("Use the config FILE."), QStringLiteral("FILE"));
    const QCommandLineOption prompt({QStringLiteral("p"), QStringLiteral("prompt")},
                                     Cli::tr("The user message (\"-\" reads it from standard input)."),
                                     QStringLiteral("TEXT"));
    const QCommandLineOption system(QStringLiteral("system"), Cli::tr("A system prompt."),
                                                   QStringLiteral("TEXT"));
    const QCommandLineOption stream(QStringLiteral("stream"), Cli::tr("Print the answer as it streams."));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print the whole result as JSON."));
    const QCommandLineOption tier(
        QStringLiteral("tier"), Cli::tr("Start the chain at TIER (it still falls back along the rest)."),
                       QStringLiteral("TIER"));
    const QCommandLineOption only(QStringLiteral("only"), Cli::tr("Use only the first tier: no failover."));
    const QCommandLineOption maxTokens(QStringLiteral("max-tokens"), Cli::tr("Cap the answer at N tokens."),
                                                      QStringLiteral("N"));
    const QCommandLineOption priority(QStringLiteral("priority"),
                                                     Cli::tr("Request priority: high, normal or low."),
                                                     QStringLiteral("PRIORITY"), QStringLiteral("normal"));
    const QCommandLineOption level(
        QStringLiteral("level"), Cli::tr("Pin the degradation level: full, reduced, minimal or fallback."),
                       QStringLiteral("LEVEL"));
    parser.addOptions({config, prompt, system, stream, json, tier, only, maxTokens, priority, level});
    if (const auto exit = CliOutput::parseArguments(parser, args, QStringLiteral("chat")))
        return *exit;

    QString text = parser.value(prompt);
    if (text == QStringLiteral("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err() << Cli::tr("error: cannot read standard input") << Qt::endl;
            return 2;
        }
        text = QString::fromUtf8(in.readAll()).trimmed();
    }
    if (text.isEmpty()) {
        err() << Cli::tr("error: --prompt TEXT is required (see understudy-cli chat --help)") << Qt::endl;
        return 2;
    }

    AppServices services;
    if (!CliOutput::loadConfig(services, parser.value(config)))
        return 2;
    ChatEngine &engine = services.engine;
    ConfigManager &configManager = services.config;

    ChatRequest request;
    if (parser.isSet(system))
        request.messages.append({Role::System, parser.value(system)});
    request.messages.append({Role::User, text});
    request.canRetractPartial = !parser.isSet(stream) || parser.isSet(json);
    request.singleTier = parser.isSet(only);
    if (parser.isSet(maxTokens))
        request.maxTokens = parser.value(maxTokens).toInt();
    const std::optional<Priority> p = priorityFromName(parser.value(priority));
    if (!p) {
        err() << Cli::tr("error: --priority is high, normal or low") << Qt::endl;
        return 2;
    }
    request.priority = *p;
    if (parser.isSet(level)) {
        const std::optional<DegradationLevel> l = degradationLevelFromName(parser.value(level));
        if (!l) {
            err() << Cli::tr("error: --level is full, reduced, minimal or fallback") << Qt::endl;
            return 2;
        }
        services.degradation.pin(*l);
    }
    if (parser.isSet(tier)) {
        const QStringList chain = configManager.config().strategy.chain();
        const qsizetype at = chain.indexOf(parser.value(tier));
        if (at < 0) {
            err() << Cli::tr("error: no tier named \"%1\" in the chain (%2)")
                         .arg(parser.value(tier), chain.join(u", "))
                  << Qt::endl;
            return 2;
        }
        request.chain = chain.mid(at);
    }

    const bool printStream = parser.isSet(stream) && !parser.isSet(json);
    ChatRun *run = engine.start(request);
    if (printStream) {
        QObject::connect(run, &ChatRun::textDelta, run, [](const QString &delta) {
            out() << delta;
            out().flush();
        });
        QObject::connect(run, &ChatRun::restarted, run, [](const QString &failedTier, const QString &why) {
            out() << Qt::endl;
            err() << Cli::tr("[the answer from %1 failed mid-stream (%2); restarting on the next tier]")
                         .arg(failedTier, why)
                  << Qt::endl;
        });
    }
    int exitCode = 1;
    QObject::connect(run, &ChatRun::finished, &engine, [&](const ChatResult &result) {
        exitCode = result.complete ? 0 : 1;
        if (parser.isSet(json)) {
            out() << QJsonDocument(ResultJson::toJson(result)).toJson(QJsonDocument::Indented);
            out().flush();
        } else {
            if (!printStream)
                out() << result.content;
            out() << Qt::endl;
            if (result.complete) {
                err() << CliOutput::summaryLine(result) << Qt::endl;
                if (result.fellBack())
                    CliOutput::printAttempts(err(), result);
            } else {
                err() << Cli::tr("error: no complete answer: %1").arg(result.errorMessage) << Qt::endl;
                CliOutput::printAttempts(err(), result);
            }
        }
        QCoreApplication::exit(exitCode);
    });
    return QCoreApplication::exec();
}
