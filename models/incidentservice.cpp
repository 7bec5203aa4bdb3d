#include "incidentservice.h"

#include "incidentmetrics.h"

#include <QCoreApplication>

namespace idesk {

namespace {
constexpr int kConflictRetries = 5;
}

IncidentService::IncidentService(IncidentRepository &repository, const Clock &clock,
                                 QObject *parent)
    : QObject(parent), m_repository(repository), m_clock(clock)
{
}

QDateTime IncidentService::resolveTime(std::optional<QDateTime> at) const
{
    return at ? at->toUTC() : m_clock.now();
}

VoidResult IncidentService::applyPlanned(qint64 incidentId, const Planner &plan)
{
    for (int attempt = 0; attempt < kConflictRetries; ++attempt) {
        const auto header = m_repository.loadHeader(incidentId);
        if (!header)
            return header.error();
        const auto changes = plan(*header);
        if (!changes)
            return changes.error();
        if (IncidentRules::isEmpty(*changes))
            return {}; // nothing to write, nothing changed
        const auto applied = m_repository.apply(incidentId, header->revision, *changes);
        if (applied) {
            Q_EMIT incidentChanged(incidentId);
            return {};
        }
        if (applied.error().kind != Error::Kind::Conflict)
            return applied;
    }
    return Error::conflict(QCoreApplication::translate(
            "IncidentService", "%1 kept changing under this command; try again.")
                                   .arg(formatIncidentId(incidentId)));
}

Result<qint64> IncidentService::declare(const DeclareRequest &request)
{
    const auto severities = m_repository.severities();
    if (!severities)
        return severities.error();
    const auto incident = IncidentRules::planDeclare(request, *severities, m_clock.now());
    if (!incident)
        return incident.error();
    auto id = m_repository.insertIncident(*incident);
    if (id)
        Q_EMIT incidentDeclared(*id);
    return id;
}

Result<qint64> IncidentService::importIncident(const Incident &incident)
{
    auto id = m_repository.insertIncident(incident);
    if (id)
        Q_EMIT incidentDeclared(*id);
    return id;
}

Result<qint64> IncidentService::log(qint64 incidentId, EntryKind kind, const QString &text,
                                    std::optional<QDateTime> at, const QString &author)
{
    const auto entry = IncidentRules::planEntry(kind, text, resolveTime(at), author);
    if (!entry)
        return entry.error();
    auto id = m_repository.appendEntry(incidentId, *entry);
    if (id)
        Q_EMIT incidentChanged(incidentId);
    return id;
}

Result<qint64> IncidentService::logEntry(qint64 incidentId, const NewEntry &entry)
{
    auto checked = IncidentRules::planEntry(entry.kind, entry.text, entry.at, entry.author);
    if (!checked)
        return checked.error();
    checked->link = entry.link;
    auto id = m_repository.appendEntry(incidentId, *checked);
    if (id)
        Q_EMIT incidentChanged(incidentId);
    return id;
}

VoidResult IncidentService::editEntry(qint64 entryId, const QString &newText,
                                      const QString &author)
{
    const auto entry = m_repository.entry(entryId);
    if (!entry)
        return entry.error();
    if (auto ok = IncidentRules::checkEdit(*entry, newText); !ok)
        return ok;
    auto edited = m_repository.editEntry(entryId, newText.trimmed(), author, m_clock.now());
    if (edited)
        Q_EMIT incidentChanged(entry->incidentId);
    return edited;
}

VoidResult IncidentService::redactEntry(qint64 entryId, const QString &reason,
                                        const QString &author)
{
    const auto entry = m_repository.entry(entryId);
    if (!entry)
        return entry.error();
    if (auto ok = IncidentRules::checkRedaction(*entry, reason); !ok)
        return ok;
    auto redacted = m_repository.redactEntry(entryId, {reason.trimmed(), m_clock.now(), author});
    if (redacted)
        Q_EMIT incidentChanged(entry->incidentId);
    return redacted;
}

VoidResult IncidentService::changeStatus(qint64 incidentId, Status to,
                                         std::optional<QDateTime> at, const QString &author,
                                         bool explicitReopen)
{
    const QDateTime when = resolveTime(at);
    return applyPlanned(incidentId, [&](const IncidentHeader &header) {
        return IncidentRules::planStatusChange(header, to, when, author, explicitReopen);
    });
}

VoidResult IncidentService::changeSeverity(qint64 incidentId, int level,
                                           std::optional<QDateTime> at, const QString &author,
                                           const QString &reason)
{
    const auto severities = m_repository.severities();
    if (!severities)
        return severities.error();
    const QDateTime when = resolveTime(at);
    return applyPlanned(incidentId, [&](const IncidentHeader &header) {
        return IncidentRules::planSeverityChange(header, level, *severities, when, author,
                                                 reason);
    });
}

VoidResult IncidentService::setMilestone(qint64 incidentId, Milestone milestone,
                                         std::optional<QDateTime> at, const QString &author)
{
    const QDateTime now = m_clock.now();
    return applyPlanned(incidentId, [&](const IncidentHeader &header) {
        return IncidentRules::planMilestone(header, milestone, at, author, now);
    });
}

VoidResult IncidentService::assignRole(qint64 incidentId, const QString &role,
                                       const QString &person, std::optional<QDateTime> at,
                                       const QString &author, const QString &note)
{
    const QDateTime when = resolveTime(at);
    return applyPlanned(incidentId, [&](const IncidentHeader &header) -> Result<ChangeSet> {
        const auto roles = m_repository.roles(header.id);
        if (!roles)
            return roles.error();
        return IncidentRules::planRoleAssignment(header, *roles, role, person, when, author,
                                                 note);
    });
}

VoidResult IncidentService::postStatusUpdate(qint64 incidentId, const StatusUpdate &update,
                                             const QString &author)
{
    const auto severities = m_repository.severities();
    if (!severities)
        return severities.error();
    StatusUpdate stamped = update;
    if (!stamped.at.isValid())
        stamped.at = m_clock.now();
    return applyPlanned(incidentId, [&](const IncidentHeader &header) {
        return IncidentRules::planStatusUpdate(header, stamped, *severities, author);
    });
}

VoidResult IncidentService::pinDiagnostic(qint64 incidentId, const DiagnosticSnapshot &snapshot,
                                          const QString &title, const QString &author)
{
    return applyPlanned(incidentId, [&](const IncidentHeader &) {
        return IncidentRules::planPinDiagnostic(snapshot, title, author);
    });
}

Result<int> IncidentService::addActionItem(qint64 incidentId, const ActionItem &item)
{
    const auto applied = applyPlanned(incidentId, [&](const IncidentHeader &) {
        return IncidentRules::planNewActionItem(item);
    });
    if (!applied)
        return applied.error();
    const auto incident = m_repository.loadIncident(incidentId);
    if (!incident)
        return incident.error();
    return int(incident->actionItems.size());
}

VoidResult IncidentService::setActionItemStatus(qint64 incidentId, int number,
                                                ActionStatus status)
{
    const auto incident = m_repository.loadIncident(incidentId);
    if (!incident)
        return incident.error();
    if (number < 1 || number > incident->actionItems.size())
        return Error::validation(
                QCoreApplication::translate("IncidentService",
                                            "%1 has no action item %2 (it has %3).")
                        .arg(formatIncidentId(incidentId))
                        .arg(number)
                        .arg(incident->actionItems.size()));
    ActionItem item = incident->actionItems.at(number - 1);
    if (item.status == status)
        return Error::validation(QCoreApplication::translate("IncidentService",
                                                             "Action item %1 is already %2.")
                                         .arg(number)
                                         .arg(actionStatusName(status)));
    item.status = status;
    return applyPlanned(incidentId, [&](const IncidentHeader &) -> Result<ChangeSet> {
        ChangeSet changes;
        changes.actionItemChange = ActionItemChange{item.id, item};
        return changes;
    });
}

Result<QList<ActionItem>> IncidentService::actionItems(qint64 incidentId) const
{
    auto incident = m_repository.loadIncident(incidentId);
    if (!incident)
        return incident.error();
    return std::move(incident->actionItems);
}

VoidResult IncidentService::updateActionItem(qint64 incidentId, int number,
                                             const ActionItem &item)
{
    return applyPlanned(incidentId, [&](const IncidentHeader &) -> Result<ChangeSet> {
        const auto items = actionItems(incidentId);
        if (!items)
            return items.error();
        return IncidentRules::planActionItemUpdate(*items, number, item);
    });
}

VoidResult IncidentService::removeActionItem(qint64 incidentId, int number)
{
    return applyPlanned(incidentId, [&](const IncidentHeader &) -> Result<ChangeSet> {
        const auto items = actionItems(incidentId);
        if (!items)
            return items.error();
        return IncidentRules::planActionItemRemoval(*items, number);
    });
}

VoidResult IncidentService::savePostmortem(qint64 incidentId, const Postmortem &postmortem)
{
    return updatePostmortem(incidentId, [&](Postmortem &stored) { stored = postmortem; });
}

VoidResult IncidentService::updatePostmortem(qint64 incidentId,
                                             const std::function<void(Postmortem &)> &edit)
{
    return applyPlanned(incidentId, [&](const IncidentHeader &) -> Result<ChangeSet> {
        const auto incident = m_repository.loadIncident(incidentId);
        if (!incident)
            return incident.error();
        Postmortem edited = incident->postmortem;
        edit(edited);
        return IncidentRules::planPostmortem(incident->postmortem, std::move(edited));
    });
}

VoidResult IncidentService::setSlo(qint64 incidentId, const std::optional<SloContext> &slo)
{
    return applyPlanned(incidentId, [&](const IncidentHeader &header) {
        return IncidentRules::planSlo(header, slo);
    });
}

Result<double> IncidentService::hourlyRate() const
{
    const auto stored = m_repository.setting(IncidentRules::Settings::HourlyRate);
    if (!stored)
        return stored.error();
    return IncidentRules::parseHourlyRate(*stored).value_or(
            IncidentMetrics::kDefaultHourlyRate);
}

VoidResult IncidentService::setHourlyRate(double rate)
{
    if (auto ok = IncidentRules::checkHourlyRate(rate); !ok)
        return ok;
    const auto current = m_repository.setting(IncidentRules::Settings::HourlyRate);
    if (current && IncidentRules::parseHourlyRate(*current) == rate)
        return {};
    auto stored = m_repository.setSetting(IncidentRules::Settings::HourlyRate,
                                          IncidentRules::formatHourlyRate(rate));
    if (stored)
        Q_EMIT settingChanged(IncidentRules::Settings::HourlyRate);
    return stored;
}

} // namespace idesk
