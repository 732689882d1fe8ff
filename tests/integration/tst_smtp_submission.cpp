// Submitting through the stack's Postfix with AUTH over both submission ports, reading the
// message back from the recipient's INBOX; AUTH and relaying need TLS and a login first.

#include "MailStack.h"
#include "MailStackTestMain.h"
#include "TestImapClient.h"
#include "TestSmtpClient.h"

#include <QTest>

using namespace Qt::StringLiterals;
using threadline::test::MailStack;
using threadline::test::TestImapClient;
using threadline::test::TestSmtpClient;

namespace {

constexpr int deliveryTimeoutMs = 30000;

QByteArray why(const TestSmtpClient::Reply& reply, const TestSmtpClient& client)
{
    return QByteArray::number(reply.code) + ' ' + reply.text() + ' ' +
           client.errorString().toUtf8();
}

} // namespace

class TestSmtpSubmission final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void submit_data();
    void submit();
    void authBeforeStartTlsIsRefused();
    void relayWithoutAuthIsRefused();
    void wrongPasswordIsRefused();
    void injectionPortDeliversWithoutAuth();

private:
    QByteArray readBack(const QString& user, const QString& password, const QString& messageId);

    MailStack m_stack;
    QString m_sender;
    QString m_recipient;
    const QString m_password = u"smtp-submission-password"_s;
};

void TestSmtpSubmission::initTestCase()
{
    QVERIFY2(m_stack.isValid(), qPrintable(m_stack.errorString()));
    m_sender = m_stack.addUniqueUser(u"submitter"_s, m_password);
    QVERIFY2(!m_sender.isEmpty(), qPrintable(m_stack.errorString()));
    m_recipient = m_stack.addUniqueUser(u"recipient"_s, m_password);
    QVERIFY2(!m_recipient.isEmpty(), qPrintable(m_stack.errorString()));
}

QByteArray TestSmtpSubmission::readBack(const QString& user, const QString& password,
                                        const QString& messageId)
{
    TestImapClient imap(m_stack);
    if (!imap.connectToServer(TestImapClient::Security::ImplicitTls) ||
        !imap.login(user, password)) {
        qWarning("%s", qPrintable(imap.errorString()));
        return {};
    }
    const QByteArray message = imap.waitForMessageId(u"INBOX"_s, messageId, deliveryTimeoutMs);
    if (message.isEmpty())
        qWarning("%s", qPrintable(imap.errorString()));
    imap.logout();
    return message;
}

void TestSmtpSubmission::submit_data()
{
    QTest::addColumn<bool>("implicitTls");
    QTest::newRow("submission, STARTTLS") << false;
    QTest::newRow("submissions, implicit TLS") << true;
}

void TestSmtpSubmission::submit()
{
    QFETCH(bool, implicitTls);
    const auto security =
        implicitTls ? TestSmtpClient::Security::ImplicitTls : TestSmtpClient::Security::StartTls;
    const quint16 port = implicitTls ? m_stack.submissionsPort() : m_stack.submissionStartTlsPort();

    TestSmtpClient smtp(m_stack);
    const TestSmtpClient::Reply auth = smtp.openSubmission(port, security, m_sender, m_password);
    QVERIFY2(auth.code == 235, why(auth, smtp).constData());
    QVERIFY(smtp.isEncrypted());

    const QString messageId = TestSmtpClient::uniqueMessageId(m_stack.domain());
    const QString subject =
        u"Submission test %1"_s.arg(QString::fromLatin1(QTest::currentDataTag()));
    const QByteArray message = TestSmtpClient::buildMessage(
        m_sender, {m_recipient}, subject, messageId, u"Hello from the integration test.\n"_s);
    const TestSmtpClient::Reply sent = smtp.sendMessage(m_sender, {m_recipient}, message);
    QVERIFY2(sent.code == 250, why(sent, smtp).constData());
    QCOMPARE(smtp.quit().code, 221);

    const QByteArray received = readBack(m_recipient, m_password, messageId);
    QVERIFY2(!received.isEmpty(), "the submitted message did not reach the recipient's INBOX");
    QVERIFY(received.contains(QByteArray("Subject: " + subject.toUtf8())));
    QVERIFY(received.contains("Hello from the integration test."));
    // Postfix records the authenticated submission (RFC 3848 "ESMTPSA").
    QVERIFY(received.contains("with ESMTPSA"));
}

void TestSmtpSubmission::authBeforeStartTlsIsRefused()
{
    TestSmtpClient smtp(m_stack);
    QCOMPARE(
        smtp.connectToServer(m_stack.submissionStartTlsPort(), TestSmtpClient::Security::StartTls)
            .code,
        220);
    QCOMPARE(smtp.ehlo().code, 250);
    QVERIFY(smtp.advertises("STARTTLS"));
    QVERIFY2(!smtp.advertises("AUTH"), "AUTH must not be offered before STARTTLS");
    const TestSmtpClient::Reply auth = smtp.authPlain(m_sender, m_password);
    QVERIFY2(auth.code >= 500 && auth.code < 600, why(auth, smtp).constData());
    // And the sender is not taken without TLS either.
    const TestSmtpClient::Reply mail = smtp.mailFrom(m_sender);
    QVERIFY2(mail.code >= 500 && mail.code < 600, why(mail, smtp).constData());
    smtp.quit();
}

void TestSmtpSubmission::relayWithoutAuthIsRefused()
{
    TestSmtpClient smtp(m_stack);
    QCOMPARE(
        smtp.connectToServer(m_stack.submissionsPort(), TestSmtpClient::Security::ImplicitTls).code,
        220);
    QCOMPARE(smtp.ehlo().code, 250);
    QVERIFY(smtp.advertises("AUTH"));
    const TestSmtpClient::Reply mail = smtp.mailFrom(m_sender);
    const TestSmtpClient::Reply rcpt = smtp.rcptTo(m_recipient);
    // Refused at MAIL or at RCPT (Postfix delays the client restriction to RCPT).
    QVERIFY2(mail.code >= 500 || rcpt.code >= 500,
             QByteArray(why(mail, smtp) + " / " + why(rcpt, smtp)).constData());
    smtp.quit();
}

void TestSmtpSubmission::wrongPasswordIsRefused()
{
    TestSmtpClient smtp(m_stack);
    const TestSmtpClient::Reply auth = smtp.openSubmission(
        m_stack.submissionsPort(), TestSmtpClient::Security::ImplicitTls, m_sender, u"wrong"_s);
    QCOMPARE(auth.code, 535); // RFC 4954 §6: authentication credentials invalid
    smtp.quit();
}

void TestSmtpSubmission::injectionPortDeliversWithoutAuth()
{
    // Tests inject "inbound" mail from outside senders through the plain port.
    TestSmtpClient smtp(m_stack);
    QCOMPARE(smtp.connectToServer(m_stack.smtpInjectPort(), TestSmtpClient::Security::None).code,
             220);
    QCOMPARE(smtp.ehlo().code, 250);
    const QString from = u"customer@customer.test"_s;
    const QString messageId = TestSmtpClient::uniqueMessageId(u"customer.test"_s);
    const QByteArray message = TestSmtpClient::buildMessage(
        from, {m_recipient}, u"Inbound"_s, messageId, u"An inbound message.\n.leading dot\n"_s);
    const TestSmtpClient::Reply sent = smtp.sendMessage(from, {m_recipient}, message);
    QVERIFY2(sent.code == 250, why(sent, smtp).constData());
    smtp.quit();

    const QByteArray received = readBack(m_recipient, m_password, messageId);
    QVERIFY2(!received.isEmpty(), "the injected message did not arrive");
    QVERIFY(received.contains("\r\n.leading dot\r\n")); // dot-stuffing undone by the server
}

THREADLINE_MAILSTACK_TEST_MAIN(TestSmtpSubmission)
#include "tst_smtp_submission.moc"
