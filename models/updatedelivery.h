#pragma once

#include "datasourcecatalog.h"
#include "incidentservice.h"
#include "notifier.h"

#include <QHash>
#include <QObject>

namespace idesk {

// The outcome of posting one status update to one webhook. Outcomes are timeline
// entries of kind `update`, linked "delivered:<update id>" or "undelivered:<update id>",
// so every attempt is on the record, append-only, and the update itself never changes.
struct DeliveryOutcome
{
    qint64 updateId = 0;
    bool delivered = false;
    QString text; // the entry's text: where to and, when it failed, why
    QDateTime at;
    bool operator==(const DeliveryOutcome &) const = default;
};

namespace DeliveryLinks {
inline const QString Delivered = QStringLiteral("delivered");
inline const QString NotDelivered = QStringLiteral("undelivered");
} // namespace DeliveryLinks

// The latest outcome per update id, from an incident's timeline (later entries win).
QHash<qint64, DeliveryOutcome> latestDeliveries(const QList<TimelineEntry> &timeline);

// Posts status updates to webhook data sources and records each outcome on the
// timeline. Nothing here blocks: the post runs through the Notifier, and finished()
// tells when the outcome is recorded. A missing source, a missing secret or a failed
// post are all recorded as "not delivered" with the reason, ready for a retry.
class UpdateDispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpdateDispatcher)

public:
    UpdateDispatcher(IncidentService &service, DataSourceCatalog &sources, Notifier &notifier,
        QObject *parent = nullptr);

    // The configured webhook sources, in catalog order (empty on a read error).
    QList<DataSource> webhooks() const;

    // Posts update `updateId` of `incidentId` to the webhook source called `target`.
    void deliver(qint64 incidentId, qint64 updateId, const QString &target, const QString &author);
    int pendingCount() const { return m_pending; }

Q_SIGNALS:
    // After the outcome is on the timeline (or could not be recorded: `recordError`).
    void finished(qint64 incidentId, qint64 updateId, bool delivered, const QString &reason);

private:
    void record(qint64 incidentId, qint64 updateId, const QString &target, const QString &author,
        const VoidResult &outcome);

    IncidentService &m_service;
    DataSourceCatalog &m_sources;
    Notifier &m_notifier;
    int m_pending = 0;
};

} // namespace idesk
