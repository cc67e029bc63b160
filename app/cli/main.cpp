// understudy-cli: the headless face of Understudy. One subcommand per core service.

#include "cli/commands.h"
#include "cli/output.h"
#include "common/appsetup.h"
#include "util/language.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace {

const CliCommand commands[] = {
    {"chat", QT_TRANSLATE_NOOP("Cli", "Send one request through the failover chain"), &runChat},
    {"health", QT_TRANSLATE_NOOP("Cli", "Probe the providers and print the system health"), &runHealth},
    {"gateway", QT_TRANSLATE_NOOP("Cli", "Serve the chain as a local OpenAI-compatible endpoint"),
     &runGateway},
    {"drill", QT_TRANSLATE_NOOP("Cli", "Run a scripted outage drill and print what the chain did"),
     &runDrill},
    {"cost", QT_TRANSLATE_NOOP("Cli", "Work out what a provider migration saves"), &runCost},
    {"keys", QT_TRANSLATE_NOOP("Cli", "Set, list, test or delete API keys in the OS keychain"), &runKeys},
    {"alerts", QT_TRANSLATE_NOOP("Cli", "List alert sinks, store a sink's URL or key, send a test alert"),
     &runAlerts},
};

void printUsage()
{
    QTextStream &o = CliOutput::out();
    o << Cli::tr("Usage: understudy-cli [--help] [--version] <command> [options]") << "\n\n"
      << Cli::tr("Understudy: multi-provider LLM failover, headless.") << "\n\n"
      << Cli::tr("Commands:") << '\n';
    for (const CliCommand &c : commands)
        o << QStringLiteral("  %1  %2\n").arg(QString::fromLatin1(c.name).leftJustified(10),
                                              Cli::tr(c.summary));
    o << '\n'
      << Cli::tr("Every command takes --config FILE; without it the config in your config folder is used\n"
                 "(written from the built-in simulated chain on first start).\n"
                 "Run \"understudy-cli <command> --help\" for a command's options.")
      << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    AppSetup::initIdentity();
    Language::install();
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 ||
        args.at(1) == QStringLiteral("--help") ||
                                     args.at(1) == QStringLiteral("-h") ||
                                                                  args.at(1) == QStringLiteral("help")) {
        printUsage();
        return args.size() < 2 ? 2 : 0;
    }
    if (args.at(1) == QStringLiteral("--version") || args.at(1) == QStringLiteral("-v")) {
        std::printf("understudy-cli %s\n", UNDERSTUDY_VERSION);
        return 0;
    }
    for (const CliCommand &c : commands) {
        if (args.at(1) == QLatin1String(c.name)) {
            QStringList rest = args.mid(2);
            rest.prepend(args.at(0) + u' ' + QLatin1String(c.name));
            return c.run(rest);
        }
    }
    CliOutput::err() << Cli::tr("understudy-cli: unknown command \"%1\"").arg(args.at(1)) << "\n\n";
    CliOutput::err().flush();
    printUsage();
    return 2;
}
