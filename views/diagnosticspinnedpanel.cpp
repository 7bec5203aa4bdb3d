#include "diagnosticspinnedpanel.h"

#include "presentation.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace idesk {

DiagnosticsPinnedPanel::DiagnosticsPinnedPanel(QWidget *parent) : QWidget(parent)
{
    m_model = new SnapshotsModel(this);
    m_view = new QTreeView(this);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(SnapshotsModel::TitleColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(SnapshotsModel::SourceColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SnapshotsModel::CapturedColumn, QHeaderView::ResizeToContents);

    m_edit = new QPushButton(tr("Open in &editor"), this);
    m_edit->setToolTip(tr("Put the snapshot's query and window in the editor to run it again"));
    m_edit->setEnabled(false);
    auto *hint = new QLabel(tr("Drawn from the stored data alone."), this);
    hint->setWordWrap(true);
    Presentation::makeMuted(hint);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(m_edit);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &DiagnosticsPinnedPanel::currentChanged);
    connect(m_view, &QTreeView::activated, this, &DiagnosticsPinnedPanel::currentChanged);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            Q_EMIT editRequested(m_model->at(current.row()));
    });
    const auto count = [this] { Q_EMIT countChanged(m_model->rowCount()); };
    connect(m_model, &QAbstractItemModel::modelReset, this, count);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, count);
}

void DiagnosticsPinnedPanel::setIncident(const Incident &incident, const QDateTime &now)
{
    m_model->setIncident(incident, now);
}

void DiagnosticsPinnedPanel::clear()
{
    m_model->clear();
}

void DiagnosticsPinnedPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(row, 0);
    if (m_view->currentIndex().row() == row)
        currentChanged();
    else
        m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void DiagnosticsPinnedPanel::clearSelection()
{
    m_view->selectionModel()->clear();
}

void DiagnosticsPinnedPanel::currentChanged()
{
    const QModelIndex current = m_view->currentIndex();
    m_edit->setEnabled(current.isValid());
    if (current.isValid())
        Q_EMIT snapshotChosen(m_model->at(current.row()));
}

} // namespace idesk
