#pragma once

#include "clock.h"
#include "incidentservice.h"
#include "sqliteincidentrepository.h"

#include <QTemporaryDir>

#include <memory>

namespace idesk::ViewTest {

// 14:00 local time on a fixed day: "HH:MM" typed in a test means that day.
QDateTime startTime();

// A real SQLite file in a temporary folder, with a service on a manual clock.
class Store
{
public:
    Store();
    bool isValid() const { return m_repository != nullptr; }
    QString path() const { return m_path; }

    SqliteIncidentRepository &repository() { return *m_repository; }
    ManualClock &clock() { return m_clock; }
    IncidentService &service() { return *m_service; }

    // Another connection to the same file, as another process (the CLI) has.
    std::unique_ptr<SqliteIncidentRepository> openSecond() const;

    // Declares through the service; returns 0 (and warns) on failure.
    qint64 declare(const QString &title, int severity = 1, const QString &commander = {},
        int startedMinutesAgo = 0);
    // Inserts an incident with `count` notes one second apart, in one transaction.
    qint64 insertWithEntries(const QString &title, int count);

    QList<TimelineEntry> timeline(qint64 incidentId);
    IncidentHeader header(qint64 incidentId);
    QList<RoleAssignment> roles(qint64 incidentId);

private:
    QTemporaryDir m_dir;
    QString m_path;
    ManualClock m_clock;
    std::unique_ptr<SqliteIncidentRepository> m_repository;
    std::unique_ptr<IncidentService> m_service;
};

} // namespace idesk::ViewTest
