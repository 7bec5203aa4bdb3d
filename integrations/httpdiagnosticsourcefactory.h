#pragma once

#include "diagnosticsource.h"

#include <memory>

namespace idesk {

// What the app's composition root hands to everything that needs a DiagnosticSource:
// makes an HttpDiagnosticSource for any configured kind. A source lives in the thread
// that created it and must be used there.
class HttpDiagnosticSourceFactory final : public DiagnosticSourceFactory
{
public:
    std::unique_ptr<DiagnosticSource> create(
        const DataSource &source, const QString &secret) override;
};

} // namespace idesk
