// understudy-cli keys: API keys in the OS keychain (set, delete, list, test). A key is read from
// standard input without echo, written only to the keychain, and never printed (a masked suffix at most).

#include "cli/commands.h"
#include "cli/output.h"
#include "common/services.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTimer>

using CliOutput::err;
using CliOutput::out;

int runKeys(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr(
            "API keys in the OS keychain (%1 on this system). Keys are never written to a file, printed or "
            "logged.\n"
            "  keys list              which providers have a key (a masked suffix at most)\n"
            "  keys set PROVIDER      read the key from standard input (no echo) and store it\n"
            "  keys delete PROVIDER   remove the key\n"
            "  keys test [PROVIDER]   the cheapest authenticated call: accepted, rejected or unreachable\n"
            "Exit status: 0 done, 1 failed (the reason says what to do), 2 bad arguments.")
            .arg(QStringLiteral("Secret Service")));
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                     Cli::tr("Use the config FILE."), QStringLiteral("FILE"));
    parser.addOptions({config});
    parser.addPositionalArgument(QStringLiteral("action"), Cli::tr("list, set, delete or test"));
    parser.addPositionalArgument(QStringLiteral("provider"), Cli::tr("The provider id from the config"));
    if (const auto exit = CliOutput::parseArguments(parser, args, QStringLiteral("keys")))
        return *exit == 0 ? 0 : 2;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QString providerId = positional.value(1);
    if (!QStringList{QStringLiteral("list"),
                         QStringLiteral("set"),
                             QStringLiteral("delete"), QStringLiteral("test")}.contains(action) ||
                                            ((action == QStringLiteral("set") ||
                                                                       action == QStringLiteral("delete")) &&
                                                                       providerId.isEmpty())) {
        err() << Cli::tr("usage: understudy-cli keys list|set PROVIDER|delete PROVIDER|test [PROVIDER]")
              << Qt::endl;
        return 2;
    }

    AppServices services;
    if (!CliOutput::loadConfig(services, parser.value(config)))
        return 2;
    const ChainConfig &chain = services.config.config();
    QList<ProviderConfig> providers;
    for (const ProviderConfig &p : chain.providers)
        if (providerId.isEmpty() || p.id == providerId)
            providers.append(p);
    if (providers.isEmpty()) {
        err() << Cli::tr("error: no provider \"%1\" in the config").arg(providerId) << Qt::endl;
        return 2;
    }
    if ((action == QStringLiteral("set") || action == QStringLiteral("delete")) &&
                                  providers.first().auth != AuthMode::Keychain) {
        err() << Cli::tr("error: provider \"%1\" does not take its key from the keychain (auth is not "
                         "\"keychain\")")
                     .arg(providerId)
              << Qt::endl;
        return 2;
    }

    int exitCode = 0;
    SecretStore &secrets = services.secrets;
    if (action == QStringLiteral("set")) {
        QByteArray key =
            CliOutput::readSecretLine(Cli::tr("Paste the key, then press Enter (it is not shown): "));
        if (key.isEmpty()) {
            err() << Cli::tr("error: no key was given on standard input") << Qt::endl;
            return 2;
        }
        const QString suffix = maskedKey(key);
        secrets.write(providers.first().keyName(), key, &services,
                      [&exitCode, suffix, providerId](const SecretResult &r) {
                          if (r.ok()) {
                              out() << Cli::tr("%1: key stored in the keychain (%2)").arg(providerId, suffix)
                                    << Qt::endl;
                          } else {
                              err() << Cli::tr("error: the key was not stored: %1").arg(r.message)
                                    << Qt::endl;
                              exitCode = 1;
                          }
                          QCoreApplication::exit(exitCode);
                      });
        // The store keeps its own copy until the keychain has it; this one goes now.
        key.fill('\0');
        key.clear();
    } else if (action == QStringLiteral("delete")) {
        secrets.remove(
            providers.first().keyName(), &services, [&exitCode, providerId](const SecretResult &r) {
                if (r.ok() || r.status == SecretResult::Status::NotFound) {
                    out() << Cli::tr("%1: no key in the keychain now").arg(providerId) << Qt::endl;
                } else {
                    err() << Cli::tr("error: the key was not deleted: %1").arg(r.message) << Qt::endl;
                    exitCode = 1;
                }
                QCoreApplication::exit(exitCode);
            });
    } else if (action == QStringLiteral("list")) {
        const auto answered = CliOutput::countdown(int(providers.size()), &exitCode);
        for (const ProviderConfig &p : providers) {
            const auto print = [p, answered](const QString &state) {
                out() << QStringLiteral("%1  %2\n").arg(p.id.leftJustified(20), state);
                answered();
            };
            // Where the engine looks for the key: by the provider's auth, as ChatEngine::resolveKey does.
            if (p.auth == AuthMode::None) {
                print(Cli::tr("no key needed"));
            } else if (p.auth == AuthMode::Env) {
                print(qEnvironmentVariableIsSet(qPrintable(p.apiKeyEnv))
                          ? Cli::tr("from the environment variable %1").arg(p.apiKeyEnv)
                          : Cli::tr("environment variable %1 is not set").arg(p.apiKeyEnv));
            } else {
                secrets.read(p.keyName(), &services, [print, &exitCode](const SecretResult &r) {
                    if (r.ok()) {
                        print(Cli::tr("set in the keychain (%1)").arg(maskedKey(r.value)));
                    } else if (r.status == SecretResult::Status::NotFound) {
                        print(Cli::tr("no key"));
                    } else {
                        exitCode = 1;
                        print(Cli::tr("unknown: %1").arg(r.message));
                    }
                });
            }
        }
    } else { // test
        QStringList tiers;
        for (const ProviderConfig &p : providers)
            if (const TierConfig *t = chain.firstTierOf(p.id))
                tiers.append(t->name); // one call per provider
        if (tiers.isEmpty()) {
            err() << Cli::tr("error: no tier uses this provider, so there is no model to test with")
                  << Qt::endl;
            return 2;
        }
        const auto answered = CliOutput::countdown(int(tiers.size()), &exitCode);
        for (const QString &tier : tiers) {
            const QString provider = chain.tier(tier)->provider;
            services.engine.probeTier(
                tier, &services, [&exitCode, provider, answered](const ChatEngine::ProbeResult &r) {
                    QString verdict;
                    if (r.ok) {
                        verdict = Cli::tr("accepted (%1 ms)").arg(r.latencyMs);
                    } else if (r.error == ErrorClass::Auth) {
                        verdict = Cli::tr("rejected: %1").arg(r.message);
                        exitCode = 1;
                    } else {
                        verdict = Cli::tr("unreachable or failing: %1").arg(r.message);
                        exitCode = 1;
                    }
                    out() << QStringLiteral("%1  %2\n").arg(provider.leftJustified(20), verdict);
                    answered();
                });
        }
    }
    QCoreApplication::exec();
    return exitCode;
}
