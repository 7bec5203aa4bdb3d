#include "clicontext.h"

#include "databaselocation.h"
#include "datasourcecatalog.h"
#include "keychainsecretstore.h"
#include "sqliteincidentrepository.h"

namespace idesk::cli {

QString defaultAuthor()
{
    for (const char *name : {"INCIDENTDESK_USER", "USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("unknown");
}

Context::Context(QString databasePath) : m_databasePath(std::move(databasePath)) { }

Context::~Context() = default;

Result<IncidentService *> Context::service()
{
    if (!m_service) {
        auto repository = SqliteIncidentRepository::open(m_databasePath);
        if (!repository)
            return repository.error();
        m_repository = std::move(*repository);
        m_service = std::make_unique<IncidentService>(*m_repository, m_clock);
    }
    return m_service.get();
}

Result<DataSourceCatalog *> Context::catalog()
{
    if (!m_catalog) {
        const auto opened = service();
        if (!opened)
            return opened.error();
        m_secrets = openSecretStore(secretsFallbackPath());
        m_catalog = std::make_unique<DataSourceCatalog>(*m_repository, *m_secrets);
    }
    return m_catalog.get();
}

} // namespace idesk::cli
