// Writes a realistic large IncidentDesk database for benchmarks and for trying
// the GUI at scale:
//
//   generate_database FILE [INCIDENTS=100] [ENTRIES_PER_INCIDENT=1000] [SEED=1]
//
// Each incident comes with roles (a commander handoff), status updates, action
// items, a postmortem when resolved or closed, and a timeline of varied text
// (see TextGenerator). Incidents are inserted through the repository, one
// transaction each, exactly as `incidentdesk import` would.
#include "benchsupport.h"
#include "sqliteincidentrepository.h"

#include <QCoreApplication>
#include <QFileInfo>

using namespace idesk;
using namespace idesk::Bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2 || args.at(1).startsWith(u'-')) {
        say("usage: generate_database FILE [INCIDENTS=100] [ENTRIES_PER_INCIDENT=1000] [SEED=1]\n");
        return 2;
    }
    const QString path = args.at(1);
    const qint64 incidents = intArgument(args, 2, 100);
    const qint64 entries = intArgument(args, 3, 1000);
    const auto seed = quint32(intArgument(args, 4, 1));
    if (QFileInfo::exists(path)) {
        say("%s exists already; give a new file.\n", qPrintable(path));
        return 1;
    }
    auto repository = SqliteIncidentRepository::open(path);
    if (!repository) {
        say("%s\n", qPrintable(repository.errorMessage()));
        return 1;
    }
    TextGenerator text(seed);
    QDateTime start(QDate(2021, 1, 4), QTime(9, 0), Qt::UTC);
    Stopwatch total;
    for (qint64 i = 0; i < incidents; ++i) {
        const Incident incident = generateIncident(text, int(entries), start);
        if (auto id = (*repository)->insertIncident(incident); !id) {
            say("%s\n", qPrintable(id.errorMessage()));
            return 1;
        }
        start = start.addSecs(3600 * (6 + text.random().bounded(48)));
        if ((i + 1) % std::max<qint64>(1, incidents / 20) == 0 || i + 1 == incidents)
            say("\r%lld/%lld incidents, %.1f s", i + 1, incidents, total.elapsedMs() / 1000);
    }
    say("\nwrote %s: %lld incidents x %lld entries = %lld entries in %.1f s (%.1f MB)\n",
        qPrintable(path), incidents, entries, incidents * entries, total.elapsedMs() / 1000,
        double(QFileInfo(path).size()) / 1e6);
    return 0;
}
