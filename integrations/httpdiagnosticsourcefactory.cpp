#include "httpdiagnosticsourcefactory.h"

#include "httpdiagnosticsource.h"

namespace idesk {

std::unique_ptr<DiagnosticSource> HttpDiagnosticSourceFactory::create(
    const DataSource &source, const QString &secret)
{
    return std::make_unique<HttpDiagnosticSource>(source, secret);
}

} // namespace idesk
