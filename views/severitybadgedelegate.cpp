#include "severitybadgedelegate.h"

#include "presentation.h"

#include <QApplication>
#include <QPainter>

namespace idesk {

namespace {
constexpr int kPadX = 8;
constexpr int kPadY = 2;
} // namespace

SeverityBadgeDelegate::SeverityBadgeDelegate(int levelRole, QObject *parent)
    : QStyledItemDelegate(parent), m_levelRole(levelRole)
{
}

void SeverityBadgeDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The selection and focus background as any cell, then the badge on top.
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    base.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, widget);

    const QString text = index.data(Qt::DisplayRole).toString();
    const QColor color = Presentation::severityColor(index.data(m_levelRole).toInt());
    QFont font = option.font;
    font.setBold(true);
    const QFontMetrics metrics(font);
    const int width = metrics.horizontalAdvance(text) + 2 * kPadX;
    const int height = metrics.height() + 2 * kPadY;
    const QRect badge(
        option.rect.left() + 4, option.rect.center().y() - height / 2 + 1, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setFont(font);
    // Dark text on amber reads better than white.
    painter->setPen(color.lightness() > 150 ? QColor(0x21, 0x21, 0x21) : QColor(Qt::white));
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

QSize SeverityBadgeDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QFont font = option.font;
    font.setBold(true);
    const QFontMetrics metrics(font);
    const QString text = index.data(Qt::DisplayRole).toString();
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(base.width(), metrics.horizontalAdvance(text) + 2 * kPadX + 8),
        std::max(base.height(), metrics.height() + 2 * kPadY + 4)};
}

} // namespace idesk
