// understudy: the desktop console. The composition root: builds the object graph once and wires it.

#include "common/appsetup.h"
#include "common/services.h"
#include "gateway/gateway.h"
#include "mainwindow.h"
#include "screenshots.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QTimer>

#include <cstdio>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("understudy", text);
}

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

} // namespace

int main(int argc, char *argv[])
{
    // Parse first, so --help and --version work without a display.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Understudy: an operations console for multi-provider LLM failover."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                     tr("Use the config FILE instead of the one in your config folder."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), tr("Save a PNG of each view into DIR, then quit."), QStringLiteral("DIR"));
    parser.addOption(config);
    parser.addOption(screenshot);
    if (!parser.parse(args)) {
        std::fprintf(stderr, "%s\n", qPrintable(parser.errorText()));
        return 2;
    }
    AppSetup::initIdentity();
    if (parser.isSet(version)) {
        std::printf("understudy %s\n", UNDERSTUDY_VERSION);
        return 0;
    }
    if (parser.isSet(help)) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }

    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/understudy.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.understudy.Understudy"));

    AppServices services;
    Gateway gateway(services.engine, services.metrics);
    MainWindow window({services.engine, services.config, services.health, &services.store,
                       &services.degradation, &gateway, &services.drills, &services.history, &services.prices,
                       &services.spend, &services.alerts, &services.alertDelivery});
    QObject::connect(&services, &AppServices::notice, &window, &MainWindow::showNotice);
    services.loadAlertSettings();
    const ConfigManager::LoadReport report = services.loadConfig(parser.value(config), true);
    if (!report.ok && report.error)
        std::fprintf(stderr, "understudy: %s\n", qPrintable(report.error->toString()));
    services.openStore();
    services.health.setProbing(true);
    if (qEnvironmentVariableIsSet("UNDERSTUDY_BENCH_STARTUP"))
        window.installEventFilter(new FirstPaintReporter(&window));
    window.show();
    if (parser.isSet(screenshot))
        Screenshots::run(window, parser.value(screenshot));
    const int code = app.exec();
    services.drainAlerts(); // an alert being delivered as the window closed goes out (bounded wait)
    return code;
}
