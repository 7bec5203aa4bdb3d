#include "repositoryworker.h"

namespace idesk {

std::unique_ptr<RepositoryWorker> RepositoryWorker::start(
    const IncidentRepository &repository, const QString &threadName)
{
    auto connection = repository.openConnection();
    if (!connection)
        return nullptr;
    return std::unique_ptr<RepositoryWorker>(
        new RepositoryWorker(std::move(connection).value(), threadName));
}

RepositoryWorker::RepositoryWorker(
    std::unique_ptr<IncidentRepository> connection, const QString &threadName)
    : m_connection(std::move(connection)), m_runner(new QObject)
{
    m_runner->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_thread.setObjectName(threadName);
    m_thread.start();
}

RepositoryWorker::~RepositoryWorker()
{
    m_thread.quit();
    m_thread.wait(); // the connection is only closed once no job can use it
}

} // namespace idesk
