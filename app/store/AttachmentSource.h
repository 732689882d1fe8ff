#pragma once

#include "MessageLocation.h"

#include <QList>
#include <QString>

namespace threadline::store {

// What fetching one listed attachment needs: the part as the sync listed it, the key of its
// message (the cache tells a reused message id apart by it) and where the server holds copies.
struct AttachmentSource
{
    qint64 messageId = 0;
    QString messageKey;
    QString part; // IMAP body part number (RFC 3501 §6.4.5), e.g. "2" or "2.1"
    QString fileName;
    QString mimeType;
    qint64 size = 0; // decoded size as listed; an estimate for base64 and quoted-printable
    QList<MessageLocation> locations; // empty once no synced folder holds the message

    friend bool operator==(const AttachmentSource&, const AttachmentSource&) = default;
};

} // namespace threadline::store
