#include "filesecretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sys/stat.h>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FileSecretStore", text);
}

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

FileSecretStore::FileSecretStore(QString path, QString reason)
    : m_path(std::move(path)), m_reason(std::move(reason))
{
}

QString FileSecretStore::description() const
{
    return tr("File %1 (mode 0600): %2").arg(QDir::toNativeSeparators(m_path), m_reason);
}

Result<FileSecretStore::Secrets> FileSecretStore::load() const
{
    QFile file(m_path);
    if (!file.exists())
        return Secrets {};
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(tr("Cannot read the secrets file %1: %2").arg(m_path, file.errorString()));
    // Someone loosened the mode; take it back before anything else reads it.
    if (file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser))
        file.setPermissions(kOwnerOnly);
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error::io(
            tr("The secrets file %1 is not ours (not a JSON object); it was left as it is.")
                .arg(m_path));
    Secrets secrets;
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString())
            return Error::io(tr("The secrets file %1 holds a value that is not text; it was "
                                "left as it is.")
                                 .arg(m_path));
        secrets.append({it.key(), it.value().toString()});
    }
    return secrets;
}

VoidResult FileSecretStore::save(const Secrets &secrets)
{
    QJsonObject object;
    for (const auto &[key, secret] : secrets)
        object.insert(key, secret);
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return Error::io(tr("Cannot create the folder of %1.").arg(m_path));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(
            tr("Cannot write the secrets file %1: %2").arg(m_path, file.errorString()));
    // The temporary file must be private before a single secret byte goes into it.
    if (::fchmod(file.handle(), S_IRUSR | S_IWUSR) != 0)
        return Error::io(tr("Cannot make the secrets file %1 private.").arg(m_path));
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error::io(
            tr("Cannot write the secrets file %1: %2").arg(m_path, file.errorString()));
    return {};
}

Result<QString> FileSecretStore::read(const QString &key)
{
    const auto secrets = load();
    if (!secrets)
        return secrets.error();
    for (const auto &[k, secret] : *secrets) {
        if (k == key)
            return secret;
    }
    return QString();
}

VoidResult FileSecretStore::write(const QString &key, const QString &secret)
{
    auto secrets = load();
    if (!secrets)
        return secrets.error();
    bool replaced = false;
    for (auto &[k, value] : *secrets) {
        if (k == key) {
            value = secret;
            replaced = true;
        }
    }
    if (!replaced)
        secrets->append({key, secret});
    return save(*secrets);
}

VoidResult FileSecretStore::remove(const QString &key)
{
    auto secrets = load();
    if (!secrets)
        return secrets.error();
    const auto removed = secrets->removeIf([&](const auto &entry) { return entry.first == key; });
    if (removed == 0)
        return {};
    return save(*secrets);
}

} // namespace idesk
