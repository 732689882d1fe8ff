#pragma once

#include "ChangeSet.h"
#include "Result.h"
#include "ThreadReason.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <optional>

namespace threadline::store {

// Writes of the threads table: the threader decides, this class applies. Statements are
// prepared once per instance, so keep one instance for a whole batch. Call inside the
// caller's transaction.
class ThreadRepository final
{
public:
    explicit ThreadRepository(const QSqlDatabase& db);

    // A new, empty thread.
    Result<qint64> create();
    // Puts a message in a thread and updates the thread's count, dates and subject at once
    // (so later messages of the same batch can find it by subject).
    std::optional<StoreError> assign(qint64 messageId, qint64 threadId, ThreadReason reason);
    // Moves messages, links and tombstones of `from` into `into` and deletes `from`. Links of
    // one card on both sides become one: a detached decision on either side wins, else a
    // manual attach wins over an automatic one. Returns the cards whose links were touched.
    Result<QSet<qint64>> merge(qint64 from, qint64 into);
    // Recomputes subject, subject key, participants, dates and count from the messages.
    std::optional<StoreError> refresh(const QSet<qint64>& threadIds);
    // Deletes the threads among these left without messages, unless a decision (a detached
    // or manual link) holds them; fills the change set with what went and who saw it.
    std::optional<StoreError> pruneEmpty(const QSet<qint64>& threadIds, ChangeSet* changes);

    // How many senders the participants display names before it stops.
    static constexpr int maxParticipants = 8;

private:
    QSqlQuery& statement(std::optional<QSqlQuery>& slot, const QString& sql);

    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_create;
    std::optional<QSqlQuery> m_messageInfo;
    std::optional<QSqlQuery> m_threadInfo;
    std::optional<QSqlQuery> m_setMessageThread;
    std::optional<QSqlQuery> m_setThreadStats;
};

} // namespace threadline::store
