#pragma once

#include <QByteArray>

namespace threadline::imap {

// "+ text": the server waits for a literal, the next SASL response or DONE. RFC 3501 §7.5.
struct ContinuationRequest
{
    QByteArray text; // raw: base64 for a SASL challenge, free text otherwise

    friend bool operator==(const ContinuationRequest&, const ContinuationRequest&) = default;
};

} // namespace threadline::imap
