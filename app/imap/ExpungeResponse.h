#pragma once

#include <QtGlobal>

namespace threadline::imap {

// "* 3 EXPUNGE": a sequence number, after which the higher numbers shift down. RFC 3501 §7.4.1.
struct ExpungeResponse
{
    quint32 sequenceNumber = 0;

    friend bool operator==(const ExpungeResponse&, const ExpungeResponse&) = default;
};

} // namespace threadline::imap
