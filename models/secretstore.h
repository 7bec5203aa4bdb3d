#pragma once

#include "result.h"

#include <QString>

namespace idesk {

// Port: where secrets live (tokens, passwords, webhook URLs), by key. Never the
// database, an export or a log line. The OS keychain when one is reachable; otherwise
// a private file, which the user is told about (isFallback()).
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // The secret under `key`; an empty string when there is none.
    virtual Result<QString> read(const QString &key) = 0;
    virtual VoidResult write(const QString &key, const QString &secret) = 0;
    // Removing a key that does not exist succeeds.
    virtual VoidResult remove(const QString &key) = 0;

    // True when secrets are kept in a file because no keychain was reachable.
    virtual bool isFallback() const = 0;
    // One line for the settings dialog: "GNOME Keyring (Secret Service)" or
    // "File ~/.local/share/IncidentDesk/secrets.json (mode 0600): no keychain reachable".
    virtual QString description() const = 0;
};

} // namespace idesk
