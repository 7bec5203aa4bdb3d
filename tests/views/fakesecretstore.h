#pragma once

#include "secretstore.h"

#include <QMap>
#include <QStringList>

namespace idesk::ViewTest {

// A SecretStore in memory that records every call ("read source/prod",
// "write source/prod", "remove source/prod"; never a value), can pretend to be the
// file fallback, and can be told to refuse writes.
class FakeSecretStore final : public SecretStore
{
public:
    Result<QString> read(const QString &key) override
    {
        calls.append(QStringLiteral("read ") + key);
        return secrets.value(key);
    }

    VoidResult write(const QString &key, const QString &secret) override
    {
        calls.append(QStringLiteral("write ") + key);
        if (refuseWrites)
            return Error::io(QStringLiteral("The keychain is locked."));
        secrets.insert(key, secret);
        return {};
    }

    VoidResult remove(const QString &key) override
    {
        calls.append(QStringLiteral("remove ") + key);
        secrets.remove(key);
        return {};
    }

    bool isFallback() const override { return fallback; }

    QString description() const override
    {
        return fallback ? QStringLiteral("File /tmp/test/secrets.json (mode 0600): no keychain "
                                         "reachable")
                        : QStringLiteral("Test keychain");
    }

    QMap<QString, QString> secrets;
    QStringList calls;
    bool fallback = false;
    bool refuseWrites = false;
};

} // namespace idesk::ViewTest
