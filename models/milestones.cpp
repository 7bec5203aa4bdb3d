#include "milestones.h"

namespace idesk {

namespace {
constexpr const char16_t *kNames[kMilestoneCount] = {
    u"started", u"detected", u"declared", u"acknowledged", u"mitigated", u"resolved", u"closed",
};
constexpr const char16_t *kTitles[kMilestoneCount] = {
    u"Started", u"Detected", u"Declared", u"Acknowledged", u"Mitigated", u"Resolved", u"Closed",
};
} // namespace

QString milestoneName(Milestone m)
{
    return QString::fromUtf16(kNames[static_cast<int>(m)]);
}

QString milestoneTitle(Milestone m)
{
    return QString::fromUtf16(kTitles[static_cast<int>(m)]);
}

std::optional<Milestone> parseMilestone(const QString &text)
{
    const QString wanted = text.trimmed().toLower();
    for (int i = 0; i < kMilestoneCount; ++i) {
        if (wanted == QString::fromUtf16(kNames[i]))
            return static_cast<Milestone>(i);
    }
    return std::nullopt;
}

QList<Milestone> allMilestones()
{
    QList<Milestone> all;
    for (int i = 0; i < kMilestoneCount; ++i)
        all.append(static_cast<Milestone>(i));
    return all;
}

std::optional<qint64> Milestones::span(Milestone from, Milestone to) const
{
    const auto start = get(from);
    const auto end = get(to);
    if (!start || !end)
        return std::nullopt;
    const qint64 seconds = start->secsTo(*end);
    if (seconds < 0)
        return std::nullopt;
    return seconds;
}

} // namespace idesk
