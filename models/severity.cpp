#include "severity.h"

#include <QRegularExpression>

namespace idesk {

QString SeverityDefinition::severityName(int level)
{
    return QStringLiteral("SEV-%1").arg(level);
}

QList<SeverityDefinition> defaultSeverities()
{
    return {
        {1,
         QStringLiteral("Complete outage, data loss, security breach, more than 50% of users "
                        "affected"),
         15},
        {2, QStringLiteral("Partial outage or degraded performance, 10–50% of users affected"), 30},
        {3, QStringLiteral("Minor degradation, less than 10% of users affected, workaround "
                           "available"),
         60},
    };
}

std::optional<int> parseSeverity(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(?:sev[- ]?)?([1-9])\\s*$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toInt();
}

} // namespace idesk
