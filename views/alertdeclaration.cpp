#include "alertdeclaration.h"

#include "alertseveritymapping.h"
#include "declaredialog.h"

#include <QCoreApplication>

namespace idesk::AlertDeclaration {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AlertDeclaration", text);
}
} // namespace

DeclareDialog *open(IncidentService &service, const Alert &alert, const QString &userName,
    QWidget *parent, Declared declared)
{
    QStringList notes;
    AlertSeverityMapping mapping = AlertSeverityMapping::defaults();
    const auto stored = service.repository().setting(AlertSeverityMapping::kSettingKey);
    const auto parsed = stored ? alertSeverityMappingFromSetting(*stored)
                               : Result<AlertSeverityMapping>(stored.error());
    if (parsed)
        mapping = *parsed;
    else
        notes.append(tr("The team's alert severity mapping cannot be used (%1); the defaults "
                        "apply.")
                         .arg(parsed.errorMessage()));

    const DeclareRequest request
        = AlertPrefill::declareRequest(alert, mapping, service.clock().now(), userName);
    const QString name = alert.name().isEmpty() ? tr("(unnamed)") : alert.name();
    const QString label = alert.labels.value(mapping.label);
    notes.prepend(label.isEmpty()
            ? tr("Prefilled from alert %1; it has no %2 label, so %3.")
                  .arg(name, mapping.label, SeverityDefinition::severityName(request.severity))
            : tr("Prefilled from alert %1: %2=%3 means %4.")
                  .arg(name, mapping.label, label,
                      SeverityDefinition::severityName(request.severity)));
    notes.append(tr("The alert goes on the new incident's timeline."));

    auto *dialog = new DeclareDialog(service, userName, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Declare Incident from Alert"));
    if (!dialog->prefill(request, notes.join(u' ')))
        dialog->prefill(request,
            notes.join(u' ') + u' '
                + tr("%1 is not one of the team's severities: choose one.")
                      .arg(SeverityDefinition::severityName(request.severity)));
    QObject::connect(
        dialog, &DeclareDialog::declared, dialog, [&service, alert, userName, declared](qint64 id) {
            const NewEntry entry
                = AlertPrefill::timelineEntry(alert, service.clock().now(), userName);
            const auto logged = service.logEntry(id, entry);
            if (declared)
                declared(id, logged ? VoidResult() : VoidResult(logged.error()));
        });
    dialog->open();
    return dialog;
}

} // namespace idesk::AlertDeclaration
