#pragma once

#include <QtGlobal>

namespace threadline::imap {

// "* 23 EXISTS": the number of messages in the mailbox. RFC 3501 §7.3.1.
struct ExistsResponse
{
    quint32 count = 0;

    friend bool operator==(const ExistsResponse&, const ExistsResponse&) = default;
};

} // namespace threadline::imap
