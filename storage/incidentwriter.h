#pragma once

#include "incident.h"
#include "result.h"
#include "sqlitestatement.h"

#include <QDateTime>

namespace idesk {

class SqliteConnection;

// The INSERTs and UPDATEs behind the repository's mutating calls. Each function is
// one step of a transaction the caller holds; none of them begins or commits.
namespace IncidentWriter {

// Type names of EntryLink ("update:12") for the objects an incident owns.
namespace LinkType {
inline const QString Role = QStringLiteral("role");
inline const QString Update = QStringLiteral("update");
inline const QString Action = QStringLiteral("action");
inline const QString Diagnostic = QStringLiteral("diagnostic");
} // namespace LinkType

// Inserts the header with revision 1 and returns the new incident id.
Result<qint64> insertHeader(
    SqliteConnection &db, const IncidentHeader &header, const QDateTime &now);
// Writes every header field, including `header.revision`.
VoidResult updateHeader(SqliteConnection &db, const IncidentHeader &header, const QDateTime &now);
// Marks the incident changed without touching its revision (appends and edits).
VoidResult touch(SqliteConnection &db, qint64 incidentId, const QDateTime &now);

Result<qint64> insertRole(SqliteConnection &db, qint64 incidentId, const RoleAssignment &role);
// Ends an open assignment; an unknown or already closed one is a Conflict.
VoidResult closeRole(
    SqliteConnection &db, qint64 incidentId, qint64 assignmentId, const QDateTime &at);

Result<qint64> insertStatusUpdate(
    SqliteConnection &db, qint64 incidentId, const StatusUpdate &update);

// Appends the item after the incident's last one (its "action N" number).
Result<qint64> insertActionItem(SqliteConnection &db, qint64 incidentId, const ActionItem &item);
VoidResult updateActionItem(
    SqliteConnection &db, qint64 incidentId, qint64 itemId, const ActionItem &item);

// Deletes the item and renumbers the items after it, so the numbers stay the
// creation order of the remaining items (1, 2, ... without gaps).
VoidResult removeActionItem(SqliteConnection &db, qint64 incidentId, qint64 itemId);

Result<qint64> insertDiagnostic(
    SqliteConnection &db, qint64 incidentId, const DiagnosticSnapshot &snapshot);

VoidResult writePostmortem(SqliteConnection &db, qint64 incidentId, const Postmortem &postmortem);

// Inserts timeline entries (with their revisions and redactions, as
// insertEntry below) through statements prepared once, for callers that insert
// many: an import of 100,000 entries otherwise spends a large share of its
// time preparing the same two statements again. Lives within one transaction.
class EntryWriter
{
public:
    explicit EntryWriter(SqliteConnection &db) : m_db(db) { }
    Result<qint64> insert(qint64 incidentId, const TimelineEntry &entry);

private:
    SqliteConnection &m_db;
    std::optional<SqliteStatement> m_entry;
    std::optional<SqliteStatement> m_revision;
};

// Inserts an entry with its revisions and redaction. A redacted entry is stored
// with its text (and its revisions' texts) blanked, as redactEntry() leaves it.
Result<qint64> insertEntry(SqliteConnection &db, qint64 incidentId, const TimelineEntry &entry);
// Keeps the current text as the newest revision, then replaces it.
VoidResult editEntry(SqliteConnection &db, qint64 entryId, const QString &newText,
    const QString &author, const QDateTime &at);
// Records the redaction and blanks every stored copy of the entry's text.
VoidResult redactEntry(SqliteConnection &db, qint64 entryId, const Redaction &redaction);

// Sets a team setting; an empty value removes it.
VoidResult setSetting(SqliteConnection &db, const QString &key, const QString &value);

} // namespace IncidentWriter
} // namespace idesk
