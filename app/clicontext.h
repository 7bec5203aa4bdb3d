#pragma once

#include "clock.h"
#include "incidentservice.h"

#include <QTextStream>

#include <memory>

namespace idesk {
class DataSourceCatalog;
class SecretStore;
class SqliteIncidentRepository;
} // namespace idesk

namespace idesk::cli {

// Who a command acts as: $INCIDENTDESK_USER, else the login name.
QString defaultAuthor();

// Everything a command needs; the database (and the secret store) open only once the
// arguments are known to be good, so a usage error never creates or touches a file.
class Context
{
public:
    explicit Context(QString databasePath);
    ~Context();
    Context(const Context &) = delete;
    Context &operator=(const Context &) = delete;

    Result<IncidentService *> service();
    // The data sources of this database, with the secret store (keychain or 0600 file).
    Result<DataSourceCatalog *> catalog();
    const Clock &clock() const { return m_clock; }
    const QString &databasePath() const { return m_databasePath; }

    QTextStream out {stdout};

private:
    QString m_databasePath;
    SystemClock m_clock;
    std::unique_ptr<SqliteIncidentRepository> m_repository;
    std::unique_ptr<IncidentService> m_service;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<DataSourceCatalog> m_catalog;
};

} // namespace idesk::cli
