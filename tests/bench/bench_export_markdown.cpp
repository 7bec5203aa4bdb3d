// The Markdown postmortem of a 10,000-entry incident, exported to a file:
//
//   bench_export_markdown [ENTRIES=10000] [RUNS=20] [DIR=current folder]
//
// Ours: what `incidentdesk export ID --format markdown -o FILE` does after
// parsing its arguments: the whole incident read from the store
// (loadIncident), the blameless-language check on a second thread beside
// PostmortemMarkdown::render and PostmortemExport::write (QSaveFile: beside the
// target, then renamed in).
// Baseline, in the same run: writing the same bytes to a file the same way
// (QSaveFile), and, for scale, with a plain QFile write. Goal: ratio <= 3.
#include "benchsupport.h"
#include "blamelesscheck.h"
#include "postmortemexport.h"
#include "sqliteincidentrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <future>

using namespace idesk;
using namespace idesk::Bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int entries = int(intArgument(args, 1, 10000));
    const int runs = int(intArgument(args, 2, 20));
    const QString dir = args.value(3, QDir::currentPath());
    const QString path = dir + QStringLiteral("/bench-export.sqlite3");
    const QString ours = dir + QStringLiteral("/bench-export-ours.md");
    const QString theirs = dir + QStringLiteral("/bench-export-baseline.md");
    removeDatabase(path);

    qint64 id = 0;
    {
        auto repo = std::move(SqliteIncidentRepository::open(path)).value();
        TextGenerator text(21);
        Incident incident
            = generateIncident(text, entries, QDateTime(QDate(2023, 5, 2), QTime(6, 0), Qt::UTC));
        incident.header.status = Status::Resolved; // a postmortem to write
        id = *repo->insertIncident(incident);
    }
    auto repo = std::move(SqliteIncidentRepository::open(path)).value();
    PostmortemOptions options;
    options.now = QDateTime(QDate(2023, 6, 1), QTime(12, 0), Qt::UTC);

    const auto exportOnce = [&] {
        const auto incident = repo->loadIncident(id);
        if (!incident) {
            say("%s\n", qPrintable(incident.errorMessage()));
            std::exit(1);
        }
        // As the CLI does: the check beside the render and the write.
        auto findings
            = std::async(std::launch::async, [&] { return BlamelessCheck::run(*incident); });
        if (auto written
            = PostmortemExport::write(*incident, options, PostmortemExport::Format::Markdown, ours);
            !written) {
            say("%s\n", qPrintable(written.errorMessage()));
            std::exit(1);
        }
        (void)findings.get();
    };
    exportOnce();
    QFile exported(ours);
    if (!exported.open(QIODevice::ReadOnly))
        return 1;
    const QByteArray bytes = exported.readAll();
    exported.close();

    const auto saveFile = [&] {
        QSaveFile file(theirs);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            std::exit(1);
    };
    const auto plainFile = [&] {
        QFile file(theirs);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(bytes) != bytes.size())
            std::exit(1);
    };

    // Alternating, so a busy moment of the machine hits both alike.
    Stats oursStats;
    Stats baseline;
    Stats plain;
    Stats load;
    Stats check;
    Stats render;
    for (int i = 0; i < runs; ++i) {
        Stopwatch watch;
        exportOnce();
        oursStats.add(watch.elapsedMs());
        watch.restart();
        saveFile();
        baseline.add(watch.elapsedMs());
        watch.restart();
        plainFile();
        plain.add(watch.elapsedMs());
        watch.restart();
        const auto incident = repo->loadIncident(id);
        load.add(watch.elapsedMs());
        watch.restart();
        (void)BlamelessCheck::run(*incident);
        check.add(watch.elapsedMs());
        watch.restart();
        (void)PostmortemExport::text(*incident, options, PostmortemExport::Format::Markdown);
        render.add(watch.elapsedMs());
    }
    say("Markdown postmortem of a %d-entry incident (%.2f MB), %d runs\n", entries,
        double(bytes.size()) / 1e6, runs);
    say("  ours      load, check | render + QSaveFile  p50 %8.2f ms   p99 %8.2f ms\n",
        oursStats.p50(), oursStats.p99());
    say("    of which loadIncident                     p50 %8.2f ms\n", load.p50());
    say("             the blameless-language check     p50 %8.2f ms\n", check.p50());
    say("             PostmortemMarkdown::render       p50 %8.2f ms\n", render.p50());
    say("  baseline  the same bytes, QSaveFile          p50 %8.2f ms   p99 %8.2f ms\n",
        baseline.p50(), baseline.p99());
    say("  ratio                                        p50 %8.2f      (goal <= 3) -> %s\n",
        oursStats.p50() / baseline.p50(), oursStats.p50() / baseline.p50() <= 3 ? "met" : "MISSED");
    say("  (the same bytes, a plain QFile write         p50 %8.2f ms: ratio %.1f)\n", plain.p50(),
        oursStats.p50() / plain.p50());
    repo.reset();
    removeDatabase(path);
    QFile::remove(ours);
    QFile::remove(theirs);
    return 0;
}
