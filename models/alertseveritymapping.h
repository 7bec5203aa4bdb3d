#pragma once

#include "diagnosticdata.h"
#include "incidentrules.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>

namespace idesk {

// Which severity an alert's label asks for when an incident is declared from it. The team
// keeps its own in the setting "alert_severity_mapping":
//   {"label": "severity", "levels": {"critical": "SEV-1", "warning": "SEV-2"}, "default": 2}
// Levels are written "SEV-1" or 1; label values match case-insensitively. Without the
// setting, critical → SEV-1, warning → SEV-2, info → SEV-3, anything else SEV-2 (the
// declare dialog's own default: it neither wakes everyone nor hides the incident).
struct AlertSeverityMapping
{
    static inline const QString kSettingKey = QStringLiteral("alert_severity_mapping");

    QString label = QStringLiteral("severity"); // the alert label that carries the severity
    QMap<QString, int> levels; // lower-cased label value → severity level
    int fallback = 2; // the label is missing or its value is not in `levels`

    static AlertSeverityMapping defaults();
    int severityFor(const Alert &alert) const;
    bool operator==(const AlertSeverityMapping &) const = default;
};

// Parsing names the path of the first problem ("levels.critical: ..."); unknown keys are
// ignored so a newer version's setting still reads.
Result<AlertSeverityMapping> alertSeverityMappingFromJson(const QByteArray &json);
QByteArray alertSeverityMappingToJson(const AlertSeverityMapping &mapping);
// The stored setting's value: empty means the defaults.
Result<AlertSeverityMapping> alertSeverityMappingFromSetting(const QString &value);

// What an alert puts into an incident: the fields of the declare dialog, and the line a
// scribe would write on the timeline when the alert is attached. Pure: `now` is passed in.
namespace AlertPrefill {

// annotations.summary, else "alertname (label=value, ...)" without the severity label
// (the severity field says it); cut to the longest title an incident may have.
QString title(const Alert &alert, const AlertSeverityMapping &mapping);
// annotations.description (else summary), then the labels, then where it came from.
QString summary(const Alert &alert);
// Title, mapped severity, summary and started = startsAt (never after `now`).
DeclareRequest declareRequest(const Alert &alert, const AlertSeverityMapping &mapping,
    const QDateTime &now, const QString &author);

// "Alert HighErrorRate firing (severity=critical, job=api): 5% of requests fail".
QString timelineText(const Alert &alert);
// When the alert began (startsAt): the timeline is in order of what happened, and the
// entry's written-at keeps when it was attached. `now` when startsAt is unknown or ahead.
QDateTime timelineTime(const Alert &alert, const QDateTime &now);
// A timeline entry of kind `alert`, ready for IncidentService::logEntry.
NewEntry timelineEntry(const Alert &alert, const QDateTime &now, const QString &author);

// "severity=critical, job=api", alertname first when `withName`, sorted otherwise.
QString labelsText(const Labels &labels, bool withName = true);

} // namespace AlertPrefill
} // namespace idesk
