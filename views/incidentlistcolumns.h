#pragma once

#include <QFont>
#include <QHash>
#include <QObject>
#include <QStyleOptionViewItem>

#include <memory>
#include <utility>

class QTableView;

namespace idesk {

class IncidentListModel;
class IncidentListSampleRow;

// Sizes the incident list's columns but the stretching title to the widest
// value each can show (IncidentListModel::widestTexts) as the columns'
// delegates measure it: ResizeToContents measured every loaded row at every
// page (issue #6). Sized again when the font or style changes or a wider value
// comes in. The user may still resize a column; one they resized keeps its width.
class IncidentListColumns final : public QObject
{
public:
    // Parented to `view`; fits its columns from then on.
    IncidentListColumns(QTableView *view, const IncidentListModel *model);
    ~IncidentListColumns() override;

    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QStyleOptionViewItem itemOption() const;

    QTableView *m_view;
    const IncidentListModel *m_model;
    std::unique_ptr<IncidentListSampleRow> m_sample;
    QHash<int, int> m_fitted; // column -> width last given, to tell the user's apart
    std::pair<QFont, QFont> m_fonts; // the view's and the header's at the last fit
    bool m_fitting = false;
};

} // namespace idesk
