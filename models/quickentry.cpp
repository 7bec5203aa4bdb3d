#include "quickentry.h"

#include "severity.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace idesk::QuickEntry {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("QuickEntry", text);
}

// Splits "word rest of line" at the first run of whitespace.
std::pair<QString, QString> splitFirst(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype space = trimmed.indexOf(QRegularExpression(QStringLiteral("\\s")));
    if (space < 0)
        return {trimmed, QString()};
    return {trimmed.left(space), trimmed.mid(space + 1).trimmed()};
}

Result<Action> parseCommand(const QString &name, const QString &rest)
{
    const QString command = name.toLower();
    if (const auto kind = parseEntryKind(command); kind && isUserKind(*kind)) {
        if (rest.isEmpty())
            return Error::validation(tr("/%1 needs text after it.").arg(command));
        return Action(LogEntry{*kind, rest});
    }
    if (command == u"status" || command == u"reopen") {
        const auto status = parseStatus(rest);
        if (!status)
            return Error::validation(
                    tr("/%1 needs a status: investigating, identified, monitoring, resolved or "
                       "closed.")
                            .arg(command));
        return Action(SetStatus{*status, command == u"reopen"});
    }
    if (command == u"sev" || command == u"severity") {
        const auto [levelText, reason] = splitFirst(rest);
        const auto level = parseSeverity(levelText);
        if (!level)
            return Error::validation(tr("/sev needs a severity such as 1 or SEV-1."));
        return Action(SetSeverity{*level, reason});
    }
    if (command == u"assign") {
        const auto [role, person] = splitFirst(rest);
        if (role.isEmpty() || person.isEmpty())
            return Error::validation(tr("/assign needs a role and a person: /assign scribe Dana."));
        const auto normalised = Roles::normalise(role);
        if (!normalised)
            return Error::validation(tr("\"%1\" is not a role name.").arg(role));
        return Action(Assign{*normalised, person});
    }
    if (command == u"ic" || command == u"tl" || command == u"scribe" || command == u"comms") {
        if (rest.isEmpty())
            return Error::validation(tr("/%1 needs a person's name.").arg(command));
        return Action(Assign{*Roles::normalise(command), rest});
    }
    if (command == u"milestone") {
        const auto milestone = parseMilestone(rest);
        if (!milestone)
            return Error::validation(tr("/milestone needs one of started, detected, declared, "
                                        "acknowledged, mitigated, resolved, closed."));
        return Action(SetMilestone{*milestone});
    }
    if (const auto milestone = parseMilestone(command); milestone && rest.isEmpty())
        return Action(SetMilestone{*milestone});
    return Error::validation(tr("Unknown command /%1. %2").arg(command, help()));
}

} // namespace

Result<Command> parse(const QString &line, const QDateTime &now)
{
    QString text = line.trimmed();
    if (text.isEmpty())
        return Error::validation(tr("Type something to log."));

    Command command;
    static const QRegularExpression leadingTime(
            QStringLiteral("^([0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?)(?:\\s+|$)"));
    if (const auto m = leadingTime.match(text); m.hasMatch()) {
        const auto at = parseUserTime(m.captured(1), now);
        if (!at)
            return Error::validation(tr("%1 is not a time of day.").arg(m.captured(1)));
        command.at = at;
        text = text.mid(m.capturedLength()).trimmed();
        if (text.isEmpty())
            return Error::validation(tr("Type what happened at %1.").arg(m.captured(1)));
    }

    if (text.startsWith(u'/') && !text.startsWith(QStringLiteral("//"))) {
        const auto [name, rest] = splitFirst(text.mid(1));
        auto action = parseCommand(name, rest);
        if (!action)
            return action.error();
        command.action = *action;
        return command;
    }
    // "//text" logs a note that starts with a slash.
    if (text.startsWith(QStringLiteral("//")))
        text = text.mid(1);
    command.action = LogEntry{EntryKind::Note, text};
    return command;
}

QString help()
{
    return tr("Commands: /decision, /action, /observation, /note TEXT; /status STATUS; "
              "/reopen STATUS; /sev N [reason]; /assign ROLE PERSON; /ic, /tl, /comms, /scribe "
              "PERSON; /milestone NAME. Start with HH:MM to backdate.");
}

} // namespace idesk::QuickEntry
