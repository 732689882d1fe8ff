#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QSslSocket>
#include <QString>
#include <QStringList>

namespace threadline::test {

class MailStack;

// A deliberately small, blocking SMTP client for driving the mail stack's Postfix: submission
// with AUTH, or plain injection of inbound mail. Test code only (waitFor*()). Every call returns
// the server's reply; code 0 means no reply at all (see errorString()).
class TestSmtpClient final
{
public:
    enum class Security
    {
        None,        // plain TCP (the stack's injection port)
        StartTls,    // plain TCP, then STARTTLS (RFC 3207) when startTls() is called
        ImplicitTls, // TLS from the first byte (RFC 8314)
    };

    struct Reply
    {
        int code = 0;
        QList<QByteArray> lines; // text of each line, without the code and separator

        bool isPositive() const { return code >= 200 && code < 400; }
        QByteArray text() const { return lines.join('\n'); }
    };

    explicit TestSmtpClient(const MailStack& stack, int timeoutMs = 15000);

    // Connects and returns the greeting (220 on success).
    Reply connectToServer(quint16 port, Security security);
    Reply ehlo(const QByteArray& name = "client.example.test");
    // True if the last EHLO reply advertised `keyword` (e.g. "STARTTLS", "AUTH").
    bool advertises(const QByteArray& keyword) const;
    Reply startTls();
    Reply authPlain(const QString& user, const QString& password); // RFC 4954, SASL PLAIN
    Reply mailFrom(const QString& address);
    Reply rcptTo(const QString& address);
    Reply data(const QByteArray& message); // DATA, the dot-stuffed message, "."
    Reply quit();
    Reply command(const QByteArray& line);

    // connectToServer + EHLO (+ STARTTLS + EHLO) + AUTH PLAIN; the last reply tells the outcome.
    Reply openSubmission(quint16 port, Security security, const QString& user,
                         const QString& password);
    // MAIL FROM, one RCPT TO per recipient, DATA: the first refusal, else DATA's final reply.
    Reply sendMessage(const QString& from, const QStringList& recipients,
                      const QByteArray& message);

    bool isEncrypted() const { return m_socket.isEncrypted(); }
    QString errorString() const { return m_error; }

    // "<threadline-test-…@domain>", unique per call.
    static QString uniqueMessageId(const QString& domain);
    // A minimal RFC 5322 message with CRLF line ends.
    static QByteArray buildMessage(const QString& from, const QStringList& to,
                                   const QString& subject, const QString& messageId,
                                   const QString& body);

private:
    Reply readReply();
    void fail(const QString& message);

    QString m_host;
    int m_timeoutMs;
    QSslSocket m_socket;
    QList<QByteArray> m_ehloLines;
    QString m_error;
};

} // namespace threadline::test

Q_DECLARE_METATYPE(threadline::test::TestSmtpClient::Security)
