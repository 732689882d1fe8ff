#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace threadline::store {

// One message as the sync engine hands it to the store, filled from a parsed message (the
// store knows nothing of app/mime). Ids are normalized: no angle brackets, no whitespace.
struct MessageRecord
{
    enum class Role
    {
        From,
        Sender,
        ReplyTo,
        To,
        Cc,
        Bcc,
        DeliveredTo, // Delivered-To / X-Original-To: where the server delivered this copy (last)
    };

    struct Address
    {
        Role role = Role::From;
        QString name;
        QString email; // as written; compared lowercased, plus-tags and dots kept
    };

    struct Attachment
    {
        QString partPath; // IMAP part number (RFC 3501 §6.4.5), to fetch it later
        QString fileName;
        QString mimeType;
        qint64 size = 0;
    };

    QString messageId;      // empty when the message has none
    QStringList inReplyTo;  // RFC 5322 §3.6.4
    QStringList references; // oldest first, as written
    QString subject;
    QDateTime date;         // the Date header; invalid when missing or unreadable
    QDateTime internalDate; // the server's INTERNALDATE
    qint64 size = 0;        // RFC822.SIZE
    QList<Address> addresses;
    QString textBody;
    std::optional<QString> htmlBody; // absent when the message has no HTML part
    QList<Attachment> attachments;
    bool outgoing = false; // From is the user
    bool dropbox = false;  // delivered to the user's BCC dropbox address (sync rule 8)
    QStringList parseProblems;

    // The key the store finds a message again by: the Message-ID, or for a message without
    // one a digest of what a resync sees again unchanged (date, sender, recipients, subject,
    // size), so the copy fetched after a UIDVALIDITY change is not stored twice.
    QString storageKey() const;

    // The addresses of one role, in order.
    QList<Address> addressesOf(Role role) const;

    // "<id>" / " id " / "<id" → "id"; empty for an id that cannot be one (spaces inside).
    static QString normalizeId(QStringView id);
    // text.toLower(), answered without Unicode's tables when the text is plain lowercase
    // ASCII (most addresses): email_norm is email.trimmed() in lowercase.
    static QString lowercase(const QString& text);
    // The database key of a role ("from", "reply-to", "delivered-to", …) and back.
    static QString roleKey(Role role);
    static std::optional<Role> roleFromKey(QStringView key);
};

} // namespace threadline::store
