// bench_startup: cold start of the GUI to its first painted window, and its memory when idle.
// Starts `understudy` (next to this program) N times on the built-in simulated chain with a fresh
// config and data folder, measures the wall time from process start to the first paint, then, on the
// last run, the resident memory (VmRSS) after 5 s of idling. Offscreen platform unless DISPLAY is set.
// Usage: bench_startup [runs, default 10]

#include "benchutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 10;
    const QString exe = QCoreApplication::applicationDirPath() + QStringLiteral("/understudy");
    QList<qint64> firstPaint;
    long rssKb = -1;
    for (int i = 0; i < runs; ++i) {
        QTemporaryDir home;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("UNDERSTUDY_BENCH_STARTUP"), QStringLiteral("1"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        if (!env.contains(QStringLiteral("DISPLAY")))
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::SeparateChannels);
        QElapsedTimer t;
        t.start();
        p.start(exe, {});
        bool painted = false;
        while (!painted && p.waitForReadyRead(10'000)) {
            while (p.canReadLine()) {
                if (p.readLine().startsWith("first-paint"))
                    painted = true;
            }
        }
        if (!painted) {
            std::fprintf(stderr, "no first paint reported: %s\n", p.readAllStandardError().constData());
            return 1;
        }
        firstPaint.append(t.nsecsElapsed() / 1000);
        if (i == runs - 1) {
            QThread::sleep(5);
            QFile status(QStringLiteral("/proc/%1/status").arg(p.processId()));
            if (status.open(QIODevice::ReadOnly)) {
                for (const QByteArray &line : status.readAll().split('\n')) {
                    if (line.startsWith("VmRSS:"))
                        rssKb = line.mid(6).trimmed().split(' ').first().toLong();
                }
            }
        }
        p.terminate();
        p.waitForFinished(5000);
    }
    std::printf("Cold start to first paint (%d runs, %s platform)\n", runs,
                qEnvironmentVariableIsSet("DISPLAY") ? "window system" : "offscreen");
    Bench::row("process start -> first painted window", firstPaint);
    std::printf("  idle RSS after 5 s: %.1f MiB\n", double(rssKb) / 1024.0);
    return 0;
}
