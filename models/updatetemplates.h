#pragma once

#include "incident.h"
#include "result.h"

#include <QString>

namespace idesk {

// Starting points for a status update, per moment and audience (issue 4). The
// text may hold {id}, {title}, {severity}, {status} and {summary}, filled from
// the incident. A team edits them; the edited ones live in the store's settings.
namespace UpdateTemplates {

enum class Moment { First, Routine, Resolution };
QList<Moment> allMoments();
QString momentTitle(Moment moment);

struct Template
{
    QString status;
    QString impact;
    QString actions;
    QString needs;
    bool operator==(const Template &) const = default;
};

QString settingKey(Moment moment, Audience audience);
Template builtIn(Moment moment, Audience audience);
Template fill(const Template &text, const IncidentHeader &incident);

QString serialize(const Template &text);            // a small JSON object
Result<Template> parse(const QString &stored);

} // namespace UpdateTemplates
} // namespace idesk
