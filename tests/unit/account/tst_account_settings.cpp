// Account settings round-trip through the profile's settings file, without secrets.
#include "account/AccountSettings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline::account;

class TestAccountSettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void missingOrBrokenFileLoadsNothing();
    void dropboxDefault_data();
    void dropboxDefault();
};

void TestAccountSettings::roundTrip()
{
    QTemporaryDir dir;
    AccountSettings account;
    account.email = u"sam@example.test"_s;
    account.displayName = u"Sam Seller"_s;
    account.imap = {u"imap.example.test"_s, 993, Security::Tls, u"sam@example.test"_s};
    account.smtp = {u"smtp.example.test"_s, 587, Security::StartTls, u"sam@example.test"_s};
    account.caFile = u"/etc/ca.pem"_s;
    account.historyDays = 90;
    QVERIFY(account.isComplete());
    const QString path = dir.filePath(u"settings.ini"_s);
    QVERIFY(account.save(path));
    const auto loaded = AccountSettings::load(path);
    QVERIFY(loaded);
    QCOMPARE(*loaded, account);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().toLower().contains("password"));
}

void TestAccountSettings::missingOrBrokenFileLoadsNothing()
{
    QTemporaryDir dir;
    QVERIFY(!AccountSettings::load(dir.filePath(u"none.ini"_s)));
    const QString path = dir.filePath(u"broken.ini"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[account]\nemail=a@b.test\n[imap]\nhost=x\nport=99999\nsecurity=none\n");
    file.close();
    QVERIFY(!AccountSettings::load(path));
}

void TestAccountSettings::dropboxDefault_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default") << u"sam@example.test"_s << QString() << u"sam+crm@example.test"_s;
    QTest::newRow("plus address replaced")
        << u"sam+work@example.test"_s << QString() << u"sam+crm@example.test"_s;
    QTest::newRow("edited") << u"sam@example.test"_s << u"log@crm.test"_s << u"log@crm.test"_s;
}

void TestAccountSettings::dropboxDefault()
{
    QFETCH(QString, email);
    QFETCH(QString, configured);
    QFETCH(QString, expected);
    AccountSettings account;
    account.email = email;
    account.dropboxAddress = configured;
    QCOMPARE(account.effectiveDropboxAddress(), expected);
}

QTEST_GUILESS_MAIN(TestAccountSettings)
#include "tst_account_settings.moc"
