#pragma once

#include <QDateTime>

namespace idesk {

// The time source for every rule that depends on "now", injectable so tests never sleep.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // UTC, millisecond precision
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

// A clock a test sets by hand.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start) : m_now(start.toUTC()) { }
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &at) { m_now = at.toUTC(); }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

} // namespace idesk
