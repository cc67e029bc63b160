#pragma once

#include <QObject>

// Turns SIGINT and SIGTERM into a Qt signal, through a self-pipe (the only async-signal-safe way).
class SignalWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signal);

private:
    void onReadable();
};
