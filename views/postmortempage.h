#pragma once

#include "blamelesscheck.h"
#include "incidentservice.h"
#include "postmortemexport.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QScrollArea;
class QSplitter;
class QTextBrowser;

namespace idesk {

class ActionItemsPanel;
class PostmortemEditor;

// The Postmortem tab of an incident: the form (PostmortemEditor) and the action items
// (ActionItemsPanel) on the left, a live preview on the right rendered from the same
// Markdown the export writes. Export runs the blameless check first (BlamelessDialog),
// then asks where to save; exportTo() is that last step without the dialogs.
class PostmortemPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostmortemPage)

public:
    static constexpr int DefaultPreviewDelayMs = 300;

    explicit PostmortemPage(IncidentService &service, QWidget *parent = nullptr);

    void setIncident(std::optional<qint64> incidentId);
    std::optional<qint64> incidentId() const { return m_incidentId; }
    // Re-reads the incident soon (coalesced) if the page is visible, else when shown.
    void refresh();
    // Re-reads the incident now.
    void reload();
    // Saves every pending edit now.
    VoidResult flushEdits();

    // The menu's Export …: blameless check, file dialog, exportTo().
    void startExport(PostmortemExport::Format format);
    // Writes the stored postmortem (pending edits saved first) to `path`.
    VoidResult exportTo(PostmortemExport::Format format, const QString &path);
    // The blameless check on its own, with Go to.
    void checkLanguage();
    // Shows the spot a finding names: a postmortem field, an action item, or (through
    // timelineEntryRequested) a timeline entry.
    void goTo(const BlamelessFinding &finding);

    // What the export would write now (the stored incident, the current hourly rate).
    Result<QString> exportMarkdown() const;
    // The Markdown the preview shows.
    QString previewMarkdown() const { return m_previewMarkdown; }
    void updatePreviewNow();
    void setPreviewDelay(int milliseconds) { m_previewTimer.setInterval(milliseconds); }

    PostmortemEditor *editor() const { return m_editor; }
    ActionItemsPanel *actionItems() const { return m_actions; }
    QTextBrowser *preview() const { return m_preview; }

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void exported(const QString &path);
    void timelineEntryRequested(qint64 entryId);
    void incidentRecordRequested(); // a finding in the title, summary or a status update

protected:
    void showEvent(QShowEvent *event) override;

private:
    PostmortemOptions exportOptions() const;
    void chooseFileAndExport(PostmortemExport::Format format);
    Result<Incident> loadForExport();
    void openLink(const QUrl &url);

    IncidentService &m_service;
    std::optional<qint64> m_incidentId;
    std::optional<Incident> m_incident; // as last read
    PostmortemEditor *m_editor = nullptr;
    QScrollArea *m_editorScroll = nullptr;
    ActionItemsPanel *m_actions = nullptr;
    QTextBrowser *m_preview = nullptr;
    QSplitter *m_splitter = nullptr;
    QString m_previewMarkdown;
    QString m_lastExportFolder;
    QTimer m_previewTimer;
    QTimer m_refreshTimer;
    bool m_stale = true;
};

} // namespace idesk
