#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <thread>

// SQLite's quick_check of a big database, on a thread and a read-only connection of its own, so a
// store of gigabytes opens at once (its check at open would read the whole file first). Stops
// within milliseconds when the store closes. A failed check leaves a marker next to the file:
// the next open moves the file aside, as it does a file it cannot open.
class IntegrityCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntegrityCheck)

public:
    explicit IntegrityCheck(QObject *parent = nullptr);
    ~IntegrityCheck() override; // stops a check that is still running

    void start(const QString &path);
    bool isRunning() const { return m_running; }
    static QString markerPath(const QString &databasePath);

signals:
    // Queued to the thread that started it.
    void finished(bool ok, const QString &problem);

private:
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_running{false};
};
