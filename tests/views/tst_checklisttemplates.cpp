#include "changemonitor.h"
#include "checklistmodel.h"
#include "checklisttemplatedialog.h"
#include "checklisttemplatemodel.h"
#include "commspage.h"
#include "incidentpage.h"
#include "mainwindow.h"
#include "viewtestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace idesk;
using namespace idesk::ViewTest;
using namespace Qt::StringLiterals;

// The checklist template editor: edit a severity's items with the keyboard and the
// mouse, save (validated), read back, reset to the built-in list; the Comms tab's
// checklist follows what was saved.
class ChecklistTemplatesTest : public QObject
{
    Q_OBJECT

private:
    static QStringList texts(const QList<Checklist::Item> &items)
    {
        QStringList result;
        for (const auto &item : items)
            result.append(item.text);
        return result;
    }

    static QStringList shown(ChecklistModel *model)
    {
        QStringList result;
        for (int row = 0; row < model->rowCount(); ++row)
            result.append(model->index(row).data().toString());
        return result;
    }

    static QList<Checklist::Item> storedTemplate(Store &store, int severity)
    {
        const auto text = store.repository().setting(Checklist::settingKey(severity));
        if (!text || text->isEmpty())
            return {};
        const auto parsed = Checklist::parse(*text);
        return parsed ? *parsed : QList<Checklist::Item>();
    }

    static void selectRow(ChecklistTemplateDialog *dialog, int row)
    {
        QTableView *view = dialog->view();
        const QRect cell
            = view->visualRect(dialog->model()->index(row, ChecklistTemplateModel::AutoColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(view->currentIndex().row(), row);
    }

    // Types into the cell editor the view has open and commits it with Enter.
    static void typeIntoEditor(ChecklistTemplateDialog *dialog, const QString &text)
    {
        QLineEdit *editor = nullptr;
        for (auto *open : dialog->view()->viewport()->findChildren<QLineEdit *>()) {
            if (open->isVisible()) // closed editors linger until a deferred delete
                editor = open;
        }
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits an Enter with a queued call.
        QCoreApplication::processEvents();
    }

    static ChecklistTemplateDialog *openFromComms(CommsPage &page)
    {
        QTest::mouseClick(page.editChecklistButton(), Qt::LeftButton);
        const auto dialogs = page.findChildren<ChecklistTemplateDialog *>();
        return dialogs.isEmpty() ? nullptr : dialogs.last();
    }

    // Lets pending layout requests run, so a grab shows what a person would see.
    template<typename W> static W *settled(W &widget) { return settled(&widget); }
    template<typename W> static W *settled(W *widget)
    {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        return widget;
    }

private Q_SLOTS:
    void editsSavesAndTheCommsChecklistFollows()
    {
        Store store;
        QVERIFY(store.isValid());
        const qint64 id = store.declare(u"Latency"_s, 2, u"Alice"_s);
        CommsPage page(store.service());
        page.setIncident(id);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QList<Checklist::Item> builtIn = Checklist::defaultTemplate(2);
        QCOMPARE(shown(page.checklistModel()), texts(builtIn));

        ChecklistTemplateDialog *dialog = openFromComms(page);
        QVERIFY(dialog);
        QAbstractItemModelTester tester(dialog->model());
        QCOMPARE(dialog->severity(), 2); // the open incident's
        QCOMPARE(dialog->model()->items(), builtIn);

        // Add after the first item, by button, typing the text in place.
        selectRow(dialog, 0);
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        typeIntoEditor(dialog, u"Page the database on-call"_s);
        QCOMPARE(dialog->model()->items().at(1).text, u"Page the database on-call"_s);
        // It ticks itself once a tech lead is there.
        QCOMPARE(dialog->view()->currentIndex().row(), 1);
        dialog->autoCombo()->setFocus();
        const int techLead
            = dialog->autoCombo()->findData(int(Checklist::AutoCheck::TechLeadAssigned));
        while (dialog->autoCombo()->currentIndex() < techLead)
            QTest::keyClick(dialog->autoCombo(), Qt::Key_Down);
        QCOMPARE(int(dialog->model()->items().at(1).autoCheck),
            int(Checklist::AutoCheck::TechLeadAssigned));

        // Move it to the top with the keyboard.
        dialog->view()->setFocus();
        QTest::keyClick(dialog->view(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(dialog->model()->items().at(0).text, u"Page the database on-call"_s);
        QCOMPARE(dialog->view()->currentIndex().row(), 0);
        QVERIFY(!dialog->upButton()->isEnabled());

        // Rename "Open the incident channel and bridge" (its key stays).
        const int channel
            = int(std::find_if(dialog->model()->items().cbegin(), dialog->model()->items().cend(),
                      [](const auto &i) { return i.key == u"open-channel"_s; })
                - dialog->model()->items().cbegin());
        selectRow(dialog, channel);
        QTest::mouseClick(dialog->renameButton(), Qt::LeftButton);
        typeIntoEditor(dialog, u"Open #inc-latency and the bridge"_s);
        QCOMPARE(dialog->model()->items().at(channel).key, u"open-channel"_s);

        // Remove the last item with Delete.
        const int last = dialog->model()->rowCount() - 1;
        const QString removed = dialog->model()->items().at(last).text;
        selectRow(dialog, last);
        QTest::keyClick(dialog->view(), Qt::Key_Delete);
        QCOMPARE(dialog->model()->rowCount(), last);

        QVERIFY(dialog->errorText().isEmpty());
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        QVERIFY(!dialog->isVisible());

        const QList<Checklist::Item> saved = storedTemplate(store, 2);
        QCOMPARE(saved.size(), builtIn.size());
        QCOMPARE(saved.at(0).text, u"Page the database on-call"_s);
        QCOMPARE(saved.at(0).key, u"page-the-database-on-call"_s);
        QCOMPARE(int(saved.at(0).autoCheck), int(Checklist::AutoCheck::TechLeadAssigned));
        QVERIFY(!texts(saved).contains(removed));
        // Every self-ticking item kept its condition.
        for (const auto &item : builtIn) {
            for (const auto &kept : saved) {
                if (kept.key == item.key)
                    QCOMPARE(kept.autoCheck, item.autoCheck);
            }
        }
        QCOMPARE(shown(page.checklistModel()), texts(saved));
        QVERIFY(shown(page.checklistModel()).contains(u"Open #inc-latency and the bridge"_s));
        // SEV-1 and SEV-3 were not touched.
        QVERIFY(store.repository().setting(Checklist::settingKey(1))->isEmpty());
        QVERIFY(store.repository().setting(Checklist::settingKey(3))->isEmpty());

        // Opened again, it reads back what was saved.
        QApplication::processEvents(); // the closed dialog's deferred delete
        ChecklistTemplateDialog *again = openFromComms(page);
        QVERIFY(again);
        QCOMPARE(again->model()->items(), saved);
        again->reject();
    }

    void aRenamedItemKeepsItsTick()
    {
        Store store;
        const qint64 id = store.declare(u"Latency"_s, 2);
        CommsPage page(store.service());
        page.setIncident(id);
        const QList<Checklist::Item> builtIn = Checklist::defaultTemplate(2);
        int channel = -1;
        for (int row = 0; row < builtIn.size(); ++row) {
            if (builtIn[row].key == u"open-channel"_s)
                channel = row;
        }
        QVERIFY(page.checklistModel()->setData(
            page.checklistModel()->index(channel), Qt::Checked, Qt::CheckStateRole));

        ChecklistTemplateDialog dialog(store.service(), 2);
        dialog.show();
        dialog.model()->setData(dialog.model()->index(channel, ChecklistTemplateModel::TextColumn),
            u"Open the Slack channel"_s);
        QObject::connect(&dialog, &ChecklistTemplateDialog::saved, &page, &CommsPage::refresh);
        QVERIFY(dialog.save());
        const QModelIndex shownChannel = page.checklistModel()->index(channel);
        QCOMPARE(shownChannel.data().toString(), u"Open the Slack channel"_s);
        QCOMPARE(shownChannel.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }

    void resetGoesBackToTheBuiltInList()
    {
        Store store;
        const qint64 id = store.declare(u"Outage"_s, 1);
        QVERIFY(store.repository()
                    .setSetting(Checklist::settingKey(1),
                        Checklist::serialize(
                            {{u"call-ceo"_s, u"Call the CEO"_s, Checklist::AutoCheck::None}}))
                    .ok());
        CommsPage page(store.service());
        page.setIncident(id);
        page.show();
        QCOMPARE(shown(page.checklistModel()), QStringList {u"Call the CEO"_s});

        ChecklistTemplateDialog *dialog = openFromComms(page);
        QVERIFY(dialog);
        QCOMPARE(texts(dialog->model()->items()), QStringList {u"Call the CEO"_s});
        QTest::mouseClick(dialog->resetButton(), Qt::LeftButton);
        QCOMPARE(dialog->model()->items(), Checklist::defaultTemplate(1));
        // Nothing is written before Save.
        QCOMPARE(texts(storedTemplate(store, 1)), QStringList {u"Call the CEO"_s});
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        // Stored as unset: the team follows the built-in list from now on.
        QVERIFY(store.repository().setting(Checklist::settingKey(1))->isEmpty());
        QCOMPARE(shown(page.checklistModel()), texts(Checklist::defaultTemplate(1)));
    }

    void refusesEmptyAndRepeatedItems()
    {
        Store store;
        ChecklistTemplateDialog dialog(store.service(), 2);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QList<Checklist::Item> before = dialog.model()->items();

        // An empty item: refused, named and selected; nothing written.
        selectRow(&dialog, 2);
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        typeIntoEditor(&dialog, u"   "_s);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY2(dialog.errorText().contains(u"Item 4 is empty"_s), qPrintable(dialog.errorText()));
        QVERIFY(dialog.errorText().startsWith(u"SEV-2"_s));
        QCOMPARE(dialog.view()->currentIndex().row(), 3);
        QVERIFY(store.repository().setting(Checklist::settingKey(2))->isEmpty());

        // A repeated one (case and spaces do not make it new).
        QTest::mouseClick(dialog.renameButton(), Qt::LeftButton);
        typeIntoEditor(&dialog, before.at(0).text.toUpper() + u"  "_s);
        QVERIFY(dialog.errorText().isEmpty()); // an edit clears the old message
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY2(dialog.errorText().contains(u"Item 4 repeats item 1"_s),
            qPrintable(dialog.errorText()));
        QVERIFY(store.repository().setting(Checklist::settingKey(2))->isEmpty());

        // No item at all.
        while (dialog.model()->rowCount() > 0)
            dialog.removeItem();
        QVERIFY(!dialog.removeButton()->isEnabled());
        QVERIFY(!dialog.save());
        QVERIFY(dialog.errorText().contains(u"at least one item"_s));
        QVERIFY(store.repository().setting(Checklist::settingKey(2))->isEmpty());
    }

    void editsOfSeveralSeveritiesAreSavedTogether()
    {
        Store store;
        ChecklistTemplateDialog dialog(store.service(), 1);
        dialog.show();
        dialog.model()->insertItem(0, u"Start the war room"_s);
        // Switch severity with the combo: the SEV-1 edit is kept meanwhile.
        dialog.severityCombo()->setFocus();
        QTest::keyClick(dialog.severityCombo(), Qt::Key_Down);
        QTest::keyClick(dialog.severityCombo(), Qt::Key_Down);
        QCOMPARE(dialog.severity(), 3);
        QCOMPARE(dialog.model()->items(), Checklist::defaultTemplate(3));
        dialog.model()->insertItem(dialog.model()->rowCount(), QString()); // left empty
        QTest::keyClick(dialog.severityCombo(), Qt::Key_Up);
        QTest::keyClick(dialog.severityCombo(), Qt::Key_Up);
        QCOMPARE(dialog.model()->items().at(0).text, u"Start the war room"_s);

        // The empty SEV-3 item stops both saves and brings SEV-3 back into view.
        QVERIFY(!dialog.save());
        QCOMPARE(dialog.severity(), 3);
        QVERIFY(dialog.errorText().startsWith(u"SEV-3"_s));
        QVERIFY(store.repository().setting(Checklist::settingKey(1))->isEmpty());
        dialog.removeItem(); // the selected, empty one
        QVERIFY(dialog.save());
        QCOMPARE(storedTemplate(store, 1).at(0).text, u"Start the war room"_s);
        // SEV-3 ended up as built in: stored as unset.
        QVERIFY(store.repository().setting(Checklist::settingKey(3))->isEmpty());
    }

    void modelKeysAndMoves()
    {
        ChecklistTemplateModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems(Checklist::defaultTemplate(2));
        const int count = model.rowCount();
        model.insertItem(count, u"Über-check the façade!"_s);
        model.insertItem(0, u"Über-check the façade"_s);
        QVERIFY(model.moveItem(0, +1));
        QVERIFY(model.moveItem(2, -1));
        QVERIFY(!model.moveItem(0, -1));
        QVERIFY(!model.moveItem(model.rowCount() - 1, +1));
        model.removeItem(model.rowCount() - 1);
        model.setAutoCheck(0, Checklist::AutoCheck::UpdatePosted);
        QVERIFY(!model.setData(model.index(0, ChecklistTemplateModel::AutoColumn), u"x"_s));
        QVERIFY(!(
            model.flags(model.index(0, ChecklistTemplateModel::AutoColumn)) & Qt::ItemIsEditable));

        ChecklistTemplateModel fresh;
        fresh.setItems({});
        fresh.insertItem(0, u"Über-check the façade!"_s);
        fresh.insertItem(1, u"Über-check the façade?"_s);
        fresh.insertItem(2, u"!!!"_s);
        fresh.insertItem(3, QString(60, u'x'));
        const auto keyed = fresh.keyed();
        QCOMPARE(keyed.at(0).key, u"uber-check-the-facade"_s);
        QCOMPARE(keyed.at(1).key, u"uber-check-the-facade-2"_s);
        QCOMPARE(keyed.at(2).key, u"item"_s);
        QCOMPARE(keyed.at(3).key.size(), 40);
        QVERIFY(Checklist::parse(Checklist::serialize(keyed)).ok());
    }

    void settingsMenuOpensIt()
    {
        Store store;
        const qint64 id = store.declare(u"Latency"_s, 3);
        MainWindow window(store.service());
        window.changeMonitor().stop();
        QVERIFY(window.selectIncident(id));
        QAction *action = nullptr;
        for (QAction *menu : window.menuBar()->actions()) {
            if (!menu->menu() || menu->text().remove(u'&') != u"Settings"_s)
                continue;
            for (QAction *item : menu->menu()->actions()) {
                if (item->text().remove(u'&').startsWith(u"Checklist Templates"_s))
                    action = item;
            }
        }
        QVERIFY(action);
        action->trigger();
        auto *dialog = window.findChild<ChecklistTemplateDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->severity(), 3);
        dialog->model()->insertItem(0, u"Tell support"_s);
        QVERIFY(dialog->save());
        QCOMPARE(
            shown(window.incidentPage()->commsPage()->checklistModel()).first(), u"Tell support"_s);
        dialog->reject();
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("INCIDENTDESK_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set INCIDENTDESK_SCREENSHOTS to a folder to write the pictures");
        Store store;
        ChecklistTemplateDialog dialog(store.service(), 1);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        selectRow(&dialog, 1);
        QVERIFY(settled(dialog)->grab().save(dir + u"/checklist-templates.png"_s));
        dialog.model()->insertItem(2, QString());
        QVERIFY(!dialog.save());
        QVERIFY(settled(dialog)->grab().save(dir + u"/checklist-templates-error.png"_s));
    }
};

QTEST_MAIN(ChecklistTemplatesTest)
#include "tst_checklisttemplates.moc"
