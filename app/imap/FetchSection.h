#pragma once

#include <QByteArray>
#include <QList>
#include <optional>

namespace threadline::imap {

// One BODY[section]<origin> (or BINARY[...], RFC 3516) item of a FETCH response, with its
// data. RFC 3501 §6.4.5 and §7.4.2. RFC822, RFC822.HEADER and RFC822.TEXT arrive as the
// equivalent BODY[], BODY[HEADER] and BODY[TEXT].
struct FetchSection
{
    QByteArray part; // "", "1", "2.1"
    QByteArray text; // "", "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT", "MIME"
    QList<QByteArray> headerFields; // for HEADER.FIELDS[.NOT], upper-cased
    std::optional<quint32> origin;  // <n> when a partial fetch was answered
    bool binary = false;            // BINARY[...]: content-transfer-decoded by the server
    QByteArray data;                // null for NIL; 8-bit bytes as sent

    friend bool operator==(const FetchSection&, const FetchSection&) = default;
};

} // namespace threadline::imap
