// IncidentService on a real SQLite file: the commands a commander gives, end to
// end, and refused commands that must leave the stored incident as it was.
#include "incidentservice.h"
#include "sqliteincidentrepository.h"
#include "storagetestsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace idesk;
using namespace idesk::StorageTest;

class StorageServiceTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteIncidentRepository> m_repo;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<IncidentService> m_service;
    int m_counter = 0;

    qint64 declare()
    {
        DeclareRequest request;
        request.title = QStringLiteral("Checkout failing");
        request.severity = 2;
        request.commander = QStringLiteral("Alice");
        request.startedAt = m_clock->now().addSecs(-600);
        const auto id = m_service->declare(request);
        if (!id)
            qWarning().noquote() << id.errorMessage();
        return id ? *id : 0;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_repo = openRepository(m_dir.filePath(QStringLiteral("svc-%1.db").arg(++m_counter)));
        QVERIFY(m_repo);
        m_clock = std::make_unique<ManualClock>(at(60));
        m_service = std::make_unique<IncidentService>(*m_repo, *m_clock);
    }
    void cleanup()
    {
        m_service.reset();
        m_repo.reset();
    }

    void commanderWorkflow()
    {
        const qint64 id = declare();
        QVERIFY(id > 0);
        const QString author = QStringLiteral("Alice");
        m_clock->advance(60);
        QVERIFY(m_service->changeStatus(id, Status::Identified, std::nullopt, author).ok());
        m_clock->advance(60);
        QVERIFY(m_service->changeSeverity(id, 1, std::nullopt, author, QStringLiteral("spreading"))
                    .ok());
        m_clock->advance(60);
        const QDateTime handoff = m_clock->now();
        const auto assigned = m_service->assignRole(
            id, QStringLiteral("ic"), QStringLiteral("Bob"), std::nullopt, author);
        QVERIFY2(assigned.ok(), qPrintable(assigned.errorMessage()));
        m_clock->advance(60);
        const QDateTime mitigated = m_clock->now().addSecs(-30);
        QVERIFY(m_service->setMilestone(id, Milestone::Mitigated, mitigated, QStringLiteral("Bob"))
                    .ok());
        StatusUpdate update;
        update.status = QStringLiteral("Mitigated");
        update.impact = QStringLiteral("Recovering");
        QVERIFY(m_service->postStatusUpdate(id, update, QStringLiteral("Bob")).ok());
        ActionItem item;
        item.text = QStringLiteral("Add an alert on checkout errors");
        QCOMPARE(*m_service->addActionItem(id, item), 1);
        QCOMPARE(*m_service->addActionItem(id, item), 2);
        QVERIFY(m_service->setActionItemStatus(id, 1, ActionStatus::Done).ok());

        const auto incident = m_repo->loadIncident(id);
        QVERIFY(incident.ok());
        const IncidentHeader &h = incident->header;
        QCOMPARE(h.status, Status::Identified);
        QCOMPARE(h.severity, 1);
        QCOMPARE(h.milestones.get(Milestone::Started), at(50));
        QCOMPARE(h.milestones.get(Milestone::Declared), at(60));
        QCOMPARE(h.milestones.get(Milestone::Acknowledged), at(60));
        QCOMPARE(h.milestones.get(Milestone::Mitigated), mitigated);

        QCOMPARE(incident->roles.size(), 2);
        QCOMPARE(incident->roles.at(0).person, QStringLiteral("Alice"));
        QCOMPARE(incident->roles.at(0).to, handoff);
        QCOMPARE(incident->roles.at(1).person, QStringLiteral("Bob"));
        QVERIFY(incident->roles.at(1).isCurrent());
        QCOMPARE(IncidentRules::holderAt(incident->roles, Roles::Commander, at(61))->person,
            QStringLiteral("Alice"));

        QCOMPARE(incident->statusUpdates.size(), 1);
        QVERIFY(incident->statusUpdates.at(0).nextUpdateAt.has_value()); // SEV-1 cadence
        QCOMPARE(incident->actionItems.size(), 2);
        QCOMPARE(incident->actionItems.at(0).status, ActionStatus::Done);
        QCOMPARE(incident->actionItems.at(1).status, ActionStatus::Open);

        QList<EntryKind> kinds;
        for (const auto &entry : incident->timeline)
            kinds.append(entry.kind);
        for (EntryKind kind : {EntryKind::Status, EntryKind::Severity, EntryKind::Role,
                 EntryKind::Milestone, EntryKind::Update})
            QVERIFY2(kinds.contains(kind), qPrintable(entryKindName(kind)));
        // The handoff and the update entries point at the objects they record.
        const auto linked = [&](const QString &type) {
            for (const auto &entry : incident->timeline) {
                if (entry.link.type == type)
                    return entry.link.id;
            }
            return qint64(0);
        };
        QCOMPARE(linked(QStringLiteral("role")), incident->roles.at(1).id);
        QCOMPARE(linked(QStringLiteral("update")), incident->statusUpdates.at(0).id);

        const auto logged = m_service->log(
            id, EntryKind::Note, QStringLiteral("  typo hree "), std::nullopt, author);
        QVERIFY(logged.ok());
        QVERIFY(m_service->editEntry(*logged, QStringLiteral("typo here"), author).ok());
        QVERIFY(m_service->redactEntry(*logged, QStringLiteral("wrong incident"), author).ok());
        const auto entry = m_repo->entry(*logged);
        QVERIFY(entry->isRedacted());
        QCOMPARE(entry->revisions.size(), 1);
    }

    void refusedCommandChangesNothing_data()
    {
        QTest::addColumn<int>("command");
        QTest::newRow("status unchanged") << 0;
        QTest::newRow("reopen closed without asking") << 1;
        QTest::newRow("unknown severity") << 2;
        QTest::newRow("same commander again") << 3;
        QTest::newRow("milestone in the future") << 4;
        QTest::newRow("no such action item") << 5;
        QTest::newRow("edit a system entry") << 6;
        QTest::newRow("empty note") << 7;
    }

    void refusedCommandChangesNothing()
    {
        QFETCH(int, command);
        const qint64 id = declare();
        QVERIFY(id > 0);
        const QString author = QStringLiteral("Alice");
        if (command == 1)
            QVERIFY(m_service->changeStatus(id, Status::Closed, std::nullopt, author).ok());
        const auto before = m_repo->loadIncident(id);
        QVERIFY(before.ok());

        VoidResult result;
        switch (command) {
        case 0:
            result = m_service->changeStatus(id, Status::Investigating, std::nullopt, author);
            break;
        case 1:
            result = m_service->changeStatus(id, Status::Investigating, std::nullopt, author);
            break;
        case 2:
            result = m_service->changeSeverity(id, 7, std::nullopt, author);
            break;
        case 3:
            result = m_service->assignRole(
                id, Roles::Commander, QStringLiteral("Alice"), std::nullopt, author);
            break;
        case 4:
            result = m_service->setMilestone(
                id, Milestone::Mitigated, m_clock->now().addSecs(3600), author);
            break;
        case 5:
            result = m_service->setActionItemStatus(id, 3, ActionStatus::Done);
            break;
        case 6:
            result = m_service->editEntry(
                before->timeline.first().id, QStringLiteral("rewritten"), author);
            break;
        case 7:
            if (const auto logged
                = m_service->log(id, EntryKind::Note, QStringLiteral("  "), std::nullopt, author);
                !logged)
                result = logged.error();
            break;
        }
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, Error::Kind::Validation);
        QVERIFY(!result.errorMessage().isEmpty());
        const auto after = m_repo->loadIncident(id);
        QVERIFY2(*after == *before, qPrintable(differences(*before, *after)));
    }
};

QTEST_GUILESS_MAIN(StorageServiceTest)
#include "tst_storage_service.moc"
