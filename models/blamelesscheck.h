#pragma once

#include "incident.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace idesk {

// Language that puts a person, rather than the system, at the centre of the story.
struct BlamelessFinding
{
    // Where, as a path into the incident document (DESIGN §5 keys): "postmortem.root_cause",
    // "timeline[3]", "action_items[0].text". Indexes are positions in the Incident's lists.
    QString field;
    // The same for a person: "Root cause", "Timeline entry at 2024-11-25 15:52 UTC by Bob".
    QString location;
    // The text found, as written, and where it is in that field's text.
    QString matched;
    qsizetype offset = 0;
    qsizetype length = 0;
    // Why it matters, and what to write instead.
    QString reason;
    bool operator==(const BlamelessFinding &) const = default;
};

// The check the app runs before a postmortem is exported (DESIGN §6). It warns and
// never blocks. Matching is case-insensitive on whole words ("default" holds no
// "fault"); blame aimed at a named person is found when the name of someone who held
// a role, wrote on the timeline or owns an action item is followed within a few words
// by a word like "broke", "caused" or "messed up" (or "Bob's fault", "caused by Bob").
namespace BlamelessCheck {

// Every finding in the incident's text fields, in document order: title, summary, the
// postmortem's fields, timeline entries (redacted ones skipped), status updates,
// action items.
QList<BlamelessFinding> run(const Incident &incident);

// The findings in one text, with field and location left empty. `people` are names to
// look for blame aimed at.
QList<BlamelessFinding> scan(const QString &text, const QStringList &people);

// The names `run` looks for: role holders, timeline authors, action item owners.
QStringList peopleIn(const Incident &incident);

} // namespace BlamelessCheck
} // namespace idesk
