#pragma once

#include "imap/SequenceSet.h"

namespace threadline::imap {

// "* VANISHED (EARLIER) 41,43:116": UIDs expunged (QRESYNC replaces EXPUNGE with it).
// EARLIER marks expunges from before this command, sent while resynchronising.
// RFC 7162 §3.2.10.
struct VanishedResponse
{
    bool earlier = false;
    SequenceSet uids;

    friend bool operator==(const VanishedResponse&, const VanishedResponse&) = default;
};

} // namespace threadline::imap
