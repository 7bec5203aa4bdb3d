// Opening files: creation, migrations, and the refusal of files that are not ours.
#include "schema.h"
#include "sqliteincidentrepository.h"
#include "storagetestsupport.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <thread>

using namespace idesk;
using namespace idesk::StorageTest;

class StorageFileTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString file(const QString &name) const { return m_dir.filePath(name); }

    // A file made by this build, closed, with one incident in it.
    QString makeOurFile(const QString &name)
    {
        const QString path = file(name);
        auto repository = openRepository(path);
        if (repository)
            (void)repository->insertIncident(simpleIncident(QStringLiteral("Kept")));
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createsFoldersAndMigrates()
    {
        const QString path = file(QStringLiteral("new/nested/incidentdesk.sqlite3"));
        {
            auto repository = openRepository(path);
            QVERIFY(repository);
            QCOMPARE(repository->path(), path);
            const auto severities = repository->severities();
            QVERIFY2(severities.ok(), qPrintable(severities.errorMessage()));
            QCOMPARE(severities->size(), defaultSeverities().size());
            for (qsizetype i = 0; i < severities->size(); ++i) {
                QCOMPARE(severities->at(i).level, defaultSeverities().at(i).level);
                QCOMPARE(severities->at(i).criteria, defaultSeverities().at(i).criteria);
                QCOMPARE(
                    severities->at(i).cadenceMinutes, defaultSeverities().at(i).cadenceMinutes);
            }
        }
        QVERIFY(QFile::exists(path));
        QCOMPARE(rawQueryInt(path, "PRAGMA user_version"), qint64(Schema::currentVersion()));
        QCOMPARE(rawQueryInt(path, "PRAGMA application_id"), qint64(Schema::kApplicationId));
        QCOMPARE(Schema::kApplicationId, 0x49444B31u); // "IDK1": never changes
        // Bytes 18 and 19 of the header are 2 in WAL mode, which persists in the file.
        const QByteArray header = readFile(path).left(100);
        QCOMPARE(int(header.at(18)), 2);
        QCOMPARE(int(header.at(19)), 2);
        QCOMPARE(
            rawQueryInt(path, "SELECT count(*) FROM sqlite_master WHERE name = 'incidents'"), 1);
        // Closing the last connection checkpoints and removes the WAL.
        QCOMPARE(sidecarFiles(path), QStringList());
    }

    void reopensWhatItWrote()
    {
        // Characters that mean something in a "file:" URI or to a shell.
        const QString path = file(QStringLiteral("Ünïcødé #1 ?%20 & 'x'/reopen.sqlite3"));
        qint64 id = 0;
        Incident written;
        {
            auto repository = openRepository(path);
            QVERIFY(repository);
            const auto inserted = repository->insertIncident(richIncident());
            QVERIFY2(inserted.ok(), qPrintable(inserted.errorMessage()));
            id = *inserted;
            written = *repository->loadIncident(id);
        }
        auto again = openRepository(path);
        QVERIFY(again);
        const auto loaded = again->loadIncident(id);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QVERIFY2(*loaded == written, qPrintable(differences(written, *loaded)));
        QCOMPARE(rawQueryInt(path, "PRAGMA user_version"), qint64(Schema::currentVersion()));
    }

    void twoProcessesCreateTheSameFile()
    {
        // The GUI and a CLI command both find no database and create it at once:
        // one runs the migration, the other waits and finds it done.
        const QString path = file(QStringLiteral("race/created-twice.sqlite3"));
        QString errors[2];
        std::thread threads[2];
        for (int i = 0; i < 2; ++i) {
            threads[i] = std::thread([&path, &error = errors[i]] {
                const auto repository = SqliteIncidentRepository::open(path);
                if (!repository)
                    error = repository.errorMessage();
                else if (const auto severities = (*repository)->severities(); !severities)
                    error = severities.errorMessage();
            });
        }
        for (auto &thread : threads)
            thread.join();
        QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
        QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
        QCOMPARE(rawQueryInt(path, "SELECT count(*) FROM severities"),
            qint64(defaultSeverities().size()));
        QCOMPARE(rawQueryInt(path, "PRAGMA user_version"), qint64(Schema::currentVersion()));
    }

    void emptyFileCountsAsNew()
    {
        const QString path = file(QStringLiteral("empty.sqlite3"));
        writeFile(path, {});
        QVERIFY(QFile::exists(path));
        auto repository = openRepository(path);
        QVERIFY(repository);
        QVERIFY(repository->insertIncident(simpleIncident(QStringLiteral("First"))).ok());
        repository.reset();
        QCOMPARE(rawQueryInt(path, "PRAGMA application_id"), qint64(Schema::kApplicationId));
    }

    void emptySqliteFileIsAdopted()
    {
        // A SQLite file with no tables holds nothing to lose.
        const QString path = file(QStringLiteral("blank.sqlite3"));
        QVERIFY(rawExec(path, "PRAGMA user_version = 0; VACUUM;"));
        QVERIFY(QFileInfo(path).size() > 0);
        auto repository = openRepository(path);
        QVERIFY(repository);
        QCOMPARE(rawQueryInt(path, "PRAGMA user_version"), qint64(Schema::currentVersion()));
    }

    void mustExistDoesNotCreate()
    {
        const QString path = file(QStringLiteral("missing/nothing.sqlite3"));
        const auto repository
            = SqliteIncidentRepository::open(path, SqliteIncidentRepository::OpenMode::MustExist);
        QVERIFY(!repository.ok());
        QCOMPARE(repository.error().kind, Error::Kind::NotFound);
        QCOMPARE(repository.errorMessage(), path + QStringLiteral(" does not exist."));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QDir(file(QStringLiteral("missing"))).exists());
    }

    void inMemoryDatabase()
    {
        auto repository = openRepository(QStringLiteral(":memory:"));
        QVERIFY(repository);
        const auto id = repository->insertIncident(simpleIncident(QStringLiteral("RAM")));
        QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
        QCOMPARE(repository->loadHeader(*id)->title, QStringLiteral("RAM"));
        QVERIFY(!QFile::exists(QDir::current().filePath(QStringLiteral(":memory:"))));
    }

    void refusesDirectory()
    {
        const QString path = file(QStringLiteral("a-folder"));
        QVERIFY(QDir().mkpath(path));
        const auto repository = SqliteIncidentRepository::open(path);
        QVERIFY(!repository.ok());
        QCOMPARE(repository.errorMessage(),
            path + QStringLiteral(" is a directory, not a database file."));
    }

    void refusesForeignFilesUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("text file") << "text"
                                   << "is not a SQLite database or is corrupt";
        QTest::newRow("random bytes") << "random"
                                      << "is not a SQLite database or is corrupt";
        QTest::newRow("garbage after the SQLite magic") << "magic"
                                                        << "is not a SQLite database or is corrupt";
        QTest::newRow("truncated copy of ours") << "truncated"
                                                << "is not a SQLite database or is corrupt";
        QTest::newRow("another application's tables")
            << "other-app"
            << "is not an IncidentDesk database (it holds another "
               "application's tables)";
        QTest::newRow("another application_id")
            << "other-id"
            << "is not an IncidentDesk database (application_id 0x1234abcd)";
        QTest::newRow("another application_id, in WAL mode")
            << "other-id-wal"
            << "is not an IncidentDesk database (application_id 0x1234abcd)";
        QTest::newRow("newer schema")
            << "newer"
            << QStringLiteral("was written by a newer IncidentDesk (schema 99, this build "
                              "knows %1)")
                   .arg(Schema::currentVersion());
    }

    void refusesForeignFilesUntouched()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        const QString path = file(QStringLiteral("foreign-%1.db").arg(kind));
        if (kind == u"text") {
            writeFile(path, "incident notes\nnot a database\n");
        } else if (kind == u"random") {
            QByteArray bytes(64 * 1024, '\0');
            QRandomGenerator generator(42);
            for (auto &byte : bytes)
                byte = char(generator.bounded(256));
            writeFile(path, bytes);
        } else if (kind == u"magic") {
            QByteArray bytes("SQLite format 3", 16);
            bytes.append(QByteArray(8192, '\xA5'));
            writeFile(path, bytes);
        } else if (kind == u"truncated") {
            const QString ours = makeOurFile(QStringLiteral("to-truncate.sqlite3"));
            QVERIFY(sidecarFiles(ours).isEmpty());
            const QByteArray whole = readFile(ours);
            QVERIFY(whole.size() >= 8 * 4096);
            writeFile(path, whole.left(whole.size() / 2));
        } else if (kind == u"other-app") {
            QVERIFY(rawExec(path,
                "CREATE TABLE recipes (name TEXT); "
                "INSERT INTO recipes VALUES ('bread');"));
        } else if (kind == u"other-id") {
            QVERIFY(rawExec(path, "PRAGMA application_id = 305441741; CREATE TABLE t (x);"));
        } else if (kind == u"other-id-wal") {
            QVERIFY(rawExec(path,
                "PRAGMA journal_mode = WAL; PRAGMA application_id = 305441741;"
                " CREATE TABLE t (x);"));
        } else if (kind == u"newer") {
            const QString ours = makeOurFile(QStringLiteral("to-upgrade.sqlite3"));
            QVERIFY(QFile::copy(ours, path));
            QVERIFY(rawExec(path, "PRAGMA user_version = 99;"));
        }
        QVERIFY(QFile::exists(path));
        QCOMPARE(sidecarFiles(path), QStringList());
        const QByteArray before = readFile(path);

        const auto repository = SqliteIncidentRepository::open(path);
        QVERIFY(!repository.ok());
        QCOMPARE(repository.errorMessage().left(path.size() + 1), path + u' ');
        QVERIFY2(repository.errorMessage().contains(reason), qPrintable(repository.errorMessage()));
        QVERIFY2(!repository.errorMessage().contains(u'\n'), "one line");

        QCOMPARE(readFile(path), before);
        QCOMPARE(sidecarFiles(path), QStringList());
    }

    void refusalLeavesAnotherWritersFilesAlone()
    {
        // Another program has its WAL database open (its -wal and -shm exist);
        // inspecting it must read through them without writing the main file.
        const QString path = file(QStringLiteral("busy-other.db"));
        QVERIFY(rawExec(path,
            "PRAGMA journal_mode = WAL; PRAGMA application_id = 7; "
            "CREATE TABLE t (x);"));
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &other), SQLITE_OK);
        QCOMPARE(
            sqlite3_exec(other, "INSERT INTO t VALUES (1)", nullptr, nullptr, nullptr), SQLITE_OK);
        QCOMPARE(sidecarFiles(path).size(), 2);
        const QByteArray before = readFile(path);
        const auto repository = SqliteIncidentRepository::open(path);
        QVERIFY(!repository.ok());
        QVERIFY(repository.errorMessage().contains(QStringLiteral("application_id 0x00000007")));
        QCOMPARE(readFile(path), before);
        sqlite3_close(other);
    }

    void opensWhileAnotherConnectionHasTheFile()
    {
        // The GUI has the database open (its -wal exists) when a CLI command starts.
        const QString path = makeOurFile(QStringLiteral("shared.sqlite3"));
        auto gui = openRepository(path);
        QVERIFY(gui);
        QVERIFY(gui->insertIncident(simpleIncident(QStringLiteral("Still in the WAL"))).ok());
        QVERIFY(!sidecarFiles(path).isEmpty());
        auto cli = openRepository(path);
        QVERIFY(cli);
        const auto list = cli->listIncidents(true);
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 2);
    }
};

QTEST_GUILESS_MAIN(StorageFileTest)
#include "tst_storage.moc"
