#include "datasourcecatalog.h"

#include <QCoreApplication>
#include <QStringList>

namespace idesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DataSourceCatalog", text);
}

qsizetype indexOf(const QList<DataSource> &sources, const QString &name)
{
    for (qsizetype i = 0; i < sources.size(); ++i) {
        if (sources.at(i).name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QString namesOf(const QList<DataSource> &sources)
{
    QStringList names;
    for (const auto &s : sources)
        names.append(s.name);
    return names.isEmpty() ? tr("none is configured") : names.join(QStringLiteral(", "));
}

DataSource normalised(DataSource source)
{
    source.name = source.name.trimmed();
    source.url = source.url.trimmed();
    source.username = source.username.trimmed();
    source.tokenEnv = source.tokenEnv.trimmed();
    return source;
}

} // namespace

DataSourceCatalog::DataSourceCatalog(IncidentRepository &repository, SecretStore &secrets,
                                     QObject *parent)
    : QObject(parent), m_repository(repository), m_secrets(secrets)
{
}

Result<QList<DataSource>> DataSourceCatalog::sources() const
{
    const auto stored = m_repository.setting(kSettingKey);
    if (!stored)
        return stored.error();
    return dataSourcesFromJson(stored->toUtf8());
}

Result<DataSource> DataSourceCatalog::find(const QString &name) const
{
    const auto all = sources();
    if (!all)
        return all.error();
    const auto i = indexOf(*all, name);
    if (i < 0)
        return Error::notFound(tr("No data source is called \"%1\" (%2).")
                                       .arg(name.trimmed(), namesOf(*all)));
    return all->at(i);
}

VoidResult DataSourceCatalog::add(const DataSource &source, const QString &secret)
{
    const DataSource s = normalised(source);
    if (auto ok = validate(s); !ok)
        return ok;
    auto all = sources();
    if (!all)
        return all.error();
    if (indexOf(*all, s.name) >= 0)
        return Error::validation(tr("A data source called \"%1\" exists already.").arg(s.name));
    if (!secret.isEmpty()) {
        if (auto written = m_secrets.write(s.secretKey(), secret); !written)
            return written;
    }
    all->append(s);
    if (auto saved = save(*all); !saved) {
        if (!secret.isEmpty())
            (void)m_secrets.remove(s.secretKey());
        return saved;
    }
    return {};
}

VoidResult DataSourceCatalog::update(const QString &name, const DataSource &source,
                                     const std::optional<QString> &secret)
{
    const DataSource s = normalised(source);
    if (auto ok = validate(s); !ok)
        return ok;
    auto all = sources();
    if (!all)
        return all.error();
    const auto i = indexOf(*all, name);
    if (i < 0)
        return Error::notFound(tr("No data source is called \"%1\" (%2).")
                                       .arg(name.trimmed(), namesOf(*all)));
    const auto clash = indexOf(*all, s.name);
    if (clash >= 0 && clash != i)
        return Error::validation(tr("A data source called \"%1\" exists already.").arg(s.name));
    const DataSource old = all->at(i);
    const bool renamed = old.secretKey() != s.secretKey();

    std::optional<QString> newSecret = secret;
    if (!newSecret && renamed) {
        const auto kept = m_secrets.read(old.secretKey());
        if (!kept)
            return kept.error();
        newSecret = *kept;
    }
    if (newSecret) {
        auto written = newSecret->isEmpty() ? m_secrets.remove(s.secretKey())
                                            : m_secrets.write(s.secretKey(), *newSecret);
        if (!written)
            return written;
    }
    (*all)[i] = s;
    if (auto saved = save(*all); !saved)
        return saved;
    if (renamed)
        (void)m_secrets.remove(old.secretKey());
    return {};
}

VoidResult DataSourceCatalog::remove(const QString &name)
{
    auto all = sources();
    if (!all)
        return all.error();
    const auto i = indexOf(*all, name);
    if (i < 0)
        return Error::notFound(tr("No data source is called \"%1\" (%2).")
                                       .arg(name.trimmed(), namesOf(*all)));
    const DataSource removed = all->takeAt(i);
    if (auto saved = save(*all); !saved)
        return saved;
    // The configuration is gone; a secret left behind would be harmless but untidy.
    (void)m_secrets.remove(removed.secretKey());
    return {};
}

Result<QString> DataSourceCatalog::secretFor(const DataSource &source) const
{
    if (!source.tokenEnv.isEmpty()) {
        const QString fromEnv = qEnvironmentVariable(source.tokenEnv.toLocal8Bit().constData());
        if (!fromEnv.isEmpty())
            return fromEnv;
    }
    return m_secrets.read(source.secretKey());
}

VoidResult DataSourceCatalog::save(const QList<DataSource> &sources)
{
    if (auto saved = m_repository.setSetting(kSettingKey, QString::fromUtf8(dataSourcesToJson(sources)));
        !saved)
        return saved;
    Q_EMIT changed();
    return {};
}

} // namespace idesk
