#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <limits>
#include <memory>

// Time is injected: decisions (backoff, breaker, budget) read the clock through this interface, and
// the waits that carry them out (retry backoff, the request budget, hedging, an attempt's deadlines,
// a breaker's cooldown) are ClockTimers made by it, so tests move time forward instead of sleeping.
class Clock
{
public:
    // One single-shot timer of a clock (ClockTimer wraps it).
    class Timer
    {
    public:
        virtual ~Timer() = default;
        // (Re)starts: fires once, `ms` from now, from the event loop or the test clock's advance(),
        // never from inside start().
        virtual void start(qint64 ms) = 0;
        virtual void stop() = 0;
        virtual bool isActive() const = 0;

    protected:
        Timer() = default;
        Timer(const Timer &) = default;
        Timer &operator=(const Timer &) = default;
    };

    virtual ~Clock() = default;
    // Monotonic milliseconds since an arbitrary epoch: for durations and deadlines.
    virtual qint64 nowMs() const = 0;
    // Wall-clock time: for timestamps shown to people and for HTTP-date headers.
    virtual QDateTime wallNow() const = 0;
    // A timer on this clock that calls `fire` when it is due. The clock must outlive it.
    virtual std::unique_ptr<Timer> createTimer(std::function<void()> fire) const = 0;

protected:
    Clock() = default;
    Clock(const Clock &) = default;
    Clock &operator=(const Clock &) = default;
};

// A single-shot timer on an injected clock: the engine's replacement for a QTimer member.
class ClockTimer final
{
public:
    ClockTimer(const Clock &clock, std::function<void()> fire)
        : m_timer(clock.createTimer(std::move(fire)))
    {}
    void start(qint64 ms) { m_timer->start(ms); }
    void stop() { m_timer->stop(); }
    bool isActive() const { return m_timer->isActive(); }

private:
    std::unique_ptr<Clock::Timer> m_timer;
};

// Real time. Its timers are precise QTimers (a deadline or a Retry-After never fires early).
class SystemClock final : public Clock
{
public:
    SystemClock() { m_elapsed.start(); }
    qint64 nowMs() const override { return m_elapsed.elapsed(); }
    QDateTime wallNow() const override { return QDateTime::currentDateTimeUtc(); }
    std::unique_ptr<Timer> createTimer(std::function<void()> fire) const override
    {
        return std::make_unique<QtTimer>(std::move(fire));
    }

    // A QTimer behind Clock::Timer; also what a test clock that lets real time run builds on.
    class QtTimer final : public Timer
    {
    public:
        explicit QtTimer(std::function<void()> fire)
        {
            m_timer.setSingleShot(true);
            m_timer.setTimerType(Qt::PreciseTimer);
            QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [fire = std::move(fire)] { fire(); });
        }
        void start(qint64 ms) override
        {
            m_timer.start(int(std::clamp<qint64>(ms, 0, std::numeric_limits<int>::max())));
        }
        void stop() override { m_timer.stop(); }
        bool isActive() const override { return m_timer.isActive(); }

    private:
        QTimer m_timer;
    };

private:
    QElapsedTimer m_elapsed;
};
