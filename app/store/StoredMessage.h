#pragma once

#include <QtGlobal>

namespace threadline::store {

// What storing one message did.
struct StoredMessage
{
    qint64 messageId = 0;  // row id in messages
    qint64 threadId = 0;   // 0 until the threader has placed a new message
    bool inserted = false; // false: the message was known (another folder, or a resync)
    // A known message gained addresses from this copy (the Sent copy carries the Bcc the
    // INBOX copy lacks): it must be matched again.
    bool addressesAdded = false;
};

} // namespace threadline::store
