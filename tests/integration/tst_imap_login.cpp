// Logging in to the stack's Dovecot over implicit TLS and STARTTLS; wrong passwords are refused.

#include "MailStack.h"
#include "MailStackTestMain.h"
#include "TestImapClient.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using threadline::test::MailStack;
using threadline::test::TestImapClient;

class TestImapLogin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void login_data();
    void login();
    void wrongPassword_data();
    void wrongPassword();
    void sentMailboxIsSpecialUse();
    void untrustedCertificateIsRejected();

private:
    MailStack m_stack;
    QString m_user;
    const QString m_password = u"imap-login-pässword"_s;
};

void TestImapLogin::initTestCase()
{
    QVERIFY2(m_stack.isValid(), qPrintable(m_stack.errorString()));
    m_user = m_stack.addUniqueUser(u"imaplogin"_s, m_password);
    QVERIFY2(!m_user.isEmpty(), qPrintable(m_stack.errorString()));
}

void TestImapLogin::login_data()
{
    QTest::addColumn<TestImapClient::Security>("security");
    QTest::newRow("implicit TLS") << TestImapClient::Security::ImplicitTls;
    QTest::newRow("STARTTLS") << TestImapClient::Security::StartTls;
}

void TestImapLogin::login()
{
    QFETCH(TestImapClient::Security, security);
    TestImapClient client(m_stack);
    QVERIFY2(client.connectToServer(security), qPrintable(client.errorString()));
    QVERIFY(client.isEncrypted());
    // After TLS the server must not offer STARTTLS again (RFC 3501 §6.2.1).
    QVERIFY(!client.capabilities().contains("STARTTLS"));
    QVERIFY2(client.login(m_user, m_password), qPrintable(client.errorString()));
    QVERIFY2(client.select(u"INBOX"_s), qPrintable(client.errorString()));
    client.logout();
}

void TestImapLogin::wrongPassword_data()
{
    login_data();
}

void TestImapLogin::wrongPassword()
{
    QFETCH(TestImapClient::Security, security);
    // Twice in a row: the auth penalty is off, so the second refusal comes as fast as the first.
    for (int attempt = 0; attempt < 2; ++attempt) {
        TestImapClient client(m_stack);
        QVERIFY2(client.connectToServer(security), qPrintable(client.errorString()));
        QVERIFY(!client.login(m_user, u"not-the-password"_s));
        const TestImapClient::Response response = client.lastResponse();
        QCOMPARE(response.status, QByteArray("NO"));
        QVERIFY2(response.text.contains("[AUTHENTICATIONFAILED]"), response.text.constData());
        client.logout();
    }
}

void TestImapLogin::sentMailboxIsSpecialUse()
{
    TestImapClient client(m_stack);
    QVERIFY2(client.connectToServer(TestImapClient::Security::ImplicitTls),
             qPrintable(client.errorString()));
    QVERIFY2(client.login(m_user, m_password), qPrintable(client.errorString()));
    const TestImapClient::Response response = client.command(R"(LIST "" "*")");
    QVERIFY(response.ok());
    bool found = false;
    for (const TestImapClient::Line& line : response.untagged) {
        if (line.text.contains("\\Sent") && line.text.endsWith(" Sent"))
            found = true;
    }
    QVERIFY2(found, "no Sent mailbox with the \\Sent special-use attribute (RFC 6154)");
    client.logout();
}

void TestImapLogin::untrustedCertificateIsRejected()
{
    // Without the stack's CA the handshake must fail: the stack's certificate is really checked.
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(tls);
    socket.connectToHostEncrypted(m_stack.host(), m_stack.imapsPort());
    QVERIFY(!socket.waitForEncrypted(15000));
    bool untrusted = false;
    for (const QSslError& error : socket.sslHandshakeErrors()) {
        if (error.error() == QSslError::UnableToGetLocalIssuerCertificate ||
            error.error() == QSslError::SelfSignedCertificateInChain ||
            error.error() == QSslError::UnableToVerifyFirstCertificate)
            untrusted = true;
    }
    QVERIFY2(untrusted, qPrintable(socket.errorString()));
}

THREADLINE_MAILSTACK_TEST_MAIN(TestImapLogin)
#include "tst_imap_login.moc"
