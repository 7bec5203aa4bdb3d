#include "timelineentry.h"

namespace idesk {

namespace {
constexpr const char16_t *kKindNames[] = {
    u"note", u"decision", u"action", u"observation", u"status", u"severity",
    u"role", u"milestone", u"update", u"alert", u"diagnostic",
};
constexpr int kKindCount = sizeof(kKindNames) / sizeof(kKindNames[0]);
} // namespace

QString entryKindName(EntryKind kind)
{
    return QString::fromUtf16(kKindNames[static_cast<int>(kind)]);
}

std::optional<EntryKind> parseEntryKind(const QString &text)
{
    const QString wanted = text.trimmed().toLower();
    for (int i = 0; i < kKindCount; ++i) {
        if (wanted == QString::fromUtf16(kKindNames[i]))
            return static_cast<EntryKind>(i);
    }
    return std::nullopt;
}

QList<EntryKind> allEntryKinds()
{
    QList<EntryKind> all;
    for (int i = 0; i < kKindCount; ++i)
        all.append(static_cast<EntryKind>(i));
    return all;
}

bool isUserKind(EntryKind kind)
{
    switch (kind) {
    case EntryKind::Note:
    case EntryKind::Decision:
    case EntryKind::Action:
    case EntryKind::Observation:
        return true;
    default:
        return false;
    }
}

QString EntryLink::toString() const
{
    return isNull() ? QString() : type + u':' + QString::number(id);
}

EntryLink EntryLink::fromString(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return {};
    bool ok = false;
    const qint64 id = text.mid(colon + 1).toLongLong(&ok);
    if (!ok)
        return {};
    return {text.left(colon), id};
}

} // namespace idesk
