#pragma once

#include "incidentrepository.h"

#include <QAbstractListModel>
#include <QPoint>

namespace idesk {

// What a search snippet shows: its text without the match markers, and where
// the matched words are in that text.
struct SnippetText
{
    QString text;
    QList<QPoint> matches; // (start, length) in `text`, ascending

    // SearchHit::snippet wraps each match in [ and ]; the entry's own text may
    // hold brackets too. A bracket pair counts as a marker only when it encloses
    // no other bracket and its content is a word of `query` (the last one as a
    // prefix, as search matches it), compared as FTS5 compares: ignoring case,
    // accents and punctuation. Everything else is the entry's literal text.
    static SnippetText parse(const QString &snippet, const QString &query);
};

// The search palette's results grouped by incident: a header row for each
// incident (in the order of its best hit), then that incident's hits, best
// first. Header rows cannot be selected. Holds value snapshots; data() never
// queries. Text is plain text everywhere: a delegate paints it, never as HTML.
class SearchResultsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchResultsModel)

public:
    enum Role {
        IsHeaderRole = Qt::UserRole + 1, // bool: an incident's header row
        IncidentIdRole, // qint64
        EntryIdRole, // qint64, 0 unless the hit is a timeline entry
        KindRole, // QString: an entry kind, or "incident", "update", "postmortem"
        AtRole, // QDateTime (UTC)
        MatchesRole, // QVariantList of QPoint(start, length) into the DisplayRole text
        DetailRole, // QString: "note · 14:05" for a hit
    };

    explicit SearchResultsModel(QObject *parent = nullptr);

    // Shows `hits` (best first) found for `query`: a reset.
    void setResults(const QString &query, const QList<SearchHit> &hits);
    void clear();
    QString query() const { return m_query; }
    int hitCount() const { return int(m_hits.size()); }

    bool isHeader(int row) const;
    // The hit a row shows; nullptr for a header row or no row.
    const SearchHit *hitAt(int row) const;
    // The first hit row from `row` on in direction `step` (+1 or -1), or -1.
    int hitRowFrom(int row, int step) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Row
    {
        int hit = -1; // index into m_hits; -1 for a header
        qint64 incidentId = 0;
        QString incidentTitle;
        SnippetText snippet;
    };

    QString m_query;
    QList<SearchHit> m_hits;
    QList<Row> m_rows;
};

} // namespace idesk
