#include "ErrorCatalog.h"

using namespace Qt::StringLiterals;

namespace threadline::net {

QList<ErrorCode> ErrorCatalog::allCodes()
{
    return {ErrorCode::HostUnreachable,      ErrorCode::ConnectionTimedOut,
            ErrorCode::ConnectionLost,       ErrorCode::ProtocolFailure,
            ErrorCode::WrongServiceOnPort,   ErrorCode::Pop3Only,
            ErrorCode::NoTlsOffered,         ErrorCode::StartTlsMissing,
            ErrorCode::UntrustedCertificate, ErrorCode::HostnameMismatch,
            ErrorCode::CertificateExpired,   ErrorCode::TlsHandshakeFailed,
            ErrorCode::AuthenticationFailed, ErrorCode::SentFolderNotFound,
            ErrorCode::MessageNotOnServer,   ErrorCode::AttachmentMissing,
            ErrorCode::SendLimitReached,     ErrorCode::RecipientRejected,
            ErrorCode::KeychainUnavailable,  ErrorCode::StorageFailed};
}

ErrorCatalog::Entry ErrorCatalog::entry(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        break;
    case ErrorCode::HostUnreachable:
        return {code, tr("Server not reachable"),
                tr("The server name could not be found or nothing answered on that port."),
                tr("Check the server name and port, and that this computer is online.")};
    case ErrorCode::ConnectionTimedOut:
        return {code, tr("The server did not answer in time"),
                tr("A connection was started but the server stayed silent."),
                tr("Try again later; if it persists, check the port and any firewall.")};
    case ErrorCode::ConnectionLost:
        return {code, tr("Connection lost"),
                tr("The connection to the server broke off. Nothing was lost: Threadline "
                   "resumes where it stopped."),
                tr("Threadline retries by itself; check the network if it keeps happening.")};
    case ErrorCode::ProtocolFailure:
        return {code, tr("The server's answer made no sense"),
                tr("Threadline reached the server, but it did not answer as a mail server should."),
                tr("Check the port number and the security setting (TLS or STARTTLS).")};
    case ErrorCode::WrongServiceOnPort:
        return {code, tr("A different service answers on this port"),
                tr("The port belongs to another kind of server, for example sending (SMTP) "
                   "instead of receiving (IMAP)."),
                tr("Use the IMAP port (usually 993) for receiving and the submission port "
                   "(465 or 587) for sending.")};
    case ErrorCode::Pop3Only:
        return {code, tr("This is a POP3 server"),
                tr("Threadline needs IMAP to keep your mail on the server; POP3 is not "
                   "supported."),
                tr("Ask your provider for the IMAP server name, or enable IMAP in your "
                   "mailbox settings.")};
    case ErrorCode::NoTlsOffered:
        return {code, tr("The server offers no encryption"),
                tr("Threadline never sends your password over an unencrypted connection."),
                tr("Choose TLS on port 993 (or 465 for sending), or ask your provider.")};
    case ErrorCode::StartTlsMissing:
        return {code, tr("STARTTLS is not offered"),
                tr("The connection was set to STARTTLS, but the server does not offer it, so "
                   "Threadline did not sign in."),
                tr("Choose TLS (port 993 or 465) instead of STARTTLS.")};
    case ErrorCode::UntrustedCertificate:
        return {code, tr("The server's certificate is not trusted"),
                tr("The certificate was not issued by an authority this computer trusts. "
                   "Someone may be intercepting the connection, or the server uses a "
                   "self-made certificate."),
                tr("Check the certificate's details with your provider; trust it only if "
                   "its fingerprint matches.")};
    case ErrorCode::HostnameMismatch:
        return {code, tr("The certificate is for a different server"),
                tr("The server presented a certificate for another name."),
                tr("Use the server name written in your provider's instructions.")};
    case ErrorCode::CertificateExpired:
        return {code, tr("The server's certificate has expired"),
                tr("The certificate is no longer valid, or this computer's clock is wrong."),
                tr("Check the date and time of this computer, then tell your provider.")};
    case ErrorCode::TlsHandshakeFailed:
        return {code, tr("Encryption could not be set up"),
                tr("The server and Threadline could not agree on a secure connection."),
                tr("Check the port and security setting; the server may be too old.")};
    case ErrorCode::AuthenticationFailed:
        return {code, tr("Sign-in refused"), tr("The server rejected the user name or password."),
                tr("Check the password. Many providers require an app password when two-step "
                   "verification is on; for Google and Microsoft accounts, use \"Sign in with "
                   "Google / Microsoft\" instead.")};
    case ErrorCode::SentFolderNotFound:
        return {code, tr("No Sent folder found"),
                tr("Threadline syncs your INBOX and your Sent folder, and could not tell which "
                   "folder holds sent mail."),
                tr("Choose the Sent folder in the account settings.")};
    case ErrorCode::MessageNotOnServer:
        return {code, tr("The message is no longer on the server"),
                tr("It was deleted or moved to another folder, perhaps from another mail program "
                   "or device, or the server reset its folder."),
                tr("Sync now to bring the card up to date; if the message is still listed, open "
                   "the attachment again.")};
    case ErrorCode::AttachmentMissing:
        return {code, tr("Attachment not found"),
                tr("The server's copy of the message does not contain this attachment."),
                tr("Sync now, then try again; if it keeps failing, open the message in your "
                   "provider's webmail.")};
    case ErrorCode::SendLimitReached:
        return {code, tr("Daily sending limit reached"),
                tr("You have sent as many messages today as the limit allows. The message waits "
                   "in the outbox."),
                tr("It is sent tomorrow, or raise the limit in the settings if your provider "
                   "allows more.")};
    case ErrorCode::RecipientRejected:
        return {code, tr("Recipient refused"),
                tr("The server refused one of the recipients' addresses. The message stays in "
                   "the outbox."),
                tr("Check the address for typos, then send again.")};
    case ErrorCode::KeychainUnavailable:
        return {code, tr("The keychain is not available"),
                tr("Threadline keeps passwords only in the system keychain (Secret Service), and "
                   "none answered."),
                tr("Start your desktop's keyring (GNOME Keyring or KWallet) and unlock it.")};
    case ErrorCode::StorageFailed:
        return {code, tr("Cannot write to the database"),
                tr("Threadline could not save to its database on this computer."),
                tr("Check free disk space and that the profile folder is writable.")};
    }
    return {ErrorCode::None, QString(), QString(), QString()};
}

QString ErrorCatalog::describe(const UserError& error)
{
    const Entry e = entry(error.code);
    QString text = tr("Error %1 — %2: %3 What to do: %4")
                       .arg(int(error.code))
                       .arg(e.title, e.explanation, e.fix);
    if (!error.detail.isEmpty())
        text += u' ' + tr("(Details: %1)").arg(error.detail);
    return text;
}

} // namespace threadline::net
