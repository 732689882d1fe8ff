#pragma once

#include "LinkOrigin.h"
#include "LinkState.h"
#include "ThreadSummary.h"

namespace threadline::store {

// A thread as one card shows it, with why it is there.
struct CardThread
{
    ThreadSummary thread;
    LinkState state = LinkState::Attached;
    LinkOrigin origin = LinkOrigin::Address;
    QString detail; // the matched address, or the message replied to
    // false: the card holds only some messages of the thread (attached one by one), or,
    // detached, the decision was about single messages.
    bool wholeThread = true;
};

} // namespace threadline::store
