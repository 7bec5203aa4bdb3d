#include "checklist.h"

#include "incidentrules.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

namespace idesk::Checklist {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Checklist", text);
}

struct AutoName
{
    AutoCheck check;
    const char16_t *name;
};
constexpr AutoName kAutoNames[] = {
    {AutoCheck::CommanderAssigned, u"commander"}, {AutoCheck::TechLeadAssigned, u"tech-lead"},
    {AutoCheck::CommsLeadAssigned, u"comms-lead"}, {AutoCheck::ScribeAssigned, u"scribe"},
    {AutoCheck::UpdatePosted, u"update"},
};

QString autoName(AutoCheck check)
{
    for (const auto &entry : kAutoNames) {
        if (entry.check == check)
            return QString::fromUtf16(entry.name);
    }
    return {};
}

std::optional<QString> roleOf(AutoCheck check)
{
    switch (check) {
    case AutoCheck::CommanderAssigned:
        return Roles::Commander;
    case AutoCheck::TechLeadAssigned:
        return Roles::TechLead;
    case AutoCheck::CommsLeadAssigned:
        return Roles::CommsLead;
    case AutoCheck::ScribeAssigned:
        return Roles::Scribe;
    default:
        return std::nullopt;
    }
}

} // namespace

QString settingKey(int severity)
{
    return QStringLiteral("checklist.SEV-%1").arg(severity);
}

QList<Item> defaultTemplate(int severity)
{
    QList<Item> items = {
        {QStringLiteral("acknowledge"), tr("Acknowledge: a commander takes the incident"),
         AutoCheck::CommanderAssigned},
        {QStringLiteral("assess-severity"), tr("Assess the severity against its criteria"),
         AutoCheck::None},
        {QStringLiteral("open-channel"), tr("Open the incident channel and bridge"), AutoCheck::None},
        {QStringLiteral("page-teams"), tr("Page the teams that own the affected services"),
         AutoCheck::None},
        {QStringLiteral("assign-tech-lead"), tr("Assign a technical lead"), AutoCheck::TechLeadAssigned},
        {QStringLiteral("assign-comms-lead"), tr("Assign a communications lead"),
         AutoCheck::CommsLeadAssigned},
        {QStringLiteral("assign-scribe"), tr("Assign a scribe"), AutoCheck::ScribeAssigned},
        {QStringLiteral("first-update"), tr("Send the first status update"), AutoCheck::UpdatePosted},
    };
    if (severity <= 1) {
        items.insert(4, {QStringLiteral("notify-leadership"),
                         tr("Notify leadership and support that a SEV-1 is under way"),
                         AutoCheck::None});
        items.append({QStringLiteral("status-page"), tr("Update the public status page"),
                      AutoCheck::None});
    }
    if (severity >= 3) {
        // A minor incident runs with fewer people: no dedicated comms lead or scribe.
        items.removeIf([](const Item &item) {
            return item.autoCheck == AutoCheck::CommsLeadAssigned
                    || item.autoCheck == AutoCheck::ScribeAssigned;
        });
    }
    return items;
}

QString serialize(const QList<Item> &items)
{
    QStringList lines;
    for (const auto &item : items) {
        QString text = item.text;
        text.replace(u'|', u'/');
        text.replace(u'\n', u' ');
        lines.append(QStringLiteral("%1 | %2 | %3").arg(item.key, text, autoName(item.autoCheck)).trimmed());
    }
    return lines.join(u'\n');
}

Result<QList<Item>> parse(const QString &text)
{
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,39}$"));
    QList<Item> items;
    QSet<QString> keys;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList parts = line.split(u'|');
        if (parts.size() < 2 || parts.size() > 3)
            return Error::validation(tr("Line %1: write \"key | text | auto\" (auto may be empty).").arg(i + 1));
        Item item;
        item.key = parts.at(0).trimmed();
        item.text = parts.at(1).trimmed();
        if (!keyPattern.match(item.key).hasMatch())
            return Error::validation(
                    tr("Line %1: the key \"%2\" must be lower-case letters, digits and hyphens.")
                            .arg(i + 1)
                            .arg(item.key));
        if (keys.contains(item.key))
            return Error::validation(tr("Line %1: the key \"%2\" is used twice.").arg(i + 1).arg(item.key));
        if (item.text.isEmpty())
            return Error::validation(tr("Line %1: the item needs text.").arg(i + 1));
        const QString autoText = parts.size() == 3 ? parts.at(2).trimmed() : QString();
        if (!autoText.isEmpty()) {
            bool known = false;
            for (const auto &entry : kAutoNames) {
                if (autoText == QString::fromUtf16(entry.name)) {
                    item.autoCheck = entry.check;
                    known = true;
                }
            }
            if (!known)
                return Error::validation(tr("Line %1: \"%2\" is not one of commander, tech-lead, "
                                            "comms-lead, scribe, update.")
                                                 .arg(i + 1)
                                                 .arg(autoText));
        }
        keys.insert(item.key);
        items.append(item);
    }
    if (items.isEmpty())
        return Error::validation(tr("A checklist needs at least one item."));
    return items;
}

qint64 keyId(const QString &key)
{
    // FNV-1a over UTF-8, cut to 53 bits so the id stays exact in JSON numbers too.
    quint64 hash = 14695981039346656037ULL;
    for (const char byte : key.toUtf8()) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 1099511628211ULL;
    }
    return static_cast<qint64>(hash & ((1ULL << 53) - 1));
}

QList<ItemState> evaluate(const QList<Item> &items, const Incident &incident)
{
    QList<ItemState> states;
    for (const auto &item : items) {
        ItemState state;
        state.item = item;
        const qint64 id = keyId(item.key);
        // The timeline is sorted by time: the last tick or untick wins.
        for (const auto &entry : incident.timeline) {
            if (entry.link.id != id || entry.isRedacted())
                continue;
            if (entry.link.type == kTickLink) {
                state.done = true;
                state.by = entry.author;
                state.at = entry.at;
            } else if (entry.link.type == kUntickLink) {
                state.done = false;
                state.by.clear();
                state.at.reset();
            }
        }
        if (!state.done) {
            if (const auto role = roleOf(item.autoCheck)) {
                if (const auto holder = IncidentRules::currentHolder(incident.roles, *role)) {
                    state.done = state.automatic = true;
                    state.by = holder->person;
                    state.at = holder->from;
                }
            } else if (item.autoCheck == AutoCheck::UpdatePosted && !incident.statusUpdates.isEmpty()) {
                state.done = state.automatic = true;
                state.at = incident.statusUpdates.first().at;
            }
        }
        states.append(state);
    }
    return states;
}

NewEntry tickEntry(const Item &item, bool ticked, const QString &author, const QDateTime &at)
{
    NewEntry entry;
    entry.at = at;
    entry.kind = EntryKind::Note;
    entry.author = author;
    entry.text = ticked ? tr("Checklist: done — %1").arg(item.text)
                        : tr("Checklist: not done after all — %1").arg(item.text);
    entry.link = EntryLink{ticked ? kTickLink : kUntickLink, keyId(item.key)};
    return entry;
}

} // namespace idesk::Checklist
