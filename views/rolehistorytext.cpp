#include "rolehistorytext.h"

#include "presentation.h"

#include <QCoreApplication>

#include <limits>

namespace idesk::RoleHistoryText {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RoleHistoryText", text);
}

// Entries written in the same millisecond as a role entry: the declaration, its
// milestones, the other roles of a declare. A handful; the page allows for more.
constexpr int kEntriesAtOneMoment = 32;

// The separator IncidentRules puts between a role entry's text and its note.
const QString kNoteSeparator = QStringLiteral(" — ");

} // namespace

QString shortTitle(const QString &role)
{
    if (role == Roles::Commander)
        return tr("Commander");
    if (role == Roles::TechLead)
        return tr("Tech lead");
    if (role == Roles::CommsLead)
        return tr("Comms lead");
    if (role == Roles::Scribe)
        return tr("Scribe");
    return Roles::title(role);
}

QString until(const RoleAssignment &assignment, const QDateTime &now)
{
    return assignment.to ? Presentation::localTime(*assignment.to, now) : tr("now");
}

QString period(const RoleAssignment &assignment, const QDateTime &now)
{
    return tr("%1 – %2").arg(Presentation::localTime(assignment.from, now), until(assignment, now));
}

QString noteFromEntryText(const QString &entryText, const QString &person)
{
    const qsizetype name = person.isEmpty() ? -1 : entryText.indexOf(person);
    if (name < 0)
        return {};
    const qsizetype separator = entryText.indexOf(kNoteSeparator, name + person.size());
    if (separator < 0)
        return {};
    return entryText.mid(separator + kNoteSeparator.size()).trimmed();
}

Result<QHash<qint64, QString>> handoffNotes(const IncidentRepository &repository, qint64 incidentId,
    const QList<RoleAssignment> &assignments)
{
    QHash<qint64, QString> notes;
    QHash<qint64, QList<TimelineEntry>>
        pages; // by start time: a declare starts several roles at once
    for (const auto &assignment : assignments) {
        const qint64 from = assignment.from.toMSecsSinceEpoch();
        auto page = pages.find(from);
        if (page == pages.end()) {
            // Strictly after (from − 1 ms, the largest id): the entries at `from` and later.
            const TimelineCursor cursor {
                assignment.from.addMSecs(-1), std::numeric_limits<qint64>::max()};
            auto entries = repository.timelinePage(incidentId, cursor, kEntriesAtOneMoment);
            if (!entries)
                return entries.error();
            page = pages.insert(from, std::move(entries).value());
        }
        for (const auto &entry : *page) {
            if (entry.kind != EntryKind::Role || entry.link.isNull()
                || entry.link.id != assignment.id || entry.isRedacted())
                continue;
            const QString note = noteFromEntryText(entry.text, assignment.person);
            if (!note.isEmpty())
                notes.insert(assignment.id, note);
            break;
        }
    }
    return notes;
}

QString tooltip(const QString &role, const QList<RoleAssignment> &assignments,
    const QHash<qint64, QString> &notes, const QDateTime &now)
{
    QString html = QStringLiteral("<p style='white-space:pre'><b>%1</b></p>")
                       .arg(Roles::title(role).toHtmlEscaped());
    QString rows;
    for (const auto &a : assignments) {
        if (a.role != role)
            continue;
        const QString person = a.person.toHtmlEscaped();
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(a.isCurrent() ? QStringLiteral("<b>%1</b>").arg(person) : person,
                        period(a, now).toHtmlEscaped());
        const QString note = notes.value(a.id);
        if (!note.isEmpty())
            rows += QStringLiteral("<tr><td></td><td><i>%1</i></td></tr>")
                        .arg(tr("Handoff note: %1").arg(note).toHtmlEscaped());
    }
    if (rows.isEmpty())
        return html + QStringLiteral("<p>%1</p>").arg(tr("Nobody has held this role yet."));
    return html + QStringLiteral("<table cellspacing='0' cellpadding='3'>") + rows
        + QStringLiteral("</table>");
}

} // namespace idesk::RoleHistoryText
