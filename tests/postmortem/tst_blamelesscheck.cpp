#include "blamelesscheck.h"
#include "incidentjson.h"

#include <QFile>

#include <QTest>

using namespace idesk;

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

QDateTime at(const char *hhmm)
{
    return QDateTime::fromString(
        QStringLiteral("2024-11-25T%1:00Z").arg(QLatin1String(hhmm)), Qt::ISODate);
}

const QStringList kPeople {
    QStringLiteral("Alice"), QStringLiteral("Bob Stone"), QStringLiteral("Zoë")};

} // namespace

class BlamelessCheckTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("matched"); // the first finding's text

        QTest::newRow("human error")
            << u8("The outage was caused by human error.") << u8("human error");
        QTest::newRow("human-error, upper case") << u8("HUMAN-ERROR again") << u8("HUMAN-ERROR");
        QTest::newRow("should have") << u8("We should have checked the pool.") << u8("should have");
        QTest::newRow("should've, curly apostrophe")
            << u8("They should\u2019ve known") << u8("should\u2019ve");
        QTest::newRow("shouldn't have") << u8("It shouldn't have shipped") << u8("shouldn't have");
        QTest::newRow("careless") << u8("A careless change") << u8("careless");
        QTest::newRow("carelessness") << u8("Pure carelessness.") << u8("carelessness");
        QTest::newRow("fault") << u8("It was the on-call's fault") << u8("fault");
        QTest::newRow("at fault") << u8("Nobody was at fault, really") << u8("fault");
        QTest::newRow("negligent") << u8("negligent handling") << u8("negligent");
        QTest::newRow("negligence") << u8("gross Negligence") << u8("Negligence");
        QTest::newRow("failed to")
            << u8("The engineer failed to\nrun the tests") << u8("failed to");
        QTest::newRow("forgot") << u8("Someone forgot the flag") << u8("forgot");
        QTest::newRow("mistake by") << u8("a mistake by the deployer") << u8("mistake by");
        QTest::newRow("their mistake") << u8("it was their mistake") << u8("their mistake");
        QTest::newRow("blame") << u8("Who is to blame?") << u8("blame");
        QTest::newRow("blamed") << u8("The vendor was blamed") << u8("blamed");
        QTest::newRow("stupid") << u8("a stupid config") << u8("stupid");
        QTest::newRow("incompetent") << u8("incompetent review") << u8("incompetent");
        QTest::newRow("why didn't") << u8("Why didn't anyone notice?") << u8("Why didn't");
        QTest::newRow("why did not") << u8("why did not the alert fire") << u8("why did not");
        QTest::newRow("named: broke") << u8("Alice broke the build") << u8("Alice broke");
        QTest::newRow("named: few words between")
            << u8("Bob quickly and silently messed up the config")
            << u8("Bob quickly and silently messed up");
        QTest::newRow("named: full name") << u8("Bob Stone caused it") << u8("Bob Stone caused");
        QTest::newRow("named: possessive change caused")
            << u8("alice's change caused the leak") << u8("alice's change caused");
        QTest::newRow("named: possessive fault")
            << u8("This was Alice's fault") << u8("Alice's fault");
        QTest::newRow("named: caused by")
            << u8("The leak was caused by Bob.") << u8("caused by Bob");
        QTest::newRow("named: non-ASCII name") << u8("Zoë failed the rollout") << u8("Zoë failed");
        QTest::newRow("named: takes precedence over the word")
            << u8("Alice forgot the flag") << u8("Alice forgot");
    }

    void hits()
    {
        QFETCH(QString, text);
        QFETCH(QString, matched);
        const auto findings = BlamelessCheck::scan(text, kPeople);
        QVERIFY2(!findings.isEmpty(), qPrintable(text));
        QCOMPARE(findings.first().matched, matched);
        QCOMPARE(text.mid(findings.first().offset, findings.first().length), matched);
        QVERIFY(!findings.first().reason.isEmpty());
        // One phrase, one finding: a named finding swallows the blame word inside it.
        for (qsizetype i = 1; i < findings.size(); ++i)
            QVERIFY(findings[i].offset >= findings[i - 1].offset + findings[i - 1].length);
    }

    void nonHits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("default") << u8("The default pool size was 10.");
        QTest::newRow("faulty disk") << u8("A faulty disk in rack 3.");
        QTest::newRow("fault tolerance") << u8("Our fault tolerance held; fault-tolerant design.");
        QTest::newRow("fault injection") << u8("Run fault injection weekly.");
        QTest::newRow("page fault") << u8("A page fault storm, then a segmentation fault.");
        QTest::newRow("no-fault") << u8("A no-fault review.");
        QTest::newRow("blameless") << u8("This is a blameless postmortem.");
        QTest::newRow("no blame") << u8("We hold a no-blame culture.");
        QTest::newRow("humane error") << u8("A humane error message was shown.");
        QTest::newRow("shoulder") << u8("Shoulder surfing; should the alert have fired?");
        QTest::newRow("unforgotten") << u8("forgetful caches; unforgotten lessons.");
        QTest::newRow("mistaken") << u8("The mistaken assumption was about DNS.");
        QTest::newRow("fail over") << u8("Alice failed over the database at 16:05.");
        QTest::newRow("name in a different sentence")
            << u8("Alice paged Bob Stone. The deploy then failed.");
        QTest::newRow("named without blame") << u8("Alice rolled back; Bob confirmed recovery.");
        QTest::newRow("name inside a word") << u8("Malice is not a cause; Bobby broke nothing");
        QTest::newRow("system failure") << u8("The health check failed at 15:45.");
        QTest::newRow("empty") << QString();
    }

    void nonHits()
    {
        QFETCH(QString, text);
        const auto findings = BlamelessCheck::scan(text, kPeople);
        QStringList found;
        for (const auto &f : findings)
            found.append(f.matched);
        QVERIFY2(findings.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
    }

    // All rules and all names are matched in one pass each; every finding in a text is
    // still reported, in order, with the reason of the rule that found it.
    void severalRulesAndManyNamesInOneText()
    {
        QStringList people;
        for (int i = 0; i < 30; ++i)
            people.append(QStringLiteral("Person%1 Surname").arg(i));
        people.append(QStringLiteral("Ann"));
        people.append(QStringLiteral("Ann Lee"));
        const QString text = u8("Person27 broke prod; we should have paged. "
                                "Ann Lee's fault, a careless change, caused by Ann. "
                                "No blame: defaults and refaulting are fine.");
        const auto findings = BlamelessCheck::scan(text, people);
        QStringList matched;
        for (const auto &f : findings)
            matched.append(f.matched);
        QCOMPARE(matched,
            (QStringList {u8("Person27 broke"), u8("should have"), u8("Ann Lee's fault"),
                u8("careless"), u8("caused by Ann")}));
        QCOMPARE(findings[0].reason, findings[2].reason); // both aimed at a name
        QVERIFY(findings[1].reason != findings[3].reason); // two different rules
        QCOMPARE(findings[2].offset, text.indexOf(u8("Ann Lee's")));
        // No names at all: the rules alone.
        QCOMPARE(BlamelessCheck::scan(text, {}).size(), 3); // should have, fault, careless
    }

    // A realistic, blameless document raises nothing.
    void fixtureIsClean()
    {
        QFile file(QStringLiteral(INCIDENTDESK_TEST_DATA_DIR "/api-outage.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto incident = IncidentJson::fromJson(file.readAll());
        QVERIFY2(incident.ok(), qPrintable(incident.errorMessage()));
        const auto findings = BlamelessCheck::run(incident.value());
        QStringList found;
        for (const auto &f : findings)
            found.append(f.field + u'=' + f.matched);
        QVERIFY2(findings.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
    }

    void runNamesFieldsAndLocations()
    {
        Incident incident;
        incident.roles.append({1, Roles::Commander, QStringLiteral("Alice"), at("15:52"), {}});
        TimelineEntry clean;
        clean.at = at("15:50");
        clean.author = QStringLiteral("Bob");
        clean.text = QStringLiteral("Rollback started");
        TimelineEntry blaming = clean;
        blaming.at = at("16:00");
        blaming.text = QStringLiteral("Looks like Alice broke the pool");
        TimelineEntry redacted = blaming;
        redacted.at = at("16:05");
        redacted.redaction
            = Redaction {QStringLiteral("personal"), at("16:10"), QStringLiteral("Alice")};
        incident.timeline = {clean, blaming, redacted};
        incident.postmortem.rootCause = QStringLiteral("Human error during the deploy.");
        incident.postmortem.wentWrong
            = {QStringLiteral("fine"), QStringLiteral("Carol should have paged sooner")};
        incident.actionItems.append({0, QStringLiteral("Stop Carol's mistakes"),
            QStringLiteral("Carol"), {}, ActionType::Process, ActionStatus::Open, {}});
        StatusUpdate update;
        update.at = at("16:15");
        update.status = QStringLiteral("Investigating");
        update.impact = QStringLiteral("Nobody to blame yet");
        incident.statusUpdates.append(update);

        const auto findings = BlamelessCheck::run(incident);
        QStringList fields;
        for (const auto &f : findings)
            fields.append(f.field + u'=' + f.matched);
        QCOMPARE(fields,
            (QStringList {
                QStringLiteral("postmortem.root_cause=Human error"),
                QStringLiteral("postmortem.went_wrong[1]=should have"),
                QStringLiteral("timeline[1]=Alice broke"),
                QStringLiteral("status_updates[0].impact=blame"),
                QStringLiteral("action_items[0].text=Carol's mistakes"),
            }));
        QCOMPARE(findings[0].location, QStringLiteral("Root cause"));
        QCOMPARE(findings[1].location, QStringLiteral("What went wrong, item 2"));
        QCOMPARE(
            findings[2].location, QStringLiteral("Timeline entry at 2024-11-25 16:00 UTC by Bob"));
        QCOMPARE(findings[2].offset, 11);
        QCOMPARE(findings[2].length, 11);
        QCOMPARE(findings[4].location, QStringLiteral("Action item 1"));
        QCOMPARE(BlamelessCheck::peopleIn(incident),
            (QStringList {
                QStringLiteral("Alice"), QStringLiteral("Bob"), QStringLiteral("Carol")}));
    }
};

QTEST_GUILESS_MAIN(BlamelessCheckTest)
#include "tst_blamelesscheck.moc"
