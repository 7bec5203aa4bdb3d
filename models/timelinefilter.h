#pragma once

#include "timelineentry.h"

#include <QList>
#include <QString>

namespace idesk {

// Which entries of a timeline to show: what the incident page's filter bar asks
// for, answered by the store a page at a time (IncidentRepository::timelinePage
// with a filter). Every part that is set must hold:
//  - kinds:  the entry is of one of these kinds (any kind when empty);
//  - author: the author's name contains this text;
//  - text:   the entry's text contains this text, as typed (one phrase, not words).
// Contains means: anywhere, ignoring the case of A–Z (SQLite's LIKE). Every
// character is literal: `%`, `_`, `\`, quotes and `*` are plain text, and a
// redacted entry has no text to match. Leading and trailing spaces are ignored.
struct TimelineFilter
{
    QList<EntryKind> kinds;
    QString author;
    QString text;

    // Nothing is filtered.
    bool isEmpty() const;
    // The same rule in C++: tests use it as the oracle for the store's answer.
    bool matches(const TimelineEntry &entry) const;
    // The filter with author and text trimmed and kinds sorted without repeats:
    // two filters that select the same entries compare equal once normalised.
    TimelineFilter normalised() const;

    bool operator==(const TimelineFilter &) const = default;
};

} // namespace idesk
