#include "lifecycle.h"

#include <QCoreApplication>

namespace idesk {

namespace {
struct StatusNames
{
    Status status;
    const char16_t *name;
    const char16_t *title;
};
constexpr StatusNames kStatusNames[] = {
    {Status::Investigating, u"investigating", u"Investigating"},
    {Status::Identified, u"identified", u"Identified"},
    {Status::Monitoring, u"monitoring", u"Monitoring"},
    {Status::Resolved, u"resolved", u"Resolved"},
    {Status::Closed, u"closed", u"Closed"},
};
} // namespace

QString statusName(Status status)
{
    return QString::fromUtf16(kStatusNames[static_cast<int>(status)].name);
}

QString statusTitle(Status status)
{
    return QString::fromUtf16(kStatusNames[static_cast<int>(status)].title);
}

std::optional<Status> parseStatus(const QString &text)
{
    const QString wanted = text.trimmed().toLower();
    for (const auto &entry : kStatusNames) {
        if (wanted == QString::fromUtf16(entry.name))
            return entry.status;
    }
    return std::nullopt;
}

QList<Status> allStatuses()
{
    QList<Status> all;
    for (const auto &entry : kStatusNames)
        all.append(entry.status);
    return all;
}

Result<TransitionKind> Lifecycle::check(Status from, Status to, bool explicitReopen)
{
    if (from == to)
        return Error::validation(
                QCoreApplication::translate("Lifecycle", "The incident is already %1.")
                        .arg(statusName(to)));
    if (from == Status::Closed) {
        if (!explicitReopen)
            return Error::validation(QCoreApplication::translate(
                    "Lifecycle", "The incident is closed; reopen it explicitly to move it to %1.")
                                             .arg(statusName(to)));
        return TransitionKind::Reopen;
    }
    if (to > from)
        return TransitionKind::Forward;
    return from == Status::Resolved ? TransitionKind::Reopen : TransitionKind::Regression;
}

QList<Status> Lifecycle::allowedTargets(Status from, bool explicitReopen)
{
    QList<Status> targets;
    for (Status to : allStatuses()) {
        if (check(from, to, explicitReopen).ok())
            targets.append(to);
    }
    return targets;
}

} // namespace idesk
