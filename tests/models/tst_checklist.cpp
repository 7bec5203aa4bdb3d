#include "checklist.h"
#include "statusupdatetext.h"

#include <QTest>

using namespace idesk;

namespace {
const QDateTime kNow(QDate(2026, 11, 23), QTime(14, 0), Qt::UTC);

TimelineEntry asEntry(const NewEntry &e, qint64 id)
{
    TimelineEntry entry;
    entry.id = id;
    entry.at = e.at;
    entry.kind = e.kind;
    entry.author = e.author;
    entry.text = e.text;
    entry.link = e.link;
    return entry;
}

const Checklist::ItemState &stateOf(const QList<Checklist::ItemState> &states, const QString &key)
{
    for (const auto &s : states) {
        if (s.item.key == key)
            return s;
    }
    qFatal("no such checklist item");
}
} // namespace

class ChecklistTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void templatesDependOnSeverity()
    {
        const auto sev1 = Checklist::defaultTemplate(1);
        const auto sev3 = Checklist::defaultTemplate(3);
        QVERIFY(sev1.size() > sev3.size());
        auto hasKey = [](const QList<Checklist::Item> &items, const char *key) {
            return std::any_of(items.begin(), items.end(),
                               [&](const auto &i) { return i.key == QLatin1String(key); });
        };
        QVERIFY(hasKey(sev1, "status-page"));
        QVERIFY(!hasKey(sev3, "assign-scribe"));
        QVERIFY(hasKey(sev3, "first-update"));
    }

    void tickAndUntickAreReadBackFromTheTimeline()
    {
        const auto items = Checklist::defaultTemplate(2);
        const auto channel = items.at(2);
        QCOMPARE(channel.key, QStringLiteral("open-channel"));
        Incident incident;
        incident.timeline.append(asEntry(Checklist::tickEntry(channel, true, QStringLiteral("Alice"), kNow), 1));
        auto states = Checklist::evaluate(items, incident);
        QVERIFY(stateOf(states, QStringLiteral("open-channel")).done);
        QCOMPARE(stateOf(states, QStringLiteral("open-channel")).by, QStringLiteral("Alice"));
        QVERIFY(!stateOf(states, QStringLiteral("open-channel")).automatic);
        QVERIFY(!stateOf(states, QStringLiteral("page-teams")).done);

        incident.timeline.append(asEntry(Checklist::tickEntry(channel, false, QStringLiteral("Bob"), kNow.addSecs(60)), 2));
        states = Checklist::evaluate(items, incident);
        QVERIFY(!stateOf(states, QStringLiteral("open-channel")).done);
        QVERIFY(incident.timeline.last().text.contains(channel.text));
    }

    void rolesAndUpdatesTickThemselves()
    {
        const auto items = Checklist::defaultTemplate(1);
        Incident incident;
        incident.roles.append({1, Roles::TechLead, QStringLiteral("Bob"), kNow, std::nullopt});
        incident.roles.append({2, Roles::Scribe, QStringLiteral("Dana"), kNow, kNow.addSecs(60)}); // handed away, nobody now
        StatusUpdate update;
        update.at = kNow.addSecs(300);
        incident.statusUpdates.append(update);
        const auto states = Checklist::evaluate(items, incident);
        QVERIFY(stateOf(states, QStringLiteral("assign-tech-lead")).done);
        QVERIFY(stateOf(states, QStringLiteral("assign-tech-lead")).automatic);
        QCOMPARE(stateOf(states, QStringLiteral("assign-tech-lead")).by, QStringLiteral("Bob"));
        QVERIFY(!stateOf(states, QStringLiteral("assign-scribe")).done);
        QVERIFY(stateOf(states, QStringLiteral("first-update")).done);
        QVERIFY(!stateOf(states, QStringLiteral("acknowledge")).done);
    }

    void templatesRoundTripThroughText()
    {
        const auto items = Checklist::defaultTemplate(1);
        const auto parsed = Checklist::parse(Checklist::serialize(items));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(*parsed, items);
    }

    void badTemplatesAreRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("no text") << "key |  | ";
        QTest::newRow("bad key") << "Big Key | text |";
        QTest::newRow("duplicate key") << "a | one |\na | two |";
        QTest::newRow("unknown auto") << "a | one | pager";
        QTest::newRow("too many fields") << "a | b | c | d";
    }

    void badTemplatesAreRefused()
    {
        QFETCH(QString, text);
        const auto parsed = Checklist::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, Error::Kind::Validation);
    }

    void keyIdsAreStable()
    {
        QCOMPARE(Checklist::keyId(QStringLiteral("open-channel")), Checklist::keyId(QStringLiteral("open-channel")));
        QVERIFY(Checklist::keyId(QStringLiteral("open-channel")) != Checklist::keyId(QStringLiteral("page-teams")));
        QVERIFY(Checklist::keyId(QStringLiteral("x")) < (qint64(1) << 53));
    }

    void updateTextForms()
    {
        IncidentHeader header;
        header.id = 7;
        header.title = QStringLiteral("API <outage> & *more*");
        header.severity = 1;
        StatusUpdate update;
        update.at = kNow;
        update.status = QStringLiteral("Investigating");
        update.impact = QStringLiteral("All requests fail");
        update.nextUpdateAt = kNow.addSecs(900);
        const QString plain = StatusUpdateText::plain(header, update);
        QVERIFY(plain.contains(QStringLiteral("INC-7 API <outage> & *more*")));
        QVERIFY(plain.contains(QStringLiteral("Impact: All requests fail")));
        QVERIFY(plain.contains(QStringLiteral("Next update: 2026-11-23 14:15 UTC")));
        QVERIFY(!plain.contains(QStringLiteral("Needs")));
        const QString slack = StatusUpdateText::slack(header, update);
        QVERIFY(slack.contains(QStringLiteral("&lt;outage&gt; &amp;")));
        QVERIFY(!slack.contains(QStringLiteral("<outage>")));
        const QString markdown = StatusUpdateText::markdown(header, update);
        QVERIFY(!markdown.contains(QStringLiteral("<outage>")));
        QVERIFY(markdown.contains(QStringLiteral("**Impact:**")));
    }
};

QTEST_GUILESS_MAIN(ChecklistTest)
#include "tst_checklist.moc"
