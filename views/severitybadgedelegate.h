#pragma once

#include <QStyledItemDelegate>

namespace idesk {

// Paints a severity as a coloured pill ("SEV-1" on red). Reads the level from
// the model's `levelRole` and the text from Qt::DisplayRole.
class SeverityBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeverityBadgeDelegate)

public:
    SeverityBadgeDelegate(int levelRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_levelRole;
};

} // namespace idesk
