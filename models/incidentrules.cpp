#include "incidentrules.h"

#include "timeformat.h"

#include <QCoreApplication>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace idesk::IncidentRules {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IncidentRules", text);
}

const SeverityDefinition *findSeverity(const QList<SeverityDefinition> &severities, int level)
{
    const auto it = std::find_if(severities.begin(), severities.end(),
                                 [level](const auto &s) { return s.level == level; });
    return it == severities.end() ? nullptr : &*it;
}

Error unknownSeverity(int level, const QList<SeverityDefinition> &severities)
{
    QStringList names;
    for (const auto &s : severities)
        names.append(s.name());
    return Error::validation(tr("Unknown severity %1; defined: %2.")
                                     .arg(SeverityDefinition::severityName(level),
                                          names.join(QStringLiteral(", "))));
}

NewEntry systemEntry(EntryKind kind, const QDateTime &at, const QString &author,
                     const QString &text)
{
    NewEntry entry;
    entry.at = at;
    entry.kind = kind;
    entry.author = author;
    entry.text = text;
    return entry;
}

void recordMilestone(ChangeSet &changes, const IncidentHeader &incident, Milestone milestone,
                     std::optional<QDateTime> at, const QString &author, const QDateTime &now)
{
    const auto before = incident.milestones.get(milestone);
    if (before == at)
        return;
    changes.milestones.append({milestone, at});
    QString text;
    if (!at)
        text = tr("%1 milestone cleared (was %2)").arg(milestoneTitle(milestone), shortUtc(*before));
    else if (before)
        text = tr("%1 milestone moved from %2 to %3")
                       .arg(milestoneTitle(milestone), shortUtc(*before), shortUtc(*at));
    else
        text = tr("%1 at %2").arg(milestoneTitle(milestone), shortUtc(*at));
    // The entry sits at the milestone's own time so the timeline reads in order.
    changes.entries.append(systemEntry(EntryKind::Milestone, at.value_or(now), author, text));
}

VoidResult checkText(const QString &text, const QString &what)
{
    if (text.trimmed().isEmpty())
        return Error::validation(tr("%1 must not be empty.").arg(what));
    if (text.size() > kMaxTextLength)
        return Error::validation(
                tr("%1 is longer than %2 characters.").arg(what).arg(kMaxTextLength));
    return {};
}

VoidResult checkPerson(const QString &person)
{
    if (person.trimmed().isEmpty())
        return Error::validation(tr("A person's name must not be empty."));
    if (person.size() > 200)
        return Error::validation(tr("A person's name is longer than 200 characters."));
    return {};
}

VoidResult checkLength(const QString &text, const QString &what)
{
    if (text.size() > kMaxTextLength)
        return Error::validation(
                tr("%1 is longer than %2 characters.").arg(what).arg(kMaxTextLength));
    return {};
}

VoidResult checkList(const QStringList &items, const QString &what)
{
    if (items.size() > kMaxListItems)
        return Error::validation(
                tr("%1 has more than %2 items.").arg(what).arg(kMaxListItems));
    for (const auto &item : items) {
        if (auto ok = checkLength(item, what); !ok)
            return ok;
    }
    return {};
}

QStringList withoutBlankItems(const QStringList &items)
{
    QStringList kept;
    for (const auto &item : items) {
        if (!item.trimmed().isEmpty())
            kept.append(item);
    }
    return kept;
}

} // namespace

QString shortUtc(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

Result<Incident> planDeclare(const DeclareRequest &request,
                             const QList<SeverityDefinition> &severities, const QDateTime &now)
{
    const QString title = request.title.trimmed();
    if (title.isEmpty())
        return Error::validation(tr("An incident needs a title."));
    if (title.size() > kMaxTitleLength)
        return Error::validation(
                tr("The title is longer than %1 characters.").arg(kMaxTitleLength));
    if (request.summary.size() > kMaxTextLength)
        return Error::validation(tr("The summary is too long."));
    if (!findSeverity(severities, request.severity))
        return unknownSeverity(request.severity, severities);
    const QString commander = request.commander.trimmed();
    if (!commander.isEmpty()) {
        if (auto ok = checkPerson(commander); !ok)
            return ok.error();
    }
    const QDateTime started = request.startedAt.value_or(now).toUTC();
    if (started > now)
        return Error::validation(tr("The start time %1 is in the future.").arg(shortUtc(started)));

    Incident incident;
    IncidentHeader &header = incident.header;
    header.title = title;
    header.summary = request.summary.trimmed();
    header.severity = request.severity;
    header.status = Status::Investigating;
    header.milestones.set(Milestone::Started, started);
    header.milestones.set(Milestone::Declared, now);
    const QString author = request.author.isEmpty() ? commander : request.author;

    auto append = [&](EntryKind kind, const QDateTime &at, const QString &text) {
        TimelineEntry entry;
        entry.at = at;
        entry.writtenAt = now;
        entry.kind = kind;
        entry.author = author;
        entry.text = text;
        incident.timeline.append(entry);
    };
    if (started < now)
        append(EntryKind::Milestone, started, tr("Started at %1").arg(shortUtc(started)));
    append(EntryKind::Status, now,
           tr("Incident declared: %1, investigating")
                   .arg(SeverityDefinition::severityName(request.severity)));
    if (!commander.isEmpty()) {
        header.milestones.set(Milestone::Acknowledged, now);
        incident.roles.append({0, Roles::Commander, commander, now, std::nullopt});
        append(EntryKind::Role, now,
               tr("%1 is %2").arg(commander, Roles::title(Roles::Commander)));
    }
    return incident;
}

Result<ChangeSet> planStatusChange(const IncidentHeader &incident, Status to, const QDateTime &at,
                                   const QString &author, bool explicitReopen)
{
    const auto kind = Lifecycle::check(incident.status, to, explicitReopen);
    if (!kind)
        return kind.error();
    ChangeSet changes;
    changes.status = to;
    QString text = tr("Status %1 → %2").arg(statusName(incident.status), statusName(to));
    if (*kind == TransitionKind::Regression)
        text += tr(" (regression)");
    else if (*kind == TransitionKind::Reopen)
        text += tr(" (reopened)");
    changes.entries.append(systemEntry(EntryKind::Status, at, author, text));

    // Milestones follow the status so the derived figures describe the latest outcome.
    if (to == Status::Resolved || to == Status::Closed) {
        if (to == Status::Resolved || !incident.milestones.get(Milestone::Resolved))
            recordMilestone(changes, incident, Milestone::Resolved, at, author, at);
    }
    if (to == Status::Closed)
        recordMilestone(changes, incident, Milestone::Closed, at, author, at);
    if (to < Status::Closed)
        recordMilestone(changes, incident, Milestone::Closed, std::nullopt, author, at);
    if (to < Status::Resolved)
        recordMilestone(changes, incident, Milestone::Resolved, std::nullopt, author, at);
    return changes;
}

Result<ChangeSet> planSeverityChange(const IncidentHeader &incident, int level,
                                     const QList<SeverityDefinition> &severities,
                                     const QDateTime &at, const QString &author,
                                     const QString &reason)
{
    if (!findSeverity(severities, level))
        return unknownSeverity(level, severities);
    if (incident.severity == level)
        return Error::validation(
                tr("The incident is already %1.").arg(SeverityDefinition::severityName(level)));
    if (reason.size() > kMaxTextLength)
        return Error::validation(tr("The reason is too long."));
    ChangeSet changes;
    changes.severity = level;
    QString text = tr("Severity %1 → %2")
                           .arg(SeverityDefinition::severityName(incident.severity),
                                SeverityDefinition::severityName(level));
    if (!reason.trimmed().isEmpty())
        text += QStringLiteral(": ") + reason.trimmed();
    changes.entries.append(systemEntry(EntryKind::Severity, at, author, text));
    return changes;
}

Result<ChangeSet> planMilestone(const IncidentHeader &incident, Milestone milestone,
                                std::optional<QDateTime> at, const QString &author,
                                const QDateTime &now)
{
    if (at && *at > now.addSecs(60))
        return Error::validation(tr("%1 cannot be in the future (%2).")
                                         .arg(milestoneTitle(milestone), shortUtc(*at)));
    if (incident.milestones.get(milestone) == at)
        return Error::validation(at ? tr("%1 is already at %2.")
                                              .arg(milestoneTitle(milestone), shortUtc(*at))
                                    : tr("%1 is not set.").arg(milestoneTitle(milestone)));
    ChangeSet changes;
    recordMilestone(changes, incident, milestone, at, author, now);
    return changes;
}

std::optional<RoleAssignment> holderAt(const QList<RoleAssignment> &roles, const QString &role,
                                       const QDateTime &at)
{
    for (const auto &assignment : roles) {
        if (assignment.role == role && assignment.covers(at))
            return assignment;
    }
    return std::nullopt;
}

std::optional<RoleAssignment> currentHolder(const QList<RoleAssignment> &roles,
                                            const QString &role)
{
    for (const auto &assignment : roles) {
        if (assignment.role == role && assignment.isCurrent())
            return assignment;
    }
    return std::nullopt;
}

Result<ChangeSet> planRoleAssignment(const IncidentHeader &incident,
                                     const QList<RoleAssignment> &roles, const QString &role,
                                     const QString &person, const QDateTime &at,
                                     const QString &author, const QString &note)
{
    const auto normalised = Roles::normalise(role);
    if (!normalised)
        return Error::validation(
                tr("\"%1\" is not a role name: use commander, tech-lead, comms-lead, scribe or a "
                   "custom name of letters, digits and hyphens.")
                        .arg(role));
    if (auto ok = checkPerson(person); !ok)
        return ok.error();
    const QString name = person.trimmed();
    const QString title = Roles::title(*normalised);

    ChangeSet changes;
    changes.roleChangeAt = at;
    QString text;
    if (const auto current = currentHolder(roles, *normalised)) {
        if (current->person == name)
            return Error::validation(tr("%1 is already %2.").arg(name, title));
        if (at < current->from)
            return Error::validation(tr("The handoff at %1 is before %2 took the role at %3.")
                                             .arg(shortUtc(at), current->person,
                                                  shortUtc(current->from)));
        changes.closeRoleAssignments.append(current->id);
        text = tr("%1 handed %2 to %3").arg(current->person, title, name);
    } else {
        text = tr("%1 is %2").arg(name, title);
    }
    if (!note.trimmed().isEmpty())
        text += QStringLiteral(" — ") + note.trimmed();
    changes.openRoleAssignment = RoleAssignment{0, *normalised, name, at, std::nullopt};
    NewEntry entry = systemEntry(EntryKind::Role, at, author, text);
    entry.linkToNew = NewEntry::LinkToNew::RoleAssignment;
    changes.entries.append(entry);
    if (*normalised == Roles::Commander && !incident.milestones.get(Milestone::Acknowledged))
        recordMilestone(changes, incident, Milestone::Acknowledged, at, author, at);
    return changes;
}

Result<NewEntry> planEntry(EntryKind kind, const QString &text, const QDateTime &at,
                           const QString &author)
{
    if (auto ok = checkText(text, tr("An entry")); !ok)
        return ok.error();
    if (!at.isValid())
        return Error::validation(tr("An entry needs a valid time."));
    return systemEntry(kind, at, author, text.trimmed());
}

Result<ChangeSet> planStatusUpdate(const IncidentHeader &incident, StatusUpdate update,
                                   const QList<SeverityDefinition> &severities,
                                   const QString &author)
{
    if (auto ok = checkText(update.status, tr("The update's status")); !ok)
        return ok.error();
    if (!update.nextUpdateAt && Lifecycle::isOpen(incident.status)) {
        if (const auto *severity = findSeverity(severities, incident.severity))
            update.nextUpdateAt = update.at.addSecs(qint64(severity->cadenceMinutes) * 60);
    }
    if (update.nextUpdateAt && *update.nextUpdateAt < update.at)
        return Error::validation(tr("The next update cannot be due before this one."));
    ChangeSet changes;
    QString text = tr("Status update (%1): %2").arg(audienceName(update.audience), update.status);
    if (!update.impact.trimmed().isEmpty())
        text += tr(" — impact: %1").arg(update.impact.trimmed());
    changes.statusUpdate = update;
    NewEntry entry = systemEntry(EntryKind::Update, update.at, author, text);
    entry.linkToNew = NewEntry::LinkToNew::StatusUpdate;
    changes.entries.append(entry);
    return changes;
}

Result<ChangeSet> planNewActionItem(const ActionItem &item)
{
    if (auto ok = checkActionItem(item); !ok)
        return ok.error();
    ChangeSet changes;
    changes.newActionItem = item;
    return changes;
}

Result<ChangeSet> planPinDiagnostic(const DiagnosticSnapshot &snapshot, const QString &title,
                                    const QString &author)
{
    if (snapshot.source.trimmed().isEmpty())
        return Error::validation(tr("A diagnostic snapshot needs the source it came from."));
    if (snapshot.query.trimmed().isEmpty())
        return Error::validation(tr("A diagnostic snapshot needs its query."));
    if (!snapshot.capturedAt.isValid())
        return Error::validation(tr("A diagnostic snapshot needs the time it was captured."));
    if (snapshot.windowStart.isValid() != snapshot.windowEnd.isValid()
        || (snapshot.windowStart.isValid() && snapshot.windowEnd < snapshot.windowStart))
        return Error::validation(tr("A diagnostic snapshot's window must end after it starts."));
    ChangeSet changes;
    changes.newDiagnostic = snapshot;
    const QString query = snapshot.query.simplified();
    const QString text = title.trimmed().isEmpty()
            ? tr("Pinned from %1: %2").arg(snapshot.source, query)
            : tr("Pinned from %1: %2 — %3").arg(snapshot.source, title.trimmed(), query);
    NewEntry entry = systemEntry(EntryKind::Diagnostic, snapshot.capturedAt, author, text);
    entry.linkToNew = NewEntry::LinkToNew::Diagnostic;
    changes.entries.append(entry);
    return changes;
}

bool isEmpty(const ChangeSet &changes)
{
    return !changes.changesHeader() && changes.closeRoleAssignments.isEmpty()
            && !changes.openRoleAssignment && !changes.statusUpdate && !changes.newActionItem
            && !changes.newDiagnostic
            && !changes.actionItemChange && !changes.removeActionItemId && !changes.postmortem
            && changes.entries.isEmpty();
}

Result<ChangeSet> planPostmortem(const Postmortem &current, Postmortem edited)
{
    edited.contributingFactors = withoutBlankItems(edited.contributingFactors);
    edited.wentWell = withoutBlankItems(edited.wentWell);
    edited.wentWrong = withoutBlankItems(edited.wentWrong);
    edited.gotLucky = withoutBlankItems(edited.gotLucky);
    edited.lessonsLearned = withoutBlankItems(edited.lessonsLearned);
    const std::pair<const QString *, const char *> texts[] = {
        {&edited.executiveSummary, QT_TRANSLATE_NOOP("IncidentRules", "The executive summary")},
        {&edited.impact.usersAffected, QT_TRANSLATE_NOOP("IncidentRules", "Users affected")},
        {&edited.impact.revenueImpact, QT_TRANSLATE_NOOP("IncidentRules", "Revenue impact")},
        {&edited.impact.notes, QT_TRANSLATE_NOOP("IncidentRules", "The impact notes")},
        {&edited.rootCause, QT_TRANSLATE_NOOP("IncidentRules", "The root cause")},
        {&edited.trigger, QT_TRANSLATE_NOOP("IncidentRules", "The trigger")},
        {&edited.detection, QT_TRANSLATE_NOOP("IncidentRules", "Detection")},
        {&edited.resolution, QT_TRANSLATE_NOOP("IncidentRules", "Resolution")},
        {&edited.supportingInformation,
         QT_TRANSLATE_NOOP("IncidentRules", "Supporting information")},
    };
    for (const auto &[text, what] : texts) {
        if (auto ok = checkLength(*text, tr(what)); !ok)
            return ok.error();
    }
    const std::pair<const QStringList *, const char *> lists[] = {
        {&edited.contributingFactors,
         QT_TRANSLATE_NOOP("IncidentRules", "Contributing factors")},
        {&edited.wentWell, QT_TRANSLATE_NOOP("IncidentRules", "What went well")},
        {&edited.wentWrong, QT_TRANSLATE_NOOP("IncidentRules", "What went wrong")},
        {&edited.gotLucky, QT_TRANSLATE_NOOP("IncidentRules", "Where we got lucky")},
        {&edited.lessonsLearned, QT_TRANSLATE_NOOP("IncidentRules", "Lessons learned")},
    };
    for (const auto &[list, what] : lists) {
        if (auto ok = checkList(*list, tr(what)); !ok)
            return ok.error();
    }
    ChangeSet changes;
    if (edited != current)
        changes.postmortem = std::move(edited);
    return changes;
}

VoidResult checkSlo(const SloContext &slo)
{
    if (!std::isfinite(slo.target) || slo.target <= 0 || slo.target >= 1)
        return Error::validation(
                tr("The SLO target must be between 0 and 1, e.g. 0.999 for 99.9%."));
    if (slo.windowDays < 1 || slo.windowDays > 36'500)
        return Error::validation(tr("The SLO window must be 1 to 36500 days."));
    if (!std::isfinite(slo.affectedFraction) || slo.affectedFraction < 0
        || slo.affectedFraction > 1)
        return Error::validation(
                tr("The affected fraction must be between 0 and 1, e.g. 0.25 for 25%."));
    return {};
}

Result<ChangeSet> planSlo(const IncidentHeader &incident, const std::optional<SloContext> &slo)
{
    ChangeSet changes;
    if (slo) {
        if (auto ok = checkSlo(*slo); !ok)
            return ok.error();
        if (incident.slo != slo)
            changes.slo = slo;
    } else if (incident.slo) {
        changes.clearSlo = true;
    }
    return changes;
}

VoidResult checkActionItem(const ActionItem &item)
{
    if (auto ok = checkText(item.text, tr("An action item")); !ok)
        return ok;
    if (item.owner.size() > kMaxPersonLength)
        return Error::validation(
                tr("An owner's name is longer than %1 characters.").arg(kMaxPersonLength));
    if (item.due && !item.due->isValid())
        return Error::validation(tr("The due date is not a valid date."));
    if (item.link && !item.link->trimmed().isEmpty()) {
        const QString link = item.link->trimmed();
        const QUrl url(link, QUrl::StrictMode);
        if (link.size() > kMaxLinkLength || !url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"http" && url.scheme() != u"https"))
            return Error::validation(
                    tr("The link \"%1\" is not an http or https address.").arg(link.left(200)));
    }
    return {};
}

VoidResult checkActionItemNumber(const QList<ActionItem> &items, int number)
{
    if (number < 1 || number > items.size()) {
        if (items.isEmpty())
            return Error::validation(tr("There is no action item %1 (there are none).").arg(number));
        return Error::validation(tr("There is no action item %1 (there are %2).")
                                         .arg(number)
                                         .arg(items.size()));
    }
    return {};
}

Result<ChangeSet> planActionItemUpdate(const QList<ActionItem> &items, int number,
                                       ActionItem item)
{
    if (auto ok = checkActionItemNumber(items, number); !ok)
        return ok.error();
    item.text = item.text.trimmed();
    item.owner = item.owner.trimmed();
    if (item.link) {
        item.link = item.link->trimmed();
        if (item.link->isEmpty())
            item.link.reset();
    }
    if (auto ok = checkActionItem(item); !ok)
        return ok.error();
    const ActionItem &current = items.at(number - 1);
    item.id = current.id;
    ChangeSet changes;
    if (item != current)
        changes.actionItemChange = ActionItemChange{current.id, item};
    return changes;
}

Result<ChangeSet> planActionItemRemoval(const QList<ActionItem> &items, int number)
{
    if (auto ok = checkActionItemNumber(items, number); !ok)
        return ok.error();
    ChangeSet changes;
    changes.removeActionItemId = items.at(number - 1).id;
    return changes;
}

VoidResult checkHourlyRate(double rate)
{
    if (!std::isfinite(rate) || rate <= 0 || rate > kMaxHourlyRate)
        return Error::validation(tr("The hourly rate must be a number above 0 and at most %1.")
                                         .arg(formatHourlyRate(kMaxHourlyRate)));
    return {};
}

std::optional<double> parseHourlyRate(const QString &stored)
{
    bool ok = false;
    const double rate = stored.trimmed().toDouble(&ok);
    if (!ok || !checkHourlyRate(rate))
        return std::nullopt;
    return rate;
}

QString formatHourlyRate(double rate)
{
    return QString::number(rate, 'g', 15);
}

VoidResult checkEdit(const TimelineEntry &entry, const QString &newText)
{
    if (entry.isRedacted())
        return Error::validation(tr("A redacted entry cannot be edited."));
    if (!isUserKind(entry.kind))
        return Error::validation(
                tr("%1 entries record what the app did and cannot be edited; redact it instead.")
                        .arg(entryKindName(entry.kind)));
    if (auto ok = checkText(newText, tr("An entry")); !ok)
        return ok;
    if (newText.trimmed() == entry.text)
        return Error::validation(tr("The text is unchanged."));
    return {};
}

VoidResult checkRedaction(const TimelineEntry &entry, const QString &reason)
{
    if (entry.isRedacted())
        return Error::validation(tr("The entry is already redacted."));
    return checkText(reason, tr("A redaction reason"));
}

} // namespace idesk::IncidentRules
