#pragma once

#include "account/AccountSettings.h"

#include <QByteArray>
#include <QString>
#include <chrono>

namespace threadline::imap {

// Where and how an ImapSession connects. No secret in here: credentials travel separately
// (Credentials) so settings can be logged and copied freely.
struct ConnectionSettings
{
    QString host;
    quint16 port = 993;
    account::Security security = account::Security::Tls;
    // CA certificates (PEM) trusted instead of the system store, for self-hosted servers with
    // their own authority and the test stack. Verification itself is never switched off.
    QString caFile;
    // SHA-256 of the public key (DER) of a certificate the user chose to trust after seeing it
    // (DESIGN.md, Security). Accepted only for that exact key; empty = no pin.
    QByteArray pinnedPublicKeySha256;

    // TCP + TLS + greeting (+ STARTTLS) must be done within this.
    std::chrono::milliseconds connectTimeout = std::chrono::seconds(30);
    // While a command waits for its answer, the server must send something within this.
    std::chrono::milliseconds responseTimeout = std::chrono::minutes(2);
    // IDLE is ended and restarted after this: RFC 2177 §3 lets servers drop a client idle for
    // 30 minutes, so stay below 29.
    std::chrono::milliseconds idleRefreshInterval = std::chrono::minutes(25);

    static ConnectionSettings fromAccount(const account::AccountSettings& account)
    {
        ConnectionSettings settings;
        settings.host = account.imap.host;
        settings.port = account.imap.port;
        settings.security = account.imap.security;
        settings.caFile = account.caFile;
        return settings;
    }

    friend bool operator==(const ConnectionSettings&, const ConnectionSettings&) = default;
};

} // namespace threadline::imap
