#include "incidentrules.h"

#include <QTest>

using namespace idesk;
using namespace idesk::IncidentRules;

Q_DECLARE_METATYPE(idesk::Status)

namespace {
const QDateTime kNow(QDate(2026, 11, 23), QTime(15, 0), Qt::UTC);

IncidentHeader headerWith(Status status)
{
    IncidentHeader header;
    header.id = 1;
    header.title = QStringLiteral("API outage");
    header.severity = 2;
    header.status = status;
    header.milestones.set(Milestone::Started, kNow.addSecs(-3600));
    header.milestones.set(Milestone::Declared, kNow.addSecs(-3000));
    return header;
}

QList<EntryKind> kindsOf(const QList<NewEntry> &entries)
{
    QList<EntryKind> kinds;
    for (const auto &e : entries)
        kinds.append(e.kind);
    return kinds;
}
} // namespace

class IncidentRulesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void declareRecordsItsEvents()
    {
        DeclareRequest request;
        request.title = QStringLiteral("  Checkout failing  ");
        request.severity = 1;
        request.commander = QStringLiteral("Alice");
        request.startedAt = kNow.addSecs(-600);
        const auto incident = planDeclare(request, defaultSeverities(), kNow);
        QVERIFY2(incident.ok(), qPrintable(incident.errorMessage()));
        QCOMPARE(incident->header.title, QStringLiteral("Checkout failing"));
        QCOMPARE(incident->header.status, Status::Investigating);
        QCOMPARE(incident->header.milestones.get(Milestone::Started), kNow.addSecs(-600));
        QCOMPARE(incident->header.milestones.get(Milestone::Declared), kNow);
        QCOMPARE(incident->header.milestones.get(Milestone::Acknowledged), kNow);
        QCOMPARE(incident->roles.size(), 1);
        QCOMPARE(incident->roles[0].role, Roles::Commander);
        QCOMPARE(incident->roles[0].person, QStringLiteral("Alice"));
        QCOMPARE(incident->timeline.size(), 3); // started (backdated), declared, commander
        QCOMPARE(incident->timeline[0].kind, EntryKind::Milestone);
        QCOMPARE(incident->timeline[0].at, kNow.addSecs(-600));
        QCOMPARE(incident->timeline[0].writtenAt, kNow);
        QCOMPARE(incident->timeline[1].kind, EntryKind::Status);
        QCOMPARE(incident->timeline[2].kind, EntryKind::Role);
    }

    void declareWithoutCommanderLeavesAcknowledgedUnset()
    {
        DeclareRequest request;
        request.title = QStringLiteral("Latency");
        request.severity = 3;
        const auto incident = planDeclare(request, defaultSeverities(), kNow);
        QVERIFY(incident.ok());
        QVERIFY(!incident->header.milestones.get(Milestone::Acknowledged));
        QVERIFY(incident->roles.isEmpty());
        QCOMPARE(incident->timeline.size(), 1);
    }

    void declareRefusals_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("severity");
        QTest::addColumn<int>("startOffsetSeconds");
        QTest::newRow("empty title") << "   " << 1 << -60;
        QTest::newRow("overlong title") << QString(400, u'x') << 1 << -60;
        QTest::newRow("undefined severity") << "Outage" << 7 << -60;
        QTest::newRow("start in the future") << "Outage" << 1 << 3600;
    }

    void declareRefusals()
    {
        QFETCH(QString, title);
        QFETCH(int, severity);
        QFETCH(int, startOffsetSeconds);
        DeclareRequest request;
        request.title = title;
        request.severity = severity;
        request.startedAt = kNow.addSecs(startOffsetSeconds);
        const auto incident = planDeclare(request, defaultSeverities(), kNow);
        QVERIFY(!incident.ok());
        QCOMPARE(incident.error().kind, Error::Kind::Validation);
    }

    void statusMovesMilestones_data()
    {
        QTest::addColumn<Status>("from");
        QTest::addColumn<Status>("to");
        QTest::addColumn<bool>("resolvedBefore");
        QTest::addColumn<bool>("resolvedAfter");
        QTest::addColumn<bool>("closedAfter");
        QTest::newRow("resolve sets resolved") << Status::Monitoring << Status::Resolved << false << true << false;
        QTest::newRow("close sets both") << Status::Monitoring << Status::Closed << false << true << true;
        QTest::newRow("reopen clears resolved") << Status::Resolved << Status::Investigating << true << false << false;
        QTest::newRow("forward keeps unset") << Status::Investigating << Status::Identified << false << false << false;
    }

    void statusMovesMilestones()
    {
        QFETCH(Status, from);
        QFETCH(Status, to);
        QFETCH(bool, resolvedBefore);
        QFETCH(bool, resolvedAfter);
        QFETCH(bool, closedAfter);
        IncidentHeader header = headerWith(from);
        if (resolvedBefore)
            header.milestones.set(Milestone::Resolved, kNow.addSecs(-60));
        const auto changes = planStatusChange(header, to, kNow, QStringLiteral("Alice"), false);
        QVERIFY2(changes.ok(), qPrintable(changes.errorMessage()));
        QCOMPARE(changes->status, to);
        QCOMPARE(changes->entries.first().kind, EntryKind::Status);

        Milestones after = header.milestones;
        for (const auto &change : changes->milestones)
            after.set(change.milestone, change.at);
        QCOMPARE(after.get(Milestone::Resolved).has_value(), resolvedAfter);
        QCOMPARE(after.get(Milestone::Closed).has_value(), closedAfter);
        if (resolvedAfter)
            QCOMPARE(after.get(Milestone::Resolved), kNow);
        // Every milestone change is on the timeline.
        QCOMPARE(changes->entries.size(), 1 + changes->milestones.size());
    }

    void refusedStatusChangeNamesTheReason()
    {
        const auto changes = planStatusChange(headerWith(Status::Closed), Status::Monitoring,
                                              kNow, QStringLiteral("Alice"), false);
        QVERIFY(!changes.ok());
        QVERIFY(changes.error().message.contains(QStringLiteral("reopen")));
    }

    void handoffClosesTheCurrentHolder()
    {
        const QList<RoleAssignment> roles = {
            {11, Roles::Commander, QStringLiteral("Alice"), kNow.addSecs(-3000), std::nullopt},
        };
        IncidentHeader header = headerWith(Status::Investigating);
        header.milestones.set(Milestone::Acknowledged, kNow.addSecs(-3000));
        const auto changes = planRoleAssignment(header, roles, QStringLiteral("ic"),
                                                QStringLiteral("Bob"), kNow,
                                                QStringLiteral("Alice"),
                                                QStringLiteral("pager is on Bob now"));
        QVERIFY2(changes.ok(), qPrintable(changes.errorMessage()));
        QCOMPARE(changes->closeRoleAssignments, QList<qint64>{11});
        QCOMPARE(changes->roleChangeAt, kNow);
        QCOMPARE(changes->openRoleAssignment->person, QStringLiteral("Bob"));
        QCOMPARE(changes->openRoleAssignment->role, Roles::Commander);
        QCOMPARE(kindsOf(changes->entries), QList<EntryKind>{EntryKind::Role});
        QVERIFY(changes->entries[0].text.contains(QStringLiteral("Alice")));
        QVERIFY(changes->entries[0].text.contains(QStringLiteral("pager is on Bob now")));
        QVERIFY(changes->milestones.isEmpty()); // already acknowledged
    }

    void firstCommanderAcknowledges()
    {
        const auto changes = planRoleAssignment(headerWith(Status::Investigating), {},
                                                Roles::Commander, QStringLiteral("Alice"), kNow,
                                                QStringLiteral("Alice"), QString());
        QVERIFY(changes.ok());
        QCOMPARE(changes->milestones.size(), 1);
        QCOMPARE(changes->milestones[0].milestone, Milestone::Acknowledged);
        QCOMPARE(changes->milestones[0].at, kNow);
    }

    void roleRefusals_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("person");
        QTest::addColumn<int>("atOffsetSeconds");
        QTest::newRow("same person again") << "commander" << "Alice" << 0;
        QTest::newRow("handoff before the current holder started") << "commander" << "Bob" << -4000;
        QTest::newRow("empty person") << "scribe" << "  " << 0;
        QTest::newRow("bad role name") << "chief of <stuff>" << "Bob" << 0;
    }

    void roleRefusals()
    {
        QFETCH(QString, role);
        QFETCH(QString, person);
        QFETCH(int, atOffsetSeconds);
        const QList<RoleAssignment> roles = {
            {11, Roles::Commander, QStringLiteral("Alice"), kNow.addSecs(-3000), std::nullopt},
        };
        const auto changes = planRoleAssignment(headerWith(Status::Investigating), roles, role,
                                                person, kNow.addSecs(atOffsetSeconds),
                                                QStringLiteral("Alice"), QString());
        QVERIFY(!changes.ok());
        QCOMPARE(changes.error().kind, Error::Kind::Validation);
    }

    void whoHeldTheRoleAt()
    {
        const QDateTime t0 = kNow.addSecs(-3600);
        const QList<RoleAssignment> roles = {
            {1, Roles::Commander, QStringLiteral("Alice"), t0, t0.addSecs(1800)},
            {2, Roles::Commander, QStringLiteral("Bob"), t0.addSecs(1800), std::nullopt},
        };
        QVERIFY(!holderAt(roles, Roles::Commander, t0.addSecs(-1)));
        QCOMPARE(holderAt(roles, Roles::Commander, t0)->person, QStringLiteral("Alice"));
        QCOMPARE(holderAt(roles, Roles::Commander, t0.addSecs(1799))->person, QStringLiteral("Alice"));
        QCOMPARE(holderAt(roles, Roles::Commander, t0.addSecs(1800))->person, QStringLiteral("Bob"));
        QCOMPARE(currentHolder(roles, Roles::Commander)->person, QStringLiteral("Bob"));
        QVERIFY(!currentHolder(roles, Roles::Scribe));
    }

    void severityChange()
    {
        const auto changes = planSeverityChange(headerWith(Status::Identified), 1,
                                                defaultSeverities(), kNow,
                                                QStringLiteral("Alice"),
                                                QStringLiteral("EU region down too"));
        QVERIFY(changes.ok());
        QCOMPARE(changes->severity, 1);
        QCOMPARE(changes->entries.size(), 1);
        QCOMPARE(changes->entries[0].kind, EntryKind::Severity);
        QVERIFY(changes->entries[0].text.contains(QStringLiteral("SEV-2 → SEV-1")));
        QVERIFY(!planSeverityChange(headerWith(Status::Identified), 2, defaultSeverities(), kNow,
                                    {}, {})
                         .ok());
        QVERIFY(!planSeverityChange(headerWith(Status::Identified), 5, defaultSeverities(), kNow,
                                    {}, {})
                         .ok());
    }

    void milestoneChanges()
    {
        const IncidentHeader header = headerWith(Status::Identified);
        const auto set = planMilestone(header, Milestone::Detected, kNow.addSecs(-3500),
                                       QStringLiteral("Dana"), kNow);
        QVERIFY(set.ok());
        QCOMPARE(set->entries.size(), 1);
        QCOMPARE(set->entries[0].at, kNow.addSecs(-3500)); // sits at the milestone's time
        QVERIFY(!planMilestone(header, Milestone::Detected, kNow.addSecs(7200), {}, kNow).ok());
        QVERIFY(!planMilestone(header, Milestone::Mitigated, std::nullopt, {}, kNow).ok());
        const auto cleared = planMilestone(header, Milestone::Started, std::nullopt, {}, kNow);
        QVERIFY(cleared.ok());
        QVERIFY(!cleared->milestones[0].at);
    }

    void entriesAreChecked()
    {
        QVERIFY(!planEntry(EntryKind::Note, QStringLiteral("  "), kNow, {}).ok());
        QVERIFY(!planEntry(EntryKind::Note, QString(kMaxTextLength + 1, u'x'), kNow, {}).ok());
        const auto entry = planEntry(EntryKind::Decision, QStringLiteral(" roll back "), kNow,
                                     QStringLiteral("Alice"));
        QVERIFY(entry.ok());
        QCOMPARE(entry->text, QStringLiteral("roll back"));

        TimelineEntry system;
        system.kind = EntryKind::Status;
        system.text = QStringLiteral("Status a → b");
        QVERIFY(!checkEdit(system, QStringLiteral("other")).ok());
        TimelineEntry note;
        note.kind = EntryKind::Note;
        note.text = QStringLiteral("hello");
        QVERIFY(checkEdit(note, QStringLiteral("hello there")).ok());
        QVERIFY(!checkEdit(note, QStringLiteral("hello")).ok());
        QVERIFY(!checkRedaction(note, QStringLiteral(" ")).ok());
        note.redaction = Redaction{QStringLiteral("secret"), kNow, QStringLiteral("Alice")};
        QVERIFY(!checkEdit(note, QStringLiteral("new")).ok());
        QVERIFY(!checkRedaction(note, QStringLiteral("again")).ok());
    }

    void statusUpdateDefaultsToTheCadence()
    {
        StatusUpdate update;
        update.at = kNow;
        update.status = QStringLiteral("Investigating");
        const auto changes = planStatusUpdate(headerWith(Status::Investigating), update,
                                              defaultSeverities(), QStringLiteral("Carol"));
        QVERIFY(changes.ok());
        QCOMPARE(changes->statusUpdate->nextUpdateAt, kNow.addSecs(30 * 60)); // SEV-2
        QCOMPARE(changes->entries[0].linkToNew, NewEntry::LinkToNew::StatusUpdate);
    }
};

QTEST_GUILESS_MAIN(IncidentRulesTest)
#include "tst_incidentrules.moc"
