#include "mockclock.h"

#include <QPointer>
#include <QTimer>

#include <algorithm>

namespace {

// What both test clocks keep of a timer: when it is due, and in which order it was started.
struct Entry
{
    std::function<void()> fire;
    bool active = false;
    qint64 due = 0;
    quint64 order = 0;
};

// The earliest active entry due at or before `until` (ties: the one started first), or null.
template <typename Timers>
typename Timers::value_type earliestDue(const Timers &timers, qint64 until)
{
    typename Timers::value_type best = nullptr;
    for (auto *t : timers) {
        if (t->entry.active && t->entry.due <= until &&
            (!best ||
             std::pair(t->entry.due, t->entry.order) < std::pair(best->entry.due, best->entry.order)))
            best = t;
    }
    return best;
}

} // namespace

// ---- MockClock ---------------------------------------------------------------------------------

struct MockTimer;

struct MockClock::State
{
    qint64 now = 1'000'000;
    quint64 order = 0;
    std::vector<MockTimer *> timers;
    QObject loop; // context of the event-loop wake-ups for timers due now
};

struct MockTimer final : Clock::Timer
{
    MockTimer(std::shared_ptr<MockClock::State> state, std::function<void()> fire)
        : state(std::move(state))
    {
        entry.fire = std::move(fire);
        this->state->timers.push_back(this);
    }
    ~MockTimer() override { std::erase(state->timers, this); }
    void start(qint64 ms) override
    {
        entry.active = true;
        entry.due = state->now + std::max<qint64>(0, ms);
        entry.order = ++state->order;
        if (ms <= 0)
            wakeFromLoop();
    }
    void stop() override { entry.active = false; }
    bool isActive() const override { return entry.active; }

    // Due now: fires from the event loop, unless stopped or restarted meanwhile.
    void wakeFromLoop()
    {
        const quint64 order = entry.order;
        std::weak_ptr<MockClock::State> weak = state;
        QTimer::singleShot(0, &state->loop, [this, weak, order] {
            const auto s = weak.lock();
            if (!s || std::find(s->timers.begin(), s->timers.end(), this) == s->timers.end())
                return; // the timer is gone
            if (entry.active && entry.order == order && entry.due <= s->now) {
                entry.active = false;
                const std::function<void()> fire = entry.fire; // the callback may destroy the timer
                fire();
            }
        });
    }

    std::shared_ptr<MockClock::State> state;
    Entry entry;
};

MockClock::MockClock()
    : m_state(std::make_shared<State>())
{}

qint64 MockClock::nowMs() const
{
    return m_state->now;
}

QDateTime MockClock::wallNow() const
{
    return m_wallBase.addMSecs(m_state->now);
}

std::unique_ptr<Clock::Timer> MockClock::createTimer(std::function<void()> fire) const
{
    return std::make_unique<MockTimer>(m_state, std::move(fire));
}

void MockClock::advance(qint64 ms)
{
    const qint64 until = m_state->now + std::max<qint64>(0, ms);
    const std::shared_ptr<State> state = m_state; // a timer's callback may destroy the clock's owner
    while (MockTimer *t = earliestDue(state->timers, until)) {
        state->now = std::max(state->now, t->entry.due);
        t->entry.active = false;
        const std::function<void()> fire = t->entry.fire; // may start, stop or destroy timers (this one
        fire();                                           // too): the next pass looks again
    }
    state->now = until;
}

void MockClock::set(qint64 ms)
{
    if (ms >= m_state->now)
        advance(ms - m_state->now);
    else
        m_state->now = ms;
}

int MockClock::pendingTimers() const
{
    return int(std::count_if(m_state->timers.begin(), m_state->timers.end(),
                             [](const MockTimer *t) { return t->entry.active; }));
}

qint64 MockClock::nextDueInMs() const
{
    const MockTimer *t = earliestDue(m_state->timers, std::numeric_limits<qint64>::max());
    return t ? std::max<qint64>(0, t->entry.due - m_state->now) : -1;
}

// ---- JumpClock ---------------------------------------------------------------------------------

struct JumpTimer;

struct JumpClock::State
{
    QElapsedTimer elapsed;
    qint64 offset = 0; // the sum of the jumps
    quint64 order = 0;
    std::vector<JumpTimer *> timers;
    qint64 now() const { return elapsed.elapsed() + offset; }
};

struct JumpTimer final : Clock::Timer
{
    JumpTimer(std::shared_ptr<JumpClock::State> state, std::function<void()> fire)
        : state(std::move(state))
    {
        entry.fire = std::move(fire);
        this->state->timers.push_back(this);
        qt.setSingleShot(true);
        qt.setTimerType(Qt::PreciseTimer);
        QObject::connect(&qt, &QTimer::timeout, &qt, [this] { onTimeout(); });
    }
    ~JumpTimer() override { std::erase(state->timers, this); }
    void start(qint64 ms) override
    {
        entry.active = true;
        entry.due = state->now() + std::max<qint64>(0, ms);
        entry.order = ++state->order;
        arm();
    }
    void stop() override
    {
        entry.active = false;
        qt.stop();
    }
    bool isActive() const override { return entry.active; }

    // The QTimer for the real time left (after a jump: less).
    void arm()
    {
        qt.start(int(std::clamp<qint64>(entry.due - state->now(), 0, std::numeric_limits<int>::max())));
    }
    void onTimeout()
    {
        if (!entry.active)
            return;
        if (entry.due > state->now()) { // a coarse wake-up: not yet
            arm();
            return;
        }
        entry.active = false;
        const std::function<void()> fire = entry.fire; // the callback may destroy the timer
        fire();
    }

    std::shared_ptr<JumpClock::State> state;
    Entry entry;
    QTimer qt;
};

JumpClock::JumpClock()
    : m_state(std::make_shared<State>())
{
    m_state->elapsed.start();
}

qint64 JumpClock::nowMs() const
{
    return m_state->now();
}

QDateTime JumpClock::wallNow() const
{
    return QDateTime::currentDateTimeUtc().addMSecs(m_state->offset);
}

std::unique_ptr<Clock::Timer> JumpClock::createTimer(std::function<void()> fire) const
{
    return std::make_unique<JumpTimer>(m_state, std::move(fire));
}

void JumpClock::jump(qint64 ms)
{
    const std::shared_ptr<State> state = m_state;
    state->offset += std::max<qint64>(0, ms);
    // What the jump passed fires now, in due order; the rest wait the real time left.
    while (JumpTimer *t = earliestDue(state->timers, state->now())) {
        t->entry.active = false;
        t->qt.stop();
        const std::function<void()> fire = t->entry.fire;
        fire();
    }
    for (JumpTimer *t : state->timers) {
        if (t->entry.active)
            t->arm();
    }
}
