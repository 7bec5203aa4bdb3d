// File > Back Up Database… in the main window, with the file dialog replaced
// by a path provider: the copy is a normal database holding what the window
// showed; an existing file is refused and left alone, with the error shown.

#include "mainwindow.h"
#include "viewtestsupport.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace idesk;
using namespace Qt::StringLiterals;
using ViewTest::Store;

namespace {

QAction *menuAction(MainWindow &window, const QString &menu, const QString &text)
{
    for (QAction *top : window.menuBar()->actions()) {
        if (top->text() != menu || !top->menu())
            continue;
        for (QAction *action : top->menu()->actions()) {
            if (action->text() == text)
                return action;
        }
    }
    return nullptr;
}

} // namespace

class BackupMenuTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backupFromTheMenu();
    void existingFileIsRefused();
    void cancelledDialogDoesNothing();
};

void BackupMenuTest::backupFromTheMenu()
{
    Store store;
    QVERIFY(store.isValid());
    const qint64 id = store.declare(u"Backed up"_s, 1);
    QVERIFY(store.service()
                .log(id, EntryKind::Decision, u"Fail over to the replica"_s, std::nullopt, u"Ann"_s)
                .ok());
    QTemporaryDir dir;
    const QString path = dir.filePath(u"copy.sqlite3"_s);

    MainWindow window(store.service());
    window.show();
    int asked = 0;
    window.setBackupPathProvider([&] {
        ++asked;
        return path;
    });
    QAction *action = menuAction(window, u"&File"_s, u"&Back Up Database…"_s);
    QVERIFY(action);
    QSignalSpy finished(&window, &MainWindow::backupFinished);
    action->trigger();
    QCOMPARE(asked, 1);
    QVERIFY(finished.size() == 1 || finished.wait(30'000));
    QCOMPARE(finished.first().at(0).toString(), path);
    QCOMPARE(finished.first().at(1).toString(), QString());
    QVERIFY(window.statusBar()->currentMessage().contains(path));
    QVERIFY(action->isEnabled());

    // The copy opens as a normal database and holds the incident and its entry.
    auto copy = SqliteIncidentRepository::open(path, SqliteIncidentRepository::OpenMode::MustExist);
    QVERIFY2(copy.ok(), qPrintable(copy.errorMessage()));
    const auto listed = (*copy)->listIncidents(true);
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().title, u"Backed up"_s);
    const auto timeline = (*copy)->timelinePage(listed->first().id, {}, 100);
    QVERIFY(timeline.ok());
    QVERIFY(std::any_of(timeline->cbegin(), timeline->cend(),
        [](const TimelineEntry &e) { return e.text == u"Fail over to the replica"_s; }));
    QCOMPARE((*copy)->search(u"replica"_s, 5)->size(), 1);
}

void BackupMenuTest::existingFileIsRefused()
{
    Store store;
    QVERIFY(store.isValid());
    store.declare(u"Kept"_s, 2);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"taken.sqlite3"_s);
    QFile taken(path);
    QVERIFY(taken.open(QIODevice::WriteOnly));
    taken.write("keep me");
    taken.close();

    MainWindow window(store.service());
    window.setBackupPathProvider([&] { return path; });
    QSignalSpy finished(&window, &MainWindow::backupFinished);
    window.backUpDatabase();
    QVERIFY(finished.size() == 1 || finished.wait(30'000));
    const QString error = finished.first().at(1).toString();
    QVERIFY2(error.contains(u"exists"_s), qPrintable(error));
    QCOMPARE(window.lastError(), error);
    QVERIFY(taken.open(QIODevice::ReadOnly));
    QCOMPARE(taken.readAll(), QByteArray("keep me"));
}

void BackupMenuTest::cancelledDialogDoesNothing()
{
    Store store;
    QVERIFY(store.isValid());
    MainWindow window(store.service());
    window.setBackupPathProvider([] { return QString(); });
    QSignalSpy finished(&window, &MainWindow::backupFinished);
    window.backUpDatabase();
    QVERIFY(!window.isBackingUp());
    QCOMPARE(finished.size(), 0);
    QCOMPARE(window.lastError(), QString());
}

QTEST_MAIN(BackupMenuTest)
#include "tst_backupmenu.moc"
