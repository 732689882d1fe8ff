#pragma once

#include "imap/ConnectionSettings.h"
#include "net/ErrorCode.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>

namespace threadline::imap {

// The byte stream under an ImapSession: TcpImapSocket over QSslSocket in the application, a
// scripted double in unit tests. Everything is asynchronous and reported by signals; nothing
// here blocks.
//
// Order of signals: connected() when TCP is up, then encrypted() when TLS is verified (right
// away for implicit TLS, after startTls() for STARTTLS), readyRead() when bytes can be read.
// A failure emits errorOccurred() once with the error classified for users (unreachable host,
// timeout, TLS verdicts, connection lost); a close by the server without error emits
// disconnected(). After close() no further signal is required.
class ImapSocket : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImapSocket)

public:
    explicit ImapSocket(QObject* parent = nullptr)
        : QObject(parent)
    {}
    ~ImapSocket() override = default;

    // Opens the connection. Security::Tls starts the TLS handshake at once; Security::StartTls
    // stays in cleartext until startTls(). Certificates are verified against the system store,
    // or settings.caFile instead of it; settings.pinnedPublicKeySha256 accepts that one key as
    // well.
    virtual void connectToHost(const ConnectionSettings& settings) = 0;
    // Begins the TLS handshake on a cleartext connection (STARTTLS, RFC 3501 §6.2.1).
    virtual void startTls() = 0;
    virtual void write(QByteArrayView bytes) = 0;
    virtual QByteArray readAll() = 0;
    // Drops the connection at once; bytes not yet sent may be lost.
    virtual void close() = 0;
    virtual bool isEncrypted() const = 0;
    // The server's certificates (leaf first) from the last handshake, also when it failed, so
    // the user can review them before trusting one.
    virtual QList<QSslCertificate> peerCertificateChain() const = 0;

Q_SIGNALS:
    void connected();
    void encrypted();
    void readyRead();
    void disconnected();
    void errorOccurred(const threadline::net::UserError& error);
};

} // namespace threadline::imap
