#pragma once

#include "incident.h"
#include "timelineentry.h"

#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QString>

class QWidget;

namespace idesk {

// How the views show domain values: colours, badges and times. Shared by the
// models and widgets of this layer so an incident looks the same everywhere.
namespace Presentation {

// SEV-1 red, SEV-2 orange, SEV-3 amber, anything else grey.
QColor severityColor(int level);
// A small rounded badge in the severity colour, for combo boxes and lists.
QIcon severityIcon(int level);
// A subtle colour per timeline entry kind; invalid for plain notes.
QColor kindColor(EntryKind kind);
QColor mutedTextColor();
QColor errorTextColor();

// "14:05:12" when `at` is on the same local day as `now`, else "2024-11-25 14:05:12".
QString localTime(const QDateTime &at, const QDateTime &now);
// "13:05:12 UTC", with the date when the UTC day differs from the local one shown.
QString utcTime(const QDateTime &at);
// "2024-11-25 14:05:12 (13:05:12 UTC)": the full form for tooltips.
QString localWithUtc(const QDateTime &at);

// Greys a label's text (hints, criteria); colours it as an error (inline messages).
void makeMuted(QWidget *widget);
void makeError(QWidget *widget);
// A bigger, bold font for titles: `delta` points above the widget's own.
void makeTitle(QWidget *widget, int delta);

// "Prevent", "In progress", "Won't do": action item types and statuses as people read them.
QString actionTypeTitle(ActionType type);
QString actionStatusTitle(ActionStatus status);
// Due before `today` and neither done nor won't-do.
bool isOverdue(const ActionItem &item, const QDate &today);

// The person using this desktop: $USER, else $LOGNAME, else "unknown".
QString currentUserName();

} // namespace Presentation
} // namespace idesk
