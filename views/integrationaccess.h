#pragma once

namespace idesk {

class DataSourceCatalog;
class DiagnosticSourceFactory;
class UpdateDispatcher;

// What the views may reach of the outside world, wired by the app. Both may be null
// (a test, or a window without integrations): the views then say that no data source is
// configured instead of offering actions that cannot work.
struct IntegrationAccess
{
    DataSourceCatalog *sources = nullptr;
    DiagnosticSourceFactory *factory = nullptr;
    UpdateDispatcher *updates = nullptr; // posts status updates to webhooks
};

} // namespace idesk
