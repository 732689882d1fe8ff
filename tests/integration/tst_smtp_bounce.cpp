// Mail to an unknown user of the stack's domain comes back as a real RFC 3464 delivery status
// notification in the sender's INBOX.

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

// Just enough MIME for the assertions; the application's own parser lives in app/mime.
struct Entity
{
    QList<std::pair<QByteArray, QByteArray>> fields; // lower-cased name, unfolded value
    QByteArray body;

    QByteArray field(const QByteArray& name) const
    {
        for (const auto& [key, value] : fields) {
            if (key == name)
                return value;
        }
        return {};
    }
};

// Header fields up to the first empty line (RFC 5322 §2.2.3 unfolding), then the body.
Entity parseEntity(const QByteArray& data)
{
    Entity entity;
    QByteArray text = data;
    text.replace("\r\n", "\n");
    qsizetype end = text.indexOf("\n\n");
    if (text.startsWith('\n'))
        end = 0;
    const QByteArray head = end < 0 ? text : text.left(end);
    entity.body = end < 0 ? QByteArray() : text.mid(end + 2);
    for (const QByteArray& line : head.split('\n')) {
        if ((line.startsWith(' ') || line.startsWith('\t')) && !entity.fields.isEmpty()) {
            entity.fields.last().second += ' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            entity.fields.append(
                {line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    return entity;
}

// A parameter of a structured field such as Content-Type (RFC 2045 §5.1).
QByteArray parameter(const QByteArray& value, const QByteArray& name)
{
    for (const QByteArray& piece : value.split(';')) {
        const QByteArray part = piece.trimmed();
        if (part.toLower().startsWith(QByteArray(name + '='))) {
            QByteArray result = part.mid(name.size() + 1);
            if (result.startsWith('"') && result.endsWith('"'))
                result = result.mid(1, result.size() - 2);
            return result;
        }
    }
    return {};
}

QList<Entity> multipartParts(const Entity& entity)
{
    const QByteArray boundary = "--" + parameter(entity.field("content-type"), "boundary");
    QList<Entity> parts;
    const QList<QByteArray> chunks = QByteArray('\n' + entity.body).split('\n');
    QByteArray current;
    bool inside = false;
    for (const QByteArray& line : chunks) {
        if (line.startsWith(boundary)) {
            if (inside)
                parts.append(parseEntity(current));
            current.clear();
            inside = !line.startsWith(QByteArray(boundary + "--"));
            continue;
        }
        if (inside)
            current += line + '\n';
    }
    return parts;
}

// message/delivery-status: per-message fields, then one block per recipient (RFC 3464 §2.1).
QList<Entity> recipientBlocks(const QByteArray& status)
{
    QByteArray text = status;
    text.replace("\r\n", "\n");
    QList<Entity> blocks;
    const QList<QByteArray> groups = text.split('\n');
    QByteArray current;
    QList<QByteArray> raw;
    for (const QByteArray& line : groups) {
        if (line.trimmed().isEmpty()) {
            if (!current.isEmpty())
                raw.append(current);
            current.clear();
        } else {
            current += line + '\n';
        }
    }
    if (!current.isEmpty())
        raw.append(current);
    for (qsizetype i = 1; i < raw.size(); ++i) // raw[0] holds the per-message fields
        blocks.append(parseEntity(raw.at(i) + '\n'));
    return blocks;
}

} // namespace

class TestSmtpBounce final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownRecipientBounces_data();
    void unknownRecipientBounces();

private:
    MailStack m_stack;
    const QString m_password = u"bounce-password"_s;
};

void TestSmtpBounce::initTestCase()
{
    QVERIFY2(m_stack.isValid(), qPrintable(m_stack.errorString()));
}

void TestSmtpBounce::unknownRecipientBounces_data()
{
    QTest::addColumn<bool>("withKnownRecipient");
    QTest::newRow("unknown recipient only") << false;
    QTest::newRow("known and unknown recipient") << true;
}

void TestSmtpBounce::unknownRecipientBounces()
{
    QFETCH(bool, withKnownRecipient);
    const QString sender = m_stack.addUniqueUser(u"bouncer"_s, m_password);
    QVERIFY2(!sender.isEmpty(), qPrintable(m_stack.errorString()));
    const QString unknown = m_stack.unknownUser(u"nobody"_s);
    QStringList recipients{unknown};
    QString known;
    if (withKnownRecipient) {
        known = m_stack.addUniqueUser(u"colleague"_s, m_password);
        QVERIFY2(!known.isEmpty(), qPrintable(m_stack.errorString()));
        recipients.prepend(known);
    }

    TestSmtpClient smtp(m_stack);
    const TestSmtpClient::Reply auth = smtp.openSubmission(
        m_stack.submissionsPort(), TestSmtpClient::Security::ImplicitTls, sender, m_password);
    QVERIFY2(auth.code == 235, qPrintable(smtp.errorString() + QString::fromUtf8(auth.text())));
    const QString messageId = TestSmtpClient::uniqueMessageId(m_stack.domain());
    const QByteArray message = TestSmtpClient::buildMessage(sender, recipients, u"Will bounce"_s,
                                                            messageId, u"Is anybody there?\n"_s);
    // Postfix takes the message; the refusal comes later from Dovecot's LMTP, hence a DSN.
    const TestSmtpClient::Reply sent = smtp.sendMessage(sender, recipients, message);
    QVERIFY2(sent.code == 250, qPrintable(smtp.errorString() + QString::fromUtf8(sent.text())));
    smtp.quit();

    TestImapClient imap(m_stack);
    QVERIFY2(imap.connectToServer(TestImapClient::Security::ImplicitTls),
             qPrintable(imap.errorString()));
    QVERIFY2(imap.login(sender, m_password), qPrintable(imap.errorString()));
    // The DSN quotes the returned message, so its Message-ID is somewhere in the text.
    const QByteArray dsn = imap.waitForMessage(
        u"INBOX"_s, "TEXT " + TestImapClient::quoted(messageId), deliveryTimeoutMs);
    QVERIFY2(!dsn.isEmpty(), qPrintable(imap.errorString()));
    imap.logout();

    // RFC 3464 §2 / RFC 6522: multipart/report; report-type=delivery-status.
    const Entity report = parseEntity(dsn);
    const QByteArray contentType = report.field("content-type");
    QVERIFY2(contentType.toLower().startsWith("multipart/report"), contentType.constData());
    QCOMPARE(parameter(contentType, "report-type").toLower(), QByteArray("delivery-status"));
    QCOMPARE(report.field("return-path"), QByteArray("<>")); // RFC 5321 §4.5.5: null sender

    const QList<Entity> parts = multipartParts(report);
    QVERIFY2(parts.size() >= 2, "a report has a human-readable part and a delivery-status part");
    QVERIFY(parts.at(0).field("content-type").toLower().startsWith("text/plain"));
    const Entity* status = nullptr;
    const Entity* returned = nullptr;
    for (const Entity& part : parts) {
        const QByteArray type = part.field("content-type").toLower();
        if (type.startsWith("message/delivery-status"))
            status = &part;
        else if (type.startsWith("message/rfc822") || type.startsWith("text/rfc822-headers"))
            returned = &part;
    }
    QVERIFY2(status, "no message/delivery-status part");
    QVERIFY2(returned, "the original message is not returned");
    QVERIFY(returned->body.contains(messageId.toUtf8()));

    const QList<Entity> blocks = recipientBlocks(status->body);
    QCOMPARE(blocks.size(), 1); // only the unknown recipient failed
    const Entity& recipient = blocks.first();
    const QByteArray finalRecipient = recipient.field("final-recipient");
    const qsizetype semicolon = finalRecipient.indexOf(';'); // "address-type; address"
    QVERIFY2(semicolon > 0, finalRecipient.constData());
    QCOMPARE(finalRecipient.left(semicolon).trimmed().toLower(), QByteArray("rfc822"));
    QCOMPARE(finalRecipient.mid(semicolon + 1).trimmed().toLower(), unknown.toUtf8().toLower());
    QCOMPARE(recipient.field("action").toLower(), QByteArray("failed"));
    QCOMPARE(recipient.field("status"), QByteArray("5.1.1")); // RFC 3463: bad destination mailbox
    QVERIFY(recipient.field("diagnostic-code").startsWith("smtp; 550"));

    if (withKnownRecipient) {
        TestImapClient colleague(m_stack);
        QVERIFY2(colleague.connectToServer(TestImapClient::Security::ImplicitTls),
                 qPrintable(colleague.errorString()));
        QVERIFY2(colleague.login(known, m_password), qPrintable(colleague.errorString()));
        QVERIFY2(!colleague.waitForMessageId(u"INBOX"_s, messageId, deliveryTimeoutMs).isEmpty(),
                 qPrintable(colleague.errorString()));
        colleague.logout();
    }
}

THREADLINE_MAILSTACK_TEST_MAIN(TestSmtpBounce)
#include "tst_smtp_bounce.moc"
