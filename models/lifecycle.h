#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <optional>

namespace idesk {

enum class Status { Investigating, Identified, Monitoring, Resolved, Closed };

QString statusName(Status status);                        // "investigating"
QString statusTitle(Status status);                       // "Investigating"
std::optional<Status> parseStatus(const QString &text);   // case-insensitive name
QList<Status> allStatuses();

enum class TransitionKind { Forward, Regression, Reopen };

// The one table of allowed lifecycle moves. Forward moves may skip steps; moving
// back is a regression; leaving `closed` needs an explicit reopen.
class Lifecycle
{
public:
    static Result<TransitionKind> check(Status from, Status to, bool explicitReopen);
    // The statuses a user may pick next, in lifecycle order (excludes `from`).
    static QList<Status> allowedTargets(Status from, bool explicitReopen = false);
    static bool isOpen(Status status) { return status < Status::Resolved; }
};

} // namespace idesk
