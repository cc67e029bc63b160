#pragma once

#include <QtGlobal>

#include <array>

// How many things happened in the last minute, in 60 one-second slots: counting is O(1) and the
// memory is the same at one request a minute or ten thousand a second (a list of timestamps grew
// with the rate). Accurate to the second at the window's edge.
class RateWindow
{
public:
    static constexpr int Slots = 60;

    void add(qint64 nowMs, int n = 1)
    {
        Slot &s = slotAt(nowMs);
        s.count += n;
    }

    qint64 count(qint64 nowMs) const
    {
        const qint64 current = nowMs / 1000;
        qint64 total = 0;
        for (const Slot &s : m_slots) {
            if (s.second > current - Slots && s.second <= current)
                total += s.count;
        }
        return total;
    }

private:
    struct Slot
    {
        qint64 second = -1;
        qint64 count = 0;
    };
    Slot &slotAt(qint64 nowMs)
    {
        const qint64 second = nowMs / 1000;
        Slot &s = m_slots[size_t(((second % Slots) + Slots) % Slots)];
        if (s.second != second) {
            s.second = second;
            s.count = 0;
        }
        return s;
    }

    std::array<Slot, Slots> m_slots{};
};
