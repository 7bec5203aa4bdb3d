#pragma once

#include "incidentservice.h"
#include "quickentry.h"

#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;

namespace idesk {

// The line under the timeline where the scribe types. Enter logs a note at now;
// "HH:MM text" backdates it; "/decision …", "/status monitoring", "/sev 2",
// "/assign scribe Dana", "/ic Alice" and friends run their command (QuickEntry).
// On success the line clears and keeps focus; a bad or refused command shows a
// red message under the line, writes nothing and keeps the typed text.
// Up and Down walk through what was entered before.
class QuickEntryBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickEntryBar)

public:
    explicit QuickEntryBar(IncidentService &service, QWidget *parent = nullptr);

    void setUserName(const QString &userName) { m_userName = userName; }
    void setIncident(std::optional<qint64> incidentId);

    QLineEdit *lineEdit() const { return m_line; }
    QString errorText() const;
    // Runs what is in the line, as Enter does. Returns whether it succeeded.
    bool submit();

Q_SIGNALS:
    // A timeline entry was written (a note, decision, ...), so the view can show it.
    void entryLogged(qint64 entryId);
    void commandExecuted();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    VoidResult execute(const QuickEntry::Command &command);
    void showError(const QString &message);
    void recall(int step);

    IncidentService &m_service;
    QString m_userName;
    std::optional<qint64> m_incidentId;
    QLineEdit *m_line = nullptr;
    QLabel *m_error = nullptr;
    QStringList m_history; // oldest first
    int m_historyPos = 0; // == size() when not browsing
    QString m_draft; // what was typed before browsing
};

} // namespace idesk
