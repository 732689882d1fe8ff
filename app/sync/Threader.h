#pragma once

#include "MatchPolicy.h"
#include "store/ChangeSet.h"
#include "store/MessageRecord.h"
#include "store/Result.h"
#include "store/Statement.h"
#include "store/StoredMessage.h"
#include "store/ThreadPlacement.h"
#include "store/ThreadRepository.h"

#include <QHash>
#include <QList>
#include <QSet>
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
//
// A batch is begin(), place() for each new message in batch order, just before its row is
// written with the thread it was given (MessageRepository::storeBatch), then finish(). Keep
// one instance per connection: its statements stay prepared from batch to batch.
class Threader final
{
public:
    Threader(const QSqlDatabase& db, MatchPolicy policy);

    // Starts a batch; nothing of the last one is kept but prepared statements.
    std::optional<store::StoreError> begin();
    // The thread of a new message, created or merged as needed. Stored messages named by it
    // must be placed already (a later message of the batch sees the earlier ones); its own
    // row is not written yet. `copies` are the batch's records of the message (the first is
    // the one stored, others only add addresses): its participants, for the subject rule.
    store::Result<store::ThreadPlacement> place(const store::StoredMessage& message,
                                                const QList<const store::MessageRecord*>& copies);
    // Once the batch's rows are written: writes the threads' rows, sets the final threadId of
    // every message of the batch (after merges) and returns the threads created, changed or
    // merged away, and the cards whose thread lists changed with them.
    store::Result<store::ChangeSet> finish(QList<store::StoredMessage>& stored);

    static constexpr int subjectWindowDays = 30;

private:
    struct Placed;
    std::optional<store::StoreError> collectIds(store::Statement& query, const QString& value,
                                                QList<qint64>* into);
    // m_referencing's answer for an id, from m_named when the batch knows it.
    std::optional<store::StoreError> collectReferencing(const QString& id, QList<qint64>* into);
    // The thread `threadId` is now, after the batch's merges from the `mergesBefore`-th on.
    qint64 afterMerges(qint64 threadId, qsizetype mergesBefore) const;
    QSet<QString> participants(const QList<const store::MessageRecord*>& copies) const;

    QSqlDatabase m_db;
    MatchPolicy m_policy;
    store::ThreadRepository m_threads;
    store::Statement m_anyTombstone;
    store::Statement m_byMessageId;
    store::Statement m_referencing;
    store::Statement m_tombstone;
    store::Statement m_takeTombstone;
    store::Statement m_bySubject;
    store::Statement m_threadParticipants;
    store::Statement m_linkedCards;

    // Of the current batch.
    bool m_tombstones = false;
    store::ChangeSet m_changes;
    QSet<qint64> m_touched;
    // The batch's merges (from, into) in order, and for each placed message how many of them
    // had happened when it was placed: the later ones move it. (A merged-away id may be
    // given to a thread created after, so an id alone does not say which thread it was.)
    QList<std::pair<qint64, qint64>> m_merges;
    QList<qsizetype> m_mergesBefore;
    // Threads created by this batch: nothing is linked to them yet.
    QSet<qint64> m_created;
    // The batch's placed messages with a Message-ID: their thread when placed and how many
    // merges had happened then. A reference to one of them is answered from here, as
    // m_byMessageId would answer it (its row moves only with the later merges).
    struct Placed
    {
        qint64 threadId = 0;
        qsizetype mergesBefore = 0;
    };
    QHash<QString, Placed> m_placed;
    // The ids the batch's placed messages name (their message_references), with the thread
    // of one of them, answering m_referencing the same way.
    QHash<QString, Placed> m_named;
};

} // namespace threadline::sync
