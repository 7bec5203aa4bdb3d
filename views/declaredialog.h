#pragma once

#include "incidentservice.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace idesk {

// Declares an incident: title, severity (its criteria shown under it), summary,
// commander and an optional earlier start. Keyboard first: the title has focus
// and Enter declares. A refusal is shown inline and the dialog stays open.
class DeclareDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeclareDialog)

public:
    DeclareDialog(IncidentService &service, const QString &userName, QWidget *parent = nullptr);

    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *severityCombo() const { return m_severity; }
    QLabel *errorLabel() const { return m_error; }
    QPlainTextEdit *summaryEdit() const { return m_summary; }
    QCheckBox *backdateBox() const { return m_backdate; }
    QDateTimeEdit *startedEdit() const { return m_started; }
    QLabel *noteLabel() const { return m_note; }

    // Fills the form from a prepared request (declaring from an alert) and shows `note`
    // above it. The commander stays as it is unless the request names one. Returns false
    // when the request's severity is not one the team defines: the default stays selected.
    bool prefill(const DeclareRequest &request, const QString &note = {});
    // The id of the incident declared, once accepted.
    std::optional<qint64> declaredId() const { return m_declaredId; }

    void accept() override;

Q_SIGNALS:
    void declared(qint64 incidentId);

private:
    void loadSeverities();
    void showCriteria();
    void showError(const QString &message);

    IncidentService &m_service;
    QString m_userName;
    QList<SeverityDefinition> m_severities;
    QLineEdit *m_title = nullptr;
    QComboBox *m_severity = nullptr;
    QLabel *m_criteria = nullptr;
    QPlainTextEdit *m_summary = nullptr;
    QLineEdit *m_commander = nullptr;
    QCheckBox *m_backdate = nullptr;
    QDateTimeEdit *m_started = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_note = nullptr;
    std::optional<qint64> m_declaredId;
};

} // namespace idesk
