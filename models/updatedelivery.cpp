#include "updatedelivery.h"

#include "statusupdatetext.h"

#include <QPointer>
#include <QTimer>

namespace idesk {

QHash<qint64, DeliveryOutcome> latestDeliveries(const QList<TimelineEntry> &timeline)
{
    QHash<qint64, DeliveryOutcome> latest;
    for (const auto &entry : timeline) {
        const bool delivered = entry.link.type == DeliveryLinks::Delivered;
        if (!delivered && entry.link.type != DeliveryLinks::NotDelivered)
            continue;
        const auto known = latest.constFind(entry.link.id);
        // Written order decides between attempts: a retry is written after the failure.
        if (known != latest.cend() && known->at > entry.writtenAt)
            continue;
        latest.insert(
            entry.link.id, DeliveryOutcome {entry.link.id, delivered, entry.text, entry.writtenAt});
    }
    return latest;
}

UpdateDispatcher::UpdateDispatcher(
    IncidentService &service, DataSourceCatalog &sources, Notifier &notifier, QObject *parent)
    : QObject(parent), m_service(service), m_sources(sources), m_notifier(notifier)
{
}

QList<DataSource> UpdateDispatcher::webhooks() const
{
    QList<DataSource> result;
    const auto all = m_sources.sources();
    if (!all)
        return result;
    for (const auto &source : *all) {
        if (source.kind == DataSource::Kind::Webhook)
            result.append(source);
    }
    return result;
}

void UpdateDispatcher::deliver(
    qint64 incidentId, qint64 updateId, const QString &target, const QString &author)
{
    ++m_pending;
    // Failures found before posting are reported from the event loop too, so a caller
    // sees one order of events whatever went wrong.
    const auto failSoon = [this, incidentId, updateId, target, author](const Error &error) {
        QTimer::singleShot(0, this,
            [=, this] { record(incidentId, updateId, target, author, VoidResult(error)); });
    };
    const auto incident = m_service.repository().loadIncident(incidentId);
    if (!incident)
        return failSoon(incident.error());
    const StatusUpdate *update = nullptr;
    for (const auto &u : incident->statusUpdates) {
        if (u.id == updateId)
            update = &u;
    }
    if (!update)
        return failSoon(Error::notFound(
            tr("%1 has no status update %2.").arg(formatIncidentId(incidentId)).arg(updateId)));
    const auto source = m_sources.find(target);
    if (!source)
        return failSoon(source.error());
    if (source->kind != DataSource::Kind::Webhook)
        return failSoon(Error::validation(tr("\"%1\" is a %2 source, not a webhook.")
                                              .arg(source->name, displayName(source->kind))));
    const auto url = m_sources.secretFor(*source);
    if (!url)
        return failSoon(url.error());
    if (url->isEmpty())
        return failSoon(Error::validation(
            tr("no webhook URL is stored for \"%1\"; set it in Settings → Data sources")
                .arg(source->name)));
    const QString text = StatusUpdateText::slack(incident->header, *update);
    QPointer<UpdateDispatcher> self(this);
    m_notifier.post(
        *source, *url, text, [self, incidentId, updateId, target, author](VoidResult outcome) {
            if (self)
                self->record(incidentId, updateId, target, author, outcome);
        });
}

void UpdateDispatcher::record(qint64 incidentId, qint64 updateId, const QString &target,
    const QString &author, const VoidResult &outcome)
{
    --m_pending;
    NewEntry entry;
    entry.at = m_service.clock().now();
    entry.kind = EntryKind::Update;
    entry.author = author;
    if (outcome) {
        entry.text = tr("Status update delivered to %1.").arg(target);
        entry.link = EntryLink {DeliveryLinks::Delivered, updateId};
    } else {
        entry.text
            = tr("Status update NOT delivered to %1: %2").arg(target, outcome.errorMessage());
        entry.link = EntryLink {DeliveryLinks::NotDelivered, updateId};
    }
    const auto logged = m_service.logEntry(incidentId, entry);
    if (!logged) {
        Q_EMIT finished(incidentId, updateId, false,
            tr("%1 (and the outcome could not be recorded: %2)")
                .arg(outcome ? tr("delivered") : outcome.errorMessage(), logged.errorMessage()));
        return;
    }
    Q_EMIT finished(incidentId, updateId, outcome.ok(), outcome.errorMessage());
}

} // namespace idesk
