#pragma once

#include "diagnosticdata.h"
#include "result.h"

#include <QByteArray>
#include <QList>

namespace idesk {

// Parsers of Alertmanager API v2 answers. Pure functions of the body's bytes, safe on
// any input (they are fuzzed); refusals are Error::Kind::Io with one line naming the
// place ("alerts[2].startsAt is not a time: \"yesterday\""), as in prometheusparser.h.
namespace AlertmanagerParser {

// /api/v2/alerts: an array of gettableAlert. Fields other than labels may be left
// out; a field that is there must have its type. Go's zero time reads as null.
Result<QList<Alert>> parseAlerts(const QByteArray &body);

// /api/v2/status: {"product": "Alertmanager", "version": versionInfo.version}.
Result<ServerInfo> parseStatus(const QByteArray &body);

} // namespace AlertmanagerParser
} // namespace idesk
