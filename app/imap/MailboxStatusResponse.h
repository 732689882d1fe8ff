#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace threadline::imap {

// "* STATUS INBOX (MESSAGES 3 UIDNEXT 6 ...)": the answer to the STATUS command.
// RFC 3501 §7.2.4, HIGHESTMODSEQ from RFC 7162, SIZE from RFC 8438.
struct MailboxStatusResponse
{
    QByteArray encodedName;
    QString name;
    std::optional<quint32> messages;
    std::optional<quint32> recent;
    std::optional<quint32> uidNext;
    std::optional<quint32> uidValidity;
    std::optional<quint32> unseen;
    std::optional<quint64> highestModSeq;
    std::optional<quint64> size;

    friend bool operator==(const MailboxStatusResponse&, const MailboxStatusResponse&) = default;
};

} // namespace threadline::imap
