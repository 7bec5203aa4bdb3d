#pragma once

#include "incident.h"

#include <QString>

namespace idesk {

// A status update as stakeholders read it, in the three forms the comms lead
// copies: plain text, Markdown, and Slack mrkdwn (DESIGN §7).
namespace StatusUpdateText {

QString plain(const IncidentHeader &incident, const StatusUpdate &update);
QString markdown(const IncidentHeader &incident, const StatusUpdate &update);
QString slack(const IncidentHeader &incident, const StatusUpdate &update);

// Escapes text for Slack mrkdwn: &, < and > are control characters there.
QString escapeSlack(const QString &text);

} // namespace StatusUpdateText
} // namespace idesk
