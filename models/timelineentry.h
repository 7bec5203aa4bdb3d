#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace idesk {

enum class EntryKind {
    Note, Decision, Action, Observation, Status, Severity, Role, Milestone, Update, Alert, Diagnostic
};

QString entryKindName(EntryKind kind); // "note"
std::optional<EntryKind> parseEntryKind(const QString &text);
QList<EntryKind> allEntryKinds();
// Kinds a person writes; the rest are written by the app when it records an event.
bool isUserKind(EntryKind kind);

// What an entry records, when it records an object (a status update, a role
// assignment, ...). Stored as "update:12"; empty when the entry stands alone.
struct EntryLink
{
    QString type;
    qint64 id = 0;
    bool isNull() const { return type.isEmpty(); }
    QString toString() const;
    static EntryLink fromString(const QString &text);
    bool operator==(const EntryLink &) const = default;
};

// The text an entry had before an edit replaced it.
struct Revision
{
    QString text;
    QDateTime replacedAt;
    QString replacedBy;
    bool operator==(const Revision &) const = default;
};

struct Redaction
{
    QString reason;
    QDateTime at;
    QString by;
    bool operator==(const Redaction &) const = default;
};

// One line of the append-only timeline. `at` is when it happened, `writtenAt`
// when it was written (a backdated entry has at < writtenAt).
struct TimelineEntry
{
    qint64 id = 0;
    qint64 incidentId = 0;
    QDateTime at;
    QDateTime writtenAt;
    EntryKind kind = EntryKind::Note;
    QString author;
    QString text;
    EntryLink link;
    QList<Revision> revisions; // oldest first
    std::optional<Redaction> redaction;

    bool isEdited() const { return !revisions.isEmpty(); }
    bool isRedacted() const { return redaction.has_value(); }
    bool operator==(const TimelineEntry &) const = default;
};

} // namespace idesk
