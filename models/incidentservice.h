#pragma once

#include "clock.h"
#include "incidentrepository.h"
#include "incidentrules.h"

#include <QObject>

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
    // Returns the item's number within the incident (1-based, in creation order).
    Result<int> addActionItem(qint64 incidentId, const ActionItem &item);
    VoidResult setActionItemStatus(qint64 incidentId, int number, ActionStatus status);

Q_SIGNALS:
    void incidentDeclared(qint64 incidentId);
    void incidentChanged(qint64 incidentId);

private:
    using Planner = std::function<Result<ChangeSet>(const IncidentHeader &)>;
    VoidResult applyPlanned(qint64 incidentId, const Planner &plan);
    QDateTime resolveTime(std::optional<QDateTime> at) const;

    IncidentRepository &m_repository;
    const Clock &m_clock;
};

} // namespace idesk
