#pragma once

#include "engine/chatresult.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QTextStream>

#include <functional>
#include <optional>

class AppServices;

// The CLI's translation context: Cli::tr("…") in the command files (lupdate reads it; a free tr()
// in a namespace it would skip without a word).
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Text output of the CLI: stdout for results, stderr for everything said about them.
namespace CliOutput {
QTextStream &out();
QTextStream &err();
// Parses a subcommand's arguments; prints help ("understudy-cli <command> [options]") or the parse
// error. Returns an exit code when the command should stop here (0 after --help, 2 on a bad option).
std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &args,
                                  const QString &command);
// Sends the services' notices to stderr and loads --config FILE (or the user's config). False, with
// the file, key and reason printed, when it does not load; the caller picks the exit code.
bool loadConfig(AppServices &services, const QString &configPath, bool watchFile = false);
// One line per attempt: "  1. flagship  failed  overloaded  HTTP 503  +0 ms  12 ms  detail"
void printAttempts(QTextStream &stream, const ChatResult &result);
// "— flagship (sim-atlas, atlas-large) · 2,140 ms · first token 452 ms · 80 in / 156 out tokens · $0.001760"
QString summaryLine(const ChatResult &result);
// One line from standard input, trimmed; echo is off (and `prompt` shown on stderr) while a terminal
// types it. For keys and webhook URLs.
QByteArray readSecretLine(const QString &prompt);
// For `n` answers that may come at once (nothing to ask the keychain) or later: returns what to call
// once per answer. After the n-th it flushes stdout and ends the event loop with *exitCode — queued,
// so answers given before exec() started still end it (QCoreApplication::exit() then is a no-op).
std::function<void()> countdown(int n, const int *exitCode);
} // namespace CliOutput
