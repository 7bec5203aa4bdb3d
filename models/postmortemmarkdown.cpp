#include "postmortemmarkdown.h"

#include "markdownescape.h"
#include "severity.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace idesk::PostmortemMarkdown {

namespace {

using MarkdownEscape::literal;
using MarkdownEscape::narrative;

QString tr(const char *text)
{
    return QCoreApplication::translate("PostmortemMarkdown", text);
}

// English plurals for counts shown in the document.
QString count(int n, const char *one, const char *many)
{
    return (n == 1 ? tr(one) : tr(many)).arg(n);
}

QString bold(const QString &markdown)
{
    return QStringLiteral("**") + markdown + QStringLiteral("**");
}

// "- **Label:** value"
QString labelled(const QString &label, const QString &markdown)
{
    return QStringLiteral("- ") + bold(literal(label) + u':') + u' ' + markdown;
}

// Up to `decimals` places, without trailing zeros: 99.9, 99.95, 100.
QString trimmedNumber(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(u'.')) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(u'.'))
            text.chop(1);
    }
    return text;
}

// An empty cell where a value is expected reads as a dash.
QString orDash(const QString &markdown)
{
    return markdown.isEmpty() ? QStringLiteral("—") : markdown;
}

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

template<typename T> QList<T> sortedByTime(QList<T> items)
{
    const auto earlier
        = [](const T &a, const T &b) { return a.at != b.at ? a.at < b.at : a.id < b.id; };
    // The store hands lists over in order; checking first spares a copy of the list.
    if (!std::is_sorted(items.cbegin(), items.cend(), earlier))
        std::stable_sort(items.begin(), items.end(), earlier);
    return items;
}

QList<RoleAssignment> rolesByStart(QList<RoleAssignment> roles)
{
    std::stable_sort(roles.begin(), roles.end(), [](const auto &a, const auto &b) {
        return a.from != b.from ? a.from < b.from : a.id < b.id;
    });
    return roles;
}

QString actionStatusTitle(ActionStatus status)
{
    switch (status) {
    case ActionStatus::Open:
        return tr("Open");
    case ActionStatus::InProgress:
        return tr("In progress");
    case ActionStatus::Done:
        return tr("Done");
    case ActionStatus::WontDo:
        return tr("Won't do");
    }
    return {};
}

QString actionTypeTitle(ActionType type)
{
    QString name = actionTypeName(type);
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

class Writer
{
public:
    Writer(const Incident &incident, const PostmortemOptions &options)
        : m_incident(incident), m_options(options),
          m_now(options.now.isValid() ? options.now.toUTC() : QDateTime::currentDateTimeUtc()),
          m_timeline(sortedByTime(incident.timeline)),
          m_updates(sortedByTime(incident.statusUpdates)), m_roles(rolesByStart(incident.roles))
    {
        m_money = QLocale::c();
        m_money.setNumberOptions(QLocale::DefaultNumberOptions); // with group separators
        collectDates();
    }

    QString render()
    {
        writeHeader();
        writeExecutiveSummary();
        writeImpact();
        writeKeyMetrics();
        writeRootCause();
        writeNarrativeSection(tr("Trigger"), m_incident.postmortem.trigger);
        writeNarrativeSection(tr("Detection"), m_incident.postmortem.detection);
        writeNarrativeSection(tr("Resolution"), m_incident.postmortem.resolution);
        writeResponders();
        writeTimeline();
        writeListSection(tr("What Went Well"), m_incident.postmortem.wentWell);
        writeListSection(tr("What Went Wrong"), m_incident.postmortem.wentWrong);
        writeListSection(tr("Where We Got Lucky"), m_incident.postmortem.gotLucky);
        writeActionItems();
        writeListSection(tr("Lessons Learned"), m_incident.postmortem.lessonsLearned);
        writeSupportingInformation();
        writeStatusUpdates();
        // Joined into one string of the right size: the document can be megabytes.
        qsizetype size = 1;
        for (const QString &block : std::as_const(m_blocks))
            size += block.size() + 2;
        QString document;
        document.reserve(size);
        for (qsizetype i = 0; i < m_blocks.size(); ++i) {
            if (i > 0)
                document += QLatin1StringView("\n\n");
            document += m_blocks.at(i);
        }
        document += u'\n';
        return document;
    }

private:
    // --- times -----------------------------------------------------------------------

    // Every time the document shows, to decide whether times need their date.
    void collectDates()
    {
        auto add = [this](const QDateTime &at) {
            if (at.isValid())
                m_dates.insert(at.toUTC().date());
        };
        for (const Milestone m : allMilestones()) {
            if (const auto at = m_incident.header.milestones.get(m))
                add(*at);
        }
        for (const auto &role : m_roles) {
            add(role.from);
            if (role.to)
                add(*role.to);
        }
        for (const auto &entry : m_timeline)
            add(entry.at);
        for (const auto &update : m_updates) {
            add(update.at);
            if (update.nextUpdateAt)
                add(*update.nextUpdateAt);
        }
        for (const auto &snapshot : m_incident.diagnostics) {
            add(snapshot.windowStart);
            add(snapshot.windowEnd);
            add(snapshot.capturedAt);
        }
    }

    bool spansDays() const { return m_dates.size() > 1; }

    // "15:45", "15:45:30", or with the date, "2024-11-25 15:45".
    QString time(const QDateTime &at) const
    {
        const QDateTime utc = at.toUTC();
        // By hand rather than with a format string: a large timeline has a time per row.
        Digits text;
        if (spansDays()) {
            const QDate date = utc.date();
            text.put(date.year(), 4).put(u'-').put(date.month(), 2).put(u'-');
            text.put(date.day(), 2).put(u' ');
        }
        return text.putClock(utc.time()).toString();
    }

    // A short run of zero-padded numbers, built without allocating per digit.
    class Digits
    {
    public:
        Digits &put(char16_t c)
        {
            if (m_size < qsizetype(std::size(m_text)))
                m_text[m_size++] = c;
            return *this;
        }
        Digits &put(int value, int width)
        {
            if (value < 0) // a year before the common era; never in a real incident
                return put(u'-').put(-value, width);
            char16_t reversed[10];
            int count = 0;
            do {
                reversed[count++] = char16_t(u'0' + value % 10);
                value /= 10;
            } while (value > 0);
            for (int i = count; i < width; ++i)
                put(u'0');
            while (count > 0)
                put(reversed[--count]);
            return *this;
        }
        // "15:45", or "15:45:30" when the seconds are not zero.
        Digits &putClock(QTime clock)
        {
            put(clock.hour(), 2).put(u':').put(clock.minute(), 2);
            if (clock.second() != 0)
                put(u':').put(clock.second(), 2);
            return *this;
        }
        QString toString() const
        {
            return QString(reinterpret_cast<const QChar *>(m_text), m_size);
        }

    private:
        char16_t m_text[32];
        qsizetype m_size = 0;
    };

    // "15:52–16:10"; with dates, the second one only when it differs.
    QString range(const QDateTime &from, const QDateTime &to) const
    {
        if (!spansDays() || from.toUTC().date() != to.toUTC().date())
            return time(from) + u'–' + time(to);
        return time(from) + u'–' + Digits().putClock(to.toUTC().time()).toString();
    }

    QString milestoneTime(Milestone m) const
    {
        const auto at = m_incident.header.milestones.get(m);
        return at ? time(*at) : QString();
    }

    // "15:52–16:10", or "from 15:52" while it lasts.
    QString heldSpan(const RoleAssignment &role) const
    {
        if (!role.to)
            return tr("from %1").arg(time(role.from));
        return range(role.from, *role.to);
    }

    // --- numbers -----------------------------------------------------------------------

    QString money(double amount) const
    {
        return literal(m_options.currency + m_money.toString(amount, 'f', 2));
    }

    // --- blocks ------------------------------------------------------------------------

    void block(const QString &markdown) { m_blocks.append(markdown); }
    void section(const QString &title) { block(QStringLiteral("## ") + literal(title)); }
    void noneRecorded() { block(tr("None recorded.")); }

    enum class Align { Left, Right };

    // Cells are Markdown already escaped for a cell. An empty table is not written.
    void table(
        const QStringList &headers, const QList<QStringList> &rows, const QList<Align> &align = {})
    {
        // One string grown once: a timeline's table is most of a large document.
        qsizetype size = 0;
        for (const QStringList &cells : rows) {
            for (const QString &cell : cells)
                size += cell.size() + 3;
            size += 2;
        }
        QString text;
        text.reserve(size + 16 * headers.size());
        auto appendRow = [&text](const QStringList &cells) {
            text += u'|';
            for (const QString &cell : cells) {
                if (!cell.isEmpty()) {
                    text += u' ';
                    text += cell;
                }
                text += QLatin1StringView(" |");
            }
        };
        appendRow(headers);
        text += QLatin1StringView("\n|");
        for (qsizetype i = 0; i < headers.size(); ++i) {
            const bool right = i < align.size() && align[i] == Align::Right;
            text += right ? QLatin1StringView(" ---: |") : QLatin1StringView(" --- |");
        }
        for (const QStringList &cells : rows) {
            Q_ASSERT(cells.size() == headers.size());
            text += u'\n';
            appendRow(cells);
        }
        block(text);
    }

    void narrativeOrNone(const QString &markdown)
    {
        const QString text = narrative(markdown);
        if (text.isEmpty())
            noneRecorded();
        else
            block(text);
    }

    // Empty items are skipped; no item at all says so.
    bool bulletList(const QStringList &items)
    {
        QStringList lines;
        for (const QString &item : items) {
            const QString markdown = MarkdownEscape::narrativeListItem(item);
            if (!markdown.isEmpty())
                lines.append(markdown);
        }
        if (lines.isEmpty())
            return false;
        block(lines.join(u'\n'));
        return true;
    }

    // --- sections ----------------------------------------------------------------------

    void writeHeader()
    {
        const IncidentHeader &header = m_incident.header;
        QString title = tr("Postmortem: %1").arg(literal(header.title));
        if (header.id > 0)
            title += QStringLiteral(" (") + formatIncidentId(header.id) + u')';
        block(QStringLiteral("# ") + title);

        QStringList lines;
        QString date = tr("not recorded");
        if (!m_dates.isEmpty()) {
            const QDate first = *std::min_element(m_dates.begin(), m_dates.end());
            const QDate last = *std::max_element(m_dates.begin(), m_dates.end());
            date = first.toString(Qt::ISODate);
            if (last != first)
                date += QStringLiteral(" – ") + last.toString(Qt::ISODate);
            date += u' ' + tr("(all times UTC)");
        }
        lines.append(labelled(tr("Date"), date));
        lines.append(labelled(tr("Duration"), durationText()));
        lines.append(labelled(tr("Severity"), SeverityDefinition::severityName(header.severity)));
        lines.append(labelled(tr("Status"), statusTitle(header.status)));
        for (const QString &role : Roles::standard()) {
            QStringList holders;
            for (const auto &assignment : m_roles) {
                if (assignment.role == role)
                    holders.append(literal(assignment.person) + QStringLiteral(" (")
                        + heldSpan(assignment) + u')');
            }
            lines.append(labelled(Roles::title(role),
                holders.isEmpty() ? tr("not assigned") : holders.join(QStringLiteral(", "))));
        }
        block(lines.join(u'\n'));
        block(u'*'
            + tr("This postmortem is blameless: it asks how our systems and processes let "
                 "this happen, not who is to blame.")
            + u'*');
    }

    QString durationText() const
    {
        const Milestones &m = m_incident.header.milestones;
        const auto started = m.get(Milestone::Started);
        if (!started)
            return tr("not recorded (no Started time)");
        if (const auto ttr = m.timeToResolve()) {
            return tr("%1 (Started %2 → Resolved %3)")
                .arg(formatDuration(*ttr), time(*started), milestoneTime(Milestone::Resolved));
        }
        if (m.get(Milestone::Resolved))
            return tr("not computable: Resolved is before Started");
        if (*started <= m_now) {
            return tr("ongoing, %1 so far (since Started %2)")
                .arg(formatDuration(started->secsTo(m_now)), time(*started));
        }
        return tr("ongoing (since Started %1)").arg(time(*started));
    }

    void writeExecutiveSummary()
    {
        section(tr("Executive Summary"));
        narrativeOrNone(m_incident.postmortem.executiveSummary);
    }

    // "not recorded (needs Started and Mitigated)" or "... Mitigated is before Started".
    QString missingSpan(Milestone from, Milestone to) const
    {
        const Milestones &m = m_incident.header.milestones;
        if (m.get(from) && m.get(to))
            return tr("not computable: %1 is before %2")
                .arg(milestoneTitle(to), milestoneTitle(from));
        return tr("not recorded (needs %1 and %2)").arg(milestoneTitle(from), milestoneTitle(to));
    }

    void writeImpact()
    {
        section(tr("Impact"));
        const Postmortem &pm = m_incident.postmortem;
        const Milestones &m = m_incident.header.milestones;
        QStringList lines;
        auto textOrNone = [](const QString &text) {
            const QString escaped = literal(text);
            return escaped.isEmpty() ? tr("not recorded") : escaped;
        };
        lines.append(labelled(tr("Users affected"), textOrNone(pm.impact.usersAffected)));
        if (const auto ttm = m.timeToMitigate()) {
            lines.append(labelled(tr("Duration of impact"),
                tr("%1 (Started %2 → Mitigated %3)")
                    .arg(formatDuration(*ttm), milestoneTime(Milestone::Started),
                        milestoneTime(Milestone::Mitigated))));
        } else {
            lines.append(labelled(
                tr("Duration of impact"), missingSpan(Milestone::Started, Milestone::Mitigated)));
        }
        lines.append(labelled(tr("Revenue impact"), textOrNone(pm.impact.revenueImpact)));
        lines.append(labelled(tr("SLO impact"), sloText()));

        const IncidentMetrics::IncidentCost cost
            = IncidentMetrics::incidentCost(m_incident, m_options.hourlyRate, m_now);
        const bool hasCost = !cost.roles.isEmpty() || !cost.reviews.isEmpty();
        lines.append(labelled(tr("Incident cost"),
            hasCost
                ? tr("%1 (estimate: %2 weighted hours × %3 per hour; inputs below)")
                      .arg(money(cost.total), fixed(cost.weightedHours, 2), money(cost.hourlyRate))
                : tr("not recorded (nobody held a role or wrote on the timeline)")));
        block(lines.join(u'\n'));

        if (hasCost) {
            block(tr("Weighted hours are hours held × engagement (Incident Commander 1.00, "
                     "Scribe and Communications Lead 0.75, other roles 0.50), plus %1 h "
                     "preparation and %2 h review meeting for each responder at %3.")
                      .arg(trimmedNumber(IncidentMetrics::kReviewPreparationHours, 2),
                          trimmedNumber(IncidentMetrics::kReviewMeetingHours, 2),
                          fixed(IncidentMetrics::kReviewFactor, 2)));
            writeCostTable(cost);
        }
        if (const QString notes = narrative(pm.impact.notes); !notes.isEmpty())
            block(notes);
    }

    QString sloText() const
    {
        const auto budget = IncidentMetrics::errorBudget(m_incident.header);
        if (!budget)
            return tr("not recorded (no SLO set)");
        const QString target = trimmedNumber(budget->slo.target * 100.0, 4) + u'%';
        const QString window
            = count(budget->slo.windowDays, QT_TRANSLATE_NOOP("PostmortemMarkdown", "%1 day"),
                QT_TRANSLATE_NOOP("PostmortemMarkdown", "%1 days"));
        if (!budget->impactMinutes)
            return missingSpan(Milestone::Started, Milestone::Mitigated);
        if (!budget->consumedPercent)
            return tr("not computable: a target of %1 leaves no error budget").arg(target);
        return tr("%1% of the error budget — %2 min of impact × %3% of users affected = %4 min, "
                  "against a budget of %5 min (a %6 target over %7)")
            .arg(fixed(*budget->consumedPercent, 1), trimmedNumber(*budget->impactMinutes, 1),
                trimmedNumber(budget->slo.affectedFraction * 100.0, 2),
                fixed(*budget->affectedMinutes, 1), fixed(budget->budgetMinutes, 1), target,
                window);
    }

    void writeCostTable(const IncidentMetrics::IncidentCost &cost)
    {
        QList<QStringList> rows;
        for (const auto &line : cost.roles) {
            QString held;
            switch (line.end) {
            case IncidentMetrics::IntervalEnd::Recorded:
                held = range(line.from, line.to);
                break;
            case IncidentMetrics::IntervalEnd::Resolved:
                held = range(line.from, line.to) + u' ' + tr("(resolved)");
                break;
            case IncidentMetrics::IntervalEnd::Closed:
                held = range(line.from, line.to) + u' ' + tr("(closed)");
                break;
            case IncidentMetrics::IntervalEnd::Now:
                held = time(line.from) + u'–' + tr("now");
                break;
            }
            rows.append(
                {literal(line.person), literal(Roles::title(line.role)), held, fixed(line.hours, 2),
                    fixed(line.factor, 2), fixed(line.weightedHours, 2), money(line.cost)});
        }
        for (const auto &line : cost.reviews) {
            rows.append(
                {literal(line.person), tr("Postmortem review"), QString(), fixed(line.hours, 2),
                    fixed(line.factor, 2), fixed(line.weightedHours, 2), money(line.cost)});
        }
        rows.append({bold(tr("Total")), QString(), QString(), QString(), QString(),
            bold(fixed(cost.weightedHours, 2)), bold(money(cost.total))});
        table({tr("Person"), tr("Role"), tr("Held (UTC)"), tr("Hours"), tr("Engagement"),
                  tr("Weighted hours"), tr("Cost")},
            rows,
            {Align::Left, Align::Left, Align::Left, Align::Right, Align::Right, Align::Right,
                Align::Right});
    }

    void writeKeyMetrics()
    {
        section(tr("Key Metrics"));
        const Milestones &m = m_incident.header.milestones;
        const auto started = m.get(Milestone::Started);
        QList<QStringList> rows;
        for (const Milestone milestone : allMilestones()) {
            const auto at = m.get(milestone);
            QString since = QStringLiteral("—");
            if (at && started && milestone != Milestone::Started) {
                const qint64 seconds = started->secsTo(*at);
                since = seconds >= 0 ? formatDuration(seconds)
                                     : tr("%1 before").arg(formatDuration(-seconds));
            }
            rows.append({milestoneTitle(milestone), at ? time(*at) : tr("not recorded"), since});
        }
        table({tr("Milestone"), tr("Time (UTC)"), tr("Since start")}, rows);

        const IncidentMetrics::KeyMetrics metrics = IncidentMetrics::keyMetrics(m);
        auto figure = [this](std::optional<qint64> seconds, Milestone from, Milestone to) {
            return seconds ? formatDuration(*seconds) + QStringLiteral(" (") + milestoneTitle(from)
                    + QStringLiteral(" → ") + milestoneTitle(to) + u')'
                           : missingSpan(from, to);
        };
        block(QStringList {
            labelled(tr("Time to detect (TTD)"),
                figure(metrics.timeToDetect, Milestone::Started, Milestone::Detected)),
            labelled(tr("Time to acknowledge (TTA)"),
                figure(metrics.timeToAcknowledge, Milestone::Detected, Milestone::Acknowledged)),
            labelled(tr("Time to mitigate (TTM)"),
                figure(metrics.timeToMitigate, Milestone::Started, Milestone::Mitigated)),
            labelled(tr("Time to resolve (TTR)"),
                figure(metrics.timeToResolve, Milestone::Started, Milestone::Resolved)),
        }
                  .join(u'\n'));
    }

    void writeRootCause()
    {
        section(tr("Root Cause and Contributing Factors"));
        const Postmortem &pm = m_incident.postmortem;
        const QString rootCause = narrative(pm.rootCause);
        const bool hasFactors = std::any_of(pm.contributingFactors.begin(),
            pm.contributingFactors.end(), [](const QString &f) { return !f.trimmed().isEmpty(); });
        if (rootCause.isEmpty() && !hasFactors) {
            noneRecorded();
            return;
        }
        block(rootCause.isEmpty() ? tr("Root cause: none recorded.") : rootCause);
        if (hasFactors) {
            block(bold(tr("Contributing factors:")));
            bulletList(pm.contributingFactors);
        } else {
            block(tr("Contributing factors: none recorded."));
        }
    }

    void writeNarrativeSection(const QString &title, const QString &markdown)
    {
        section(title);
        narrativeOrNone(markdown);
    }

    void writeListSection(const QString &title, const QStringList &items)
    {
        section(title);
        if (!bulletList(items))
            noneRecorded();
    }

    void writeResponders()
    {
        section(tr("Responders"));
        QStringList lines;
        for (const auto &responder : IncidentMetrics::responders(m_incident)) {
            QStringList parts;
            QStringList roles;
            for (const auto &role : responder.roles)
                roles.append(literal(Roles::title(role.role)) + QStringLiteral(" (")
                    + heldSpan(role) + u')');
            if (!roles.isEmpty())
                parts.append(roles.join(QStringLiteral(", ")));
            if (responder.entries > 0)
                parts.append(count(responder.entries,
                    QT_TRANSLATE_NOOP("PostmortemMarkdown", "%1 timeline entry"),
                    QT_TRANSLATE_NOOP("PostmortemMarkdown", "%1 timeline entries")));
            lines.append(QStringLiteral("- ") + literal(responder.name) + QStringLiteral(" — ")
                + parts.join(QStringLiteral("; ")));
        }
        if (lines.isEmpty())
            noneRecorded();
        else
            block(lines.join(u'\n'));
    }

    const DiagnosticSnapshot *snapshot(qint64 id) const
    {
        for (const auto &s : m_incident.diagnostics) {
            if (s.id == id)
                return &s;
        }
        return nullptr;
    }

    QString chartLink(const DiagnosticSnapshot &s) const
    {
        const QString path
            = QString::fromLatin1(QUrl::toPercentEncoding(chartFolderName(m_incident, m_options)))
            + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(chartFileName(s.id)));
        return u'[' + literal(chartFileName(s.id)) + QStringLiteral("](") + path + u')';
    }

    // What the entry's Data cell shows: the diagnostic snapshot it carries.
    QString entryData(const TimelineEntry &entry) const
    {
        if (entry.link.type != u"diagnostic")
            return {};
        const DiagnosticSnapshot *s = snapshot(entry.link.id);
        if (!s)
            return tr("diagnostic %1 (not in this incident)").arg(entry.link.id);
        if (s->chartPng.isEmpty())
            return tr("diagnostic %1 (no chart)").arg(entry.link.id);
        return chartLink(*s);
    }

    void writeTimeline()
    {
        section(tr("Timeline"));
        if (m_timeline.isEmpty()) {
            noneRecorded();
            return;
        }
        QList<QStringList> rows;
        for (const auto &entry : m_timeline) {
            QString event;
            if (entry.redaction)
                event = literal(QStringLiteral("[")
                    + tr("redacted: %1").arg(entry.redaction->reason.simplified()) + u']');
            else
                event = literal(entry.text);
            if (entry.isEdited() && !entry.redaction)
                event += QStringLiteral(" *") + tr("(edited)") + u'*';
            rows.append({time(entry.at), event, literal(entry.author), entryData(entry)});
        }
        table({tr("Time (UTC)"), tr("Event"), tr("Author"), tr("Data")}, rows);
    }

    void writeActionItems()
    {
        section(tr("Action Items"));
        if (m_incident.actionItems.isEmpty()) {
            noneRecorded();
            return;
        }
        const QDate today = m_now.date();
        QList<QStringList> rows;
        for (const auto &item : m_incident.actionItems) {
            QString action = literal(item.text);
            if (item.link && !item.link->trimmed().isEmpty()) {
                const QString destination = MarkdownEscape::webLinkDestination(*item.link);
                if (!destination.isEmpty())
                    action = u'[' + action + QStringLiteral("](") + destination + u')';
                else
                    action += QStringLiteral(" (") + literal(*item.link) + u')';
            }
            QString status = actionStatusTitle(item.status);
            const bool open
                = item.status == ActionStatus::Open || item.status == ActionStatus::InProgress;
            if (open && item.due && *item.due < today)
                status += u' ' + tr("(overdue)");
            const QString owner = literal(item.owner);
            rows.append(
                {action, actionTypeTitle(item.type), owner.isEmpty() ? tr("unassigned") : owner,
                    item.due ? item.due->toString(Qt::ISODate) : QStringLiteral("—"), status});
        }
        table({tr("Action"), tr("Type"), tr("Owner"), tr("Due Date"), tr("Status")}, rows);
    }

    void writeSupportingInformation()
    {
        section(tr("Supporting Information"));
        const QString text = narrative(m_incident.postmortem.supportingInformation);
        if (text.isEmpty() && m_incident.diagnostics.isEmpty()) {
            noneRecorded();
            return;
        }
        if (!text.isEmpty())
            block(text);
        if (m_incident.diagnostics.isEmpty())
            return;
        block(bold(tr("Diagnostic snapshots")) + u' '
            + tr("(charts in the folder %1 beside this file):")
                  .arg(literal(chartFolderName(m_incident, m_options) + u'/')));
        QList<QStringList> rows;
        for (const auto &s : m_incident.diagnostics) {
            rows.append({QString::number(s.id), literal(s.source), literal(s.query),
                range(s.windowStart, s.windowEnd), time(s.capturedAt),
                s.chartPng.isEmpty() ? tr("no chart") : chartLink(s)});
        }
        table({tr("Snapshot"), tr("Source"), tr("Query"), tr("Window (UTC)"), tr("Captured (UTC)"),
                  tr("Chart")},
            rows);
    }

    void writeStatusUpdates()
    {
        section(tr("Status Updates"));
        if (m_updates.isEmpty()) {
            noneRecorded();
            return;
        }
        QList<QStringList> rows;
        for (const auto &update : m_updates) {
            rows.append({time(update.at),
                update.audience == Audience::Internal ? tr("Internal") : tr("External"),
                orDash(literal(update.status)), orDash(literal(update.impact)),
                orDash(literal(update.actions)), orDash(literal(update.needs)),
                update.nextUpdateAt ? time(*update.nextUpdateAt) : QStringLiteral("—")});
        }
        table({tr("Time (UTC)"), tr("Audience"), tr("Status"), tr("Impact"), tr("Current Actions"),
                  tr("Needs"), tr("Next Update")},
            rows);
    }

    const Incident &m_incident;
    const PostmortemOptions &m_options;
    const QDateTime m_now;
    const QList<TimelineEntry> m_timeline;
    const QList<StatusUpdate> m_updates;
    const QList<RoleAssignment> m_roles;
    QLocale m_money;
    QSet<QDate> m_dates;
    QStringList m_blocks;
};

} // namespace

QString render(const Incident &incident, const PostmortemOptions &options)
{
    return Writer(incident, options).render();
}

QString chartFolderName(const Incident &incident, const PostmortemOptions &options)
{
    if (!options.chartFolder.isEmpty())
        return options.chartFolder;
    return incident.header.id > 0 ? formatIncidentId(incident.header.id) + QStringLiteral("-charts")
                                  : QStringLiteral("incident-charts");
}

QString chartFileName(qint64 snapshotId)
{
    return QStringLiteral("diagnostic-%1.png").arg(snapshotId);
}

} // namespace idesk::PostmortemMarkdown
