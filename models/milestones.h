#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace idesk {

enum class Milestone { Started, Detected, Declared, Acknowledged, Mitigated, Resolved, Closed };
constexpr int kMilestoneCount = 7;

QString milestoneName(Milestone m);   // "started"
QString milestoneTitle(Milestone m);  // "Started"
std::optional<Milestone> parseMilestone(const QString &text);
QList<Milestone> allMilestones();

// The incident's milestone timestamps (UTC). Any of them may be unset.
class Milestones
{
public:
    std::optional<QDateTime> get(Milestone m) const { return m_times[index(m)]; }
    void set(Milestone m, std::optional<QDateTime> at) { m_times[index(m)] = std::move(at); }
    bool operator==(const Milestones &) const = default;

    // Derived durations in seconds. A missing milestone, or an end before its
    // start (inconsistent data), gives no figure rather than a wrong one.
    std::optional<qint64> timeToDetect() const { return span(Milestone::Started, Milestone::Detected); }
    std::optional<qint64> timeToAcknowledge() const { return span(Milestone::Detected, Milestone::Acknowledged); }
    std::optional<qint64> timeToMitigate() const { return span(Milestone::Started, Milestone::Mitigated); }
    std::optional<qint64> timeToResolve() const { return span(Milestone::Started, Milestone::Resolved); }
    std::optional<qint64> span(Milestone from, Milestone to) const;

private:
    static int index(Milestone m) { return static_cast<int>(m); }
    std::array<std::optional<QDateTime>, kMilestoneCount> m_times;
};

} // namespace idesk
