// The GUI killed while a scribe types: the real window (offscreen), through its
// test hook INCIDENTDESK_TEST_SCRIBE, logs entries one after another through
// its own QuickEntryBar and IncidentService and prints each entry's id once it
// is committed. It is killed with SIGKILL at random moments (seeded; the seed
// is printed) over many rounds. Afterwards every entry it reported is there,
// under that id and with that text; nothing is there it did not attempt;
// nothing twice; and the file is intact (PRAGMA integrity_check, foreign keys,
// the full-text index).
#include "sqliteincidentrepository.h"
#include "storagetestsupport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace idesk;
using namespace idesk::StorageTest;

namespace {

QString binary()
{
    return qEnvironmentVariable("INCIDENTDESK_BINARY");
}

// An entry the scribe hook writes: "gui scribe <pid> entry <n> ..." (see
// app/guiapplication.cpp).
const QRegularExpression kScribeText(QStringLiteral(R"(^gui scribe (\d+) entry (\d+) )"));

struct Stored
{
    qint64 id = 0;
    QString text;
};

QList<Stored> storedEntries(const QString &path, qint64 incidentId)
{
    QList<Stored> entries;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(db,
                "SELECT id, text FROM timeline_entries WHERE incident_id = ?1 ORDER BY id", -1, &s,
                nullptr)
            == SQLITE_OK) {
            sqlite3_bind_int64(s, 1, incidentId);
            while (sqlite3_step(s) == SQLITE_ROW)
                entries.append({sqlite3_column_int64(s, 0),
                    QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 1)))});
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return entries;
}

} // namespace

class GuiKillTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QProcessEnvironment guiEnvironment(qint64 incidentId) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        environment.insert(
            QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("runtime")));
        environment.insert(QStringLiteral("INCIDENTDESK_USER"), QStringLiteral("gui-scribe"));
        environment.insert(QStringLiteral("INCIDENTDESK_TEST_SCRIBE"), QString::number(incidentId));
        return environment;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("runtime"))));
        QFile::setPermissions(m_dir.filePath(QStringLiteral("runtime")),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY2(!binary().isEmpty() && QFileInfo(binary()).isExecutable(),
            "INCIDENTDESK_BINARY must name the incidentdesk binary");
    }

    void killedWhileLoggingLosesNothingReported()
    {
        const QString path = m_dir.filePath(QStringLiteral("gui-kill.sqlite3"));
        qint64 incident = 0;
        {
            auto repo = openRepository(path);
            QVERIFY(repo);
            const auto id = repo->insertIncident(simpleIncident(QStringLiteral("Killed scribe")));
            QVERIFY(id.ok());
            incident = *id;
        }
        const qsizetype before = storedEntries(path, incident).size();

        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("gui kill test: seed %u", seed);
        QRandomGenerator random(seed);

        QHash<qint64, QString> reported; // entry id -> text, as printed
        QHash<qint64, int> lastReported; // pid -> the last n it printed
        int rounds = 0;
        int killedAfterEntries = 0;
        QElapsedTimer budget;
        budget.start();
        // Bounded by rounds and by time: about 20 s, however slow the build.
        for (; rounds < 60 && budget.elapsed() < 20'000; ++rounds) {
            QProcess gui;
            gui.setProcessEnvironment(guiEnvironment(incident));
            gui.start(binary(), {QStringLiteral("--db"), path});
            QVERIFY2(gui.waitForStarted(30'000), qPrintable(gui.errorString()));
            // Let it commit a random number of entries (none: killed while it
            // starts up), then a random moment more: mid-transaction, between
            // entries, while printing.
            const int wanted = int(random.bounded(25));
            QByteArray out;
            QElapsedTimer waiting;
            waiting.start();
            while (out.count('\n') < wanted && gui.state() == QProcess::Running
                && waiting.elapsed() < 30'000) {
                gui.waitForReadyRead(1000);
                out += gui.readAllStandardOutput();
            }
            QVERIFY2(gui.state() == QProcess::Running,
                qPrintable(QString::fromUtf8(gui.readAllStandardError())));
            const int extraMs = int(random.bounded(12));
            if (extraMs > 0)
                QTest::qWait(extraMs);
            gui.kill(); // SIGKILL
            QVERIFY(gui.waitForFinished(30'000));
            QCOMPARE(gui.exitStatus(), QProcess::CrashExit);
            out += gui.readAllStandardOutput();
            if (wanted > 0)
                ++killedAfterEntries;

            // Only whole lines count: a line cut by the kill was never reported.
            const qsizetype end = out.lastIndexOf('\n');
            for (const QByteArray &line : out.left(end + 1).split('\n')) {
                if (line.isEmpty())
                    continue;
                const qsizetype space = line.indexOf(' ');
                bool ok = false;
                const qint64 id = line.left(space).toLongLong(&ok);
                QVERIFY2(ok && id > 0, line.constData());
                const QString text = QString::fromUtf8(line.mid(space + 1));
                const auto match = kScribeText.match(text);
                QVERIFY2(match.hasMatch(), line.constData());
                QVERIFY2(!reported.contains(id), line.constData());
                reported.insert(id, text);
                lastReported[match.captured(1).toLongLong()] = match.captured(2).toInt();
            }
        }
        qInfo("gui kill test: %d rounds in %lld ms, %d killed after entries; %lld entries "
              "reported",
            rounds, budget.elapsed(), killedAfterEntries, qint64(reported.size()));
        QVERIFY(rounds >= 5);
        QVERIFY(!reported.isEmpty());

        // Every reported entry, under its id, with its text; nothing else but
        // the one entry a window may have committed and not yet printed when
        // it was killed.
        const QList<Stored> stored = storedEntries(path, incident);
        QHash<qint64, QString> storedById;
        QHash<qint64, int> unreportedPerPid;
        QSet<QString> texts;
        for (qsizetype i = before; i < stored.size(); ++i) {
            const Stored &e = stored.at(i);
            storedById.insert(e.id, e.text);
            QVERIFY2(!texts.contains(e.text), qPrintable(e.text)); // nothing twice
            texts.insert(e.text);
            const auto match = kScribeText.match(e.text);
            QVERIFY2(match.hasMatch(), qPrintable(e.text));
            QVERIFY2(e.text.endsWith(QStringLiteral(" <b>&amp; \"it's\" 100%_done")),
                qPrintable(e.text));
            if (reported.contains(e.id))
                continue;
            const qint64 pid = match.captured(1).toLongLong();
            const int n = match.captured(2).toInt();
            QVERIFY2(n == lastReported.value(pid, 0) + 1, qPrintable(e.text));
            QVERIFY2(++unreportedPerPid[pid] == 1, qPrintable(e.text));
        }
        for (auto it = reported.cbegin(); it != reported.cend(); ++it) {
            QVERIFY2(storedById.contains(it.key()), qPrintable(it.value()));
            QCOMPARE(storedById.value(it.key()), it.value());
        }
        qInfo("gui kill test: %lld entries stored, %lld of them committed but not yet reported "
              "when the window was killed",
            qint64(storedById.size()), qint64(storedById.size() - reported.size()));

        QCOMPARE(rawQueryText(path, "PRAGMA integrity_check"), QStringLiteral("ok"));
        QCOMPARE(rawQueryText(path, "PRAGMA foreign_key_check"), QString());
        QVERIFY(
            rawExec(path, "INSERT INTO search_index (search_index) VALUES ('integrity-check')"));
        QCOMPARE(rawQueryInt(path,
                     "SELECT count(*) FROM timeline_entries WHERE text <> '' AND id * 8 + 1 NOT IN "
                     "(SELECT rowid FROM search_index)"),
            0);
        // And the file still works for the next writer.
        auto repo = openRepository(path);
        QVERIFY(repo);
        QCOMPARE(repo->timelineCount(incident).value(), qint64(stored.size()));
    }
};

QTEST_GUILESS_MAIN(GuiKillTest)
#include "tst_gui_kill.moc"
