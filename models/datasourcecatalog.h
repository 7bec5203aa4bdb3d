#pragma once

#include "datasource.h"
#include "incidentrepository.h"
#include "secretstore.h"

#include <QObject>

#include <optional>

namespace idesk {

// The team's data sources: their configuration in the store's settings (key
// "data_sources"), their secrets in a SecretStore. Every change is validated first and
// changes nothing when refused; a secret is written before the configuration that
// needs it, and removed after it.
class DataSourceCatalog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataSourceCatalog)

public:
    static inline const QString kSettingKey = QStringLiteral("data_sources");

    DataSourceCatalog(IncidentRepository &repository, SecretStore &secrets,
                      QObject *parent = nullptr);

    SecretStore &secretStore() const { return m_secrets; }

    Result<QList<DataSource>> sources() const;
    // By name, case-insensitive; NotFound names the sources there are.
    Result<DataSource> find(const QString &name) const;

    // Adds a new source; `secret` (token, password or webhook URL) may be empty.
    VoidResult add(const DataSource &source, const QString &secret);
    // Replaces the source called `name`. With no `secret` the stored one is kept (and
    // moved if the name changed); an empty one removes it.
    VoidResult update(const QString &name, const DataSource &source,
                      const std::optional<QString> &secret);
    VoidResult remove(const QString &name);

    // The secret a request needs: the environment variable named by tokenEnv when it is
    // set and non-empty, else the SecretStore's.
    Result<QString> secretFor(const DataSource &source) const;

Q_SIGNALS:
    void changed();

private:
    VoidResult save(const QList<DataSource> &sources);

    IncidentRepository &m_repository;
    SecretStore &m_secrets;
};

} // namespace idesk
