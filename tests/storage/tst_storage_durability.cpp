// Durability against kills and concurrent writers, with the real CLI binary
// (INCIDENTDESK_BINARY) as the other process:
//  - a writer killed with SIGKILL at random moments loses nothing it reported
//    as written, leaves nothing half-written (a killed import of thousands of
//    entries is all there or not at all), and never corrupts the file;
//  - several writers at once (threads with their own repositories, and CLI
//    processes) all succeed: no lost write, no "database is locked" for a user.
#include "incidentjson.h"
#include "sqliteincidentrepository.h"
#include "storagetestsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace idesk;
using namespace idesk::StorageTest;

namespace {

QString binary()
{
    return qEnvironmentVariable("INCIDENTDESK_BINARY");
}

// The CLI as a script would run it: no display, a private data folder.
QProcessEnvironment cliEnvironment(const QString &dataHome)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    environment.insert(QStringLiteral("INCIDENTDESK_USER"), QStringLiteral("durability"));
    return environment;
}

struct StoredEntry
{
    qint64 id = 0;
    qint64 incidentId = 0;
    QString text;
};

// Every timeline entry of the file, read through the bare sqlite3 API.
QList<StoredEntry> storedEntries(const QString &path)
{
    QList<StoredEntry> entries;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT id, incident_id, text FROM timeline_entries ORDER BY id",
                -1, &s, nullptr)
            == SQLITE_OK) {
            while (sqlite3_step(s) == SQLITE_ROW)
                entries.append({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                    QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 2)))});
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return entries;
}

// Structure, constraints and the full-text index all agree with the data.
void verifyIntact(const QString &path)
{
    QCOMPARE(rawQueryText(path, "PRAGMA integrity_check"), QStringLiteral("ok"));
    QCOMPARE(rawQueryText(path, "PRAGMA foreign_key_check"), QString());
    QVERIFY(rawExec(path, "INSERT INTO search_index (search_index) VALUES ('integrity-check')"));
    // Every entry with text has its index row and nothing else is indexed for entries.
    QCOMPARE(rawQueryInt(path,
                 "SELECT count(*) FROM search_index WHERE rowid & 7 = 1 AND rowid >> 3 NOT IN "
                 "(SELECT id FROM timeline_entries WHERE text <> '')"),
        0);
    QCOMPARE(rawQueryInt(path,
                 "SELECT count(*) FROM timeline_entries WHERE text <> '' AND id * 8 + 1 NOT IN "
                 "(SELECT rowid FROM search_index)"),
        0);
}

} // namespace

class StorageDurabilityTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_incident = 0;

    QProcess *startLog(QObject *parent, const QString &text) const
    {
        auto *process = new QProcess(parent);
        process->setProcessEnvironment(cliEnvironment(m_dir.filePath(QStringLiteral("data"))));
        process->start(binary(),
            {QStringLiteral("--db"), m_path, QStringLiteral("log"), formatIncidentId(m_incident),
                text});
        return process;
    }

    QProcess *startCli(QObject *parent, const QStringList &arguments) const
    {
        auto *process = new QProcess(parent);
        process->setProcessEnvironment(cliEnvironment(m_dir.filePath(QStringLiteral("data"))));
        process->start(binary(), QStringList {QStringLiteral("--db"), m_path} + arguments);
        return process;
    }

    // A document of kImportEntries entries for `incidentdesk import`: its
    // transaction is long enough for kills to land inside it.
    static constexpr int kImportEntries = 3000;
    QString importFile() const
    {
        const QString path = m_dir.filePath(QStringLiteral("big.json"));
        if (!QFile::exists(path)) {
            Incident incident = simpleIncident(QStringLiteral("Imported whole"));
            incident.timeline.clear();
            for (int i = 0; i < kImportEntries; ++i) {
                TimelineEntry entry;
                entry.at = at(i);
                entry.writtenAt = at(i);
                entry.author = QStringLiteral("importer");
                entry.text = QStringLiteral("imported entry %1 with some words to index").arg(i);
                incident.timeline.append(entry);
            }
            writeFile(path, IncidentJson::toJson(incident));
        }
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!binary().isEmpty() && QFileInfo(binary()).isExecutable(),
            "INCIDENTDESK_BINARY must name the incidentdesk binary");
    }

    void init()
    {
        static int counter = 0;
        m_path = m_dir.filePath(QStringLiteral("durable-%1.sqlite3").arg(++counter));
        auto repo = openRepository(m_path);
        QVERIFY(repo);
        const auto id = repo->insertIncident(simpleIncident(QStringLiteral("Durability")));
        QVERIFY(id.ok());
        m_incident = *id;
    }

    // POSIX locks belong to the process: closing *any* descriptor of the file
    // drops all of them, including those of other connections in the process.
    // Opening a second repository must not do that, or a CLI process that
    // exits believes it is the last user, checkpoints and deletes the -wal
    // file under the first connection's feet: lost writes and a "malformed"
    // database. (The header check before opening read the file with QFile.)
    void openingASecondConnectionKeepsTheFirstOnesLocks()
    {
        auto first = openRepository(m_path);
        QVERIFY(first);
        NewEntry entry;
        entry.at = at(1);
        entry.text = QStringLiteral("held by the first connection");
        QVERIFY(first->appendEntry(m_incident, entry).ok());
        QVERIFY(QFile::exists(m_path + QStringLiteral("-wal")));

        auto second = openRepository(m_path); // what the GUI does for a worker thread
        QVERIFY(second);

        QProcess cli;
        cli.setProcessEnvironment(cliEnvironment(m_dir.filePath(QStringLiteral("data"))));
        cli.start(binary(),
            {QStringLiteral("--db"), m_path, QStringLiteral("log"), formatIncidentId(m_incident),
                QStringLiteral("from the cli")});
        QVERIFY(cli.waitForFinished(30'000));
        QCOMPARE(cli.exitCode(), 0);
        // Still in use here, so the exiting CLI must have left the WAL alone.
        QVERIFY(QFile::exists(m_path + QStringLiteral("-wal")));

        for (int i = 0; i < 20; ++i) {
            entry.text = QStringLiteral("after the cli %1").arg(i);
            QVERIFY((i % 2 ? first : second)->appendEntry(m_incident, entry).ok());
        }
        first.reset();
        second.reset();
        QCOMPARE(storedEntries(m_path).size(), 1 + 1 + 1 + 20);
        verifyIntact(m_path);
    }

    void killedWriterLosesNothingReported()
    {
        // How long a `log` and an `import` take, two at once as in the rounds
        // below, to aim the kills at them.
        const auto timeTwo = [&](const QStringList &first, const QStringList &second) {
            QElapsedTimer timer;
            timer.start();
            QObject owner;
            QProcess *a = startCli(&owner, first);
            QProcess *b = startCli(&owner, second);
            const bool finished = a->waitForFinished(30'000) && b->waitForFinished(30'000);
            const bool ok = finished && a->exitCode() == 0 && b->exitCode() == 0;
            return ok ? std::max<qint64>(timer.elapsed(), 5) : -1;
        };
        const QString incident = formatIncidentId(m_incident);
        const QStringList logProbe = {QStringLiteral("log"), incident, QStringLiteral("probe")};
        const QStringList importArgs = {QStringLiteral("import"), importFile()};
        const qint64 logMs = timeTwo(logProbe, logProbe);
        const qint64 importMs = timeTwo(logProbe, importArgs);
        QVERIFY(logMs > 0 && importMs > 0);

        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("kill test: seed %u; two logs take %lld ms, a log and an import %lld ms", seed, logMs,
            importMs);
        QRandomGenerator random(seed);

        QHash<QString, qint64> reported; // text -> id the CLI printed
        QSet<QString> attempted;
        QSet<qint64> reportedImports;
        int killed = 0;
        int killedImports = 0;
        constexpr int kRounds = 40;
        QElapsedTimer budget;
        budget.start();
        for (int round = 0; round < kRounds && budget.elapsed() < 40'000; ++round) {
            // Two writers per round, so a kill can also land while the other
            // one holds the write lock or waits for it. Every other round the
            // second one imports a big incident in one transaction.
            const bool withImport = round % 2 == 1;
            QObject owner;
            QList<QProcess *> processes;
            QStringList texts;
            for (int w = 0; w < 2; ++w) {
                if (w == 1 && withImport) {
                    texts.append(QString());
                    processes.append(startCli(&owner, importArgs));
                    continue;
                }
                const QString text
                    = QStringLiteral("round %1 writer %2 %3")
                          .arg(round)
                          .arg(w)
                          .arg(QStringLiteral("x").repeated(1 + int(random.bounded(400))));
                attempted.insert(text);
                texts.append(text);
                processes.append(startCli(&owner, {QStringLiteral("log"), incident, text}));
            }
            // Somewhere from just started to a little after the usual end.
            const qint64 span = withImport ? importMs : logMs;
            QTest::qWait(int(span * (0.2 + random.bounded(1.1))));
            const int victim = int(random.bounded(2));
            if (processes.at(victim)->state() != QProcess::NotRunning) {
                processes.at(victim)->kill(); // SIGKILL
                ++killed;
                killedImports += withImport && victim == 1 ? 1 : 0;
            }
            for (int w = 0; w < 2; ++w) {
                QProcess *process = processes.at(w);
                // It may have finished (and been reaped) while qWait ran the event loop.
                if (process->state() != QProcess::NotRunning)
                    QVERIFY(process->waitForFinished(30'000));
                const QString out = QString::fromUtf8(process->readAllStandardOutput()).trimmed();
                const QString err = QString::fromUtf8(process->readAllStandardError());
                if (process->exitStatus() != QProcess::NormalExit)
                    continue; // killed: whatever it printed may be cut short
                QVERIFY2(process->exitCode() == 0, qPrintable(err));
                QVERIFY2(!err.contains(QStringLiteral("locked")), qPrintable(err));
                if (texts.at(w).isEmpty()) {
                    const auto id = parseIncidentId(out);
                    QVERIFY2(id && *id > 0, qPrintable(out));
                    reportedImports.insert(*id);
                } else {
                    bool ok = false;
                    const qint64 id = out.toLongLong(&ok);
                    QVERIFY2(ok && id > 0, qPrintable(out));
                    reported.insert(texts.at(w), id);
                }
            }
        }
        QVERIFY(killed > 0);

        const QList<StoredEntry> stored = storedEntries(m_path);
        QHash<QString, qint64> storedIds;
        QHash<qint64, int> importedSizes;
        for (const auto &entry : stored) {
            if (entry.incidentId != m_incident) {
                ++importedSizes[entry.incidentId];
                continue;
            }
            if (entry.text.startsWith(QStringLiteral("Incident declared"))
                || entry.text == u"probe")
                continue;
            // Nothing that was not attempted, nothing half written, nothing twice.
            QVERIFY2(attempted.contains(entry.text), qPrintable(entry.text.left(80)));
            QVERIFY2(!storedIds.contains(entry.text), qPrintable(entry.text.left(80)));
            storedIds.insert(entry.text, entry.id);
        }
        // Everything reported is there, under the id that was printed. (An
        // entry may also be there unreported: committed just before the kill.)
        for (auto it = reported.cbegin(); it != reported.cend(); ++it) {
            QVERIFY2(storedIds.contains(it.key()), qPrintable(it.key().left(80)));
            if (it.value() > 0)
                QCOMPARE(storedIds.value(it.key()), it.value());
        }
        // Every import is whole: all its entries or no incident at all.
        const qint64 incidents = rawQueryInt(m_path, "SELECT count(*) FROM incidents");
        QCOMPARE(incidents, 1 + qint64(importedSizes.size()));
        for (auto it = importedSizes.cbegin(); it != importedSizes.cend(); ++it)
            QCOMPARE(it.value(), kImportEntries);
        for (const qint64 id : reportedImports)
            QVERIFY(importedSizes.contains(id));

        qint64 unreported = 0;
        for (auto it = storedIds.cbegin(); it != storedIds.cend(); ++it)
            unreported += reported.contains(it.key()) ? 0 : 1;
        qInfo("kill test: %d writers killed (%d imports); %lld log entries and %lld imports "
              "reported; committed before their kill: %lld log entries, %lld imports",
            killed, killedImports, qint64(reported.size()), qint64(reportedImports.size()),
            unreported, qint64(importedSizes.size() - reportedImports.size()) - 1);
        verifyIntact(m_path);

        // The file still works for the next writer.
        auto repo = openRepository(m_path);
        QVERIFY(repo);
        QVERIFY(repo->search(QStringLiteral("round"), 5).ok());
        QCOMPARE(
            repo->search(QStringLiteral("imported entry 2999"), 500)->size(), importedSizes.size());
        NewEntry after;
        after.at = at(99);
        after.text = QStringLiteral("after the kills");
        QVERIFY(repo->appendEntry(m_incident, after).ok());
    }

    void threadsAndProcessesWriteAtOnce()
    {
        constexpr int kPerThread = 120;
        constexpr int kPerProcess = 15;
        std::atomic<int> failures = 0;
        QStringList threadErrors;
        std::mutex errorsMutex;
        const auto threadWriter = [&](int writer) {
            auto repo = openRepository(m_path);
            if (!repo) {
                ++failures;
                return;
            }
            for (int i = 0; i < kPerThread; ++i) {
                NewEntry entry;
                entry.at = at(i);
                entry.author = QStringLiteral("thread");
                entry.text = QStringLiteral("thread %1 entry %2").arg(writer).arg(i);
                auto appended = repo->appendEntry(m_incident, entry);
                // A change set as well: the revision-checked path takes the write lock too.
                ChangeSet changes;
                changes.summary = entry.text;
                const auto applied = repo->apply(m_incident, std::nullopt, changes);
                if (!appended || !applied) {
                    ++failures;
                    std::lock_guard lock(errorsMutex);
                    threadErrors.append(
                        !appended ? appended.errorMessage() : applied.errorMessage());
                }
            }
        };
        std::thread first(threadWriter, 1);
        std::thread second(threadWriter, 2);

        // Two CLI processes, each running `log` kPerProcess times in a row.
        QObject owner;
        QStringList cliErrors;
        QSet<qint64> cliIds;
        int cliDone = 0;
        QList<int> next = {0, 0};
        QList<QProcess *> running = {nullptr, nullptr};
        const auto launch = [&](int writer) {
            running[writer] = startLog(
                &owner, QStringLiteral("cli %1 entry %2").arg(writer).arg(next[writer]++));
        };
        launch(0);
        launch(1);
        QElapsedTimer budget;
        budget.start();
        while (cliDone < 2 * kPerProcess && budget.elapsed() < 50'000) {
            for (int w = 0; w < 2; ++w) {
                QProcess *process = running[w];
                if (!process
                    || (process->state() != QProcess::NotRunning && !process->waitForFinished(5)))
                    continue;
                const QString err = QString::fromUtf8(process->readAllStandardError());
                if (process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0)
                    cliErrors.append(err.isEmpty() ? QStringLiteral("crashed") : err);
                cliIds.insert(QString::fromUtf8(process->readAllStandardOutput()).toLongLong());
                ++cliDone;
                process->deleteLater();
                running[w] = nullptr;
                if (next[w] < kPerProcess)
                    launch(w);
            }
        }
        first.join();
        second.join();
        QVERIFY2(threadErrors.isEmpty(), qPrintable(threadErrors.join(u'\n')));
        QCOMPARE(failures.load(), 0);
        QVERIFY2(cliErrors.isEmpty(), qPrintable(cliErrors.join(u'\n')));
        QCOMPARE(cliDone, 2 * kPerProcess);
        QCOMPARE(cliIds.size(), 2 * kPerProcess);

        // No lost write: every entry and every revision bump is there.
        const QList<StoredEntry> stored = storedEntries(m_path);
        QSet<QString> texts;
        for (const auto &entry : stored)
            texts.insert(entry.text);
        for (int w = 1; w <= 2; ++w) {
            for (int i = 0; i < kPerThread; ++i)
                QVERIFY(texts.contains(QStringLiteral("thread %1 entry %2").arg(w).arg(i)));
        }
        for (int w = 0; w < 2; ++w) {
            for (int i = 0; i < kPerProcess; ++i)
                QVERIFY(texts.contains(QStringLiteral("cli %1 entry %2").arg(w).arg(i)));
        }
        for (const auto &entry : stored) {
            if (entry.text.startsWith(QStringLiteral("cli ")))
                QVERIFY(cliIds.contains(entry.id));
        }
        QCOMPARE(rawQueryInt(m_path,
                     QByteArrayLiteral("SELECT revision FROM incidents WHERE id = ")
                         + QByteArray::number(m_incident)),
            1 + 2 * kPerThread);
        verifyIntact(m_path);
    }
};

QTEST_GUILESS_MAIN(StorageDurabilityTest)
#include "tst_storage_durability.moc"
