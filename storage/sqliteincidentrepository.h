#pragma once

#include "incidentrepository.h"
#include "sqliteconnection.h"

#include <QString>

#include <memory>

namespace idesk {

// The storage port on one SQLite file (DESIGN.md §3). Every mutating call is one
// transaction, committed before it returns. Several repositories (in this process
// or others, e.g. the GUI and a CLI command) may use the same file at once; WAL and
// the busy timeout let them take turns.
//
// Not thread-safe: use one repository per thread.
class SqliteIncidentRepository final : public IncidentRepository
{
public:
    enum class OpenMode {
        CreateIfMissing, // a missing file (and its folders) is created
        MustExist, // a missing file is a NotFound error
    };

    // Opens `path`, or an in-memory database for ":memory:". An existing file is
    // inspected read-only first and refused, untouched, when it is not an
    // IncidentDesk database, is corrupt, or comes from a newer IncidentDesk;
    // otherwise pending schema migrations run.
    static Result<std::unique_ptr<SqliteIncidentRepository>> open(
        const QString &path, OpenMode mode = OpenMode::CreateIfMissing);

    ~SqliteIncidentRepository() override;
    SqliteIncidentRepository(const SqliteIncidentRepository &) = delete;
    SqliteIncidentRepository &operator=(const SqliteIncidentRepository &) = delete;

    QString path() const { return m_path; }

    Result<QList<SeverityDefinition>> severities() const override;

    // Entry links to the incident's own objects ("update:77") follow them to
    // their new ids; a redacted entry is stored already blanked.
    Result<qint64> insertIncident(const Incident &incident) override;
    VoidResult apply(qint64 incidentId, std::optional<qint64> expectedRevision,
        const ChangeSet &changes) override;
    Result<qint64> appendEntry(qint64 incidentId, const NewEntry &entry) override;
    VoidResult editEntry(qint64 entryId, const QString &newText, const QString &author,
        const QDateTime &at) override;
    VoidResult redactEntry(qint64 entryId, const Redaction &redaction) override;

    // Open incidents first (investigating, identified, monitoring), then resolved
    // (and closed, with includeClosed); within each, SEV-1 before SEV-2, then the
    // most recent start first, incidents without a start last.
    Result<QList<IncidentSummary>> listIncidents(bool includeClosed) const override;
    Result<IncidentHeader> loadHeader(qint64 incidentId) const override;
    Result<Incident> loadIncident(qint64 incidentId) const override;
    Result<Incident> loadIncidentParts(
        qint64 incidentId, const IncidentParts &parts) const override;
    Result<QList<RoleAssignment>> roles(qint64 incidentId) const override;
    Result<TimelineEntry> entry(qint64 entryId) const override;
    Result<QList<TimelineEntry>> timelinePage(
        qint64 incidentId, TimelineCursor after, int limit) const override;
    Result<qint64> timelineCount(qint64 incidentId) const override;
    // Text and author match with LIKE: a scan of the incident's entries, which
    // stops once a page is full (docs/PERFORMANCE.md has the costs).
    Result<QList<TimelineEntry>> filteredTimelinePage(qint64 incidentId,
        const TimelineFilter &filter, TimelineCursor after, int limit) const override;
    Result<QList<TimelineEntry>> filteredTimelinePageBefore(qint64 incidentId,
        const TimelineFilter &filter, std::optional<TimelineCursor> before,
        int limit) const override;
    Result<qint64> filteredTimelineCount(
        qint64 incidentId, const TimelineFilter &filter) const override;

    Result<QList<IncidentSummary>> incidentPage(
        const std::optional<IncidentSummary> &after, int limit) const override;
    Result<IncidentSummary> incidentSummary(qint64 incidentId) const override;

    // Open incidents' items first, then by due date (items without one last),
    // then by incident and number.
    Result<QList<ActionItemRow>> allActionItems() const override;

    Result<QString> setting(const QString &key) const override;
    // An empty value removes the setting.
    VoidResult setSetting(const QString &key, const QString &value) override;

    // `text` is plain words, not FTS syntax: every word must occur (in any
    // order), the last one as a prefix so results come while typing. Best
    // match first (bm25); an empty or blank text finds nothing.
    Result<QList<SearchHit>> search(const QString &text, int limit) const override;

    // Copies the database through SQLite's online backup API into a new file
    // at `path` (written beside it under a temporary name, then renamed into
    // place). Refuses when `path` exists already.
    VoidResult backupTo(const QString &path) const override;

    // PRAGMA data_version: moves only when another connection commits.
    Result<qint64> externalChangeStamp() const override;

    // The same file opened again (it must still exist); ":memory:" cannot be.
    Result<std::unique_ptr<IncidentRepository>> openConnection() const override;

private:
    SqliteIncidentRepository(QString path, SqliteConnection db);

    QString m_path;
    // Reads are const in the port but still step statements on the handle.
    mutable SqliteConnection m_db;
};

} // namespace idesk
