#include "searchresultsmodel.h"

#include <QHash>

namespace idesk {

namespace {

// As FTS5's unicode61 tokenizer with remove_diacritics compares: letters and
// digits only, accents dropped, case folded.
QString folded(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.isLetterOrNumber())
            out += c;
    }
    return out.toCaseFolded();
}

QStringList foldedWords(const QString &query)
{
    QStringList words;
    for (const QString &word : query.split(QChar(u' '), Qt::SkipEmptyParts)) {
        const QString f = folded(word.trimmed());
        if (!f.isEmpty())
            words.append(f);
    }
    return words;
}

bool isMatchOf(const QString &content, const QStringList &words)
{
    const QString f = folded(content);
    if (f.isEmpty())
        return false;
    // Every word is matched as a whole or (the last one) as a prefix; a
    // bracket pair in the entry's own text rarely holds exactly such a word.
    return std::any_of(
        words.cbegin(), words.cend(), [&](const QString &word) { return f.startsWith(word); });
}

} // namespace

SnippetText SnippetText::parse(const QString &marked, const QString &query)
{
    // One line: line breaks and tabs become spaces (one for one, so nothing moves).
    QString snippet = marked;
    for (QChar &c : snippet) {
        if (c == u'\n' || c == u'\r' || c == u'\t' || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            c = u' ';
    }
    const QStringList words = foldedWords(query.simplified());
    // Innermost pairs whose content is a query word are markers: FTS5 wraps a
    // match that sits in the entry's own brackets as "[[word]]".
    QList<std::pair<qsizetype, qsizetype>> markers; // positions of '[' and ']'
    qsizetype open = -1;
    for (qsizetype i = 0; i < snippet.size(); ++i) {
        const QChar c = snippet.at(i);
        if (c == u'[') {
            open = i;
        } else if (c == u']') {
            if (open >= 0 && isMatchOf(snippet.mid(open + 1, i - open - 1), words))
                markers.append({open, i});
            open = -1;
        }
    }
    SnippetText result;
    result.text.reserve(snippet.size());
    qsizetype from = 0;
    for (const auto &[first, last] : std::as_const(markers)) {
        result.text += QStringView(snippet).mid(from, first - from);
        const qsizetype start = result.text.size();
        result.text += QStringView(snippet).mid(first + 1, last - first - 1);
        result.matches.append(QPoint(int(start), int(result.text.size() - start)));
        from = last + 1;
    }
    result.text += QStringView(snippet).mid(from);
    return result;
}

SearchResultsModel::SearchResultsModel(QObject *parent) : QAbstractListModel(parent) { }

void SearchResultsModel::setResults(const QString &query, const QList<SearchHit> &hits)
{
    beginResetModel();
    m_query = query;
    m_hits = hits;
    m_rows.clear();
    // Incidents in the order of their best hit, each hit under its incident.
    QList<qint64> order;
    QHash<qint64, QList<int>> byIncident;
    for (int i = 0; i < m_hits.size(); ++i) {
        const qint64 id = m_hits.at(i).incidentId;
        if (!byIncident.contains(id))
            order.append(id);
        byIncident[id].append(i);
    }
    for (const qint64 id : std::as_const(order)) {
        const QList<int> &members = byIncident[id];
        m_rows.append(Row {-1, id, m_hits.at(members.first()).incidentTitle, {}});
        for (const int i : members) {
            const SearchHit &hit = m_hits.at(i);
            m_rows.append(Row {i, id, hit.incidentTitle, SnippetText::parse(hit.snippet, query)});
        }
    }
    endResetModel();
}

void SearchResultsModel::clear()
{
    setResults({}, {});
}

bool SearchResultsModel::isHeader(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).hit < 0;
}

const SearchHit *SearchResultsModel::hitAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).hit < 0)
        return nullptr;
    return &m_hits.at(m_rows.at(row).hit);
}

int SearchResultsModel::hitRowFrom(int row, int step) const
{
    for (int r = row; r >= 0 && r < m_rows.size(); r += step) {
        if (!isHeader(r))
            return r;
    }
    return -1;
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

Qt::ItemFlags SearchResultsModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return isHeader(index.row()) ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const SearchHit *hit = row.hit >= 0 ? &m_hits.at(row.hit) : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        if (!hit)
            return tr("%1  %2").arg(formatIncidentId(row.incidentId), row.incidentTitle);
        return row.snippet.text;
    case Qt::ToolTipRole:
        if (!hit)
            return row.incidentTitle;
        return tr("%1 in %2 %3")
            .arg(hit->kind, formatIncidentId(row.incidentId), row.incidentTitle);
    case IsHeaderRole:
        return !hit;
    case IncidentIdRole:
        return row.incidentId;
    case EntryIdRole:
        return hit ? hit->entryId : qint64(0);
    case KindRole:
        return hit ? hit->kind : QString();
    case AtRole:
        return hit ? hit->at : QDateTime();
    case MatchesRole: {
        QVariantList matches;
        for (const QPoint &m : row.snippet.matches)
            matches.append(m);
        return matches;
    }
    case DetailRole:
        if (!hit)
            return {};
        if (!hit->at.isValid())
            return hit->kind;
        return tr("%1 · %2").arg(
            hit->kind, hit->at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    default:
        break;
    }
    return {};
}

} // namespace idesk
