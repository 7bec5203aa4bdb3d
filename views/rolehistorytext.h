#pragma once

#include "incident.h"
#include "incidentrepository.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace idesk {

// How the views write who held a role and when: the roles panel's history and the
// header's who's-who chips share these, so a handoff reads the same in both.
namespace RoleHistoryText {

// "Commander", "Tech lead", "Comms lead", "Scribe": the short names a chip has room
// for; a custom role as Roles::title writes it ("Customer liaison").
QString shortTitle(const QString &role);

// When an assignment ended, in local time ("15:20:00", with the date on another day),
// or "now" while it is current.
QString until(const RoleAssignment &assignment, const QDateTime &now);
// "14:05:00 – now": the assignment's interval in local time.
QString period(const RoleAssignment &assignment, const QDateTime &now);

// The handoff note of an assignment, from the text of the role entry that recorded it
// ("Alice handed Incident Commander to Bob — shift change" gives "shift change"): what
// follows the first " — " after the person's name; empty when there is none.
QString noteFromEntryText(const QString &entryText, const QString &person);

// The handoff notes of `assignments` by assignment id. A note lives in the text of the
// role entry written with the assignment, at the assignment's own start, so each one is
// a short keyset page from that moment, never a read of the whole timeline. Redacted
// entries give no note; an edited one gives its current text.
Result<QHash<qint64, QString>> handoffNotes(const IncidentRepository &repository, qint64 incidentId,
    const QList<RoleAssignment> &assignments);

// A rich-text tooltip: the role's full title, then every assignment of it, oldest first
// (person, from–to in local time, the handoff note), the current holder in bold.
QString tooltip(const QString &role, const QList<RoleAssignment> &assignments,
    const QHash<qint64, QString> &notes, const QDateTime &now);

} // namespace RoleHistoryText
} // namespace idesk
