// understudy: the desktop console. The composition root: builds the object graph once and wires it.

#include "common/appsetup.h"
#include "common/services.h"
#include "gateway/gateway.h"
#include "mainwindow.h"
#include "screenshots.h"
#include "util/language.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Main)
};

// bench_startup sets UNDERSTUDY_BENCH_STARTUP: say on stdout when the window has painted for the
// first time (the end of a cold start, as the user sees it).
class FirstPaintReporter final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::UpdateRequest && !m_done) {
            m_done = true;
            // The update request paints the window synchronously; report once it has.
            QTimer::singleShot(0, this, [] {
                std::printf("first-paint\n");
                std::fflush(stdout);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
};

// The command line. Built once the translations are installed, so --help speaks the user's language.
struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption help = parser.addHelpOption();
    QCommandLineOption version = parser.addVersionOption();
    QCommandLineOption config{{QStringLiteral("c"), QStringLiteral("config")},
                               Tr::tr("Use the config FILE instead of the one in your config folder."),
                               QStringLiteral("FILE")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"), Tr::tr("Save a PNG of each view into DIR, then quit."), QStringLiteral("DIR")};

    CommandLine()
    {
        parser.setApplicationDescription(
            Tr::tr("Understudy: an operations console for multi-provider LLM failover."));
        parser.addOption(config);
        parser.addOption(screenshot);
    }
};

// --help, --version and a bad option are answered without a display: a QCoreApplication is enough.
std::optional<int> answerWithoutDisplay(int argc, char *argv[], const QStringList &args)
{
    {
        CommandLine probe;
        if (probe.parser.parse(args) && !probe.parser.isSet(probe.help) && !probe.parser.isSet(probe.version))
            return std::nullopt;
    }
    QCoreApplication core(argc, argv);
    AppSetup::initIdentity();
    Language::install();
    CommandLine cl;
    if (!cl.parser.parse(args)) {
        std::fprintf(stderr, "%s\n", qPrintable(cl.parser.errorText()));
        return 2;
    }
    if (cl.parser.isSet(cl.version))
        std::printf("understudy %s\n", UNDERSTUDY_VERSION);
    else
        std::printf("%s", qPrintable(cl.parser.helpText()));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (const std::optional<int> code = answerWithoutDisplay(argc, argv, args))
        return *code;

    QApplication app(argc, argv);
    AppSetup::initIdentity();
    Language::install();
    CommandLine cl;
    cl.parser.parse(args); // parsed cleanly above
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/understudy.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.understudy.Understudy"));

    AppServices services;
    Gateway gateway(services.engine, services.metrics);
    gateway.setHealth(&services.health, &services.degradation);
    MainWindow window({services.engine, services.config, services.health, &services.store,
                       &services.degradation, &gateway, &services.drills, &services.history, &services.prices,
                       &services.spend, &services.alerts, &services.alertDelivery});
    QObject::connect(&services, &AppServices::notice, &window, &MainWindow::showNotice);
    services.loadAlertSettings();
    const ConfigManager::LoadReport report = services.loadConfig(cl.parser.value(cl.config), true);
    if (!report.ok && report.error)
        std::fprintf(stderr, "understudy: %s\n", qPrintable(report.error->toString()));
    services.openStore();
    services.health.setProbing(true);
    if (qEnvironmentVariableIsSet("UNDERSTUDY_BENCH_STARTUP"))
        window.installEventFilter(new FirstPaintReporter(&window));
    window.show();
    if (cl.parser.isSet(cl.screenshot))
        Screenshots::run(window, cl.parser.value(cl.screenshot));
    const int code = app.exec();
    services.drainAlerts(); // an alert being delivered as the window closed goes out (bounded wait)
    return code;
}
