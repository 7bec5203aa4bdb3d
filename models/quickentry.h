#pragma once

#include "incident.h"
#include "result.h"

#include <QDateTime>
#include <QString>

#include <variant>

namespace idesk {

// What a line typed into the timeline's quick entry asks for.
// "14:05 text" backdates to 14:05 today; "/decision text", "/status monitoring",
// "/sev 2", "/assign scribe Dana", "/ic Alice" and friends are commands.
namespace QuickEntry {

struct LogEntry
{
    EntryKind kind = EntryKind::Note;
    QString text;
};
struct SetStatus
{
    Status status;
    bool reopen = false;
};
struct SetSeverity
{
    int level = 0;
    QString reason;
};
struct Assign
{
    QString role;
    QString person;
};
struct SetMilestone
{
    Milestone milestone;
};

using Action = std::variant<LogEntry, SetStatus, SetSeverity, Assign, SetMilestone>;

struct Command
{
    std::optional<QDateTime> at; // set when the line starts with HH:MM
    Action action;
};

Result<Command> parse(const QString &line, const QDateTime &now);

// One line per command, for the inline help.
QString help();

} // namespace QuickEntry
} // namespace idesk
