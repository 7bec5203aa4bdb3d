#pragma once

#include "diagnosticdata.h"
#include "incidentservice.h"

#include <functional>

class QWidget;

namespace idesk {

class DeclareDialog;

// "Declare from alert": the declare dialog, prefilled from an alert through the team's
// alert severity mapping (setting "alert_severity_mapping"), and on accept the alert
// attached to the new incident as an `alert` entry.
namespace AlertDeclaration {

// The outcome once the incident exists: its id, and whether attaching the alert worked.
using Declared = std::function<void(qint64 incidentId, const VoidResult &attached)>;

// Opens the dialog (window-modal, deleted on close) and returns it.
DeclareDialog *open(IncidentService &service, const Alert &alert, const QString &userName,
    QWidget *parent, Declared declared);

} // namespace AlertDeclaration
} // namespace idesk
