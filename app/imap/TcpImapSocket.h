#pragma once

#include "imap/ImapSocket.h"

#include <QSslError>

class QAbstractSocket;
class QSslSocket;
class QTcpSocket;

namespace threadline::imap {

// ImapSocket over QSslSocket. Verification is never disabled: the system CA store, or the
// account's CA file instead of it, decides, and a user-pinned public key may stand in for a
// trusted chain.
//
// The TCP connection is opened first, by a plain QTcpSocket, and only then is the QSslSocket
// made (constructing one loads the TLS library, ~5 ms); once TCP is up, the QSslSocket takes
// over the connection's descriptor and starts TLS. So the TCP round trip and the server's own
// per-connection setup (Dovecot starts a login process: 6–8 ms before it can answer a
// ClientHello) run while the TLS library loads, instead of after it.
class TcpImapSocket final : public ImapSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpImapSocket)

public:
    explicit TcpImapSocket(QObject* parent = nullptr);
    ~TcpImapSocket() override;

    void connectToHost(const ConnectionSettings& settings) override;
    void startTls() override;
    void write(QByteArrayView bytes) override;
    QByteArray readAll() override;
    void close() override;
    bool isEncrypted() const override;
    QList<QSslCertificate> peerCertificateChain() const override;

    // The code users see for failed certificate checks: untrusted (unknown issuer,
    // self-signed) before expired before hostname mismatch, since trusting the certificate
    // after review is the usual fix. None when the list is empty.
    static net::ErrorCode classifySslErrors(const QList<QSslError>& errors);
    // SHA-256 of the certificate's public key (DER), the form ConnectionSettings pins.
    static QByteArray publicKeySha256(const QSslCertificate& certificate);

private:
    void makeTlsSocket();
    void onTcpConnected();
    void onSslErrors(const QList<QSslError>& errors);
    void onSocketError(const QAbstractSocket* socket);
    void onDisconnected();
    void dropSockets();

    QTcpSocket* m_tcp = nullptr;    // until TCP is up
    QSslSocket* m_socket = nullptr; // from connectToHost(); owns the connection once TCP is up
    ConnectionSettings m_settings;
    QList<QSslError> m_sslErrors;
    QList<QSslCertificate> m_peerChain;
    bool m_tcpConnected = false;
    bool m_failed = false;
    bool m_closing = false;
};

} // namespace threadline::imap
