// Plain CRM values: address comparison, money parsing, enum keys.
#include "crm/CardKind.h"
#include "crm/DealStage.h"
#include "crm/EmailAddress.h"
#include "crm/Money.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline::crm;

class TestCrmValues final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emailComparison_data();
    void emailComparison();
    void emailValidity_data();
    void emailValidity();
    void moneyParse_data();
    void moneyParse();
    void stageKeysRoundTrip();
};

void TestCrmValues::emailComparison_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("case") << u"Zoe@Boulangerie.TEST"_s << u"zoe@boulangerie.test"_s << true;
    QTest::newRow("spaces trimmed") << u" a@b.test "_s << u"a@b.test"_s << true;
    QTest::newRow("plus tag kept") << u"sam+crm@example.test"_s << u"sam@example.test"_s << false;
    QTest::newRow("dots kept") << u"j.doe@example.test"_s << u"jdoe@example.test"_s << false;
}

void TestCrmValues::emailComparison()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, equal);
    QCOMPARE(EmailAddress(a) == EmailAddress(b), equal);
}

void TestCrmValues::emailValidity_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"a@b.test"_s << true;
    QTest::newRow("accented local part") << u"zoë@b.test"_s << true;
    QTest::newRow("no at") << u"ab.test"_s << false;
    QTest::newRow("empty local") << u"@b.test"_s << false;
    QTest::newRow("empty domain") << u"a@"_s << false;
    QTest::newRow("space") << u"a b@c.test"_s << false;
}

void TestCrmValues::emailValidity()
{
    QFETCH(QString, address);
    QFETCH(bool, valid);
    QCOMPARE(EmailAddress(address).isValid(), valid);
}

void TestCrmValues::moneyParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("roundTrip");
    QTest::newRow("integer") << u"12500"_s << true << qint64(1250000) << u"12500.00"_s;
    QTest::newRow("one decimal") << u"12.5"_s << true << qint64(1250) << u"12.50"_s;
    QTest::newRow("two decimals") << u"0.05"_s << true << qint64(5) << u"0.05"_s;
    QTest::newRow("negative") << u"-3.20"_s << true << qint64(-320) << u"-3.20"_s;
    QTest::newRow("three decimals") << u"1.234"_s << false << qint64(0) << QString();
    QTest::newRow("text") << u"lots"_s << false << qint64(0) << QString();
    QTest::newRow("comma") << u"1,5"_s << false << qint64(0) << QString();
}

void TestCrmValues::moneyParse()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, minor);
    QFETCH(QString, roundTrip);
    const auto money = Money::parse(text, u"eur"_s);
    QCOMPARE(money.has_value(), ok);
    if (!ok)
        return;
    QCOMPARE(money->minorUnits, minor);
    QCOMPARE(money->currency, u"EUR"_s);
    QCOMPARE(money->amountText(), roundTrip);
}

void TestCrmValues::stageKeysRoundTrip()
{
    QCOMPARE(allDealStages().size(), 7);
    for (DealStage stage : allDealStages())
        QCOMPARE(dealStageFromKey(dealStageKey(stage)), stage);
    QCOMPARE(dealStageFromKey(u"Won"_s), DealStage::Won);
    QVERIFY(!dealStageFromKey(u"maybe"_s));
    QCOMPARE(cardKindFromKey(u"deal"_s), CardKind::Deal);
}

QTEST_GUILESS_MAIN(TestCrmValues)
#include "tst_crm_values.moc"
