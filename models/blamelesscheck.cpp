#include "blamelesscheck.h"

#include "incidentrules.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace idesk::BlamelessCheck {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BlamelessCheck", text);
}

// Word edges that work for any letters, not only ASCII ones.
#define WORD_START "(?<![\\p{L}\\p{N}_])"
#define WORD_END "(?![\\p{L}\\p{N}_])"
#define APOSTROPHE "['\u2019]"

struct Rule
{
    const char *pattern;
    const char *reason;
};

// Each pattern is matched case-insensitively, from the start of a word. The reasons are
// shown to the author.
const Rule kRules[] = {
    {"human[\\s-]+errors?" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "\u201cHuman error\u201d names a person as the cause and ends the "
            "inquiry. Describe what made the error easy to make: a missing "
            "safeguard, confusing tooling, time pressure.")},
    {"should(?:\\s+have|" APOSTROPHE "ve|n" APOSTROPHE "t\\s+have|\\s+not\\s+have)" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "\u201cShould have\u201d is hindsight. Describe what the people "
            "involved knew and saw at the time, and what would make the better "
            "choice the easy one.")},
    {"careless(?:ly|ness)?" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "Calling someone careless judges a person. Describe the conditions "
            "that let the slip through.")},
    {"(?<!page )(?<!segmentation )(?<!bus )(?<!protection )(?<!no[- ])faults?" WORD_END
     "(?![- ](?:toleran|injection|isolation|domain|zone|line))",
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "\u201cFault\u201d assigns blame. Describe how the system behaved and "
            "which conditions contributed.")},
    {"negligen(?:t|tly|ce)" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "\u201cNegligent\u201d accuses a person. Describe the gap in process "
            "or tooling instead.")},
    {"failed\\s+to" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "\u201cFailed to\u201d frames an omission as a personal failure. If it "
            "describes a person, say what made the step easy to miss; if it "
            "describes a system, ignore this.")},
    {"forg(?:ot|otten)" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "Forgetting is human. Ask which reminder, checklist or automation "
            "was missing.")},
    {"(?:mistakes?\\s+(?:by|of)|(?:his|her|their|your|my)\\s+(?:mistakes?|errors?))" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "Attributing a mistake to someone invites blame. Describe the "
            "action and what made it reasonable at the time.")},
    {"(?<!no )(?<!no-)blam(?:e|ed|es|ing)" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "A blameless postmortem looks for causes in systems and processes, "
            "not for someone to blame.")},
    {"(?:stupid(?:ly|ity)?|idiot(?:ic)?|dumb)" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "Insulting language makes people stop reporting. Describe what "
            "happened neutrally.")},
    {"(?:incompeten(?:t|tly|ce)|sloppy|reckless(?:ly)?|lazy)" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "This judges a person's ability or effort. Describe the conditions "
            "and the support that was missing.")},
    {"why\\s+(?:didn" APOSTROPHE "?t|did\\s+not)" WORD_END,
        QT_TRANSLATE_NOOP("BlamelessCheck",
            "\u201cWhy didn't\u2026\u201d asks a person to justify themselves. Ask "
            "what made the other path look right at the time.")},
};

const char *const kNamedReason = QT_TRANSLATE_NOOP("BlamelessCheck",
    "This aims blame at a named person. Describe what happened and why it made sense "
    "at the time, and leave the name out of the cause.");

// Blame words that, after a name, point at that person.
#define BLAME_VERBS                                                                                \
    "(?:broke|broken|breaks|caused|causes|messed\\s+up|screwed\\s+up|botched|failed(?!\\s+over)"   \
    "|fails(?!\\s+over)|forgot|ignored|neglected|overlooked|missed)"

constexpr auto kRegexOptions
    = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

// Every rule in one expression, each in its own capture group, so a text is scanned
// once rather than once per rule: a 10,000-entry timeline is checked on every export.
// Where two rules could match overlapping text, the leftmost match is kept.
struct TermMatcher
{
    QRegularExpression regex;
    QStringList reasons; // by rule, the capture group's number minus one
};

const TermMatcher &termMatcher()
{
    static const TermMatcher matcher = [] {
        QStringList alternatives;
        TermMatcher built;
        for (const Rule &rule : kRules) {
            alternatives.append(u'(' + QString::fromUtf8(rule.pattern) + u')');
            built.reasons.append(tr(rule.reason));
        }
        // The word start once, before the alternatives: the expression then looks for
        // the rules' first letters instead of trying every rule at every position.
        built.regex = QRegularExpression(
            QStringLiteral(WORD_START "(?:") + alternatives.join(u'|') + u')', kRegexOptions);
        built.regex.optimize();
        return built;
    }();
    return matcher;
}

// Blame aimed at any of the names, in one expression (empty when there are no names).
QRegularExpression namedPattern(const QStringList &people)
{
    QStringList names;
    QSet<QString> seen;
    for (const QString &person : people) {
        // Also the first name alone: "Alice" for "Alice Smith".
        const QString full = person.simplified();
        for (const QString &name : {full, full.section(u' ', 0, 0)}) {
            if (name.size() < 2 || seen.contains(name.toCaseFolded()))
                continue;
            seen.insert(name.toCaseFolded());
            QString escaped = QRegularExpression::escape(name);
            escaped.replace(QStringLiteral("\\ "), QStringLiteral("\\s+"));
            names.append(escaped);
        }
    }
    if (names.isEmpty())
        return {};
    // The longer name first, so "Alice Smith" is taken whole where both would match.
    std::stable_sort(names.begin(), names.end(),
        [](const QString &a, const QString &b) { return a.size() > b.size(); });
    const QString who = QStringLiteral("(?:") + names.join(u'|') + QStringLiteral(")" WORD_END);
    // One word start in front of everything, as for the rules.
    const QString pattern = QStringLiteral(WORD_START "(?:") + who
        + QStringLiteral(
            "(?:"
            // "Alice broke", "Alice quickly messed up", "Alice's change caused"
            "(?:" APOSTROPHE "s)?(?:[\\s,]+[^\\s.!?;:,]+){0,3}?[\\s,]+" BLAME_VERBS WORD_END
            // "Alice's fault"
            "|" APOSTROPHE "s\\s+(?:faults?|mistakes?|errors?|bad)" WORD_END ")"
            // "caused by Alice"
            "|(?:caused|broken|broke|messed\\s+up|screwed\\s+up)\\s+by\\s+")
        + who + u')';
    QRegularExpression regex(pattern, kRegexOptions);
    regex.optimize();
    return regex;
}

QList<BlamelessFinding> scanWith(const QString &text, const QRegularExpression &named)
{
    QList<BlamelessFinding> byName;
    auto finding = [](const QRegularExpressionMatch &m, const QString &reason) {
        BlamelessFinding found;
        found.offset = m.capturedStart();
        found.length = m.capturedLength();
        found.matched = m.captured();
        found.reason = reason;
        return found;
    };
    if (!named.pattern().isEmpty()) {
        for (auto it = named.globalMatch(text); it.hasNext();)
            byName.append(finding(it.next(), tr(kNamedReason)));
    }
    const TermMatcher &terms = termMatcher();
    QList<BlamelessFinding> result = byName;
    for (auto it = terms.regex.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        qsizetype rule = 0;
        while (rule < terms.reasons.size() && m.capturedStart(int(rule) + 1) < 0)
            ++rule;
        const BlamelessFinding term = finding(m, terms.reasons.value(rule));
        // Blame at a named person says more than the word it contains: one finding, not two.
        const bool covered = std::any_of(byName.begin(), byName.end(), [&](const auto &kept) {
            return term.offset < kept.offset + kept.length
                && kept.offset < term.offset + term.length;
        });
        if (!covered)
            result.append(term);
    }
    std::sort(result.begin(), result.end(), [](const auto &a, const auto &b) {
        return a.offset != b.offset ? a.offset < b.offset : a.length > b.length;
    });
    return result;
}

#undef BLAME_VERBS
#undef APOSTROPHE
#undef WORD_END
#undef WORD_START

} // namespace

QStringList peopleIn(const Incident &incident)
{
    QStringList people;
    QSet<QString> seen;
    auto add = [&](const QString &name) {
        const QString trimmed = name.trimmed();
        if (trimmed.isEmpty() || seen.contains(trimmed.toCaseFolded()))
            return;
        seen.insert(trimmed.toCaseFolded());
        people.append(trimmed);
    };
    for (const auto &role : incident.roles)
        add(role.person);
    for (const auto &entry : incident.timeline)
        add(entry.author);
    for (const auto &item : incident.actionItems)
        add(item.owner);
    return people;
}

QList<BlamelessFinding> scan(const QString &text, const QStringList &people)
{
    return scanWith(text, namedPattern(people));
}

QList<BlamelessFinding> run(const Incident &incident)
{
    const QRegularExpression named = namedPattern(peopleIn(incident));
    QList<BlamelessFinding> findings;
    // The field and location are worded only for a text with findings: most have none.
    auto checkAt = [&](const QString &text, const auto &field, const auto &location) {
        QList<BlamelessFinding> found = scanWith(text, named);
        if (found.isEmpty())
            return;
        const QString fieldText = field();
        const QString locationText = location();
        for (auto &finding : found) {
            finding.field = fieldText;
            finding.location = locationText;
        }
        findings.append(found);
    };
    auto check = [&](const QString &text, const QString &field, const QString &location) {
        checkAt(
            text, [&] { return field; }, [&] { return location; });
    };
    auto checkList = [&](const QStringList &items, const QString &field, const char *label) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            check(items[i], QStringLiteral("%1[%2]").arg(field).arg(i), tr(label).arg(i + 1));
        }
    };
    const Postmortem &pm = incident.postmortem;

    check(incident.header.title, QStringLiteral("title"), tr("Title"));
    check(incident.header.summary, QStringLiteral("summary"), tr("Incident summary"));
    check(pm.executiveSummary, QStringLiteral("postmortem.executive_summary"),
        tr("Executive summary"));
    check(pm.impact.usersAffected, QStringLiteral("postmortem.impact.users_affected"),
        tr("Users affected"));
    check(pm.impact.revenueImpact, QStringLiteral("postmortem.impact.revenue_impact"),
        tr("Revenue impact"));
    check(pm.impact.notes, QStringLiteral("postmortem.impact.notes"), tr("Impact notes"));
    check(pm.rootCause, QStringLiteral("postmortem.root_cause"), tr("Root cause"));
    checkList(pm.contributingFactors, QStringLiteral("postmortem.contributing_factors"),
        QT_TRANSLATE_NOOP("BlamelessCheck", "Contributing factor %1"));
    check(pm.trigger, QStringLiteral("postmortem.trigger"), tr("Trigger"));
    check(pm.detection, QStringLiteral("postmortem.detection"), tr("Detection"));
    check(pm.resolution, QStringLiteral("postmortem.resolution"), tr("Resolution"));
    checkList(pm.wentWell, QStringLiteral("postmortem.went_well"),
        QT_TRANSLATE_NOOP("BlamelessCheck", "What went well, item %1"));
    checkList(pm.wentWrong, QStringLiteral("postmortem.went_wrong"),
        QT_TRANSLATE_NOOP("BlamelessCheck", "What went wrong, item %1"));
    checkList(pm.gotLucky, QStringLiteral("postmortem.got_lucky"),
        QT_TRANSLATE_NOOP("BlamelessCheck", "Where we got lucky, item %1"));
    checkList(pm.lessonsLearned, QStringLiteral("postmortem.lessons_learned"),
        QT_TRANSLATE_NOOP("BlamelessCheck", "Lesson learned %1"));
    check(pm.supportingInformation, QStringLiteral("postmortem.supporting_information"),
        tr("Supporting information"));

    for (qsizetype i = 0; i < incident.timeline.size(); ++i) {
        const TimelineEntry &entry = incident.timeline[i];
        if (entry.isRedacted())
            continue;
        checkAt(
            entry.text, [i] { return QStringLiteral("timeline[%1]").arg(i); },
            [&entry] {
                return entry.author.trimmed().isEmpty()
                    ? tr("Timeline entry at %1").arg(IncidentRules::shortUtc(entry.at))
                    : tr("Timeline entry at %1 by %2")
                          .arg(IncidentRules::shortUtc(entry.at), entry.author.trimmed());
            });
    }
    for (qsizetype i = 0; i < incident.statusUpdates.size(); ++i) {
        const StatusUpdate &update = incident.statusUpdates[i];
        const QString base = QStringLiteral("status_updates[%1].").arg(i);
        const QString at = IncidentRules::shortUtc(update.at);
        check(update.status, base + QStringLiteral("status"),
            tr("Status update at %1 (status)").arg(at));
        check(update.impact, base + QStringLiteral("impact"),
            tr("Status update at %1 (impact)").arg(at));
        check(update.actions, base + QStringLiteral("actions"),
            tr("Status update at %1 (current actions)").arg(at));
        check(update.needs, base + QStringLiteral("needs"),
            tr("Status update at %1 (needs)").arg(at));
    }
    for (qsizetype i = 0; i < incident.actionItems.size(); ++i) {
        check(incident.actionItems[i].text, QStringLiteral("action_items[%1].text").arg(i),
            tr("Action item %1").arg(i + 1));
    }
    return findings;
}

} // namespace idesk::BlamelessCheck
