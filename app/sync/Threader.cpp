#include "Threader.h"

#include "store/SqlHelpers.h"
#include "store/ThreadRepository.h"
#include "store/ThreadSubject.h"

#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::sync {

using store::execWith;
using store::prepareQuery;
using store::queryFailed;

namespace {

// Statements of one thread() call, prepared once.
struct Statements
{
    explicit Statements(const QSqlDatabase& db)
        : byMessageId(prepareQuery(db, u"SELECT thread_id FROM messages WHERE message_key = ? "
                                       "AND message_id <> '' AND thread_id IS NOT NULL"_s))
        // Every stored message naming one id is in one thread (threading merged them when
        // the second one came), so one row answers for all: a root named by thousands of
        // replies costs one index probe.
        , referencing(
              prepareQuery(db, u"SELECT m.thread_id FROM message_references r "
                               "JOIN messages m ON m.id = r.message_id "
                               "WHERE r.referenced_id = ? AND m.thread_id IS NOT NULL LIMIT 1"_s))
        , tombstone(
              prepareQuery(db, u"SELECT thread_id FROM message_tombstones WHERE message_key = ?"_s))
        , takeTombstone(prepareQuery(
              db, u"DELETE FROM message_tombstones WHERE message_key = ? RETURNING thread_id"_s))
        , bySubject(prepareQuery(
              db, u"SELECT id FROM threads WHERE subject_key = ? AND message_count > 0 "
                  "AND last_date >= ? AND first_date <= ? ORDER BY last_date DESC, id DESC "
                  "LIMIT 5"_s))
        , messageParticipants(
              prepareQuery(db, u"SELECT email_norm FROM message_addresses WHERE message_id = ? "
                               "AND role IN ('from', 'to', 'cc', 'bcc')"_s))
        , threadParticipants(
              prepareQuery(db, u"SELECT DISTINCT a.email_norm FROM messages m "
                               "JOIN message_addresses a ON a.message_id = m.id "
                               "WHERE m.thread_id = ? AND a.role IN ('from', 'to', 'cc', 'bcc')"_s))
        , linkedCards(prepareQuery(db, u"SELECT DISTINCT card_id FROM links WHERE thread_id = ?"_s))
    {}

    QSqlQuery byMessageId;
    QSqlQuery referencing;
    QSqlQuery tombstone;
    QSqlQuery takeTombstone;
    QSqlQuery bySubject;
    QSqlQuery messageParticipants;
    QSqlQuery threadParticipants;
    QSqlQuery linkedCards;
};

// Runs a one-column query for one bound value and adds every non-zero id to `into`.
std::optional<store::StoreError> collectIds(QSqlQuery& query, const QVariant& value,
                                            QList<qint64>* into)
{
    if (!execWith(query, value))
        return queryFailed(query);
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        if (id != 0 && !into->contains(id))
            into->append(id);
    }
    return std::nullopt;
}

} // namespace

Threader::Threader(const QSqlDatabase& db, MatchPolicy policy)
    : m_db(db)
    , m_policy(std::move(policy))
{}

store::Result<store::ChangeSet> Threader::thread(QList<store::StoredMessage>& stored)
{
    Statements sql(m_db);
    store::ThreadRepository threads(m_db);
    store::ChangeSet changes;
    QSet<qint64> touched;
    // Merged-away ids met later in the batch resolve to the thread they went into.
    QHash<qint64, qint64> mergedInto;
    const auto resolve = [&mergedInto](qint64 id) {
        while (mergedInto.contains(id))
            id = mergedInto.value(id);
        return id;
    };

    // Tombstones appear only when mail leaves the server: most batches need not look.
    QSqlQuery anyTombstone =
        prepareQuery(m_db, u"SELECT EXISTS (SELECT 1 FROM message_tombstones)"_s);
    if (!anyTombstone.exec() || !anyTombstone.next())
        return queryFailed(anyTombstone);
    const bool tombstones = anyTombstone.value(0).toBool();
    // Threads created by this call: nothing is linked to them yet.
    QSet<qint64> created;

    for (store::StoredMessage& message : stored) {
        if (!message.inserted) {
            message.threadId = resolve(message.threadId);
            continue;
        }
        const QStringList& references = message.references;
        const QString& subject = message.subject;
        const qint64 date = message.date;

        QList<qint64> candidates;
        for (const QString& reference : references) {
            const qsizetype before = candidates.size();
            if (auto error = collectIds(sql.byMessageId, reference, &candidates))
                return *error;
            // A stored ancestor's thread already holds every message naming it.
            if (candidates.size() > before)
                continue;
            if (auto error = collectIds(sql.referencing, reference, &candidates))
                return *error;
            if (tombstones) {
                if (auto error = collectIds(sql.tombstone, reference, &candidates))
                    return *error;
            }
        }
        const bool viaReferences = !candidates.isEmpty();
        if (!message.headerId.isEmpty()) {
            if (auto error = collectIds(sql.referencing, message.headerId, &candidates))
                return *error;
        }
        // The message itself coming back to a thread it had left.
        if (tombstones) {
            if (auto error = collectIds(sql.takeTombstone, message.key, &candidates))
                return *error;
        }

        store::ThreadReason reason =
            viaReferences ? store::ThreadReason::ReplyChain : store::ThreadReason::New;
        if (candidates.isEmpty() && references.isEmpty() && date != 0 &&
            store::ThreadSubject::hasReplyPrefix(subject)) {
            const QString subjectKey = store::ThreadSubject::key(subject);
            QSet<QString> participants;
            if (!execWith(sql.messageParticipants, message.messageId))
                return queryFailed(sql.messageParticipants);
            while (sql.messageParticipants.next()) {
                const QString email = sql.messageParticipants.value(0).toString();
                if (!m_policy.isUser(email))
                    participants.insert(email);
            }
            const qint64 window = qint64(subjectWindowDays) * 24 * 3600;
            QList<qint64> sameSubject;
            if (!subjectKey.isEmpty() && !participants.isEmpty()) {
                // The threads this batch changed must say so in their rows first.
                if (auto error = threads.flush())
                    return *error;
                if (!execWith(sql.bySubject, subjectKey, date - window, date + window))
                    return queryFailed(sql.bySubject);
                while (sql.bySubject.next())
                    sameSubject << sql.bySubject.value(0).toLongLong();
            }
            for (qint64 threadId : std::as_const(sameSubject)) {
                QSet<QString> threadParticipants;
                if (!execWith(sql.threadParticipants, threadId))
                    return queryFailed(sql.threadParticipants);
                while (sql.threadParticipants.next())
                    threadParticipants.insert(sql.threadParticipants.value(0).toString());
                if (threadParticipants.contains(participants)) {
                    candidates << threadId;
                    reason = store::ThreadReason::Subject;
                    break;
                }
            }
        }

        for (qint64& id : candidates)
            id = resolve(id);
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

        qint64 target = 0;
        if (candidates.isEmpty()) {
            const store::Result<qint64> newThread = threads.create();
            if (!newThread)
                return newThread.error();
            target = newThread.value();
            created.insert(target);
        } else {
            // Into the oldest thread: its id stays, the rows the GUI shows move least.
            target = candidates.first();
            for (qsizetype i = 1; i < candidates.size(); ++i) {
                const store::Result<QSet<qint64>> cards = threads.merge(candidates[i], target);
                if (!cards)
                    return cards.error();
                changes.cards.unite(cards.value());
                changes.removedThreads.insert(candidates[i]);
                touched.remove(candidates[i]);
                created.remove(candidates[i]);
                mergedInto.insert(candidates[i], target);
            }
        }
        const store::ThreadRepository::Message facts{message.messageId, subject, date,
                                                     message.fromName, message.fromEmail};
        if (auto error = threads.assign(facts, target, reason))
            return *error;
        message.threadId = target;
        touched.insert(target);
    }

    if (auto error = threads.flush())
        return *error;
    for (qint64 threadId : std::as_const(touched)) {
        changes.threads.insert(threadId);
        if (created.contains(threadId))
            continue;
        if (!execWith(sql.linkedCards, threadId))
            return queryFailed(sql.linkedCards);
        while (sql.linkedCards.next())
            changes.cards.insert(sql.linkedCards.value(0).toLongLong());
    }
    for (store::StoredMessage& message : stored)
        message.threadId = resolve(message.threadId);
    return changes;
}

} // namespace threadline::sync
