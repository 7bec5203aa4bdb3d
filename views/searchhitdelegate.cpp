#include "searchhitdelegate.h"

#include "presentation.h"
#include "searchresultsmodel.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace idesk {

namespace {

constexpr int kPadding = 6;
constexpr int kIndent = 18; // hits sit under their incident's header

// Draws `text` on one line at `origin`, the `matches` bold on a highlight,
// clipped to `width`.
void drawLine(QPainter *painter, const QFont &font, const QString &text,
    const QList<QTextLayout::FormatRange> &formats, QPointF origin, qreal width)
{
    QTextLayout layout(text, font);
    layout.setFormats(formats);
    QTextOption option;
    option.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid())
        line.setLineWidth(width);
    layout.endLayout();
    painter->save();
    painter->setClipRect(
        QRectF(origin, QSizeF(width, line.isValid() ? line.height() : 0)), Qt::IntersectClip);
    layout.draw(painter, origin);
    painter->restore();
}

} // namespace

SearchHitDelegate::SearchHitDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

int SearchHitDelegate::detailWidth(const QFontMetrics &metrics)
{
    return metrics.horizontalAdvance(QStringLiteral("observation · 2026-12-31 23:59")) + 12;
}

QSize SearchHitDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const bool header = index.data(SearchResultsModel::IsHeaderRole).toBool();
    const QFontMetrics metrics(option.font);
    // Any width: the view is as wide as the panel and the text is clipped.
    return {1, metrics.height() + (header ? 3 : 2) * kPadding / 2 + 4};
}

void SearchHitDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the background and selection only; the text is ours
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const bool header = index.data(SearchResultsModel::IsHeaderRole).toBool();
    if (header)
        opt.backgroundBrush = option.palette.alternateBase();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    QRect area = option.rect.adjusted(kPadding, 0, -kPadding, 0);
    const QString text = index.data(Qt::DisplayRole).toString();
    painter->save();
    painter->setPen(option.palette.color(QPalette::Active, textRole));
    if (header) {
        QFont bold = option.font;
        bold.setBold(true);
        const QFontMetrics metrics(bold);
        const qreal top = area.top() + (area.height() - metrics.height()) / 2.0;
        drawLine(painter, bold, text, {}, QPointF(area.left(), top), area.width());
        painter->restore();
        return;
    }

    area.setLeft(area.left() + kIndent);
    const QFontMetrics metrics(option.font);
    const qreal top = area.top() + (area.height() - metrics.height()) / 2.0;
    const int detail = detailWidth(metrics);
    if (!selected)
        painter->setPen(Presentation::mutedTextColor());
    drawLine(painter, option.font, index.data(SearchResultsModel::DetailRole).toString(), {},
        QPointF(area.left(), top), detail - 8);
    painter->setPen(option.palette.color(QPalette::Active, textRole));

    QList<QTextLayout::FormatRange> formats;
    for (const QVariant &value : index.data(SearchResultsModel::MatchesRole).toList()) {
        const QPoint match = value.toPoint();
        QTextLayout::FormatRange range;
        range.start = match.x();
        range.length = match.y();
        range.format.setFontWeight(QFont::Bold);
        if (!selected) {
            QColor mark = option.palette.color(QPalette::Highlight);
            mark.setAlpha(60);
            range.format.setBackground(mark);
        }
        formats.append(range);
    }
    drawLine(painter, option.font, text, formats, QPointF(area.left() + detail, top),
        area.width() - detail);
    painter->restore();
}

} // namespace idesk
