#pragma once

#include "MatchPolicy.h"
#include "store/ChangeSet.h"
#include "store/Result.h"
#include "store/StoredMessage.h"

#include <QList>
#include <QSqlDatabase>

namespace threadline::sync {

// Puts newly stored messages into threads (RFC 5322 §3.6.4), inside the caller's transaction.
//
// A new message joins every thread that holds: a message it names in References or
// In-Reply-To (its ancestors), a message naming it (replies stored before it), a message
// naming one of the ids it names (siblings under a parent not stored), or a tombstone of any
// of these ids (a message gone from the server). When that is more than one thread, they
// merge into the oldest (ThreadRepository::merge: a detached decision on either side wins).
// Ids are compared as written; broken ids were dropped when stored, References lists are
// bounded, and a self-reference is ignored, so cycles and huge lists cost nothing special.
//
// Only a message with no threading header at all may fall back to its subject: a reply
// prefix ("Re:", "TR:", "AW:", …), the same subject without prefixes, a thread active within
// subjectWindowDays of it, and every participant of the message other than the user already
// in that thread. Otherwise a message starts its own thread.
class Threader final
{
public:
    Threader(const QSqlDatabase& db, MatchPolicy policy);

    // Threads the inserted messages among `stored`, in order (a later message of the batch
    // sees the earlier ones), filling in their threadId. Returns the threads created,
    // changed or merged away, and the cards whose thread lists changed with them.
    store::Result<store::ChangeSet> thread(QList<store::StoredMessage>& stored);

    static constexpr int subjectWindowDays = 30;

private:
    QSqlDatabase m_db;
    MatchPolicy m_policy;
};

} // namespace threadline::sync
