#pragma once

#include <QString>

namespace threadline::net {

// The numbered errors users see (DESIGN.md "Errors users see"). The same number appears in the
// wizard, the status bar, `threadline doctor` and the troubleshooting view, so support can ask
// "which number?". Numbers never change meaning; new ones are appended.
enum class ErrorCode : int
{
    None = 0,
    // Reaching the server
    HostUnreachable = 101,
    ConnectionTimedOut = 102,
    ConnectionLost = 103,
    ProtocolFailure = 104,    // connected, but the server's answers made no sense
    WrongServiceOnPort = 105, // e.g. an SMTP greeting on the IMAP port
    Pop3Only = 106,           // DESIGN.md sync rule 4
    // TLS
    NoTlsOffered = 201,
    StartTlsMissing = 202,
    UntrustedCertificate = 203,
    HostnameMismatch = 204,
    CertificateExpired = 205,
    TlsHandshakeFailed = 206,
    // Signing in
    AuthenticationFailed = 301,
    // Folders and messages
    SentFolderNotFound = 401,
    MessageNotOnServer = 402, // deleted or moved elsewhere, or its folder was reset
    AttachmentMissing = 403,  // the server's copy of the message lacks the part
    // Sending
    SendLimitReached = 501,
    RecipientRejected = 502,
    // This computer
    KeychainUnavailable = 601,
    StorageFailed = 602,
};

// An error as a value: the code says what happened, detail carries the server's or the
// system's own words (already free of secrets) for the "details" part of the message.
struct UserError
{
    ErrorCode code = ErrorCode::None;
    QString detail;

    bool isError() const { return code != ErrorCode::None; }
};

} // namespace threadline::net
