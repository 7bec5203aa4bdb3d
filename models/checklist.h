#pragma once

#include "changeset.h"
#include "incident.h"
#include "result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace idesk {

// The first-minutes checklist of an incident (issue 4). Its state is not stored
// apart: ticking and unticking write timeline entries linked to the item, and the
// state is read back from the timeline, so every tick is on the record with who and
// when. Items the app can see done (a role assigned, an update posted) tick themselves.
namespace Checklist {

enum class AutoCheck { None, CommanderAssigned, TechLeadAssigned, CommsLeadAssigned, ScribeAssigned, UpdatePosted };

struct Item
{
    QString key;  // stable identity within a template, e.g. "open-channel"
    QString text; // what a person reads
    AutoCheck autoCheck = AutoCheck::None;
    bool operator==(const Item &) const = default;
};

struct ItemState
{
    Item item;
    bool done = false;
    bool automatic = false; // done because the app saw it happen
    QString by;
    std::optional<QDateTime> at;
};

inline const QString kTickLink = QStringLiteral("checklist");
inline const QString kUntickLink = QStringLiteral("checklist-undo");

QList<Item> defaultTemplate(int severity);

// A template as stored in the settings ("checklist.SEV-1"): one item per line,
// "key | text | auto" where auto is empty or one of commander, tech-lead,
// comms-lead, scribe, update.
QString serialize(const QList<Item> &items);
Result<QList<Item>> parse(const QString &text);
QString settingKey(int severity);

// The state of every item, from the incident's timeline, roles and updates.
QList<ItemState> evaluate(const QList<Item> &items, const Incident &incident);

// The entry that records ticking (or unticking) an item.
NewEntry tickEntry(const Item &item, bool ticked, const QString &author, const QDateTime &at);

// A stable number for a key, used as the timeline link's id.
qint64 keyId(const QString &key);

} // namespace Checklist
} // namespace idesk
