#include "datasourcesdialog.h"

#include "datasourcecatalog.h"
#include "datasourceeditor.h"
#include "datasourcesmodel.h"
#include "diagnosticsource.h"
#include "presentation.h"
#include "secretstore.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace idesk {

namespace {

const QString kBannerStyle
    = QStringLiteral("QLabel { background: #fff4e0; border: 1px solid #e0a040; border-radius: 4px;"
                     " padding: 8px; color: #5c3a00; }");

QColor successColor()
{
    return QColor(0x2e, 0x7d, 0x32);
}

} // namespace

DataSourcesDialog::DataSourcesDialog(
    DataSourceCatalog &catalog, DiagnosticSourceFactory *factory, QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_factory(factory)
{
    setWindowTitle(tr("Data Sources"));
    resize(760, 440);

    const SecretStore &secrets = catalog.secretStore();
    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setStyleSheet(kBannerStyle);
    m_banner->setText(tr("⚠ No keychain is reachable: tokens, passwords and webhook URLs are kept "
                         "in a private file instead, which anything running as you can read.\n%1")
                          .arg(secrets.description()));
    m_banner->setVisible(secrets.isFallback());
    m_storeLine = new QLabel(
        tr("Tokens, passwords and webhook URLs are kept in: %1").arg(secrets.description()), this);
    m_storeLine->setWordWrap(true);
    m_storeLine->setTextFormat(Qt::PlainText);
    Presentation::makeMuted(m_storeLine);
    m_storeLine->setVisible(!secrets.isFallback());

    m_model = new DataSourcesModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    QHeaderView *columns = m_view->horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setHighlightSections(false);
    columns->setSectionResizeMode(QHeaderView::ResizeToContents);
    columns->setSectionResizeMode(DataSourcesModel::UrlColumn, QHeaderView::Stretch);

    m_add = new QPushButton(tr("&Add…"), this);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_remove = new QPushButton(tr("&Remove…"), this);
    m_test = new QPushButton(tr("&Test Connection"), this);
    m_cancelTest = new QPushButton(tr("&Cancel Test"), this);
    m_cancelTest->hide();
    auto *side = new QVBoxLayout;
    for (QPushButton *button : {m_add, m_edit, m_remove, m_test, m_cancelTest}) {
        button->setAutoDefault(false);
        side->addWidget(button);
    }
    side->addStretch();

    m_testResult = new QLabel(this);
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    Presentation::makeError(m_error);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *table = new QHBoxLayout;
    table->addWidget(m_view, 1);
    table->addLayout(side);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_storeLine);
    layout->addLayout(table, 1);
    layout->addWidget(m_testResult);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &DataSourcesDialog::reject);
    connect(m_add, &QPushButton::clicked, this, [this] { addSource(); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editSource(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSource(); });
    connect(m_test, &QPushButton::clicked, this, &DataSourcesDialog::testConnection);
    connect(m_cancelTest, &QPushButton::clicked, this, &DataSourcesDialog::cancelTest);
    connect(m_view, &QTableView::doubleClicked, this, [this] { editSource(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &DataSourcesDialog::updateButtons);
    connect(&m_catalog, &DataSourceCatalog::changed, this, &DataSourcesDialog::reload);
    connect(this, &QDialog::finished, this, &DataSourcesDialog::cancelTest);
    auto *removeKey = new QShortcut(QKeySequence::Delete, m_view);
    removeKey->setContext(Qt::WidgetShortcut);
    connect(removeKey, &QShortcut::activated, this, [this] { removeSource(); });

    reload();
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, 0));
    updateButtons();
}

DataSourcesDialog::~DataSourcesDialog() = default;

void DataSourcesDialog::reload()
{
    const auto selected = selectedSource();
    const auto sources = m_catalog.sources();
    if (!sources) {
        showError(sources.errorMessage());
        return;
    }
    m_model->setSources(*sources);
    if (selected)
        selectSource(selected->name);
    updateButtons();
}

void DataSourcesDialog::selectSource(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
}

std::optional<DataSource> DataSourcesDialog::selectedSource() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount())
        return std::nullopt;
    return m_model->sources().at(current.row());
}

DataSourceEditor *DataSourcesDialog::addSource()
{
    showError({});
    auto *editor = new DataSourceEditor(m_catalog, std::nullopt, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        reload();
        selectSource(editor->savedName());
    });
    editor->open();
    return editor;
}

DataSourceEditor *DataSourcesDialog::editSource()
{
    const auto source = selectedSource();
    if (!source)
        return nullptr;
    showError({});
    auto *editor = new DataSourceEditor(m_catalog, source, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        reload();
        selectSource(editor->savedName());
    });
    editor->open();
    return editor;
}

QMessageBox *DataSourcesDialog::removeSource()
{
    const auto source = selectedSource();
    if (!source)
        return nullptr;
    showError({});
    auto *confirm = new QMessageBox(QMessageBox::Question, tr("Remove Data Source"),
        tr("Remove the data source \"%1\"? Its stored secret is removed with it; snapshots "
           "already on incidents' timelines stay.")
            .arg(source->name),
        QMessageBox::Cancel, this);
    QPushButton *remove = confirm->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    confirm->setDefaultButton(QMessageBox::Cancel);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = source->name;
    connect(confirm, &QMessageBox::buttonClicked, this, [this, remove, name](QAbstractButton *b) {
        if (b != remove)
            return;
        if (auto removed = m_catalog.remove(name); !removed)
            showError(removed.errorMessage());
        reload();
    });
    confirm->open();
    return confirm;
}

void DataSourcesDialog::testConnection()
{
    const auto source = selectedSource();
    if (!source || !m_factory)
        return;
    cancelTest();
    const auto secret = m_catalog.secretFor(*source);
    if (!secret) {
        showTestResult(tr("%1: %2").arg(source->name, secret.errorMessage()), true);
        return;
    }
    m_probe = m_factory->create(*source, *secret);
    if (!m_probe) {
        showTestResult(
            tr("%1: this kind of source cannot be tested here.").arg(source->name), true);
        return;
    }
    m_testing = true;
    const quint64 generation = ++m_testGeneration;
    showTestResult(tr("Testing %1 (%2)…").arg(source->name, source->url), false);
    Presentation::makeMuted(m_testResult);
    updateButtons();
    m_cancelTest->setFocus(Qt::OtherFocusReason);
    // The probe belongs to this dialog: destroying either drops the callback unrun.
    m_probe->testConnection([this, generation, name = source->name](Result<ServerInfo> info) {
        if (generation == m_testGeneration)
            testFinished(name, info);
    });
}

void DataSourcesDialog::testFinished(const QString &name, const Result<ServerInfo> &info)
{
    m_testing = false;
    if (info) {
        const QString what = info->version.isEmpty()
            ? info->product
            : tr("%1 %2").arg(info->product, info->version);
        showTestResult(tr("✓ %1: %2").arg(name, what), false);
    } else {
        showTestResult(tr("✗ %1: %2").arg(name, info.errorMessage()), true);
    }
    updateButtons();
    m_test->setFocus(Qt::OtherFocusReason);
}

void DataSourcesDialog::cancelTest()
{
    if (!m_probe)
        return;
    ++m_testGeneration;
    m_probe->cancelAll();
    m_probe.reset();
    if (m_testing) {
        m_testing = false;
        showTestResult(tr("Test cancelled."), false);
        Presentation::makeMuted(m_testResult);
    }
    updateButtons();
}

void DataSourcesDialog::showTestResult(const QString &text, bool failed)
{
    m_testFailed = failed;
    m_testResult->setText(text);
    QPalette palette = m_testResult->palette();
    palette.setColor(
        QPalette::WindowText, failed ? Presentation::errorTextColor() : successColor());
    m_testResult->setPalette(palette);
    m_testResult->setVisible(!text.isEmpty());
}

void DataSourcesDialog::updateButtons()
{
    const bool selected = selectedSource().has_value();
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_test->setEnabled(selected && m_factory && !m_testing);
    m_test->setToolTip(m_factory ? tr("Reach the selected source and report what it is")
                                 : tr("Testing needs the integrations, which this window was "
                                      "started without."));
    m_cancelTest->setVisible(m_testing);
}

QString DataSourcesDialog::testResult() const
{
    return m_testResult->text();
}

QString DataSourcesDialog::errorText() const
{
    return m_error->text();
}

void DataSourcesDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace idesk
