#pragma once

#include <QByteArray>
#include <QList>

namespace threadline::imap {

// "* FLAGS (\Answered \Seen ...)": the flags defined in the selected mailbox. RFC 3501 §7.2.6.
struct FlagsResponse
{
    QList<QByteArray> flags;

    friend bool operator==(const FlagsResponse&, const FlagsResponse&) = default;
};

} // namespace threadline::imap
