#include "integrationwiring.h"

#include "databaselocation.h"
#include "datasourcecatalog.h"
#include "httpclient.h"
#include "httpdiagnosticsourcefactory.h"
#include "keychainsecretstore.h"
#include "logging.h"
#include "updatedelivery.h"
#include "webhooknotifier.h"

namespace idesk {

AppIntegrations::AppIntegrations(IncidentService &service)
    : m_client(std::make_unique<HttpClient>()), m_secrets(openSecretStore(secretsFallbackPath())),
      m_catalog(std::make_unique<DataSourceCatalog>(service.repository(), *m_secrets)),
      m_notifier(std::make_unique<WebhookNotifier>(*m_client)),
      m_dispatcher(std::make_unique<UpdateDispatcher>(service, *m_catalog, *m_notifier)),
      m_factory(std::make_unique<HttpDiagnosticSourceFactory>())
{
    if (m_secrets->isFallback())
        logInfo(QStringLiteral("secrets: %1").arg(m_secrets->description()));
}

AppIntegrations::~AppIntegrations() = default;

IntegrationAccess AppIntegrations::access() const
{
    IntegrationAccess access;
    access.sources = m_catalog.get();
    access.updates = m_dispatcher.get();
    access.factory = m_factory.get();
    return access;
}

} // namespace idesk
