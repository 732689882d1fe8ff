#pragma once

#include "imap/ImapSocket.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace threadline::test {

// An in-memory ImapSocket that plays a server from a script of C:/S: lines, for unit tests of
// ImapSession. Every server action is delivered from the event loop, one read per turn, so a
// test sees the same asynchrony as with a real socket.
//
//   "S: text"   the server sends "text\r\n" as one read
//   "S+ text"   "text\r\n" is added to the previous read (one chunk, several lines)
//   "S| text"   the server sends "text" without a line end as one read (split literals)
//   "C: text"   the client must write "text\r\n" next (chunking of writes does not matter)
//   "C| text"   the client must write "text" next, without a line end
//   "X: tls"    the handshake the client began with startTls() completes
//   "X: close"  the server closes the connection
//   "X: error N [detail]"  the socket fails with net::ErrorCode N (also before connecting)
//   "X: pause"  nothing happens until resume(); isPaused() tells when it is reached
//
// Byte escapes are those of the C++ string; lines are separate list elements, so a line may
// hold "\r\n" of its own (literals).
class ScriptedImapSocket final : public imap::ImapSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptedImapSocket)

public:
    explicit ScriptedImapSocket(const QList<QByteArray>& script, QObject* parent = nullptr);

    void connectToHost(const imap::ConnectionSettings& settings) override;
    void startTls() override;
    void write(QByteArrayView bytes) override;
    QByteArray readAll() override;
    void close() override;
    bool isEncrypted() const override { return m_encrypted; }
    QList<QSslCertificate> peerCertificateChain() const override { return {}; }

    // The first difference between the script and what the client wrote; empty if none.
    const QString& failure() const { return m_failure; }
    // Every step played and every written byte expected by the script.
    bool isFinished() const;
    bool isPaused() const { return m_paused; }
    void resume();
    // All bytes the client wrote, in order.
    const QByteArray& allWritten() const { return m_allWritten; }
    // Written bytes no C: line has consumed yet.
    const QByteArray& pendingWritten() const { return m_written; }
    bool wasClosedByClient() const { return m_closedByClient; }
    bool tlsRequested() const { return m_tlsRequested; }
    const imap::ConnectionSettings& settings() const { return m_settings; }

private:
    struct Step
    {
        enum class Kind
        {
            Server,
            Client,
            Tls,
            Close,
            Error,
            Pause
        };
        Step(Kind k, QByteArray b = {})
            : kind(k)
            , bytes(std::move(b))
        {}

        Kind kind;
        QByteArray bytes;
        int code = 0;
        QString detail;
    };

    void scheduleAdvance();
    void advance();
    void fail(const QString& message);

    QList<Step> m_steps;
    qsizetype m_position = 0;
    imap::ConnectionSettings m_settings;
    QByteArray m_incoming;
    QByteArray m_written;
    QByteArray m_allWritten;
    QString m_failure;
    bool m_started = false;
    bool m_connected = false;
    bool m_encrypted = false;
    bool m_tlsRequested = false;
    bool m_paused = false;
    bool m_scheduled = false;
    bool m_closedByClient = false;
};

} // namespace threadline::test
