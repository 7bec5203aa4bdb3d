#pragma once

#include "incident.h"

#include <QList>
#include <QString>

namespace idesk::cli {

// Plain-text renderings for the terminal. Times are UTC so scripts and people
// in different time zones read the same thing.
QString incidentListText(const QList<IncidentSummary> &incidents, const QDateTime &now);
QString incidentText(const Incident &incident, const QDateTime &now);
QByteArray incidentListJson(const QList<IncidentSummary> &incidents);

} // namespace idesk::cli
