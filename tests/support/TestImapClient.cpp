#include "TestImapClient.h"

#include "MailStack.h"

#include <QDeadlineTimer>
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

// "{123}\r\n" or "{123+}\r\n" at the end of a line announces a literal (RFC 3501 §4.3, RFC 7888).
qint64 literalSize(const QByteArray& line)
{
    if (!line.endsWith("}\r\n"))
        return -1;
    const qsizetype open = line.lastIndexOf('{');
    if (open < 0)
        return -1;
    QByteArray digits = line.mid(open + 1, line.size() - open - 4);
    if (digits.endsWith('+'))
        digits.chop(1);
    bool ok = false;
    const qint64 size = digits.toLongLong(&ok);
    return ok ? size : -1;
}

} // namespace

TestImapClient::TestImapClient(const MailStack& stack, int timeoutMs)
    : m_host(stack.host())
    , m_imapsPort(stack.imapsPort())
    , m_startTlsPort(stack.imapStartTlsPort())
    , m_timeoutMs(timeoutMs)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(stack.caCertificates()); // only the stack's CA, not the system's
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket.setSslConfiguration(tls);
}

bool TestImapClient::connectToServer(Security security)
{
    return connectToServer(security,
                           security == Security::ImplicitTls ? m_imapsPort : m_startTlsPort);
}

bool TestImapClient::connectToServer(Security security, quint16 port)
{
    m_error.clear();
    m_greeting.clear();
    m_selected.clear();
    if (security == Security::ImplicitTls) {
        m_socket.connectToHostEncrypted(m_host, port);
        if (!m_socket.waitForEncrypted(m_timeoutMs)) {
            fail(u"TLS to %1:%2 failed: %3"_s.arg(m_host).arg(port).arg(handshakeErrors(m_socket)));
            return false;
        }
    } else {
        m_socket.connectToHost(m_host, port);
        if (!m_socket.waitForConnected(m_timeoutMs)) {
            fail(
                u"cannot connect to %1:%2: %3"_s.arg(m_host).arg(port).arg(m_socket.errorString()));
            return false;
        }
    }
    Line greeting;
    if (!readLine(&greeting))
        return false;
    m_greeting = greeting.text;
    if (!m_greeting.startsWith("* OK")) {
        fail(u"unexpected greeting: %1"_s.arg(QString::fromUtf8(m_greeting)));
        return false;
    }
    return security == Security::ImplicitTls || startTls();
}

bool TestImapClient::startTls()
{
    const Response response = command("STARTTLS");
    if (!response.ok()) {
        fail(u"STARTTLS refused: %1 %2"_s.arg(QString::fromUtf8(response.status),
                                              QString::fromUtf8(response.text)));
        return false;
    }
    m_socket.startClientEncryption();
    if (!m_socket.waitForEncrypted(m_timeoutMs)) {
        fail(u"STARTTLS handshake failed: %1"_s.arg(handshakeErrors(m_socket)));
        return false;
    }
    return true;
}

TestImapClient::Response TestImapClient::command(const QByteArray& command)
{
    m_last = {};
    const QByteArray tag = "t" + QByteArray::number(++m_tag);
    m_socket.write(tag + ' ' + command + "\r\n");
    Line line;
    while (readLine(&line)) {
        if (line.text.startsWith(QByteArray(tag + ' '))) {
            const QByteArray rest = line.text.mid(tag.size() + 1);
            const qsizetype space = rest.indexOf(' ');
            m_last.status = space < 0 ? rest : rest.left(space);
            m_last.text = space < 0 ? QByteArray() : rest.mid(space + 1);
            return m_last;
        }
        if (line.text.startsWith('+')) {
            fail(u"unexpected continuation request: %1"_s.arg(QString::fromUtf8(line.text)));
            break;
        }
        m_last.untagged.append(line);
    }
    m_last.status.clear();
    return m_last;
}

QList<QByteArray> TestImapClient::capabilities()
{
    const Response response = command("CAPABILITY");
    for (const Line& line : response.untagged) {
        if (line.text.startsWith("* CAPABILITY "))
            return line.text.mid(13).split(' ');
    }
    return {};
}

bool TestImapClient::login(const QString& user, const QString& password)
{
    const Response response = command("LOGIN " + quoted(user) + ' ' + quoted(password));
    if (!response.ok())
        fail(u"LOGIN %1: %2 %3"_s.arg(user, QString::fromUtf8(response.status),
                                      QString::fromUtf8(response.text)));
    return response.ok();
}

bool TestImapClient::select(const QString& mailbox)
{
    const Response response = command("SELECT " + quoted(mailbox));
    if (!response.ok()) {
        fail(u"SELECT %1: %2 %3"_s.arg(mailbox, QString::fromUtf8(response.status),
                                       QString::fromUtf8(response.text)));
        return false;
    }
    m_selected = mailbox;
    return true;
}

QList<qint64> TestImapClient::uidSearch(const QByteArray& criteria)
{
    QList<qint64> uids;
    const Response response = command("UID SEARCH " + criteria);
    if (!response.ok()) {
        fail(u"UID SEARCH %1: %2 %3"_s.arg(QString::fromUtf8(criteria),
                                           QString::fromUtf8(response.status),
                                           QString::fromUtf8(response.text)));
        return uids;
    }
    for (const Line& line : response.untagged) {
        if (!line.text.startsWith("* SEARCH"))
            continue;
        for (const QByteArray& number : line.text.mid(8).split(' ')) {
            if (!number.isEmpty())
                uids.append(number.toLongLong());
        }
    }
    return uids;
}

QList<qint64> TestImapClient::uidSearchMessageId(const QString& messageId)
{
    return uidSearch("HEADER Message-ID " + quoted(messageId));
}

QByteArray TestImapClient::fetchMessage(qint64 uid)
{
    const Response response = command("UID FETCH " + QByteArray::number(uid) + " BODY.PEEK[]");
    for (const Line& line : response.untagged) {
        if (line.text.contains(" FETCH ") && !line.literals.isEmpty())
            return line.literals.first();
    }
    fail(u"UID FETCH %1 returned no message (%2 %3)"_s.arg(uid).arg(
        QString::fromUtf8(response.status), QString::fromUtf8(response.text)));
    return {};
}

QByteArray TestImapClient::waitForMessage(const QString& mailbox, const QByteArray& criteria,
                                          int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    if (!select(mailbox))
        return {};
    for (;;) {
        const QList<qint64> uids = uidSearch(criteria);
        if (!uids.isEmpty())
            return fetchMessage(uids.last());
        if (!m_last.ok())
            return {};
        if (deadline.hasExpired()) {
            fail(u"no message matching %1 arrived in %2 within %3 ms"_s.arg(
                QString::fromUtf8(criteria), mailbox, QString::number(timeoutMs)));
            return {};
        }
        // Delivery wakes IDLE at once; the cap keeps polling in case it does not.
        if (!idleBriefly(static_cast<int>(qMin<qint64>(deadline.remainingTime(), 1000))))
            return {};
    }
}

QByteArray TestImapClient::waitForMessageId(const QString& mailbox, const QString& messageId,
                                            int timeoutMs)
{
    return waitForMessage(mailbox, "HEADER Message-ID " + quoted(messageId), timeoutMs);
}

bool TestImapClient::idleBriefly(int timeoutMs)
{
    // RFC 2177: IDLE, wait for the server's continuation, then DONE ends it.
    const QByteArray tag = "t" + QByteArray::number(++m_tag);
    m_socket.write(tag + " IDLE\r\n");
    Line line;
    if (!readLine(&line))
        return false;
    if (!line.text.startsWith('+')) {
        fail(u"IDLE refused: %1"_s.arg(QString::fromUtf8(line.text)));
        return false;
    }
    if (!m_socket.canReadLine())
        m_socket.waitForReadyRead(timeoutMs); // woken by "* n EXISTS", or the time is up
    m_socket.write("DONE\r\n");
    while (readLine(&line)) {
        if (line.text.startsWith(QByteArray(tag + ' ')))
            return true;
    }
    return false;
}

void TestImapClient::logout()
{
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        command("LOGOUT");
        m_socket.disconnectFromHost();
        if (m_socket.state() != QAbstractSocket::UnconnectedState)
            m_socket.waitForDisconnected(m_timeoutMs);
    }
}

QByteArray TestImapClient::quoted(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    bool plain = true;
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7e)
            plain = false;
    }
    if (!plain) // a non-synchronising literal (RFC 7888), Dovecot offers LITERAL+
        return '{' + QByteArray::number(utf8.size()) + "+}\r\n" + utf8;
    QByteArray escaped = utf8;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + escaped + '"';
}

bool TestImapClient::readLine(Line* line)
{
    line->text.clear();
    line->literals.clear();
    QByteArray raw;
    for (;;) {
        if (!readRawLine(&raw))
            return false;
        const qint64 size = literalSize(raw);
        if (size < 0) {
            raw.chop(raw.endsWith("\r\n") ? 2 : 1);
            line->text += raw;
            return true;
        }
        line->text += raw.left(raw.lastIndexOf('{')) + '{' + QByteArray::number(size) + '}';
        QByteArray literal;
        if (!readBytes(size, &literal))
            return false;
        line->literals.append(literal);
    }
}

bool TestImapClient::readRawLine(QByteArray* line)
{
    while (!m_socket.canReadLine()) {
        if (!waitForData())
            return false;
    }
    *line = m_socket.readLine();
    return true;
}

bool TestImapClient::readBytes(qint64 count, QByteArray* data)
{
    data->clear();
    while (data->size() < count) {
        if (m_socket.bytesAvailable() == 0 && !waitForData())
            return false;
        data->append(m_socket.read(count - data->size()));
    }
    return true;
}

bool TestImapClient::waitForData()
{
    if (m_socket.waitForReadyRead(m_timeoutMs))
        return true;
    fail(u"no answer from the server within %1 ms (%2)"_s.arg(m_timeoutMs)
             .arg(m_socket.errorString()));
    return false;
}

void TestImapClient::fail(const QString& message)
{
    m_error = message;
}

} // namespace threadline::test
