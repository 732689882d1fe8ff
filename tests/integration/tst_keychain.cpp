// SecretStore against the stack's real gnome-keyring (Secret Service on a private session bus).

#include "MailStack.h"
#include "MailStackTestMain.h"
#include "account/SecretStore.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using threadline::account::SecretStore;
using threadline::test::MailStack;

namespace {

constexpr int keychainTimeoutMs = 20000;

// Runs one SecretStore call and returns the result its signal carried.
template <typename Signal, typename Call>
SecretStore::Result await(SecretStore& store, Signal signal, Call call)
{
    QSignalSpy spy(&store, signal);
    call();
    if (spy.isEmpty() && !spy.wait(keychainTimeoutMs))
        return {};
    if (spy.size() != 1)
        return {};
    return spy.first().first().value<SecretStore::Result>();
}

QString uniqueKey(const char* prefix)
{
    static int counter = 0;
    return u"%1-%2-%3@example.test"_s.arg(QString::fromLatin1(prefix))
        .arg(QCoreApplication::applicationPid())
        .arg(++counter);
}

} // namespace

class TestKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writeReadDelete_data();
    void writeReadDelete();
    void overwriteReplacesSecret();
    void readMissingKey();
    void emptyKeyIsRefused();

private:
    MailStack m_stack;
    SecretStore m_store{u"Threadline-tests"_s};
};

void TestKeychain::initTestCase()
{
    QVERIFY2(m_stack.isValid(), qPrintable(m_stack.errorString()));
    QCOMPARE(SecretStore::defaultService(), u"Threadline"_s);
    QCOMPARE(SecretStore().service(), u"Threadline"_s);
}

void TestKeychain::writeReadDelete_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("ascii") << u"app-password-123"_s;
    QTest::newRow("punctuation and spaces") << uR"(p@ss: "word" \ ; with spaces)"_s;
    QTest::newRow("non-ASCII") << u"mot de passe — éàü 密码 🔑"_s;
    QTest::newRow("long OAuth token") << QString(2048, u'x');
}

void TestKeychain::writeReadDelete()
{
    QFETCH(QString, secret);
    const QString key = uniqueKey("roundtrip");

    const SecretStore::Result written =
        await(m_store, &SecretStore::secretWritten, [&] { m_store.writeSecret(key, secret); });
    QVERIFY2(written.ok, qPrintable(written.message));
    QCOMPARE(written.key, key);
    QCOMPARE(written.error, SecretStore::Error::None);
    QVERIFY(written.secret.isEmpty()); // only reads carry the secret

    const SecretStore::Result read =
        await(m_store, &SecretStore::secretRead, [&] { m_store.readSecret(key); });
    QVERIFY2(read.ok, qPrintable(read.message));
    QCOMPARE(read.key, key);
    QCOMPARE(read.secret, secret);

    const SecretStore::Result deleted =
        await(m_store, &SecretStore::secretDeleted, [&] { m_store.deleteSecret(key); });
    QVERIFY2(deleted.ok, qPrintable(deleted.message));
    QCOMPARE(deleted.key, key);

    const SecretStore::Result gone =
        await(m_store, &SecretStore::secretRead, [&] { m_store.readSecret(key); });
    QVERIFY(!gone.ok);
    QCOMPARE(gone.error, SecretStore::Error::NotFound);
    QVERIFY(gone.secret.isEmpty());
}

void TestKeychain::overwriteReplacesSecret()
{
    const QString key = uniqueKey("overwrite");
    QVERIFY(await(m_store, &SecretStore::secretWritten, [&] {
                m_store.writeSecret(key, u"first"_s);
            }).ok);
    QVERIFY(await(m_store, &SecretStore::secretWritten, [&] {
                m_store.writeSecret(key, u"second"_s);
            }).ok);
    const SecretStore::Result read =
        await(m_store, &SecretStore::secretRead, [&] { m_store.readSecret(key); });
    QVERIFY2(read.ok, qPrintable(read.message));
    QCOMPARE(read.secret, u"second"_s);
    QVERIFY(await(m_store, &SecretStore::secretDeleted, [&] { m_store.deleteSecret(key); }).ok);
}

void TestKeychain::readMissingKey()
{
    const QString key = uniqueKey("missing");
    const SecretStore::Result read =
        await(m_store, &SecretStore::secretRead, [&] { m_store.readSecret(key); });
    QVERIFY(!read.ok);
    QCOMPARE(read.key, key);
    QCOMPARE(read.error, SecretStore::Error::NotFound);
    QVERIFY(read.secret.isEmpty());
    QVERIFY2(read.message.contains(key), qPrintable(read.message)); // says which account

    // Deleting what is not there is not an error: the keychain ends up as asked.
    const SecretStore::Result deleted =
        await(m_store, &SecretStore::secretDeleted, [&] { m_store.deleteSecret(key); });
    QVERIFY2(deleted.ok || deleted.error == SecretStore::Error::NotFound,
             qPrintable(deleted.message));
}

void TestKeychain::emptyKeyIsRefused()
{
    const SecretStore::Result written = await(m_store, &SecretStore::secretWritten,
                                              [&] { m_store.writeSecret(QString(), u"x"_s); });
    QVERIFY(!written.ok);
    QCOMPARE(written.error, SecretStore::Error::Other);
    QVERIFY(!written.message.isEmpty());
}

THREADLINE_MAILSTACK_TEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
