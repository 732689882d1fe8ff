#pragma once

#include "Address.h"
#include "OutgoingAttachment.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace threadline::mime {

// Builds an RFC 5322 / MIME message for sending: CRLF line endings, lines within 76
// characters (998 at most), non-ASCII header text as RFC 2047 UTF-8 encoded-words, text
// as UTF-8 quoted-printable, an optional HTML alternative, attachments in base64 with
// RFC 2231 file names. Date and Message-ID are generated when not set.
class MessageBuilder final
{
public:
    MessageBuilder() = default;

    void setFrom(const Address& from) { m_from = from; }
    void setTo(const AddressList& to) { m_to = to; }
    void setCc(const AddressList& cc) { m_cc = cc; }
    // Bcc recipients get the message through the SMTP envelope; the header is written
    // only with setWriteBccHeader(true) (e.g. for the copy kept in Sent).
    void setBcc(const AddressList& bcc) { m_bcc = bcc; }
    void setWriteBccHeader(bool write) { m_writeBcc = write; }
    void setReplyTo(const AddressList& replyTo) { m_replyTo = replyTo; }
    void setSubject(const QString& subject) { m_subject = subject; }
    void setDate(const QDateTime& date) { m_date = date; }
    // Without angle brackets.
    void setMessageId(const QString& id) { m_messageId = id; }
    void setInReplyTo(const QStringList& ids) { m_inReplyTo = ids; }
    void setReferences(const QStringList& ids) { m_references = ids; }
    // A reply to the message with these headers (RFC 5322 §3.6.4): In-Reply-To is its id,
    // References its References (or else its single In-Reply-To) followed by its id.
    void setReplyParent(const QString& parentMessageId, const QStringList& parentReferences,
                        const QStringList& parentInReplyTo = {});
    void setTextBody(const QString& text) { m_text = text; }
    void setHtmlBody(const QString& html) { m_html = html; }
    void addAttachment(const OutgoingAttachment& attachment) { m_attachments.append(attachment); }
    // Another unstructured header, e.g. "X-Mailer"; encoded as needed.
    void addHeader(const QByteArray& name, const QString& value);

    // The message bytes. Fills in Date and Message-ID first when they were not set.
    QByteArray build();

    QString messageId() const { return m_messageId; }
    QDateTime date() const { return m_date; }
    // To, Cc and Bcc for the SMTP envelope, each address once (compared normalized).
    AddressList envelopeRecipients() const;

    // "<random>@<domain>" without brackets: 128 random bits, so ids never collide.
    static QString generateMessageId(const QString& domain);

private:
    Address m_from;
    AddressList m_to;
    AddressList m_cc;
    AddressList m_bcc;
    AddressList m_replyTo;
    bool m_writeBcc = false;
    QString m_subject;
    QDateTime m_date;
    QString m_messageId;
    QStringList m_inReplyTo;
    QStringList m_references;
    QString m_text;
    QString m_html;
    QList<OutgoingAttachment> m_attachments;
    QList<std::pair<QByteArray, QString>> m_extraHeaders;
};

} // namespace threadline::mime
