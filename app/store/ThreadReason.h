#pragma once

#include <QString>

namespace threadline::store {

// How a message found its thread; stored with the message and shown as "why it is here".
enum class ThreadReason
{
    New,        // started a thread (no known parent, child or sibling)
    ReplyChain, // Message-ID / In-Reply-To / References met a stored message (RFC 5322 §3.6.4)
    Subject,    // no threading headers: same subject and participants, within the time window
};

inline QString threadReasonKey(ThreadReason reason)
{
    switch (reason) {
    case ThreadReason::New:
        return QStringLiteral("new");
    case ThreadReason::ReplyChain:
        return QStringLiteral("reply-chain");
    case ThreadReason::Subject:
        return QStringLiteral("subject");
    }
    return {};
}

inline ThreadReason threadReasonFromKey(QStringView key)
{
    if (key == u"reply-chain")
        return ThreadReason::ReplyChain;
    if (key == u"subject")
        return ThreadReason::Subject;
    return ThreadReason::New;
}

} // namespace threadline::store
