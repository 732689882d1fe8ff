#include "imap/TcpImapSocket.h"

#include "imap/ImapLogging.h"

#include <QCryptographicHash>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace threadline::imap {

namespace {

bool isUntrusted(QSslError::SslError error)
{
    switch (error) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
    case QSslError::InvalidCaCertificate:
    case QSslError::PathLengthExceeded:
    case QSslError::InvalidPurpose:
    case QSslError::CertificateSignatureFailed:
    case QSslError::UnableToDecryptCertificateSignature:
    case QSslError::UnableToDecodeIssuerPublicKey:
    case QSslError::AuthorityIssuerSerialNumberMismatch:
    case QSslError::SubjectIssuerMismatch:
        return true;
    default:
        return false;
    }
}

bool isExpired(QSslError::SslError error)
{
    return error == QSslError::CertificateExpired || error == QSslError::CertificateNotYetValid;
}

// OpenSSL's words when the peer answered the ClientHello with something that is not TLS,
// typically an IMAP greeting in cleartext: the port does not speak implicit TLS.
bool looksLikeCleartextPeer(const QString& text)
{
    return text.contains("wrong version number"_L1, Qt::CaseInsensitive) ||
           text.contains("packet length too long"_L1, Qt::CaseInsensitive) ||
           text.contains("unknown protocol"_L1, Qt::CaseInsensitive) ||
           text.contains("record layer failure"_L1, Qt::CaseInsensitive);
}

} // namespace

TcpImapSocket::TcpImapSocket(QObject* parent)
    : ImapSocket(parent)
{}

TcpImapSocket::~TcpImapSocket()
{
    m_closing = true;
}

void TcpImapSocket::connectToHost(const ConnectionSettings& settings)
{
    dropSockets();
    m_settings = settings;
    m_sslErrors.clear();
    m_peerChain.clear();
    m_tcpConnected = false;
    m_failed = false;
    m_closing = false;

    m_tcp = new QTcpSocket(this);
    connect(m_tcp, &QTcpSocket::connected, this, &TcpImapSocket::onTcpConnected);
    connect(m_tcp, &QTcpSocket::errorOccurred, this, [this] { onSocketError(m_tcp); });
    m_tcp->connectToHost(settings.host, settings.port);
    if (m_failed || m_closing)
        return; // refused at once
    // While the SYN is out and the server accepts.
    makeTlsSocket();
}

void TcpImapSocket::makeTlsSocket()
{
    m_socket = new QSslSocket(this);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        m_peerChain = m_socket->peerCertificateChain();
        Q_EMIT encrypted();
    });
    connect(m_socket, &QSslSocket::readyRead, this, &ImapSocket::readyRead);
    connect(m_socket, &QSslSocket::sslErrors, this, &TcpImapSocket::onSslErrors);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this] { onSocketError(m_socket); });
    connect(m_socket, &QSslSocket::disconnected, this, &TcpImapSocket::onDisconnected);

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    configuration.setProtocol(QSsl::SecureProtocols);
    if (!m_settings.caFile.isEmpty()) {
        const QList<QSslCertificate> extra =
            QSslCertificate::fromPath(m_settings.caFile, QSsl::Pem);
        if (extra.isEmpty()) {
            qCWarning(lcImapSession)
                << "no PEM certificate could be read from" << m_settings.caFile;
        }
        // The CA file replaces the system store for this account (as curl's --cacert does):
        // a self-hosted server names its own authority. Loading the whole system store next to
        // it would cost ~110 ms per process (Qt then parses every root instead of looking one
        // up on demand) for roots such a server never uses.
        configuration.setCaCertificates(extra);
    }
    m_socket->setSslConfiguration(configuration);
    // The name to verify: the socket gets its connection as a descriptor, without a host name.
    m_socket->setPeerVerifyName(m_settings.host);

    if (!QSslSocket::supportsSsl()) {
        m_failed = true;
        dropSockets();
        const net::UserError error{net::ErrorCode::TlsHandshakeFailed,
                                   tr("TLS is not available on this system.")};
        QMetaObject::invokeMethod(
            this, [this, error] { Q_EMIT errorOccurred(error); }, Qt::QueuedConnection);
    }
}

void TcpImapSocket::onTcpConnected()
{
    // The QSslSocket takes a duplicate of the descriptor; closing the QTcpSocket's own then
    // leaves the connection open. Nothing has been read from it yet: the QTcpSocket reads only
    // from the event loop, and this runs in the same call that reported the connection.
    const int descriptor = ::fcntl(int(m_tcp->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    QTcpSocket* tcp = std::exchange(m_tcp, nullptr);
    tcp->disconnect(this);
    tcp->abort();
    tcp->deleteLater();
    if (descriptor < 0 || !m_socket->setSocketDescriptor(descriptor)) {
        if (descriptor >= 0)
            ::close(descriptor);
        m_failed = true;
        Q_EMIT errorOccurred(net::UserError{
            net::ErrorCode::HostUnreachable,
            tr("The connection could not be set up: %1").arg(m_socket->errorString())});
        return;
    }
    m_tcpConnected = true;
    // Commands are written whole; Nagle would only hold the next one back (pipelining).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_settings.security == account::Security::Tls)
        m_socket->startClientEncryption();
    Q_EMIT connected();
}

void TcpImapSocket::startTls()
{
    if (m_tcpConnected)
        m_socket->startClientEncryption();
}

void TcpImapSocket::write(QByteArrayView bytes)
{
    if (m_tcpConnected)
        m_socket->write(bytes.data(), bytes.size());
}

QByteArray TcpImapSocket::readAll()
{
    return m_tcpConnected ? m_socket->readAll() : QByteArray();
}

void TcpImapSocket::close()
{
    m_closing = true;
    dropSockets();
}

void TcpImapSocket::dropSockets()
{
    // Deleted later: this may run inside one of their own signals.
    for (QAbstractSocket* socket :
         {static_cast<QAbstractSocket*>(std::exchange(m_tcp, nullptr)),
          static_cast<QAbstractSocket*>(std::exchange(m_socket, nullptr))}) {
        if (!socket)
            continue;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_tcpConnected = false;
}

bool TcpImapSocket::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

QList<QSslCertificate> TcpImapSocket::peerCertificateChain() const
{
    return m_peerChain;
}

net::ErrorCode TcpImapSocket::classifySslErrors(const QList<QSslError>& errors)
{
    if (errors.isEmpty()) {
        return net::ErrorCode::None;
    }
    bool untrusted = false;
    bool expired = false;
    bool mismatch = false;
    for (const QSslError& error : errors) {
        untrusted = untrusted || isUntrusted(error.error());
        expired = expired || isExpired(error.error());
        mismatch = mismatch || error.error() == QSslError::HostNameMismatch;
    }
    if (untrusted) {
        return net::ErrorCode::UntrustedCertificate;
    }
    if (expired) {
        return net::ErrorCode::CertificateExpired;
    }
    if (mismatch) {
        return net::ErrorCode::HostnameMismatch;
    }
    return net::ErrorCode::TlsHandshakeFailed;
}

QByteArray TcpImapSocket::publicKeySha256(const QSslCertificate& certificate)
{
    return QCryptographicHash::hash(certificate.publicKey().toDer(), QCryptographicHash::Sha256);
}

void TcpImapSocket::onSslErrors(const QList<QSslError>& errors)
{
    m_sslErrors = errors;
    m_peerChain = m_socket->peerCertificateChain();
    if (m_settings.pinnedPublicKeySha256.isEmpty() || m_peerChain.isEmpty()) {
        return;
    }
    // A certificate the user reviewed and trusted: its key stands in for the chain and the
    // name, nothing else (a revoked or blacklisted certificate stays refused).
    for (const QSslError& error : errors) {
        if (error.error() == QSslError::CertificateRevoked ||
            error.error() == QSslError::CertificateBlacklisted) {
            return;
        }
    }
    if (publicKeySha256(m_peerChain.constFirst()) == m_settings.pinnedPublicKeySha256) {
        m_socket->ignoreSslErrors(errors);
    }
}

void TcpImapSocket::onSocketError(const QAbstractSocket* socket)
{
    if (m_failed || m_closing) {
        return;
    }
    m_failed = true;
    QString detail = socket->errorString();
    net::ErrorCode code = net::ErrorCode::ConnectionLost;
    switch (socket->error()) {
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::ConnectionRefusedError:
    case QAbstractSocket::SocketAccessError:
    case QAbstractSocket::SocketResourceError:
    case QAbstractSocket::UnsupportedSocketOperationError:
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyAuthenticationRequiredError:
    case QAbstractSocket::ProxyProtocolError:
        code = net::ErrorCode::HostUnreachable;
        break;
    case QAbstractSocket::SocketTimeoutError:
        code = net::ErrorCode::ConnectionTimedOut;
        break;
    case QAbstractSocket::SslHandshakeFailedError:
        if (!m_sslErrors.isEmpty()) {
            code = classifySslErrors(m_sslErrors);
            QStringList words;
            for (const QSslError& error : std::as_const(m_sslErrors)) {
                words.append(error.errorString());
            }
            detail = words.join(u"; "_s);
        } else if (looksLikeCleartextPeer(detail)) {
            code = net::ErrorCode::NoTlsOffered;
        } else {
            code = net::ErrorCode::TlsHandshakeFailed;
        }
        break;
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        code = net::ErrorCode::TlsHandshakeFailed;
        break;
    case QAbstractSocket::RemoteHostClosedError:
        // Closed in the middle of the TLS handshake: the server refused our TLS.
        code = m_tcpConnected && m_socket && !m_socket->isEncrypted() &&
                       m_socket->mode() != QSslSocket::UnencryptedMode
                   ? net::ErrorCode::TlsHandshakeFailed
                   : net::ErrorCode::ConnectionLost;
        break;
    default:
        code = m_tcpConnected ? net::ErrorCode::ConnectionLost : net::ErrorCode::HostUnreachable;
        break;
    }
    Q_EMIT errorOccurred(net::UserError{code, detail});
}

void TcpImapSocket::onDisconnected()
{
    if (m_failed || m_closing) {
        return;
    }
    Q_EMIT disconnected();
}

} // namespace threadline::imap
