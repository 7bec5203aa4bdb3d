#pragma once

#include <QStyledItemDelegate>

namespace idesk {

// Paints SearchResultsModel rows: an incident's header in bold, and each hit as
// its kind and time, then its snippet with the matched words bold on a
// highlight. The text is laid out as plain text (QTextLayout with formats), so
// whatever an entry holds — "<b>", "&amp;", brackets — shows exactly as typed.
class SearchHitDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchHitDelegate)

public:
    explicit SearchHitDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The width of the kind-and-time column before a hit's snippet.
    static int detailWidth(const QFontMetrics &metrics);
};

} // namespace idesk
