#pragma once

#include <QString>

namespace threadline::sync {

// One attachment asked for: a stored message (its row id) and the IMAP part the sync listed
// it under. With saveTo set, the fetched file is also copied there (the user's "Save As…").
struct AttachmentRequest
{
    quint64 id = 0; // the caller's handle; AttachmentFetcher's signals carry it back
    qint64 messageId = 0;
    QString part; // "2", "2.1" (RFC 3501 §6.4.5)
    QString saveTo;

    friend bool operator==(const AttachmentRequest&, const AttachmentRequest&) = default;
};

} // namespace threadline::sync
