#pragma once

#include "engine/chatresult.h"

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>

#include <optional>

// Text output of the CLI: stdout for results, stderr for everything said about them.
namespace CliOutput {
QTextStream &out();
QTextStream &err();
QString tr(const char *text);
// Parses a subcommand's arguments; prints help ("understudy-cli <command> [options]") or the parse
// error. Returns an exit code when the command should stop here (0 after --help, 2 on a bad option).
std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &args,
                                  const QString &command);
// One line per attempt: "  1. flagship  failed  overloaded  HTTP 503  +0 ms  12 ms  detail"
void printAttempts(QTextStream &stream, const ChatResult &result);
// "— flagship (sim-atlas, atlas-large) · 2,140 ms · first token 452 ms · 80 in / 156 out tokens · $0.001760"
QString summaryLine(const ChatResult &result);
} // namespace CliOutput
