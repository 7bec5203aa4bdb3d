#pragma once

#include "secretstore.h"

namespace idesk {

// Secrets in a JSON file readable by its owner only (mode 0600), for machines where no
// keychain is reachable. Every write replaces the file atomically. A file that is not a
// JSON object of strings is refused rather than overwritten, so nothing is lost.
class FileSecretStore final : public SecretStore
{
public:
    // `reason` says why the keychain was not used; it ends up in description().
    FileSecretStore(QString path, QString reason);

    Result<QString> read(const QString &key) override;
    VoidResult write(const QString &key, const QString &secret) override;
    VoidResult remove(const QString &key) override;
    bool isFallback() const override { return true; }
    QString description() const override;

    QString path() const { return m_path; }

private:
    using Secrets = QList<std::pair<QString, QString>>;
    Result<Secrets> load() const;
    VoidResult save(const Secrets &secrets);

    QString m_path;
    QString m_reason;
};

} // namespace idesk
