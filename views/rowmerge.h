#pragma once

#include <QList>
#include <QSet>

#include <optional>

namespace idesk {

// How a freshly read snapshot differs from the rows a model shows, when the
// fresh one keeps every shown row in the same relative order and only adds rows
// (the timeline and the role history are append-only). A model applies it with
// row inserts and dataChanged, so views keep their selection and scroll position.
struct RowMergePlan
{
    struct Run
    {
        int first = 0; // index in the fresh list, which is also the row after the insert
        int count = 0;
    };
    QList<Run> inserts; // ascending
    QList<int> changed; // fresh indices of kept rows whose value differs
};

// Returns no plan when a shown row disappeared or moved: the caller resets.
template<typename Row, typename KeyOf>
std::optional<RowMergePlan> planRowMerge(
    const QList<Row> &shown, const QList<Row> &fresh, KeyOf keyOf)
{
    using Key = decltype(keyOf(shown.front()));
    QSet<Key> shownKeys;
    shownKeys.reserve(shown.size());
    for (const Row &row : shown)
        shownKeys.insert(keyOf(row));

    RowMergePlan plan;
    qsizetype i = 0;
    for (qsizetype j = 0; j < fresh.size(); ++j) {
        const Key key = keyOf(fresh[j]);
        if (i < shown.size() && keyOf(shown[i]) == key) {
            if (!(shown[i] == fresh[j]))
                plan.changed.append(int(j));
            ++i;
            continue;
        }
        if (shownKeys.contains(key))
            return std::nullopt; // a shown row moved
        if (!plan.inserts.isEmpty() && plan.inserts.last().first + plan.inserts.last().count == j)
            ++plan.inserts.last().count;
        else
            plan.inserts.append({int(j), 1});
    }
    if (i != shown.size())
        return std::nullopt; // a shown row disappeared
    return plan;
}

// Coalesces sorted row numbers into [first, last] ranges for dataChanged.
inline QList<std::pair<int, int>> rowRanges(const QList<int> &rows)
{
    QList<std::pair<int, int>> ranges;
    for (int row : rows) {
        if (!ranges.isEmpty() && ranges.last().second + 1 == row)
            ranges.last().second = row;
        else
            ranges.append({row, row});
    }
    return ranges;
}

} // namespace idesk
