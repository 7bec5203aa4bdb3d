#pragma once

#include "incidentservice.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QDoubleSpinBox;
class QFormLayout;
class QVBoxLayout;
class QGroupBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace idesk {

class StringListEditor;

// The postmortem's fields (DESIGN §2), the SLO context and the team's hourly rate, as a
// form. There is no Save button: an edit is saved about half a second after the typing
// stops and at once when the field loses the focus, through IncidentService, writing
// only the fields that changed. display() shows what the store holds but leaves alone a
// field the user is in or has unsaved edits in, so a refresh never eats typing.
class PostmortemEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostmortemEditor)

public:
    static constexpr int DefaultSaveDelayMs = 500;

    explicit PostmortemEditor(IncidentService &service, QWidget *parent = nullptr);

    // Saves what is pending for the previous incident first.
    void setIncident(std::optional<qint64> incidentId);
    std::optional<qint64> incidentId() const { return m_incidentId; }
    void display(const Incident &incident, double hourlyRate);

    // What the form shows (and will save).
    Postmortem postmortem() const;
    std::optional<SloContext> slo() const;
    double hourlyRate() const;

    bool hasUnsavedEdits() const { return !m_dirty.isEmpty(); }
    // Saves every pending edit now.
    VoidResult flush();
    void setSaveDelay(int milliseconds) { m_saveTimer.setInterval(milliseconds); }

    // Focuses the field a BlamelessFinding names ("postmortem.root_cause",
    // "postmortem.went_well[2]") and selects [offset, offset + length). False when this
    // form has no such field.
    bool goTo(const QString &field, qsizetype offset, qsizetype length);

    // The widget of a field by its document key: "executive_summary",
    // "impact.users_affected", "went_well", ... and "slo", "slo.target",
    // "slo.window_days", "slo.affected_fraction", "hourly_rate".
    QWidget *fieldWidget(const QString &key) const;

Q_SIGNALS:
    // The form's content changed through the user (for the preview).
    void edited();
    void errorOccurred(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct TextField
    {
        QString key;
        QWidget *widget = nullptr; // QPlainTextEdit or QLineEdit
        std::function<QString &(Postmortem &)> access;
    };
    struct ListField
    {
        QString key;
        StringListEditor *editor = nullptr;
        std::function<QStringList &(Postmortem &)> access;
    };

    void beginSection(const QString &title, const QString &hint = {});
    QPlainTextEdit *addNarrative(const QString &key, const QString &placeholder, int lines,
        std::function<QString &(Postmortem &)> access);
    QLineEdit *addLine(const QString &key, const QString &placeholder,
        std::function<QString &(Postmortem &)> access);
    StringListEditor *addList(const QString &key, const QString &placeholder,
        std::function<QStringList &(Postmortem &)> access);
    void addSloAndRate();
    void markEdited(const QString &key);
    bool isBusy(const QString &key, const QWidget *widget) const;
    void revealWidget(QWidget *widget);

    IncidentService &m_service;
    std::optional<qint64> m_incidentId;
    QVBoxLayout *m_layout = nullptr;
    QFormLayout *m_section = nullptr;
    QList<TextField> m_texts;
    QList<ListField> m_lists;
    QGroupBox *m_sloBox = nullptr;
    QDoubleSpinBox *m_sloTarget = nullptr;
    QSpinBox *m_sloWindow = nullptr;
    QDoubleSpinBox *m_sloAffected = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QSet<QString> m_dirty; // keys with unsaved edits
    QTimer m_saveTimer;
    bool m_loading = false; // display() is filling the widgets
};

} // namespace idesk
