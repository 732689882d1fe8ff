#include "TestSmtpClient.h"

#include "MailStack.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

namespace threadline::test {

namespace {

QString handshakeErrors(const QSslSocket& socket)
{
    QStringList errors;
    for (const QSslError& error : socket.sslHandshakeErrors())
        errors << error.errorString();
    if (errors.isEmpty())
        errors << socket.errorString();
    return errors.join(u"; "_s);
}

} // namespace

TestSmtpClient::TestSmtpClient(const MailStack& stack, int timeoutMs)
    : m_host(stack.host())
    , m_timeoutMs(timeoutMs)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(stack.caCertificates()); // only the stack's CA, not the system's
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket.setSslConfiguration(tls);
}

TestSmtpClient::Reply TestSmtpClient::connectToServer(quint16 port, Security security)
{
    m_error.clear();
    m_ehloLines.clear();
    if (security == Security::ImplicitTls) {
        m_socket.connectToHostEncrypted(m_host, port);
        if (!m_socket.waitForEncrypted(m_timeoutMs)) {
            fail(u"TLS to %1:%2 failed: %3"_s.arg(m_host).arg(port).arg(handshakeErrors(m_socket)));
            return {};
        }
    } else {
        m_socket.connectToHost(m_host, port);
        if (!m_socket.waitForConnected(m_timeoutMs)) {
            fail(
                u"cannot connect to %1:%2: %3"_s.arg(m_host).arg(port).arg(m_socket.errorString()));
            return {};
        }
    }
    return readReply();
}

TestSmtpClient::Reply TestSmtpClient::ehlo(const QByteArray& name)
{
    const Reply reply = command("EHLO " + name);
    m_ehloLines = reply.code == 250 ? reply.lines : QList<QByteArray>();
    return reply;
}

bool TestSmtpClient::advertises(const QByteArray& keyword) const
{
    // The first line is the greeting name; each further line is "KEYWORD [params]" (RFC 5321
    // §4.1.1.1).
    for (qsizetype i = 1; i < m_ehloLines.size(); ++i) {
        const QByteArray word = m_ehloLines.at(i).split(' ').value(0).toUpper();
        if (word == keyword.toUpper())
            return true;
    }
    return false;
}

TestSmtpClient::Reply TestSmtpClient::startTls()
{
    const Reply reply = command("STARTTLS");
    if (reply.code != 220)
        return reply;
    m_socket.startClientEncryption();
    if (!m_socket.waitForEncrypted(m_timeoutMs)) {
        fail(u"STARTTLS handshake failed: %1"_s.arg(handshakeErrors(m_socket)));
        return {};
    }
    m_ehloLines.clear(); // RFC 3207 §4.2: forget what was learnt before TLS
    return reply;
}

TestSmtpClient::Reply TestSmtpClient::authPlain(const QString& user, const QString& password)
{
    // RFC 4616: authorization identity (empty) NUL user NUL password, base64 as the initial
    // response.
    const QByteArray token = '\0' + user.toUtf8() + '\0' + password.toUtf8();
    return command("AUTH PLAIN " + token.toBase64());
}

TestSmtpClient::Reply TestSmtpClient::mailFrom(const QString& address)
{
    return command("MAIL FROM:<" + address.toUtf8() + '>');
}

TestSmtpClient::Reply TestSmtpClient::rcptTo(const QString& address)
{
    return command("RCPT TO:<" + address.toUtf8() + '>');
}

TestSmtpClient::Reply TestSmtpClient::data(const QByteArray& message)
{
    const Reply go = command("DATA");
    if (go.code != 354)
        return go;
    QByteArray body = message;
    body.replace("\r\n", "\n").replace('\n', "\r\n");
    if (!body.endsWith("\r\n"))
        body += "\r\n";
    // RFC 5321 §4.5.2: a line starting with '.' gets one more.
    if (body.startsWith('.'))
        body.prepend('.');
    body.replace("\r\n.", "\r\n..");
    m_socket.write(body + ".\r\n");
    return readReply();
}

TestSmtpClient::Reply TestSmtpClient::quit()
{
    const Reply reply = command("QUIT");
    m_socket.disconnectFromHost();
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.waitForDisconnected(m_timeoutMs);
    return reply;
}

TestSmtpClient::Reply TestSmtpClient::command(const QByteArray& line)
{
    m_socket.write(line + "\r\n");
    return readReply();
}

TestSmtpClient::Reply TestSmtpClient::openSubmission(quint16 port, Security security,
                                                     const QString& user, const QString& password)
{
    Reply reply = connectToServer(port, security);
    if (reply.code != 220)
        return reply;
    reply = ehlo();
    if (reply.code != 250)
        return reply;
    if (security == Security::StartTls) {
        reply = startTls();
        if (reply.code != 220)
            return reply;
        reply = ehlo();
        if (reply.code != 250)
            return reply;
    }
    return authPlain(user, password);
}

TestSmtpClient::Reply TestSmtpClient::sendMessage(const QString& from,
                                                  const QStringList& recipients,
                                                  const QByteArray& message)
{
    Reply reply = mailFrom(from);
    if (reply.code != 250)
        return reply;
    for (const QString& recipient : recipients) {
        reply = rcptTo(recipient);
        if (reply.code != 250 && reply.code != 251)
            return reply;
    }
    return data(message);
}

QString TestSmtpClient::uniqueMessageId(const QString& domain)
{
    static QAtomicInt counter;
    return u"<threadline-test-%1-%2-%3-%4@%5>"_s.arg(QDateTime::currentMSecsSinceEpoch())
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetchAndAddRelaxed(1))
        .arg(QRandomGenerator::global()->generate())
        .arg(domain);
}

QByteArray TestSmtpClient::buildMessage(const QString& from, const QStringList& to,
                                        const QString& subject, const QString& messageId,
                                        const QString& body)
{
    const QByteArray date = QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1();
    QByteArray message;
    message += "From: " + from.toUtf8() + "\r\n";
    message += "To: " + to.join(u", "_s).toUtf8() + "\r\n";
    message += "Subject: " + subject.toUtf8() + "\r\n"; // ASCII subjects only: no RFC 2047 here
    message += "Date: " + date + "\r\n";
    message += "Message-ID: " + messageId.toUtf8() + "\r\n";
    message += "MIME-Version: 1.0\r\n";
    message += "Content-Type: text/plain; charset=utf-8\r\n";
    message += "Content-Transfer-Encoding: 8bit\r\n";
    message += "\r\n";
    QByteArray text = body.toUtf8();
    text.replace("\r\n", "\n").replace('\n', "\r\n");
    message += text;
    if (!message.endsWith("\r\n"))
        message += "\r\n";
    return message;
}

TestSmtpClient::Reply TestSmtpClient::readReply()
{
    // RFC 5321 §4.2.1: "250-…" continues, "250 …" ends the reply.
    Reply reply;
    for (;;) {
        while (!m_socket.canReadLine()) {
            if (!m_socket.waitForReadyRead(m_timeoutMs)) {
                fail(u"no reply from the server within %1 ms (%2)"_s.arg(m_timeoutMs)
                         .arg(m_socket.errorString()));
                return {};
            }
        }
        QByteArray line = m_socket.readLine();
        line.chop(line.endsWith("\r\n") ? 2 : 1);
        bool ok = false;
        const int code = line.left(3).toInt(&ok);
        if (!ok || line.size() < 3) {
            fail(u"malformed reply line: %1"_s.arg(QString::fromUtf8(line)));
            return {};
        }
        reply.code = code;
        reply.lines.append(line.mid(4));
        if (line.size() == 3 || line.at(3) == ' ')
            return reply;
    }
}

void TestSmtpClient::fail(const QString& message)
{
    m_error = message;
}

} // namespace threadline::test
