#include "incident.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace idesk {

QString formatIncidentId(qint64 id)
{
    return QStringLiteral("INC-%1").arg(id);
}

std::optional<qint64> parseIncidentId(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:INC-)?([1-9][0-9]{0,17})$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toLongLong();
}

namespace Roles {

QStringList standard()
{
    return {Commander, TechLead, CommsLead, Scribe};
}

QString title(const QString &role)
{
    if (role == Commander)
        return QCoreApplication::translate("Roles", "Incident Commander");
    if (role == TechLead)
        return QCoreApplication::translate("Roles", "Technical Lead");
    if (role == CommsLead)
        return QCoreApplication::translate("Roles", "Communications Lead");
    if (role == Scribe)
        return QCoreApplication::translate("Roles", "Scribe");
    QString words = role;
    words.replace(u'-', u' ');
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

std::optional<QString> normalise(const QString &text)
{
    const QString name = text.trimmed().toLower();
    if (name == u"ic" || name == u"incident-commander")
        return Commander;
    if (name == u"tl" || name == u"techlead" || name == u"tech_lead")
        return TechLead;
    if (name == u"comms" || name == u"commslead" || name == u"comms_lead" || name == u"cl")
        return CommsLead;
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9-]{0,39}$"));
    if (!pattern.match(name).hasMatch())
        return std::nullopt;
    return name;
}

} // namespace Roles

QString audienceName(Audience a)
{
    return a == Audience::Internal ? QStringLiteral("internal") : QStringLiteral("external");
}

std::optional<Audience> parseAudience(const QString &text)
{
    if (text == u"internal")
        return Audience::Internal;
    if (text == u"external")
        return Audience::External;
    return std::nullopt;
}

namespace {
constexpr const char16_t *kActionTypes[] = {u"prevent", u"mitigate", u"detect", u"process",
                                            u"other"};
constexpr const char16_t *kActionStatuses[] = {u"open", u"in-progress", u"done", u"wont-do"};

template<typename Enum, std::size_t N>
std::optional<Enum> parseFrom(const char16_t *const (&names)[N], const QString &text)
{
    const QString wanted = text.trimmed().toLower();
    for (std::size_t i = 0; i < N; ++i) {
        if (wanted == QString::fromUtf16(names[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}
} // namespace

QString actionTypeName(ActionType t)
{
    return QString::fromUtf16(kActionTypes[static_cast<int>(t)]);
}

std::optional<ActionType> parseActionType(const QString &text)
{
    return parseFrom<ActionType>(kActionTypes, text);
}

QString actionStatusName(ActionStatus s)
{
    return QString::fromUtf16(kActionStatuses[static_cast<int>(s)]);
}

std::optional<ActionStatus> parseActionStatus(const QString &text)
{
    return parseFrom<ActionStatus>(kActionStatuses, text);
}

IncidentSummary summaryOf(const IncidentHeader &header)
{
    return {header.id,
            header.title,
            header.severity,
            header.status,
            header.milestones.get(Milestone::Started),
            header.milestones.get(Milestone::Declared),
            header.milestones.get(Milestone::Resolved)};
}

} // namespace idesk
