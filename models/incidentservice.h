#pragma once

#include "clock.h"
#include "incidentrepository.h"
#include "incidentrules.h"

#include <QObject>

#include <functional>

namespace idesk {

// The commands a user gives about incidents. Each reads a snapshot, lets
// IncidentRules decide, and applies the result as one transaction; if another
// writer moved the incident in between, it decides again on fresh data.
// The GUI and the CLI both go through here, so both obey the same rules.
class IncidentService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentService)

public:
    IncidentService(IncidentRepository &repository, const Clock &clock,
                    QObject *parent = nullptr);

    IncidentRepository &repository() const { return m_repository; }
    const Clock &clock() const { return m_clock; }

    Result<qint64> declare(const DeclareRequest &request);
    Result<qint64> importIncident(const Incident &incident);

    Result<qint64> log(qint64 incidentId, EntryKind kind, const QString &text,
                       std::optional<QDateTime> at, const QString &author);
    // Appends a prepared entry (e.g. a checklist tick) after checking its text and time.
    Result<qint64> logEntry(qint64 incidentId, const NewEntry &entry);
    VoidResult editEntry(qint64 entryId, const QString &newText, const QString &author);
    VoidResult redactEntry(qint64 entryId, const QString &reason, const QString &author);

    VoidResult changeStatus(qint64 incidentId, Status to, std::optional<QDateTime> at,
                            const QString &author, bool explicitReopen = false);
    VoidResult changeSeverity(qint64 incidentId, int level, std::optional<QDateTime> at,
                              const QString &author, const QString &reason = {});
    VoidResult setMilestone(qint64 incidentId, Milestone milestone,
                            std::optional<QDateTime> at, const QString &author);
    VoidResult assignRole(qint64 incidentId, const QString &role, const QString &person,
                          std::optional<QDateTime> at, const QString &author,
                          const QString &note = {});
    VoidResult postStatusUpdate(qint64 incidentId, const StatusUpdate &update,
                                const QString &author);
    // Stores `snapshot` with its `diagnostic` timeline entry (planPinDiagnostic).
    VoidResult pinDiagnostic(qint64 incidentId, const DiagnosticSnapshot &snapshot,
                             const QString &title, const QString &author);
    // Returns the item's number within the incident (1-based, in creation order).
    Result<int> addActionItem(qint64 incidentId, const ActionItem &item);
    VoidResult setActionItemStatus(qint64 incidentId, int number, ActionStatus status);
    // Replaces action item `number` (1-based) with `item`; an unchanged item writes nothing.
    VoidResult updateActionItem(qint64 incidentId, int number, const ActionItem &item);
    // Removes action item `number`; the items after it move up one number.
    VoidResult removeActionItem(qint64 incidentId, int number);

    // The postmortem, written in one transaction only when it changed (an autosave of
    // unchanged text writes nothing and emits nothing).
    VoidResult savePostmortem(qint64 incidentId, const Postmortem &postmortem);
    // Applies `edit` to the stored postmortem, read inside the same decide-and-apply
    // round, so an editor writes only the fields it changed and keeps the rest as
    // another window or process left them.
    VoidResult updatePostmortem(qint64 incidentId,
                                const std::function<void(Postmortem &)> &edit);
    // Sets, replaces or (with nothing) clears the SLO context; validated (checkSlo).
    VoidResult setSlo(qint64 incidentId, const std::optional<SloContext> &slo);

    // The team's hourly rate for the cost estimate: the stored setting, else the default.
    Result<double> hourlyRate() const;
    VoidResult setHourlyRate(double rate);

Q_SIGNALS:
    void incidentDeclared(qint64 incidentId);
    void incidentChanged(qint64 incidentId);
    void settingChanged(const QString &key);

private:
    using Planner = std::function<Result<ChangeSet>(const IncidentHeader &)>;
    VoidResult applyPlanned(qint64 incidentId, const Planner &plan);
    // The incident's action items, for a planner (in creation order).
    Result<QList<ActionItem>> actionItems(qint64 incidentId) const;
    QDateTime resolveTime(std::optional<QDateTime> at) const;

    IncidentRepository &m_repository;
    const Clock &m_clock;
};

} // namespace idesk
