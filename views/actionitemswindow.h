#pragma once

#include "incidentservice.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace idesk {

class ActionItemFilterProxy;
class AllActionItemsModel;

// "All action items": every incident's items in one sortable table, overdue ones in
// red, filtered by owner and status. Double-click (or Enter) opens the item's incident.
// Refreshes when shown, after our own commands and when asked (external writes).
class ActionItemsWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionItemsWindow)

public:
    explicit ActionItemsWindow(IncidentService &service, QWidget *parent = nullptr);

    // Re-reads the list when the window is visible (and notes to do it when shown).
    void refresh();

    AllActionItemsModel *model() const { return m_model; }
    ActionItemFilterProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    QComboBox *ownerCombo() const { return m_owner; }
    QComboBox *statusCombo() const { return m_status; }
    QString summaryText() const;

Q_SIGNALS:
    // The user asked to open the incident an item belongs to.
    void incidentActivated(qint64 incidentId);
    void errorOccurred(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reload();
    void fillOwners();
    void applyFilters();
    void updateSummary();
    void activate(const QModelIndex &index);

    IncidentService &m_service;
    AllActionItemsModel *m_model = nullptr;
    ActionItemFilterProxy *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_owner = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_summary = nullptr;
    bool m_stale = true;
};

} // namespace idesk
