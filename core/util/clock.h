#pragma once

#include <QDateTime>
#include <QElapsedTimer>

// Time is injected: decisions (backoff, breaker, budget) read the clock through this interface,
// so tests drive them with a MockClock instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    // Monotonic milliseconds since an arbitrary epoch: for durations and deadlines.
    virtual qint64 nowMs() const = 0;
    // Wall-clock time: for timestamps shown to people and for HTTP-date headers.
    virtual QDateTime wallNow() const = 0;
};

class SystemClock final : public Clock
{
public:
    SystemClock() { m_timer.start(); }
    qint64 nowMs() const override { return m_timer.elapsed(); }
    QDateTime wallNow() const override { return QDateTime::currentDateTimeUtc(); }

private:
    QElapsedTimer m_timer;
};
