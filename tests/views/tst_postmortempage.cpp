// The Postmortem page driven through its widgets on a real SQLite file: fields and
// action items typed with QTest and saved as they are made, a refresh that keeps what
// is being typed, the export the menu runs (to a path, no file dialog), the preview
// that shows the same document, and the blameless check's dialog with Go to.

#include "actionitemsmodel.h"
#include "actionitemspanel.h"
#include "actionitemswindow.h"
#include "allactionitemsmodel.h"
#include "blamelessdialog.h"
#include "incidentpage.h"
#include "mainwindow.h"
#include "postmortemeditor.h"
#include "postmortemhtml.h"
#include "postmortempage.h"
#include "stringlisteditor.h"
#include "viewtestsupport.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGroupBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeWidget>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;
using Format = PostmortemExport::Format;

namespace {

Postmortem storedPostmortem(Store &store, qint64 id)
{
    const auto incident = store.repository().loadIncident(id);
    return incident ? incident->postmortem : Postmortem {};
}

QList<ActionItem> storedItems(Store &store, qint64 id)
{
    const auto incident = store.repository().loadIncident(id);
    return incident ? incident->actionItems : QList<ActionItem> {};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Opens the editor on `index` the way a user does (F2) and returns it.
template<typename Editor> Editor *openEditor(QTableView *table, const QModelIndex &index)
{
    table->setFocus();
    table->setCurrentIndex(index);
    QTest::keyClick(table, Qt::Key_F2);
    return qobject_cast<Editor *>(QApplication::focusWidget());
}

} // namespace

class PostmortemPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editFieldAndActionItemThenExport();
    void refreshKeepsWhatIsBeingTyped();
    void sloAndHourlyRateAreSaved();
    void removeActionItem();
    void blamelessDialogListsHumanErrorAndGoesThere();
    void htmlAndPdfExports();
    void incidentPageHasPostmortemTab();
    void menuExportsAndListsActionItems();
};

void PostmortemPageTest::editFieldAndActionItemThenExport()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    PostmortemPage page(store.service());
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setIncident(id);
    PostmortemEditor *editor = page.editor();
    editor->setSaveDelay(20);
    page.setPreviewDelay(20);

    // A narrative field, typed: saved after the pause, without a Save button.
    auto *rootCause = qobject_cast<QPlainTextEdit *>(editor->fieldWidget(u"root_cause"_s));
    QVERIFY(rootCause);
    rootCause->setFocus();
    QTest::keyClicks(rootCause, u"Connection pool exhausted by a leak in v2.5.0"_s);
    QTRY_COMPARE(
        storedPostmortem(store, id).rootCause, u"Connection pool exhausted by a leak in v2.5.0"_s);

    // A list field: Add opens an editor on a new item; Enter commits it.
    auto *wentWell = qobject_cast<StringListEditor *>(editor->fieldWidget(u"went_well"_s));
    QVERIFY(wentWell);
    QTest::mouseClick(wentWell->addButton(), Qt::LeftButton);
    QWidget *itemEditor = QApplication::focusWidget();
    QVERIFY(qobject_cast<QLineEdit *>(itemEditor));
    QTest::keyClicks(itemEditor, u"Fast rollback"_s);
    QTest::keyClick(itemEditor, Qt::Key_Return);
    QTRY_COMPARE(storedPostmortem(store, id).wentWell, QStringList {u"Fast rollback"_s});
    QCOMPARE(
        storedPostmortem(store, id).rootCause, u"Connection pool exhausted by a leak in v2.5.0"_s);

    // An action item: typed into the new-item line, then edited in place in the table.
    ActionItemsPanel *actions = page.actionItems();
    actions->newItemLine()->setFocus();
    QTest::keyClicks(actions->newItemLine(), u"Add pool monitoring"_s);
    QTest::keyClick(actions->newItemLine(), Qt::Key_Return);
    QCOMPARE(storedItems(store, id).size(), 1);
    QCOMPARE(storedItems(store, id).at(0).text, u"Add pool monitoring"_s);
    QTRY_COMPARE(actions->model()->rowCount(), 1);

    QTableView *table = actions->table();
    ActionItemsModel *model = actions->model();
    auto *owner = openEditor<QLineEdit>(table, model->index(0, ActionItemsModel::OwnerColumn));
    QVERIFY(owner);
    QTest::keyClicks(owner, u"Bob"_s);
    QTest::keyClick(owner, Qt::Key_Return);
    QTRY_COMPARE(storedItems(store, id).at(0).owner, u"Bob"_s);

    auto *due = openEditor<QDateEdit>(table, model->index(0, ActionItemsModel::DueColumn));
    QVERIFY(due);
    QVERIFY(due->calendarPopup());
    due->setDate(QDate(2026, 4, 1));
    QTest::keyClick(due, Qt::Key_Return);
    QTRY_COMPARE(storedItems(store, id).at(0).due, std::optional(QDate(2026, 4, 1)));

    auto *status = openEditor<QComboBox>(table, model->index(0, ActionItemsModel::StatusColumn));
    QVERIFY(status);
    status->setCurrentIndex(status->findData(u"in-progress"_s));
    QTest::keyClick(status, Qt::Key_Return);
    QTRY_COMPARE(storedItems(store, id).at(0).status, ActionStatus::InProgress);

    auto *type = openEditor<QComboBox>(table, model->index(0, ActionItemsModel::TypeColumn));
    QVERIFY(type);
    type->setCurrentIndex(type->findData(u"detect"_s));
    QTest::keyClick(type, Qt::Key_Return);
    QTRY_COMPARE(storedItems(store, id).at(0).type, ActionType::Detect);

    // A link that is not a web address is refused and changes nothing.
    QSignalSpy errors(&page, &PostmortemPage::errorOccurred);
    QVERIFY(!model->setData(model->index(0, ActionItemsModel::LinkColumn), u"javascript:x"_s));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(storedItems(store, id).at(0).link, std::nullopt);

    // Export through the menu's path, to a file.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"INC-1-postmortem.md"_s);
    QSignalSpy exported(&page, &PostmortemPage::exported);
    QVERIFY(page.exportTo(Format::Markdown, path).ok());
    QCOMPARE(exported.size(), 1);
    const QString markdown = QString::fromUtf8(readFile(path));
    QVERIFY(markdown.contains(u"## Root Cause and Contributing Factors\n\n"
                              "Connection pool exhausted by a leak in v2\\.5\\.0"_s)
        || markdown.contains(u"Connection pool exhausted by a leak in v2.5.0"_s));
    QVERIFY(markdown.contains(u"## What Went Well\n\n- Fast rollback\n"_s));
    QVERIFY2(
        markdown.contains(u"| Add pool monitoring | Detect | Bob | 2026-04-01 | In progress |"_s),
        qPrintable(markdown));

    // The preview shows the same document: the same Markdown, rendered the same way
    // (once the last edit's refresh and the preview's short debounce have run).
    QTRY_COMPARE(page.previewMarkdown(), markdown);
    QTextDocument rendered;
    PostmortemHtml::fillDocument(rendered, markdown);
    QCOMPARE(page.preview()->toPlainText(), rendered.toPlainText());
    QVERIFY(page.preview()->toPlainText().contains(u"Add pool monitoring"_s));
}

void PostmortemPageTest::refreshKeepsWhatIsBeingTyped()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    PostmortemPage page(store.service());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setIncident(id);
    PostmortemEditor *editor = page.editor();
    editor->setSaveDelay(60'000); // nothing saves by itself in this test

    auto *rootCause = qobject_cast<QPlainTextEdit *>(editor->fieldWidget(u"root_cause"_s));
    auto *trigger = qobject_cast<QPlainTextEdit *>(editor->fieldWidget(u"trigger"_s));
    rootCause->setFocus();
    QTest::keyClicks(rootCause, u"draft in progress"_s);
    QVERIFY(editor->hasUnsavedEdits());

    // Another process writes the postmortem meanwhile.
    auto second = store.openSecond();
    QVERIFY(second);
    IncidentService other(*second, store.clock());
    Postmortem theirs;
    theirs.rootCause = u"their root cause"_s;
    theirs.trigger = u"Deploy of v2.5.0"_s;
    QVERIFY(other.savePostmortem(id, theirs).ok());

    page.reload(); // what the change monitor's refresh does
    QCOMPARE(trigger->toPlainText(), u"Deploy of v2.5.0"_s);
    QCOMPARE(rootCause->toPlainText(), u"draft in progress"_s); // typing kept
    QVERIFY(rootCause->hasFocus());

    // Saving writes only the edited field: their trigger stays.
    QVERIFY(page.flushEdits().ok());
    QCOMPARE(storedPostmortem(store, id).rootCause, u"draft in progress"_s);
    QCOMPARE(storedPostmortem(store, id).trigger, u"Deploy of v2.5.0"_s);

    // Focus leaving a field saves it at once.
    QTest::keyClicks(rootCause, u"!"_s);
    trigger->setFocus();
    QTRY_COMPARE(storedPostmortem(store, id).rootCause, u"draft in progress!"_s);
}

void PostmortemPageTest::sloAndHourlyRateAreSaved()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    // Impact from 13:30 to 13:50: 20 minutes of the error budget's.
    QVERIFY(store.service()
                .setMilestone(id, Milestone::Mitigated, store.clock().now().addSecs(-600), u"t"_s)
                .ok());
    PostmortemPage page(store.service());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setIncident(id);
    PostmortemEditor *editor = page.editor();

    auto *slo = qobject_cast<QGroupBox *>(editor->fieldWidget(u"slo"_s));
    auto *target = qobject_cast<QDoubleSpinBox *>(editor->fieldWidget(u"slo.target"_s));
    auto *affected
        = qobject_cast<QDoubleSpinBox *>(editor->fieldWidget(u"slo.affected_fraction"_s));
    auto *rate = qobject_cast<QDoubleSpinBox *>(editor->fieldWidget(u"hourly_rate"_s));
    QVERIFY(slo && target && affected && rate);
    QVERIFY(!slo->isChecked());
    slo->setChecked(true);
    QCOMPARE(store.header(id).slo, std::optional(SloContext {0.999, 30, 1.0}));

    target->setFocus();
    target->selectAll();
    QTest::keyClicks(target, u"99.5"_s);
    affected->setFocus(); // editingFinished saves
    affected->selectAll();
    QTest::keyClicks(affected, u"25"_s);
    QTest::keyClick(affected, Qt::Key_Return);
    QTRY_COMPARE(store.header(id).slo, std::optional(SloContext {0.995, 30, 0.25}));

    rate->setFocus();
    rate->selectAll();
    QTest::keyClicks(rate, u"150"_s);
    QTest::keyClick(rate, Qt::Key_Return);
    QTRY_COMPARE(store.repository().setting(u"cost.hourly_rate"_s).value(), u"150"_s);
    QCOMPARE(store.service().hourlyRate().value(), 150.0);

    // The export uses them: the SLO impact and the cost at the team's rate.
    const auto markdown = page.exportMarkdown();
    QVERIFY(markdown.ok());
    QVERIFY2(markdown->contains(u"a 99.5% target over 30 days"_s), qPrintable(*markdown));
    QVERIFY(markdown->contains(u"\\$150.00 per hour"_s));

    slo->setChecked(false);
    QCOMPARE(store.header(id).slo, std::nullopt);
}

void PostmortemPageTest::removeActionItem()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    for (const QString &text : {u"First"_s, u"Second"_s, u"Third"_s}) {
        ActionItem item;
        item.text = text;
        QVERIFY(store.service().addActionItem(id, item).ok());
    }
    PostmortemPage page(store.service());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setIncident(id);
    ActionItemsPanel *actions = page.actionItems();
    QCOMPARE(actions->model()->rowCount(), 3);
    actions->table()->setCurrentIndex(actions->model()->index(1, ActionItemsModel::TextColumn));
    QTest::mouseClick(actions->removeButton(), Qt::LeftButton);
    const auto items = storedItems(store, id);
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).text, u"First"_s);
    QCOMPARE(items.at(1).text, u"Third"_s);
    QTRY_COMPARE(actions->model()->rowCount(), 2);
    QCOMPARE(actions->model()->index(1, ActionItemsModel::NumberColumn).data().toInt(), 2);
}

void PostmortemPageTest::blamelessDialogListsHumanErrorAndGoesThere()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    Postmortem postmortem;
    postmortem.rootCause = u"The pool ran dry. It was human error during the deploy."_s;
    QVERIFY(store.service().savePostmortem(id, postmortem).ok());
    PostmortemPage page(store.service());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setIncident(id);

    page.startExport(Format::Markdown); // the menu's Export Markdown…
    BlamelessDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<BlamelessDialog *>()) && dialog->isVisible());
    QVERIFY(dialog->exportButton());
    QTreeWidget *list = dialog->list();
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(0), u"Root cause"_s);
    QVERIFY(list->topLevelItem(0)->text(1).contains(u"human error"_s));
    QVERIFY(!list->topLevelItem(0)->text(2).isEmpty()); // why

    QTest::mouseClick(dialog->goToButton(), Qt::LeftButton);
    QTRY_VERIFY(!page.findChild<BlamelessDialog *>()); // closed, no export
    auto *rootCause = qobject_cast<QPlainTextEdit *>(page.editor()->fieldWidget(u"root_cause"_s));
    QTRY_VERIFY(rootCause->hasFocus()); // once the dialog's window has handed back activation
    QCOMPARE(rootCause->textCursor().selectedText(), u"human error"_s);

    // A finding in an action item goes to its row.
    ActionItem item;
    item.text = u"Stop Bob's careless deploys"_s;
    QVERIFY(store.service().addActionItem(id, item).ok());
    page.reload();
    const auto incident = store.repository().loadIncident(id);
    const auto findings = BlamelessCheck::run(*incident);
    const auto it = std::find_if(findings.begin(), findings.end(),
        [](const BlamelessFinding &f) { return f.field.startsWith(u"action_items[0]"_s); });
    QVERIFY(it != findings.end());
    page.goTo(*it);
    QCOMPARE(page.actionItems()->table()->currentIndex().row(), 0);
}

void PostmortemPageTest::htmlAndPdfExports()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    Postmortem postmortem;
    postmortem.executiveSummary = u"All API calls failed for **35 minutes**."_s;
    QVERIFY(store.service().savePostmortem(id, postmortem).ok());
    PostmortemPage page(store.service());
    page.setIncident(id);

    QTemporaryDir dir;
    const QString html = dir.filePath(u"pm.html"_s);
    QVERIFY(page.exportTo(Format::Html, html).ok());
    const QByteArray htmlBytes = readFile(html);
    QVERIFY(htmlBytes.startsWith("<!DOCTYPE html>"));
    QVERIFY(htmlBytes.contains("<strong>35 minutes</strong>"));

    const QString pdf = dir.filePath(u"pm.pdf"_s);
    QVERIFY(page.exportTo(Format::Pdf, pdf).ok());
    const QByteArray pdfBytes = readFile(pdf);
    QVERIFY(pdfBytes.startsWith("%PDF-"));
    QVERIFY(pdfBytes.size() > 2'000);
}

void PostmortemPageTest::incidentPageHasPostmortemTab()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    IncidentPage page(store.service());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setIncident(id);
    QCOMPARE(page.tabs()->tabText(0), u"Incident"_s);
    QCOMPARE(page.tabs()->tabText(int(IncidentPage::Tab::Postmortem)), u"Postmortem"_s);
    QVERIFY(!page.isPostmortemShown());
    page.showPostmortemTab();
    QVERIFY(page.isPostmortemShown());
    QCOMPARE(page.postmortemPage()->incidentId(), std::optional(id));
    // Ctrl+L's target brings the incident tab back.
    page.focusQuickEntry();
    QVERIFY(!page.isPostmortemShown());
}

void PostmortemPageTest::menuExportsAndListsActionItems()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"API outage"_s, 1, u"Alice"_s, 30);
    Postmortem postmortem;
    postmortem.wentWrong = {u"Carol should have checked the pool"_s};
    QVERIFY(store.service().savePostmortem(id, postmortem).ok());
    ActionItem item;
    item.text = u"Add pool monitoring"_s;
    item.owner = u"Alice"_s;
    QVERIFY(store.service().addActionItem(id, item).ok());

    MainWindow window(store.service());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.selectIncident(id));
    QMenu *menu = nullptr;
    for (QAction *action : window.menuBar()->actions()) {
        if (action->text() == u"&Postmortem"_s)
            menu = action->menu();
    }
    QVERIFY(menu);
    QStringList texts;
    QAction *exportMarkdown = nullptr;
    for (QAction *action : menu->actions()) {
        texts.append(action->text());
        if (action->text() == u"Export &Markdown…"_s)
            exportMarkdown = action;
    }
    QVERIFY(texts.contains(u"Export &HTML…"_s));
    QVERIFY(texts.contains(u"Export &PDF…"_s));
    QVERIFY(exportMarkdown);

    // The menu runs the check first: the dialog lists the finding; Cancel exports nothing.
    exportMarkdown->trigger();
    QVERIFY(window.incidentPage()->isPostmortemShown());
    BlamelessDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<BlamelessDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->findings().size(), 1);
    QCOMPARE(dialog->findings().at(0).field, u"postmortem.went_wrong[0]"_s);
    dialog->reject();

    // Ctrl+Shift+I: every incident's action items.
    QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier | Qt::ShiftModifier);
    ActionItemsWindow *all = window.actionItemsWindow();
    QTRY_VERIFY(all->isVisible());
    QCOMPARE(all->model()->rowCount(), 1);
    all->close();
}

QTEST_MAIN(PostmortemPageTest)
#include "tst_postmortempage.moc"
