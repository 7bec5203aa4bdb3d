#include "postmortempage.h"

#include "actionitemsmodel.h"
#include "actionitemspanel.h"
#include "blamelessdialog.h"
#include "postmortemeditor.h"
#include "postmortemhtml.h"
#include "presentation.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace idesk {

using Format = PostmortemExport::Format;

PostmortemPage::PostmortemPage(IncidentService &service, QWidget *parent)
    : QWidget(parent), m_service(service)
{
    m_editor = new PostmortemEditor(service, this);
    m_editorScroll = new QScrollArea(this);
    m_editorScroll->setWidget(m_editor);
    m_editorScroll->setWidgetResizable(true);
    m_editorScroll->setFrameShape(QFrame::NoFrame);
    m_editorScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_actions = new ActionItemsPanel(service, this);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_editorScroll);
    left->addWidget(m_actions);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);
    left->setChildrenCollapsible(false);
    left->setSizes({560, 240});

    auto *previewHeading = new QLabel(tr("Preview"), this);
    Presentation::makeTitle(previewHeading, 2);
    auto *previewHint = new QLabel(tr("as exported"), this);
    Presentation::makeMuted(previewHint);
    auto *check = new QPushButton(tr("Check Language…"), this);
    check->setToolTip(tr("Look for language that blames people (e.g. \"human error\")"));
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Markdown…"), this, [this] { startExport(Format::Markdown); });
    exportMenu->addAction(tr("HTML…"), this, [this] { startExport(Format::Html); });
    exportMenu->addAction(tr("PDF…"), this, [this] { startExport(Format::Pdf); });
    exportButton->setMenu(exportMenu);

    m_preview = new QTextBrowser(this);
    m_preview->setOpenLinks(false);
    // Whole words: a narrow table column scrolls sideways rather than splitting "Hours".
    m_preview->setWordWrapMode(QTextOption::WordWrap);
    m_preview->document()->setDocumentMargin(14);
    m_preview->setStyleSheet(QStringLiteral("QTextBrowser { background: white; color: #1f2328; }"));

    auto *previewBar = new QHBoxLayout;
    previewBar->addWidget(previewHeading);
    previewBar->addWidget(previewHint);
    previewBar->addStretch(1);
    previewBar->addWidget(check);
    previewBar->addWidget(exportButton);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->setSpacing(6);
    rightLayout->addLayout(previewBar);
    rightLayout->addWidget(m_preview, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({640, 640});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(m_splitter);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(DefaultPreviewDelayMs);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_previewTimer, &QTimer::timeout, this, &PostmortemPage::updatePreviewNow);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            reload();
    });
    connect(m_editor, &PostmortemEditor::edited, this, [this] { m_previewTimer.start(); });
    connect(m_editor, &PostmortemEditor::errorOccurred, this, &PostmortemPage::errorOccurred);
    connect(m_actions, &ActionItemsPanel::errorOccurred, this, &PostmortemPage::errorOccurred);
    connect(check, &QPushButton::clicked, this, &PostmortemPage::checkLanguage);
    connect(m_preview, &QTextBrowser::anchorClicked, this, &PostmortemPage::openLink);
    connect(&service, &IncidentService::incidentChanged, this, [this](qint64 id) {
        if (m_incidentId == id)
            refresh();
    });
    connect(&service, &IncidentService::settingChanged, this, [this] {
        if (m_incidentId)
            refresh();
    });
    setIncident(std::nullopt);
}

void PostmortemPage::setIncident(std::optional<qint64> incidentId)
{
    if (incidentId == m_incidentId && incidentId)
        return;
    m_editor->setIncident(incidentId); // saves what was pending for the previous one
    m_actions->setIncident(incidentId);
    m_incidentId = incidentId;
    m_incident.reset();
    if (!incidentId) {
        m_stale = false;
        m_previewMarkdown.clear();
        m_preview->clear();
        return;
    }
    m_stale = true;
    if (isVisible())
        reload();
}

void PostmortemPage::refresh()
{
    // Deferred and coalesced: a refresh can be asked from inside a command (a delegate's
    // setData, a list edit), and several writes in a row need one reload.
    m_stale = true;
    m_refreshTimer.start();
}

void PostmortemPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void PostmortemPage::reload()
{
    m_refreshTimer.stop();
    if (!m_incidentId)
        return;
    m_stale = false;
    auto incident = m_service.repository().loadIncident(*m_incidentId);
    if (!incident) {
        Q_EMIT errorOccurred(incident.errorMessage());
        return;
    }
    const auto rate = m_service.hourlyRate();
    m_incident = std::move(incident).value();
    m_editor->display(*m_incident, rate ? *rate : IncidentMetrics::kDefaultHourlyRate);
    m_actions->setItems(m_incident->actionItems);
    m_previewTimer.start();
}

VoidResult PostmortemPage::flushEdits()
{
    return m_editor->flush();
}

void PostmortemPage::updatePreviewNow()
{
    m_previewTimer.stop();
    if (!m_incident)
        return;
    // The stored incident with what the form shows right now: after the autosave this
    // is exactly what the export writes.
    Incident shown = *m_incident;
    shown.postmortem = m_editor->postmortem();
    shown.header.slo = m_editor->slo();
    PostmortemOptions options = exportOptions();
    options.hourlyRate = m_editor->hourlyRate();
    const QString markdown = PostmortemMarkdown::render(shown, options);
    if (markdown == m_previewMarkdown)
        return;
    m_previewMarkdown = markdown;
    QScrollBar *bar = m_preview->verticalScrollBar();
    const int scroll = bar->value();
    PostmortemHtml::fillDocument(*m_preview->document(), markdown);
    bar->setValue(scroll);
}

PostmortemOptions PostmortemPage::exportOptions() const
{
    PostmortemOptions options;
    const auto rate = m_service.hourlyRate();
    options.hourlyRate = rate ? *rate : IncidentMetrics::kDefaultHourlyRate;
    options.now = m_service.clock().now();
    return options;
}

Result<Incident> PostmortemPage::loadForExport()
{
    if (!m_incidentId)
        return Error::validation(tr("No incident is open."));
    if (auto flushed = flushEdits(); !flushed)
        return flushed.error();
    return m_service.repository().loadIncident(*m_incidentId);
}

Result<QString> PostmortemPage::exportMarkdown() const
{
    if (!m_incidentId)
        return Error::validation(tr("No incident is open."));
    const auto incident = m_service.repository().loadIncident(*m_incidentId);
    if (!incident)
        return incident.error();
    return PostmortemMarkdown::render(*incident, exportOptions());
}

VoidResult PostmortemPage::exportTo(Format format, const QString &path)
{
    const auto incident = loadForExport();
    if (!incident) {
        Q_EMIT errorOccurred(incident.errorMessage());
        return incident.error();
    }
    auto written = PostmortemExport::write(*incident, exportOptions(), format, path);
    if (!written) {
        Q_EMIT errorOccurred(written.errorMessage());
        return written;
    }
    m_lastExportFolder = QFileInfo(path).absolutePath();
    Q_EMIT exported(path);
    return {};
}

void PostmortemPage::startExport(Format format)
{
    const auto incident = loadForExport();
    if (!incident) {
        Q_EMIT errorOccurred(incident.errorMessage());
        return;
    }
    const auto findings = BlamelessCheck::run(*incident);
    if (findings.isEmpty()) {
        chooseFileAndExport(format);
        return;
    }
    auto *dialog = new BlamelessDialog(findings, BlamelessDialog::Mode::BeforeExport, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BlamelessDialog::goToRequested, this, &PostmortemPage::goTo);
    connect(dialog, &QDialog::accepted, this, [this, format] { chooseFileAndExport(format); });
    dialog->open();
}

void PostmortemPage::checkLanguage()
{
    const auto incident = loadForExport();
    if (!incident) {
        Q_EMIT errorOccurred(incident.errorMessage());
        return;
    }
    auto *dialog = new BlamelessDialog(
        BlamelessCheck::run(*incident), BlamelessDialog::Mode::CheckOnly, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BlamelessDialog::goToRequested, this, &PostmortemPage::goTo);
    dialog->open();
}

void PostmortemPage::chooseFileAndExport(Format format)
{
    if (!m_incident)
        reload();
    if (!m_incident)
        return;
    QString folder = m_lastExportFolder;
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested
        = QDir(folder).filePath(PostmortemExport::suggestedFileName(*m_incident, format));
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Postmortem"), suggested, PostmortemExport::fileFilter(format));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + PostmortemExport::suffix(format);
    (void)exportTo(format, path);
}

void PostmortemPage::goTo(const BlamelessFinding &finding)
{
    // From a dialog that just closed: make sure the focus lands in this window.
    window()->activateWindow();
    if (m_editor->goTo(finding.field, finding.offset, finding.length))
        return;
    static const QRegularExpression indexed(QStringLiteral("^(\\w+)\\[(\\d+)\\]"));
    const auto match = indexed.match(finding.field);
    const int index = match.hasMatch() ? match.captured(2).toInt() : -1;
    if (match.captured(1) == u"action_items") {
        m_actions->selectItem(index + 1, ActionItemsModel::TextColumn);
        return;
    }
    if (match.captured(1) == u"timeline" && m_incident && index < m_incident->timeline.size()) {
        Q_EMIT timelineEntryRequested(m_incident->timeline.at(index).id);
        return;
    }
    Q_EMIT incidentRecordRequested();
}

void PostmortemPage::openLink(const QUrl &url)
{
    if (url.scheme() == u"http" || url.scheme() == u"https" || url.scheme() == u"mailto")
        QDesktopServices::openUrl(url);
}

} // namespace idesk
