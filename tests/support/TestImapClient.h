#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QSslSocket>
#include <QString>

namespace threadline::test {

class MailStack;

// A deliberately small, blocking IMAP client for checking what the mail stack holds. Test code
// only: it waits with waitFor*() (the application's IMAP code never does). It trusts exactly the
// stack's CA and verifies the host name.
class TestImapClient final
{
public:
    enum class Security
    {
        ImplicitTls, // IMAPS port, TLS from the first byte
        StartTls,    // plain IMAP port, then STARTTLS (RFC 3501 §6.2.1)
    };

    // One logical response line: its text with each literal replaced by "{n}", the literals apart.
    struct Line
    {
        QByteArray text;
        QList<QByteArray> literals;
    };

    struct Response
    {
        QByteArray status; // OK, NO or BAD; empty when the connection failed
        QByteArray text;   // the rest of the tagged line, e.g. "[AUTHENTICATIONFAILED] ..."
        QList<Line> untagged;

        bool ok() const { return status == "OK"; }
    };

    explicit TestImapClient(const MailStack& stack, int timeoutMs = 15000);

    // Connects, reads the greeting and, for StartTls, upgrades the connection.
    bool connectToServer(Security security);
    bool connectToServer(Security security, quint16 port);
    QByteArray greeting() const { return m_greeting; }
    bool isEncrypted() const { return m_socket.isEncrypted(); }

    // Sends "<tag> <command>" and reads up to the tagged completion.
    Response command(const QByteArray& command);
    QList<QByteArray> capabilities();
    bool login(const QString& user, const QString& password);
    Response lastResponse() const { return m_last; }
    bool select(const QString& mailbox);
    // UID SEARCH with raw criteria, e.g. `HEADER Message-ID "<x@y>"` or `TEXT "token"`.
    QList<qint64> uidSearch(const QByteArray& criteria);
    QList<qint64> uidSearchMessageId(const QString& messageId);
    // The whole message (BODY.PEEK[], so \Seen stays unset); empty if there is none.
    QByteArray fetchMessage(qint64 uid);
    // Selects `mailbox` and polls (IDLE between polls, so delivery wakes it) until a message
    // matching `criteria` is there; returns it, or an empty array after `timeoutMs`.
    QByteArray waitForMessage(const QString& mailbox, const QByteArray& criteria, int timeoutMs);
    QByteArray waitForMessageId(const QString& mailbox, const QString& messageId, int timeoutMs);
    void logout();

    QString errorString() const { return m_error; }
    static QByteArray quoted(const QString& text);

private:
    bool startTls();
    bool readLine(Line* line);
    bool readRawLine(QByteArray* line);
    bool readBytes(qint64 count, QByteArray* data);
    bool waitForData();
    bool idleBriefly(int timeoutMs);
    void fail(const QString& message);

    QString m_host;
    quint16 m_imapsPort = 0;
    quint16 m_startTlsPort = 0;
    int m_timeoutMs;
    QSslSocket m_socket;
    QByteArray m_greeting;
    QString m_selected;
    Response m_last;
    QString m_error;
    int m_tag = 0;
};

} // namespace threadline::test

Q_DECLARE_METATYPE(threadline::test::TestImapClient::Security)
