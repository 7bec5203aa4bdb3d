#pragma once

#include "incidentrepository.h"

#include <QObject>
#include <QThread>

#include <memory>
#include <type_traits>

namespace idesk {

// A second connection to the store (IncidentRepository::openConnection) on a
// thread of its own, for reads that take tens of milliseconds over a large
// incident and must not hold up the window while someone types. Jobs run one
// after another, in the order they were posted.
class RepositoryWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepositoryWorker)

public:
    // Null when the store cannot have a second connection (an in-memory one).
    static std::unique_ptr<RepositoryWorker> start(
        const IncidentRepository &repository, const QString &threadName);
    // Waits for a job that is running; jobs not started yet are dropped.
    ~RepositoryWorker() override;

    // Runs `job(connection)` on the worker's thread, then `done(value)` with what
    // it returned on this object's thread, from its event loop. `done` is never
    // called once this object is gone. A job must not touch what its poster owns:
    // it gets copies.
    template<typename Job, typename Done> void post(Job job, Done done)
    {
        using Value = std::invoke_result_t<Job &, const IncidentRepository &>;
        const IncidentRepository *connection = m_connection.get();
        QMetaObject::invokeMethod(
            m_runner,
            [this, connection, job, done]() mutable {
                auto value = std::make_shared<Value>(job(*connection));
                QMetaObject::invokeMethod(
                    this, [done, value]() mutable { done(std::move(*value)); },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

private:
    RepositoryWorker(std::unique_ptr<IncidentRepository> connection, const QString &threadName);

    std::unique_ptr<IncidentRepository> m_connection; // used on m_thread only
    QThread m_thread;
    QObject *m_runner = nullptr; // lives in m_thread; deleted as it finishes
};

} // namespace idesk
