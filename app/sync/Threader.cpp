#include "Threader.h"

#include "store/ThreadSubject.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::sync {

using store::MessageRecord;

Threader::Threader(const QSqlDatabase& db, MatchPolicy policy)
    : m_db(db)
    , m_policy(std::move(policy))
    , m_threads(db)
    , m_anyTombstone(db, u"SELECT EXISTS (SELECT 1 FROM message_tombstones)"_s)
    , m_byMessageId(db, u"SELECT thread_id FROM messages WHERE message_key = ? "
                        "AND message_id <> '' AND thread_id IS NOT NULL"_s)
    // Every stored message naming one id is in one thread (threading merged them when the
    // second one came), so one row answers for all: a root named by thousands of replies
    // costs one index probe.
    , m_referencing(db, u"SELECT m.thread_id FROM message_references r "
                        "JOIN messages m ON m.id = r.message_id "
                        "WHERE r.referenced_id = ? AND m.thread_id IS NOT NULL LIMIT 1"_s)
    , m_tombstone(db, u"SELECT thread_id FROM message_tombstones WHERE message_key = ?"_s)
    , m_takeTombstone(db,
                      u"DELETE FROM message_tombstones WHERE message_key = ? RETURNING thread_id"_s)
    , m_bySubject(db, u"SELECT id FROM threads WHERE subject_key = ? AND message_count > 0 "
                      "AND last_date >= ? AND first_date <= ? ORDER BY last_date DESC, id DESC "
                      "LIMIT 5"_s)
    , m_threadParticipants(db, u"SELECT DISTINCT a.email_norm FROM messages m "
                               "JOIN message_addresses a ON a.message_id = m.id "
                               "WHERE m.thread_id = ? AND a.role IN ('from', 'to', 'cc', 'bcc')"_s)
    , m_linkedCards(db, u"SELECT DISTINCT card_id FROM links WHERE thread_id = ?"_s)
{}

std::optional<store::StoreError> Threader::collectIds(store::Statement& query, const QString& value,
                                                      QList<qint64>* into)
{
    if (!query.query(value))
        return query.error();
    while (query.next()) {
        const qint64 id = query.int64At(0);
        if (id != 0 && !into->contains(id))
            into->append(id);
    }
    if (query.failed())
        return query.error();
    return std::nullopt;
}

qint64 Threader::afterMerges(qint64 threadId, qsizetype mergesBefore) const
{
    for (qsizetype merge = mergesBefore; merge < m_merges.size(); ++merge) {
        if (threadId == m_merges.at(merge).first)
            threadId = m_merges.at(merge).second;
    }
    return threadId;
}

std::optional<store::StoreError> Threader::collectReferencing(const QString& id,
                                                              QList<qint64>* into)
{
    // A message of this batch names it: its thread is the one m_referencing would find (every
    // message naming an id is in one thread).
    if (const auto named = m_named.constFind(id); named != m_named.cend()) {
        const qint64 threadId = afterMerges(named->threadId, named->mergesBefore);
        if (!into->contains(threadId))
            into->append(threadId);
        return std::nullopt;
    }
    return collectIds(m_referencing, id, into);
}

QSet<QString> Threader::participants(const QList<const MessageRecord*>& copies) const
{
    // What message_addresses holds of the message once the batch is written (every copy
    // adds the addresses it has and the stored one lacks), the user left out.
    QSet<QString> result;
    for (const MessageRecord* copy : copies) {
        for (const MessageRecord::Address& address : copy->addresses) {
            if (address.role != MessageRecord::Role::From &&
                address.role != MessageRecord::Role::To &&
                address.role != MessageRecord::Role::Cc && address.role != MessageRecord::Role::Bcc)
                continue;
            const QString email = MessageRecord::lowercase(address.email.trimmed());
            if (!email.isEmpty() && !m_policy.isUser(email))
                result.insert(email);
        }
    }
    return result;
}

std::optional<store::StoreError> Threader::begin()
{
    m_changes = {};
    m_touched.clear();
    m_merges.clear();
    m_mergesBefore.clear();
    m_created.clear();
    m_placed.clear();
    m_named.clear();
    m_threads.forgetCreated();
    // Tombstones appear only when mail leaves the server: most batches need not look.
    if (!m_anyTombstone.query() || !m_anyTombstone.next())
        return m_anyTombstone.error();
    m_tombstones = m_anyTombstone.int64At(0) != 0;
    m_anyTombstone.reset();
    return std::nullopt;
}

store::Result<store::ThreadPlacement> Threader::place(const store::StoredMessage& message,
                                                      const QList<const MessageRecord*>& copies)
{
    const QStringList& references = message.references;
    const QString& subject = message.subject;
    const qint64 date = message.date;

    QList<qint64> candidates;
    for (const QString& reference : references) {
        const qsizetype before = candidates.size();
        if (const auto placed = m_placed.constFind(reference); placed != m_placed.cend()) {
            const qint64 threadId = afterMerges(placed->threadId, placed->mergesBefore);
            if (!candidates.contains(threadId))
                candidates.append(threadId);
        } else if (auto error = collectIds(m_byMessageId, reference, &candidates)) {
            return *error;
        }
        // A stored ancestor's thread already holds every message naming it.
        if (candidates.size() > before)
            continue;
        if (auto error = collectReferencing(reference, &candidates))
            return *error;
        if (m_tombstones) {
            if (auto error = collectIds(m_tombstone, reference, &candidates))
                return *error;
        }
    }
    const bool viaReferences = !candidates.isEmpty();
    if (!message.headerId.isEmpty()) {
        if (auto error = collectReferencing(message.headerId, &candidates))
            return *error;
    }
    // The message itself coming back to a thread it had left.
    if (m_tombstones) {
        if (auto error = collectIds(m_takeTombstone, message.key, &candidates))
            return *error;
    }

    store::ThreadReason reason =
        viaReferences ? store::ThreadReason::ReplyChain : store::ThreadReason::New;
    if (candidates.isEmpty() && references.isEmpty() && date != 0 &&
        store::ThreadSubject::hasReplyPrefix(subject)) {
        const QString subjectKey = store::ThreadSubject::key(subject);
        const QSet<QString> own = participants(copies);
        const qint64 window = qint64(subjectWindowDays) * 24 * 3600;
        QList<qint64> sameSubject;
        if (!subjectKey.isEmpty() && !own.isEmpty()) {
            // The threads this batch changed must say so in their rows first.
            if (auto error = m_threads.flush())
                return *error;
            if (!m_bySubject.query(subjectKey, date - window, date + window))
                return m_bySubject.error();
            while (m_bySubject.next())
                sameSubject << m_bySubject.int64At(0);
            if (m_bySubject.failed())
                return m_bySubject.error();
        }
        for (qint64 threadId : std::as_const(sameSubject)) {
            QSet<QString> threadParticipants;
            if (!m_threadParticipants.query(threadId))
                return m_threadParticipants.error();
            while (m_threadParticipants.next())
                threadParticipants.insert(m_threadParticipants.textAt(0));
            if (m_threadParticipants.failed())
                return m_threadParticipants.error();
            if (threadParticipants.contains(own)) {
                candidates << threadId;
                reason = store::ThreadReason::Subject;
                break;
            }
        }
    }

    // Every candidate is a thread as it is now: merges move the rows the queries read, and
    // the batch's memory (m_placed, m_named) follows them. No merged-away id needs mapping,
    // and none may be: SQLite gives a freed id to the next new thread.
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    const store::ThreadRepository::Message facts{subject, date, message.fromName,
                                                 message.fromEmail};
    qint64 target = 0;
    if (candidates.isEmpty()) {
        const store::Result<qint64> newThread = m_threads.create(facts);
        if (!newThread)
            return newThread.error();
        target = newThread.value();
        m_created.insert(target);
    } else {
        // Into the oldest thread: its id stays, the rows the GUI shows move least.
        target = candidates.first();
        for (qsizetype i = 1; i < candidates.size(); ++i) {
            const store::Result<QSet<qint64>> cards = m_threads.merge(candidates[i], target);
            if (!cards)
                return cards.error();
            m_changes.cards.unite(cards.value());
            m_changes.removedThreads.insert(candidates[i]);
            m_touched.remove(candidates[i]);
            m_created.remove(candidates[i]);
            m_merges.append({candidates[i], target});
        }
        m_threads.assign(facts, target);
    }
    m_touched.insert(target);
    m_mergesBefore.append(m_merges.size());
    if (!message.headerId.isEmpty())
        m_placed.insert(message.key, Placed{target, m_merges.size()});
    // Its message_references rows are written with it: any of them answers for the id.
    for (const QString& reference : references) {
        if (!m_named.contains(reference))
            m_named.insert(reference, Placed{target, m_merges.size()});
    }
    return store::ThreadPlacement{target, reason};
}

store::Result<store::ChangeSet> Threader::finish(QList<store::StoredMessage>& stored)
{
    if (auto error = m_threads.flush())
        return *error;
    for (qint64 threadId : std::as_const(m_touched)) {
        m_changes.threads.insert(threadId);
        if (m_created.contains(threadId))
            continue;
        if (!m_linkedCards.query(threadId))
            return m_linkedCards.error();
        while (m_linkedCards.next())
            m_changes.cards.insert(m_linkedCards.int64At(0));
        if (m_linkedCards.failed())
            return m_linkedCards.error();
    }
    // A placed message is in its thread as of its placement; a known one as of the batch's
    // start (MessageRepository::storeBatch reads them first).
    qsizetype placed = 0;
    for (store::StoredMessage& message : stored)
        message.threadId =
            afterMerges(message.threadId, message.inserted ? m_mergesBefore.value(placed++) : 0);
    return std::exchange(m_changes, {});
}

} // namespace threadline::sync
