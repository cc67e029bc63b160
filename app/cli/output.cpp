#include "cli/output.h"

#include "common/services.h"

#include <QCoreApplication>
#include <QLocale>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace CliOutput {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &args, const QString &command)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Cli::tr("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        err() << QStringLiteral("understudy-cli %1: ").arg(command)
                                << parser.errorText() << '\n'
                                << Cli::tr("Run \"understudy-cli %1 --help\" for its options.").arg(command)
                                << Qt::endl;
        return 2;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // Qt names the executable path; a subcommand's usage names the command.
        const qsizetype eol = text.indexOf(u'\n');
        text.replace(0, eol, Cli::tr("Usage: understudy-cli %1 [options]").arg(command));
        out() << text;
        out().flush();
        return 0;
    }
    return std::nullopt;
}

void printAttempts(QTextStream &stream, const ChatResult &result)
{
    int n = 0;
    for (const AttemptRecord &a : result.attempts) {
        stream << QStringLiteral("  %1. %2  %3").arg(++n).arg(a.tier, attemptOutcomeName(a.outcome));
        if (a.error != ErrorClass::None)
            stream << QStringLiteral("  ") << errorClassName(a.error);
        if (a.httpStatus > 0)
            stream << QStringLiteral("  HTTP ") << a.httpStatus;
        stream << QStringLiteral("  +%1 ms  %2 ms").arg(a.startOffsetMs).arg(a.durationMs);
        if (!a.detail.isEmpty())
            stream << QStringLiteral("  ") << a.detail;
        stream << '\n';
    }
    for (const SwitchEvent &e : result.events) {
        stream << QStringLiteral("  switch %1 -> %2 (%3)%4\n") .arg(
            e.from, e.to, errorClassName(e.reason), e.midStream ? Cli::tr(", mid-stream") : QString());
    }
    stream.flush();
}

QString summaryLine(const ChatResult &result)
{
    const QLocale c = QLocale::c();
    QStringList parts;
    parts << QStringLiteral("%1 (%2, %3)").arg(result.tier, result.provider, result.model);
    parts << Cli::tr("%1 ms").arg(result.latencyMs);
    if (result.ttftMs >= 0)
        parts << Cli::tr("first token %1 ms").arg(result.ttftMs);
    parts << Cli::tr("%1 in / %2 out tokens%3")
                 .arg(result.usage.inputTokens)
                 .arg(result.usage.outputTokens)
                 .arg(result.usage.estimated ? Cli::tr(" (estimated)") : QString());
    parts << QStringLiteral("$") + result.cost.toString(6);
    Q_UNUSED(c)
    return QStringLiteral("— ") + parts.join(QStringLiteral(" · "));
}

} // namespace CliOutput

bool CliOutput::loadConfig(AppServices &services, const QString &configPath, bool watchFile)
{
    QObject::connect(&services, &AppServices::notice, &services,
                     [](const QString &m) { err() << m << Qt::endl; });
    const ConfigManager::LoadReport report = services.loadConfig(configPath, watchFile);
    if (!report.ok)
        err() << Cli::tr("error: ") << (report.error ? report.error->toString() : Cli::tr("no config"))
              << Qt::endl;
    return report.ok;
}

QByteArray CliOutput::readSecretLine(const QString &prompt)
{
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        err() << prompt << Qt::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QByteArray line;
    int c = 0;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line += char(c);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err() << Qt::endl;
    }
    return line.trimmed();
}

std::function<void()> CliOutput::countdown(int n, const int *exitCode)
{
    auto left = std::make_shared<int>(n);
    return [left, exitCode] {
        if (--*left != 0)
            return;
        out().flush();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [exitCode] { QCoreApplication::exit(*exitCode); },
            Qt::QueuedConnection);
    };
}
