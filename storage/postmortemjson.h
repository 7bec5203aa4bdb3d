#pragma once

#include "incident.h"
#include "result.h"

#include <QByteArray>

namespace idesk::PostmortemJson {

// The postmortems.json column: the Postmortem fields under the key names of the
// incident document (DESIGN.md §5), so the stored text reads like an export.
QByteArray toJson(const Postmortem &postmortem);
Result<Postmortem> fromJson(const QByteArray &json);

} // namespace idesk::PostmortemJson
