#include "incidentlistcolumns.h"

#include "incidentlistmodel.h"

#include <QAbstractItemDelegate>
#include <QAbstractTableModel>
#include <QEvent>
#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace idesk {

// One row showing `text` in every column and, for the rest, what the list's
// first row shows (its severity icon): what a delegate measures for a value.
class IncidentListSampleRow final : public QAbstractTableModel
{
public:
    explicit IncidentListSampleRow(const QAbstractItemModel &source) : m_source(source) { }
    QString text;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 1; }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : m_source.columnCount();
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DisplayRole)
            return text;
        return m_source.rowCount() > 0 ? m_source.index(0, index.column()).data(role) : QVariant();
    }

private:
    const QAbstractItemModel &m_source;
};

IncidentListColumns::IncidentListColumns(QTableView *view, const IncidentListModel *model)
    : QObject(view), m_view(view), m_model(model),
      m_sample(std::make_unique<IncidentListSampleRow>(*model))
{
    view->installEventFilter(this);
    view->horizontalHeader()->installEventFilter(this);
    connect(model, &IncidentListModel::widestTextsGrew, this, &IncidentListColumns::fit);
}

IncidentListColumns::~IncidentListColumns() = default;

void IncidentListColumns::fit()
{
    if (m_fitting) // polishing the view may change its font or style
        return;
    m_fitting = true;
    m_view->ensurePolished();
    QHeaderView *header = m_view->horizontalHeader();
    const QStyleOptionViewItem option = itemOption();
    for (int column = 0; column < header->count(); ++column) {
        if (header->sectionResizeMode(column) == QHeaderView::Stretch)
            continue;
        // As ResizeToContents: the wider of the header and the cells.
        int width = header->sectionSizeHint(column);
        QAbstractItemDelegate *delegate = m_view->itemDelegateForColumn(column);
        if (!delegate)
            delegate = m_view->itemDelegate();
        const QModelIndex cell = m_sample->index(0, column);
        const QStringList texts = m_model->widestTexts(column);
        for (const QString &text : texts) {
            m_sample->text = text;
            width = std::max(
                width, delegate->sizeHint(option, cell).width() + (m_view->showGrid() ? 1 : 0));
        }
        width = std::clamp(width, header->minimumSectionSize(), header->maximumSectionSize());
        const auto fitted = m_fitted.constFind(column);
        if (fitted == m_fitted.cend() || *fitted == header->sectionSize(column)) {
            header->resizeSection(column, width);
            m_fitted.insert(column, width);
        }
    }
    m_fonts = {m_view->font(), header->font()};
    m_fitting = false;
}

bool IncidentListColumns::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Show: // the first fit, when no row came in before
        if (m_fitted.isEmpty())
            fit();
        break;
    case QEvent::FontChange: // also sent on a reparent, with the same font
        if (m_view->font() != m_fonts.first || m_view->horizontalHeader()->font() != m_fonts.second)
            fit();
        break;
    case QEvent::StyleChange:
        fit();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

QStyleOptionViewItem IncidentListColumns::itemOption() const
{
    QStyleOptionViewItem option;
    option.initFrom(m_view);
    option.state &= ~(QStyle::State_MouseOver | QStyle::State_HasFocus);
    option.font = m_view->font();
    option.fontMetrics = QFontMetrics(option.font);
    const int icon = m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    option.decorationSize = m_view->iconSize().isValid() ? m_view->iconSize() : QSize(icon, icon);
    option.decorationPosition = QStyleOptionViewItem::Left;
    option.decorationAlignment = Qt::AlignCenter;
    option.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
    option.textElideMode = m_view->textElideMode();
    option.showDecorationSelected = true;
    if (m_view->wordWrap())
        option.features = QStyleOptionViewItem::WrapText;
    option.locale = m_view->locale();
    option.locale.setNumberOptions(QLocale::OmitGroupSeparator);
    option.widget = m_view;
    return option;
}

} // namespace idesk
