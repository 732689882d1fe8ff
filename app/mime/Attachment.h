#pragma once

#include <QByteArray>
#include <QString>

namespace threadline::mime {

// A part listed but not decoded: enough to show it and to fetch it later by part number.
struct Attachment
{
    QString fileName;            // directory parts removed; may be empty
    QByteArray mimeType;         // lowercased, e.g. "application/pdf"
    qint64 size = 0;             // decoded size, estimated from the encoded data
    QString partPath;            // IMAP part number (RFC 3501 §6.4.5), e.g. "2" or "2.1"
    QByteArray transferEncoding; // lowercased Content-Transfer-Encoding, to decode a fetch
    QByteArray contentId;        // without angle brackets, for cid: references in HTML
    bool isInline = false;       // shown within the body (inline disposition or cid image)

    friend bool operator==(const Attachment&, const Attachment&) = default;
};

} // namespace threadline::mime
