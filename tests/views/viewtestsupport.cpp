#include "viewtestsupport.h"

#include <QtDebug>

namespace idesk::ViewTest {

QDateTime startTime()
{
    return QDateTime(QDate(2026, 3, 10), QTime(14, 0), Qt::LocalTime).toUTC();
}

Store::Store() : m_clock(startTime())
{
    m_path = m_dir.filePath(QStringLiteral("incidents.sqlite3"));
    auto opened = SqliteIncidentRepository::open(m_path);
    if (!opened) {
        qWarning() << "cannot open test database:" << opened.errorMessage();
        return;
    }
    m_repository = std::move(opened).value();
    m_service = std::make_unique<IncidentService>(*m_repository, m_clock);
}

std::unique_ptr<SqliteIncidentRepository> Store::openSecond() const
{
    auto opened = SqliteIncidentRepository::open(m_path);
    if (!opened) {
        qWarning() << "cannot open a second connection:" << opened.errorMessage();
        return nullptr;
    }
    return std::move(opened).value();
}

qint64 Store::declare(
    const QString &title, int severity, const QString &commander, int startedMinutesAgo)
{
    DeclareRequest request;
    request.title = title;
    request.severity = severity;
    request.commander = commander;
    request.author = QStringLiteral("tester");
    if (startedMinutesAgo > 0)
        request.startedAt = m_clock.now().addSecs(-qint64(startedMinutesAgo) * 60);
    const auto id = m_service->declare(request);
    if (!id) {
        qWarning() << "declare failed:" << id.errorMessage();
        return 0;
    }
    return *id;
}

qint64 Store::insertWithEntries(const QString &title, int count)
{
    Incident incident;
    incident.header.title = title;
    incident.header.severity = 2;
    incident.header.milestones.set(Milestone::Started, m_clock.now().addSecs(-count - 60));
    incident.header.milestones.set(Milestone::Declared, m_clock.now().addSecs(-count - 60));
    for (int i = 0; i < count; ++i) {
        TimelineEntry entry;
        entry.at = m_clock.now().addSecs(-count + i);
        entry.writtenAt = entry.at;
        entry.author = QStringLiteral("scribe");
        entry.text = QStringLiteral("Entry %1").arg(i + 1);
        incident.timeline.append(entry);
    }
    const auto id = m_repository->insertIncident(incident);
    if (!id) {
        qWarning() << "insert failed:" << id.errorMessage();
        return 0;
    }
    return *id;
}

QList<TimelineEntry> Store::timeline(qint64 incidentId)
{
    const auto page = m_repository->timelinePage(incidentId, {}, 1'000'000);
    return page ? *page : QList<TimelineEntry>();
}

IncidentHeader Store::header(qint64 incidentId)
{
    const auto header = m_repository->loadHeader(incidentId);
    return header ? *header : IncidentHeader();
}

QList<RoleAssignment> Store::roles(qint64 incidentId)
{
    const auto roles = m_repository->roles(incidentId);
    return roles ? *roles : QList<RoleAssignment>();
}

} // namespace idesk::ViewTest
