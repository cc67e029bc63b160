#pragma once

#include "util/clock.h"

#include <QTimeZone>

// A clock the test moves by hand: breaker cooldowns and backoff decisions without sleeping.
class MockClock final : public Clock
{
public:
    qint64 nowMs() const override { return m_now; }
    QDateTime wallNow() const override { return m_wallBase.addMSecs(m_now); }
    void advance(qint64 ms) { m_now += ms; }
    void set(qint64 ms) { m_now = ms; }

private:
    qint64 m_now = 1'000'000;
    QDateTime m_wallBase = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
};
