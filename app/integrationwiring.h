#pragma once

#include "integrationaccess.h"

#include <memory>

namespace idesk {

class DataSourceCatalog;
class HttpClient;
class HttpDiagnosticSourceFactory;
class IncidentService;
class SecretStore;
class UpdateDispatcher;
class WebhookNotifier;

// The composition root's outside world: one HTTP client, the secret store (keychain or
// private file), the data source catalog, and what posts updates and runs queries.
// Lives as long as the window that uses access().
class AppIntegrations
{
public:
    explicit AppIntegrations(IncidentService &service);
    ~AppIntegrations();
    AppIntegrations(const AppIntegrations &) = delete;
    AppIntegrations &operator=(const AppIntegrations &) = delete;

    IntegrationAccess access() const;
    DataSourceCatalog &catalog() const { return *m_catalog; }
    SecretStore &secrets() const { return *m_secrets; }

private:
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<DataSourceCatalog> m_catalog;
    std::unique_ptr<WebhookNotifier> m_notifier;
    std::unique_ptr<UpdateDispatcher> m_dispatcher;
    std::unique_ptr<HttpDiagnosticSourceFactory> m_factory;
};

} // namespace idesk
