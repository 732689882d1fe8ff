#pragma once

#include <QByteArray>
#include <QString>

namespace threadline::imap {

// SASL client messages for AUTHENTICATE, before base64 (RFC 3501 §6.2.2 encodes them).
class Sasl final
{
public:
    // PLAIN (RFC 4616): "\0user\0password", no authorization identity.
    static QByteArray plain(const QString& userName, const QString& password);
    // XOAUTH2 (Google, Microsoft): "user=U\x01auth=Bearer T\x01\x01".
    static QByteArray xoauth2(const QString& userName, const QString& accessToken);
    // OAUTHBEARER (RFC 7628 §3.1): GS2 header with the user, host, port and the bearer token.
    static QByteArray oauthBearer(const QString& userName, const QString& host, quint16 port,
                                  const QString& accessToken);
    // The answer to an OAuth error challenge, before base64: XOAUTH2 expects an empty
    // response, OAUTHBEARER a single %x01 (RFC 7628 §3.2.3); the server then answers NO.
    static QByteArray xoauth2ErrorAck() { return {}; }
    static QByteArray oauthBearerErrorAck() { return QByteArray(1, '\x01'); }
    // The "status" (and "scope") of an OAuth error challenge (base64 JSON, RFC 7628 §3.2.2),
    // for the error detail; empty when the challenge is not such JSON.
    static QString oauthErrorSummary(const QByteArray& base64Challenge);
};

} // namespace threadline::imap
