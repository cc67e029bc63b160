#pragma once

#include "util/clock.h"

#include <QElapsedTimer>
#include <QTimeZone>

#include <memory>
#include <vector>

// A clock the test moves by hand: breaker cooldowns, backoff, budgets and deadlines without
// sleeping. Time stands still until advance(); the timers it passes fire inside advance(), in the
// order they fall due, each seeing nowMs() at its own due time. A timer due at the present moment
// (started with 0 ms, or left due by set()) fires from the event loop, as a QTimer would.
class MockClock final : public Clock
{
public:
    MockClock();
    qint64 nowMs() const override;
    QDateTime wallNow() const override;
    std::unique_ptr<Timer> createTimer(std::function<void()> fire) const override;
    void advance(qint64 ms);
    // Moves to `ms` (forward: as advance(); backward: no timer fires).
    void set(qint64 ms);
    // The timers started and not yet fired or stopped.
    int pendingTimers() const;
    // How long until the next of them is due (-1: none).
    qint64 nextDueInMs() const;

    struct State;

private:
    std::shared_ptr<State> m_state;
    QDateTime m_wallBase = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
};

// Real time that a test can jump forward: what runs against a loopback server (real sockets, real
// delays) keeps its deadlines, while a cooldown or a Retry-After of seconds is skipped with jump()
// instead of slept. Timers fire from the event loop when due, or at once (in due order) when a jump
// passes them.
class JumpClock final : public Clock
{
public:
    JumpClock();
    qint64 nowMs() const override;
    QDateTime wallNow() const override;
    std::unique_ptr<Timer> createTimer(std::function<void()> fire) const override;
    void jump(qint64 ms);

    struct State;

private:
    std::shared_ptr<State> m_state;
};
