#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace idesk {

// A severity level as the team defines it. Levels are 1 (worst) upward; the
// defaults are SEV-1..3 and a team may store more.
struct SeverityDefinition
{
    int level = 0;
    QString criteria;
    int cadenceMinutes = 0; // how often a status update is due at this severity

    QString name() const { return severityName(level); }
    static QString severityName(int level);
};

QList<SeverityDefinition> defaultSeverities();

// Accepts "SEV-2", "sev2", "SEV 2" and "2". Returns the level, or nothing.
std::optional<int> parseSeverity(const QString &text);

} // namespace idesk
