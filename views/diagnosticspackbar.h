#pragma once

#include "diagnosticpack.h"
#include "incidentrepository.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QPushButton;
class QToolButton;

namespace idesk {

// The Diagnostics tab's pack picker: the packs shipped with the app and the team's own
// (setting "diagnostic_packs"), "Queries" to put one of a pack's queries in the editor, and
// "Run pack".
class DiagnosticsPackBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsPackBar)

public:
    static inline const QString kSettingKey = QStringLiteral("diagnostic_packs");

    explicit DiagnosticsPackBar(IncidentRepository &repository, QWidget *parent = nullptr);

    // Reads the packs again, keeping the chosen one; the problem with the team's stored
    // packs, if they cannot be read (the shipped ones are offered anyway).
    QString reload();
    const QList<DiagnosticPack> &packs() const { return m_packs; }
    std::optional<DiagnosticPack> currentPack() const;
    void setRunEnabled(bool enabled);

    QComboBox *combo() const { return m_combo; }
    QToolButton *queriesButton() const { return m_queries; }
    QPushButton *runButton() const { return m_run; }

Q_SIGNALS:
    void runRequested(const DiagnosticPack &pack);
    void queryChosen(const PackQuery &query);

private:
    void rebuildQueries();

    IncidentRepository &m_repository;
    QList<DiagnosticPack> m_packs;
    QComboBox *m_combo = nullptr;
    QToolButton *m_queries = nullptr;
    QPushButton *m_run = nullptr;
};

} // namespace idesk
