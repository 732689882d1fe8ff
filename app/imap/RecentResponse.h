#pragma once

#include <QtGlobal>

namespace threadline::imap {

// "* 5 RECENT". RFC 3501 §7.3.2.
struct RecentResponse
{
    quint32 count = 0;

    friend bool operator==(const RecentResponse&, const RecentResponse&) = default;
};

} // namespace threadline::imap
