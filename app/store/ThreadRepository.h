#pragma once

#include "ChangeSet.h"
#include "Result.h"
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
// instance is summed up from what assign() was told; any other is recounted from the
// messages table.
class ThreadRepository final
{
public:
    explicit ThreadRepository(const QSqlDatabase& db);

    // What assign() needs of a message; date in seconds since the epoch, 0 when unknown.
    struct Message
    {
        qint64 id = 0;
        QString subject;
        qint64 date = 0;
        QString fromName;
        QString fromEmail;
    };

    // A new, empty thread.
    Result<qint64> create();
    // Puts a message in a thread (messages.thread_id at once; the thread's row at flush()).
    std::optional<StoreError> assign(const Message& message, qint64 threadId, ThreadReason reason);
    // Writes the rows of the threads assign() or merge() changed since the last flush.
    std::optional<StoreError> flush();
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
    // A thread created here: everything its row says is known from assign().
    struct Created
    {
        QList<Message> messages;
    };

    QSqlQuery& statement(std::optional<QSqlQuery>& slot, const QString& sql);
    QSqlQuery& setRowStatement();

    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_create;
    std::optional<QSqlQuery> m_setMessageThread;
    std::optional<QSqlQuery> m_setThreadRow;
    QHash<qint64, Created> m_created;
    QSet<qint64> m_dirty;
};

} // namespace threadline::store
