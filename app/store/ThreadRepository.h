#pragma once

#include "ChangeSet.h"
#include "Result.h"
#include "Statement.h"
#include "ThreadReason.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <optional>

namespace threadline::store {

// Writes of the threads table: the threader decides, this class applies. Statements are
// prepared once per instance, so keep one instance for a whole batch. Call inside the
// caller's transaction.
//
// A thread's row (subject, participants, dates, count) is written behind: assign() keeps it
// in memory and flush() writes it, once per thread per batch. A thread created by this
// instance is summed up from what create() and assign() were told (a thread that got no
// other message keeps the row create() wrote); any other is recounted from the messages
// table. The statements stay prepared as long as the instance: the sync keeps one per
// connection and calls forgetCreated() between batches.
class ThreadRepository final
{
public:
    explicit ThreadRepository(const QSqlDatabase& db);

    // What create() and assign() need of a message; date in seconds since the epoch, 0 when
    // unknown. Messages are given in the order of their rows (ids ascending), which breaks
    // ties between equal dates, so a message is counted before its row is written.
    struct Message
    {
        QString subject;
        qint64 date = 0;
        QString fromName;
        QString fromEmail;
    };

    // A new thread holding one message, its row complete. The message's row names the
    // thread itself (MessageRepository::storeBatch writes thread_id with the message).
    Result<qint64> create(const Message& first);
    // Counts a message into a thread (its row names the thread: see create()); the thread's
    // row is written at flush().
    void assign(const Message& message, qint64 threadId);
    // Writes the rows of the threads assign() or merge() changed since the last flush.
    std::optional<StoreError> flush();
    // Forgets the threads created so far: from now on they are recounted from the table like
    // any other (between two batches, another connection may have changed them).
    void forgetCreated();
    // Moves messages, links and tombstones of `from` into `into` and deletes `from`. Links of
    // one card on both sides become one: a detached decision on either side wins, else a
    // manual attach wins over an automatic one. Returns the cards whose links were touched.
    Result<QSet<qint64>> merge(qint64 from, qint64 into);
    // Recomputes subject, subject key, participants, dates and count from the messages.
    // Not for threads with unflushed changes of this instance.
    std::optional<StoreError> refresh(const QSet<qint64>& threadIds);
    // Deletes the threads among these left without messages, unless a decision (a detached
    // or manual link) holds them; fills the change set with what went and who saw it.
    std::optional<StoreError> pruneEmpty(const QSet<qint64>& threadIds, ChangeSet* changes);

    // How many senders the participants display names before it stops.
    static constexpr int maxParticipants = 8;

private:
    // A thread created here: everything its row says is known from create() and assign().
    struct Created
    {
        QList<Message> messages;
        bool rowCurrent = true; // the row says what `messages` do
    };

    QSqlDatabase m_db;
    Statement m_create;
    Statement m_setRow;
    Statement m_senders;
    QHash<qint64, Created> m_created;
    QSet<qint64> m_dirty;
    QHash<QString, QString> m_subjectKeys; // ThreadSubject::key by subject
};

} // namespace threadline::store
