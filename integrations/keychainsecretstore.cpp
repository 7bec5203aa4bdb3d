#include "keychainsecretstore.h"

#include "filesecretstore.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("KeychainSecretStore", text);
}

// Runs `job` to its end (or the timeout) and returns its error, if any.
struct JobOutcome
{
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    bool timedOut = false;
};

JobOutcome run(QKeychain::Job &job, std::chrono::milliseconds timeout)
{
    JobOutcome outcome;
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *) {
        finished = true;
        loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    deadline.start(timeout);
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!finished) {
        outcome.timedOut = true;
        outcome.error = QKeychain::OtherError;
        outcome.message
            = tr("the keychain did not answer within %1 s")
                  .arg(std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
        return outcome;
    }
    outcome.error = job.error();
    outcome.message = job.errorString();
    return outcome;
}

Error keychainError(const QString &what, const JobOutcome &outcome)
{
    return Error::io(tr("%1: %2").arg(what, outcome.message));
}

} // namespace

Result<std::unique_ptr<KeychainSecretStore>> KeychainSecretStore::open(
    std::chrono::milliseconds timeout)
{
    auto store = std::unique_ptr<KeychainSecretStore>(new KeychainSecretStore(timeout));
    QKeychain::ReadPasswordJob probe(kService);
    probe.setKey(QStringLiteral("probe/reachable"));
    const auto outcome = run(probe, timeout);
    if (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound)
        return store;
    return Error::io(outcome.message.isEmpty() ? tr("no keychain answered") : outcome.message);
}

QString KeychainSecretStore::description() const
{
    return tr("The system keychain (Secret Service)");
}

Result<QString> KeychainSecretStore::read(const QString &key)
{
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(key);
    const auto outcome = run(job, m_timeout);
    if (outcome.error == QKeychain::EntryNotFound)
        return QString();
    if (outcome.error != QKeychain::NoError)
        return keychainError(tr("Cannot read a secret from the keychain"), outcome);
    return job.textData();
}

VoidResult KeychainSecretStore::write(const QString &key, const QString &secret)
{
    QKeychain::WritePasswordJob job(kService);
    job.setKey(key);
    job.setTextData(secret);
    const auto outcome = run(job, m_timeout);
    if (outcome.error != QKeychain::NoError)
        return keychainError(tr("Cannot store a secret in the keychain"), outcome);
    return {};
}

VoidResult KeychainSecretStore::remove(const QString &key)
{
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(key);
    const auto outcome = run(job, m_timeout);
    if (outcome.error != QKeychain::NoError && outcome.error != QKeychain::EntryNotFound)
        return keychainError(tr("Cannot remove a secret from the keychain"), outcome);
    return {};
}

std::unique_ptr<SecretStore> openSecretStore(const QString &fallbackPath)
{
    auto keychain = KeychainSecretStore::open(std::chrono::seconds(10));
    if (keychain)
        return std::move(*keychain);
    return std::make_unique<FileSecretStore>(
        fallbackPath, tr("no keychain reachable (%1)").arg(keychain.errorMessage()));
}

} // namespace idesk
