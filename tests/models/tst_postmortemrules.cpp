// The postmortem commands' rules: what IncidentRules accepts, normalises and refuses
// for the postmortem, the SLO context, action item edits and removals, and the
// hourly rate setting. Pure functions, no database.

#include "incidentrules.h"

#include <QTest>

#include <limits>

using namespace idesk;
using namespace idesk::IncidentRules;

Q_DECLARE_METATYPE(idesk::SloContext)
Q_DECLARE_METATYPE(idesk::ActionItem)
Q_DECLARE_METATYPE(std::optional<idesk::SloContext>)

namespace {

QList<ActionItem> threeItems()
{
    QList<ActionItem> items;
    for (int i = 1; i <= 3; ++i) {
        ActionItem item;
        item.id = 100 + i;
        item.text = QStringLiteral("Item %1").arg(i);
        item.owner = QStringLiteral("Alice");
        item.due = QDate(2026, 12, i);
        item.type = ActionType::Detect;
        items.append(item);
    }
    return items;
}

ActionItem itemWith(const std::function<void(ActionItem &)> &change)
{
    ActionItem item = threeItems().at(1);
    item.id = 0;
    change(item);
    return item;
}

} // namespace

class PostmortemRulesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postmortemChangeIsPlanned();
    void postmortemUnchangedWritesNothing();
    void postmortemDropsBlankListItems();
    void postmortemLimits_data();
    void postmortemLimits();
    void slo_data();
    void slo();
    void sloUnchangedAndCleared();
    void actionItemUpdate_data();
    void actionItemUpdate();
    void actionItemUpdateKeepsIdAndNormalises();
    void actionItemRemoval_data();
    void actionItemRemoval();
    void newActionItemIsChecked();
    void hourlyRate_data();
    void hourlyRate();
    void emptyChangeSet();
};

void PostmortemRulesTest::postmortemChangeIsPlanned()
{
    Postmortem current;
    Postmortem edited;
    edited.rootCause = QStringLiteral("Connection leak in **v2.5.0**");
    edited.wentWell = {QStringLiteral("Fast rollback")};
    const auto plan = planPostmortem(current, edited);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QVERIFY(plan->postmortem);
    QCOMPARE(*plan->postmortem, edited);
    QVERIFY(plan->entries.isEmpty()); // the postmortem is not timeline material
    QVERIFY(!plan->changesHeader());
    QVERIFY(!isEmpty(*plan));
}

void PostmortemRulesTest::postmortemUnchangedWritesNothing()
{
    Postmortem current;
    current.trigger = QStringLiteral("Deploy");
    current.lessonsLearned = {QStringLiteral("Watch the pool")};
    Postmortem edited = current;
    edited.lessonsLearned.append(QStringLiteral("   ")); // blank: dropped, so no change
    const auto plan = planPostmortem(current, edited);
    QVERIFY(plan.ok());
    QVERIFY(!plan->postmortem);
    QVERIFY(isEmpty(*plan));
}

void PostmortemRulesTest::postmortemDropsBlankListItems()
{
    Postmortem edited;
    edited.contributingFactors
        = {QString(), QStringLiteral("No monitoring"), QStringLiteral(" \n")};
    edited.wentWrong = {QStringLiteral("  kept as typed  ")};
    const auto plan = planPostmortem({}, edited);
    QVERIFY(plan.ok());
    QVERIFY(plan->postmortem);
    QCOMPARE(plan->postmortem->contributingFactors, QStringList {QStringLiteral("No monitoring")});
    QCOMPARE(plan->postmortem->wentWrong, QStringList {QStringLiteral("  kept as typed  ")});
}

void PostmortemRulesTest::postmortemLimits_data()
{
    QTest::addColumn<Postmortem>("edited");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");

    const QString longest(kMaxTextLength, u'x');
    const QString tooLong(kMaxTextLength + 1, u'x');
    Postmortem p;
    p.executiveSummary = longest;
    QTest::newRow("summary at the limit") << p << true << QString();
    p.executiveSummary = tooLong;
    QTest::newRow("summary too long") << p << false << QStringLiteral("executive summary");
    p = {};
    p.impact.revenueImpact = tooLong;
    QTest::newRow("revenue impact too long") << p << false << QStringLiteral("Revenue impact");
    p = {};
    p.supportingInformation = tooLong;
    QTest::newRow("supporting information too long")
        << p << false << QStringLiteral("Supporting information");
    p = {};
    p.wentWell = {QStringLiteral("ok"), tooLong};
    QTest::newRow("list item too long") << p << false << QStringLiteral("What went well");
    p = {};
    for (int i = 0; i < kMaxListItems; ++i)
        p.gotLucky.append(QString::number(i));
    QTest::newRow("list at the limit") << p << true << QString();
    p.gotLucky.append(QStringLiteral("one more"));
    QTest::newRow("list too long") << p << false << QStringLiteral("Where we got lucky");
    p = {};
    p.rootCause = QStringLiteral("<script>alert(1)</script> | ` 🙂 שלום");
    QTest::newRow("hostile text is stored as typed") << p << true << QString();
}

void PostmortemRulesTest::postmortemLimits()
{
    QFETCH(Postmortem, edited);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    const auto plan = planPostmortem({}, edited);
    QCOMPARE(plan.ok(), ok);
    if (ok) {
        QCOMPARE(plan->postmortem.value_or(Postmortem {}), edited);
    } else {
        QCOMPARE(plan.error().kind, Error::Kind::Validation);
        QVERIFY2(plan.errorMessage().contains(messagePart, Qt::CaseInsensitive),
            qPrintable(plan.errorMessage()));
    }
}

void PostmortemRulesTest::slo_data()
{
    QTest::addColumn<SloContext>("slo");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("three nines, 30 days, all users")
        << SloContext {0.999, 30, 1.0} << true << QString();
    QTest::newRow("nobody affected") << SloContext {0.99, 7, 0.0} << true << QString();
    QTest::newRow("longest window") << SloContext {0.5, 36'500, 0.5} << true << QString();
    QTest::newRow("shortest window") << SloContext {0.9999, 1, 0.01} << true << QString();
    QTest::newRow("target 0") << SloContext {0.0, 30, 1.0} << false << QStringLiteral("target");
    QTest::newRow("target 1") << SloContext {1.0, 30, 1.0} << false << QStringLiteral("target");
    QTest::newRow("target negative")
        << SloContext {-0.5, 30, 1.0} << false << QStringLiteral("target");
    QTest::newRow("target as percent")
        << SloContext {99.9, 30, 1.0} << false << QStringLiteral("target");
    QTest::newRow("target NaN") << SloContext {nan, 30, 1.0} << false << QStringLiteral("target");
    QTest::newRow("window 0") << SloContext {0.999, 0, 1.0} << false << QStringLiteral("window");
    QTest::newRow("window negative")
        << SloContext {0.999, -3, 1.0} << false << QStringLiteral("window");
    QTest::newRow("window too long")
        << SloContext {0.999, 36'501, 1.0} << false << QStringLiteral("window");
    QTest::newRow("fraction above 1")
        << SloContext {0.999, 30, 1.01} << false << QStringLiteral("fraction");
    QTest::newRow("fraction negative")
        << SloContext {0.999, 30, -0.1} << false << QStringLiteral("fraction");
    QTest::newRow("fraction infinite")
        << SloContext {0.999, 30, inf} << false << QStringLiteral("fraction");
}

void PostmortemRulesTest::slo()
{
    QFETCH(SloContext, slo);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    IncidentHeader header;
    header.id = 1;
    const auto plan = planSlo(header, slo);
    QCOMPARE(plan.ok(), ok);
    QCOMPARE(checkSlo(slo).ok(), ok);
    if (ok) {
        QCOMPARE(plan->slo, std::optional<SloContext>(slo));
        QVERIFY(!plan->clearSlo);
        QVERIFY(plan->entries.isEmpty());
    } else {
        QCOMPARE(plan.error().kind, Error::Kind::Validation);
        QVERIFY2(plan.errorMessage().contains(messagePart, Qt::CaseInsensitive),
            qPrintable(plan.errorMessage()));
    }
}

void PostmortemRulesTest::sloUnchangedAndCleared()
{
    IncidentHeader header;
    header.slo = SloContext {0.999, 30, 0.25};
    auto plan = planSlo(header, SloContext {0.999, 30, 0.25});
    QVERIFY(plan.ok());
    QVERIFY(isEmpty(*plan));

    plan = planSlo(header, std::nullopt);
    QVERIFY(plan.ok());
    QVERIFY(plan->clearSlo);
    QVERIFY(!plan->slo);
    QVERIFY(plan->changesHeader());

    header.slo.reset();
    plan = planSlo(header, std::nullopt);
    QVERIFY(plan.ok());
    QVERIFY(isEmpty(*plan)); // nothing to clear
}

void PostmortemRulesTest::actionItemUpdate_data()
{
    QTest::addColumn<int>("number");
    QTest::addColumn<ActionItem>("item");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("changes");
    QTest::addColumn<QString>("messagePart");

    const ActionItem same = itemWith([](ActionItem &) {});
    QTest::newRow("unchanged") << 2 << same << true << false << QString();
    QTest::newRow("new text") << 2 << itemWith([](ActionItem &i) {
        i.text = QStringLiteral("Alert on pool");
    }) << true << true << QString();
    QTest::newRow("status done") << 2
                                 << itemWith([](ActionItem &i) { i.status = ActionStatus::Done; })
                                 << true << true << QString();
    QTest::newRow("type prevent") << 2
                                  << itemWith([](ActionItem &i) { i.type = ActionType::Prevent; })
                                  << true << true << QString();
    QTest::newRow("due cleared") << 2 << itemWith([](ActionItem &i) { i.due.reset(); }) << true
                                 << true << QString();
    QTest::newRow("https link") << 2 << itemWith([](ActionItem &i) {
        i.link = QStringLiteral("https://tracker.example/T-12");
    }) << true << true << QString();
    QTest::newRow("blank link is none")
        << 2 << itemWith([](ActionItem &i) { i.link = QStringLiteral("  "); }) << true << false
        << QString();
    QTest::newRow("first") << 1 << itemWith([](ActionItem &i) { i.text = QStringLiteral("x"); })
                           << true << true << QString();
    QTest::newRow("last") << 3 << itemWith([](ActionItem &i) { i.text = QStringLiteral("x"); })
                          << true << true << QString();
    QTest::newRow("number 0") << 0 << same << false << false << QStringLiteral("no action item 0");
    QTest::newRow("number past the end")
        << 4 << same << false << false << QStringLiteral("there are 3");
    QTest::newRow("empty text") << 2
                                << itemWith([](ActionItem &i) { i.text = QStringLiteral("  "); })
                                << false << false << QStringLiteral("must not be empty");
    QTest::newRow("text too long")
        << 2 << itemWith([](ActionItem &i) { i.text = QString(kMaxTextLength + 1, u'a'); }) << false
        << false << QStringLiteral("longer than");
    QTest::newRow("owner too long")
        << 2 << itemWith([](ActionItem &i) { i.owner = QString(kMaxPersonLength + 1, u'a'); })
        << false << false << QStringLiteral("owner");
    QTest::newRow("invalid due date") << 2 << itemWith([](ActionItem &i) { i.due = QDate(); })
                                      << false << false << QStringLiteral("due date");
    QTest::newRow("javascript link")
        << 2 << itemWith([](ActionItem &i) { i.link = QStringLiteral("javascript:alert(1)"); })
        << false << false << QStringLiteral("http or https");
    QTest::newRow("relative link")
        << 2 << itemWith([](ActionItem &i) { i.link = QStringLiteral("tracker/T-12"); }) << false
        << false << QStringLiteral("http or https");
}

void PostmortemRulesTest::actionItemUpdate()
{
    QFETCH(int, number);
    QFETCH(ActionItem, item);
    QFETCH(bool, ok);
    QFETCH(bool, changes);
    QFETCH(QString, messagePart);
    const auto plan = planActionItemUpdate(threeItems(), number, item);
    QCOMPARE(plan.ok(), ok);
    if (!ok) {
        QCOMPARE(plan.error().kind, Error::Kind::Validation);
        QVERIFY2(plan.errorMessage().contains(messagePart, Qt::CaseInsensitive),
            qPrintable(plan.errorMessage()));
        return;
    }
    QCOMPARE(plan->actionItemChange.has_value(), changes);
    QCOMPARE(isEmpty(*plan), !changes);
    if (changes)
        QCOMPARE(plan->actionItemChange->id, threeItems().at(number - 1).id);
}

void PostmortemRulesTest::actionItemUpdateKeepsIdAndNormalises()
{
    ActionItem item = threeItems().at(0);
    item.id = 999; // ignored: the number decides which item
    item.text = QStringLiteral("  Add pool alerts  ");
    item.owner = QStringLiteral(" Bob ");
    item.link = QStringLiteral(" https://tracker.example/T-1 ");
    const auto plan = planActionItemUpdate(threeItems(), 1, item);
    QVERIFY(plan.ok());
    QVERIFY(plan->actionItemChange);
    QCOMPARE(plan->actionItemChange->id, 101);
    QCOMPARE(plan->actionItemChange->item.id, 101);
    QCOMPARE(plan->actionItemChange->item.text, QStringLiteral("Add pool alerts"));
    QCOMPARE(plan->actionItemChange->item.owner, QStringLiteral("Bob"));
    QCOMPARE(plan->actionItemChange->item.link,
        std::optional(QStringLiteral("https://tracker.example/T-1")));
}

void PostmortemRulesTest::actionItemRemoval_data()
{
    QTest::addColumn<int>("number");
    QTest::addColumn<qint64>("removedId"); // 0: refused
    QTest::newRow("first") << 1 << qint64(101);
    QTest::newRow("middle") << 2 << qint64(102);
    QTest::newRow("last") << 3 << qint64(103);
    QTest::newRow("zero") << 0 << qint64(0);
    QTest::newRow("negative") << -1 << qint64(0);
    QTest::newRow("past the end") << 4 << qint64(0);
}

void PostmortemRulesTest::actionItemRemoval()
{
    QFETCH(int, number);
    QFETCH(qint64, removedId);
    const auto plan = planActionItemRemoval(threeItems(), number);
    QCOMPARE(plan.ok(), removedId != 0);
    if (removedId != 0) {
        QCOMPARE(plan->removeActionItemId, std::optional<qint64>(removedId));
        QVERIFY(!isEmpty(*plan));
    } else {
        QCOMPARE(plan.error().kind, Error::Kind::Validation);
    }
    QVERIFY(!planActionItemRemoval({}, 1).ok());
}

void PostmortemRulesTest::newActionItemIsChecked()
{
    ActionItem item;
    item.text = QStringLiteral("Add pool monitoring");
    QVERIFY(planNewActionItem(item).ok());
    item.link = QStringLiteral("ftp://example.org/x");
    QVERIFY(!planNewActionItem(item).ok());
    item.link.reset();
    item.text.clear();
    QVERIFY(!planNewActionItem(item).ok());
}

void PostmortemRulesTest::hourlyRate_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<double>("rate"); // 0: not a rate
    QTest::newRow("integer") << QStringLiteral("120") << 120.0;
    QTest::newRow("decimal") << QStringLiteral("87.5") << 87.5;
    QTest::newRow("spaces") << QStringLiteral(" 95 ") << 95.0;
    QTest::newRow("largest") << QStringLiteral("1000000") << 1'000'000.0;
    QTest::newRow("empty") << QString() << 0.0;
    QTest::newRow("zero") << QStringLiteral("0") << 0.0;
    QTest::newRow("negative") << QStringLiteral("-5") << 0.0;
    QTest::newRow("too large") << QStringLiteral("1000001") << 0.0;
    QTest::newRow("words") << QStringLiteral("a hundred") << 0.0;
    QTest::newRow("nan") << QStringLiteral("nan") << 0.0;
    QTest::newRow("inf") << QStringLiteral("inf") << 0.0;
}

void PostmortemRulesTest::hourlyRate()
{
    QFETCH(QString, stored);
    QFETCH(double, rate);
    const auto parsed = parseHourlyRate(stored);
    QCOMPARE(parsed.has_value(), rate != 0);
    if (rate != 0) {
        QCOMPARE(*parsed, rate);
        QVERIFY(checkHourlyRate(rate).ok());
        QCOMPARE(parseHourlyRate(formatHourlyRate(rate)), parsed); // round trip
    }
}

void PostmortemRulesTest::emptyChangeSet()
{
    QVERIFY(isEmpty(ChangeSet {}));
    ChangeSet changes;
    changes.entries.append(NewEntry {});
    QVERIFY(!isEmpty(changes));
    changes = {};
    changes.removeActionItemId = 3;
    QVERIFY(!isEmpty(changes));
    changes = {};
    changes.clearSlo = true;
    QVERIFY(!isEmpty(changes));
}

QTEST_GUILESS_MAIN(PostmortemRulesTest)
#include "tst_postmortemrules.moc"
