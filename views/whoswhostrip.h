#pragma once

#include "clock.h"
#include "incidentrepository.h"

#include <QHash>
#include <QMap>
#include <QWidget>

#include <optional>

class QHBoxLayout;
class QToolButton;

namespace idesk {

// "Who's who" for the incident header: one compact chip per role with its current
// holder ("Commander: Alice"), the four standard roles always and a custom role once
// someone has held it. A standard role nobody holds reads "Commander: —" in a warning
// style. A chip's tooltip is that role's history (RoleHistoryText); clicking it (or
// Space on it) asks for the assign / handoff dialog for that role.
class WhosWhoStrip final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhosWhoStrip)

public:
    WhosWhoStrip(
        const IncidentRepository &repository, const Clock &clock, QWidget *parent = nullptr);

    void setIncident(std::optional<qint64> incidentId);
    // Re-reads the roles (and their handoff notes); chips that stay are updated in
    // place, so hover and focus survive a refresh.
    VoidResult refresh();

    // The roles shown, in chip order.
    QStringList roles() const;
    QToolButton *chip(const QString &role) const;
    // True when nobody holds `role` now.
    bool isVacant(const QString &role) const;

Q_SIGNALS:
    void roleClicked(const QString &role);
    void errorOccurred(const QString &message);

private:
    QToolButton *chipFor(const QString &role);
    void display(const QList<RoleAssignment> &assignments, const QHash<qint64, QString> &notes);
    void clearChips();

    const IncidentRepository &m_repository;
    const Clock &m_clock;
    std::optional<qint64> m_incidentId;
    QHBoxLayout *m_chips = nullptr;
    QMap<QString, QToolButton *> m_chipByRole;
    QStringList m_order;
};

} // namespace idesk
