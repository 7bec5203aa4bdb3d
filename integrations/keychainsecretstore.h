#pragma once

#include "secretstore.h"

#include <chrono>
#include <memory>

namespace idesk {

// Secrets in the OS keychain through QtKeychain (the Secret Service, e.g. GNOME Keyring,
// on Linux). QtKeychain's jobs are asynchronous; each call here waits for its job in a
// local event loop, bounded by a timeout, because the keychain is a local service that
// answers in milliseconds or asks the user to unlock it.
class KeychainSecretStore final : public SecretStore
{
public:
    static inline const QString kService = QStringLiteral("IncidentDesk");

    // A store if the keychain answers a probe read; else why not, in one line.
    static Result<std::unique_ptr<KeychainSecretStore>> open(
        std::chrono::milliseconds timeout = std::chrono::seconds(30));

    Result<QString> read(const QString &key) override;
    VoidResult write(const QString &key, const QString &secret) override;
    VoidResult remove(const QString &key) override;
    bool isFallback() const override { return false; }
    QString description() const override;

private:
    explicit KeychainSecretStore(std::chrono::milliseconds timeout) : m_timeout(timeout) { }
    std::chrono::milliseconds m_timeout;
};

// The keychain when one is reachable, else a FileSecretStore at `fallbackPath` whose
// description() says why.
std::unique_ptr<SecretStore> openSecretStore(const QString &fallbackPath);

} // namespace idesk
