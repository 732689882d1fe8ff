#include "ThreadRepository.h"

#include "LinkRepository.h"
#include "SqlHelpers.h"
#include "ThreadSubject.h"

#include <QDateTime>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

// Thread dates are seconds since the epoch, 0 when unknown; an unknown date never wins.
qint64 seconds(const QVariant& value)
{
    return value.isNull() ? 0 : value.toLongLong();
}

qint64 earlier(qint64 a, qint64 b)
{
    if (a == 0 || b == 0)
        return a == 0 ? b : a;
    return std::min(a, b);
}

qint64 later(qint64 a, qint64 b)
{
    return std::max(a, b);
}

} // namespace

ThreadRepository::ThreadRepository(const QSqlDatabase& db)
    : m_db(db)
{}

QSqlQuery& ThreadRepository::statement(std::optional<QSqlQuery>& slot, const QString& sql)
{
    if (!slot)
        slot.emplace(prepareQuery(m_db, sql));
    return *slot;
}

Result<qint64> ThreadRepository::create()
{
    QSqlQuery& query = statement(m_create, u"INSERT INTO threads (message_count) VALUES (0)"_s);
    if (!query.exec())
        return queryFailed(query);
    return query.lastInsertId().toLongLong();
}

std::optional<StoreError> ThreadRepository::assign(qint64 messageId, qint64 threadId,
                                                   ThreadReason reason)
{
    QSqlQuery& message =
        statement(m_messageInfo, u"SELECT subject, date FROM messages WHERE id = ?"_s);
    if (!execWith(message, messageId))
        return queryFailed(message);
    if (!message.next())
        return StoreError{StoreError::Code::QueryFailed, u"no message %1"_s.arg(messageId)};
    const QString subject = message.value(0).toString();
    const qint64 date = seconds(message.value(1));
    message.finish();

    QSqlQuery& thread = statement(
        m_threadInfo, u"SELECT subject, subject_key, first_date, last_date, message_count "
                      "FROM threads WHERE id = ?"_s);
    if (!execWith(thread, threadId))
        return queryFailed(thread);
    if (!thread.next())
        return StoreError{StoreError::Code::QueryFailed, u"no thread %1"_s.arg(threadId)};
    QString threadSubject = thread.value(0).toString();
    QString subjectKey = thread.value(1).toString();
    const qint64 firstDate = thread.value(2).toLongLong();
    const qint64 lastDate = thread.value(3).toLongLong();
    const qint64 count = thread.value(4).toLongLong();
    thread.finish();

    // The thread is named after its earliest message: a parent arriving after its replies
    // gives the thread its own subject, without the "Re:".
    const bool earliest = count == 0 || (date != 0 && (firstDate == 0 || date < firstDate));
    if (earliest) {
        threadSubject = subject;
        subjectKey = ThreadSubject::key(subject);
    }

    QSqlQuery& setMessage = statement(
        m_setMessageThread, u"UPDATE messages SET thread_id = ?, thread_reason = ? WHERE id = ?"_s);
    if (!execWith(setMessage, threadId, threadReasonKey(reason), messageId))
        return queryFailed(setMessage);
    QSqlQuery& setThread = statement(
        m_setThreadStats, u"UPDATE threads SET subject = ?, subject_key = ?, first_date = ?, "
                          "last_date = ?, message_count = ? WHERE id = ?"_s);
    if (!execWith(setThread, threadSubject, subjectKey, earlier(firstDate, date),
                  later(lastDate, date), count + 1, threadId))
        return queryFailed(setThread);
    return std::nullopt;
}

Result<QSet<qint64>> ThreadRepository::merge(qint64 from, qint64 into)
{
    QSet<qint64> cards;
    QSqlQuery linked = prepareQuery(
        m_db, u"SELECT DISTINCT card_id FROM links WHERE thread_id = ? OR thread_id = ?"_s);
    if (!execWith(linked, from, into))
        return queryFailed(linked);
    while (linked.next())
        cards.insert(linked.value(0).toLongLong());

    QSqlQuery messages =
        prepareQuery(m_db, u"UPDATE messages SET thread_id = ? WHERE thread_id = ?"_s);
    if (!execWith(messages, into, from))
        return queryFailed(messages);
    if (auto error = LinkRepository(m_db).mergeThreadLinks(from, into))
        return *error;
    QSqlQuery tombstones =
        prepareQuery(m_db, u"UPDATE message_tombstones SET thread_id = ? WHERE thread_id = ?"_s);
    if (!execWith(tombstones, into, from))
        return queryFailed(tombstones);
    QSqlQuery remove = prepareQuery(m_db, u"DELETE FROM threads WHERE id = ?"_s);
    if (!execWith(remove, from))
        return queryFailed(remove);
    return cards;
}

std::optional<StoreError> ThreadRepository::refresh(const QSet<qint64>& threadIds)
{
    QSqlQuery stats =
        prepareQuery(m_db, u"SELECT count(*), coalesce(min(date), 0), coalesce(max(date), 0) "
                           "FROM messages WHERE thread_id = ?"_s);
    QSqlQuery senders = prepareQuery(m_db, u"SELECT subject, from_name, from_email FROM messages "
                                           "WHERE thread_id = ? ORDER BY date IS NULL, date, id"_s);
    QSqlQuery update =
        prepareQuery(m_db, u"UPDATE threads SET subject = coalesce(?, subject), "
                           "subject_key = coalesce(?, subject_key), "
                           "participants = coalesce(?, participants), "
                           "first_date = ?, last_date = ?, message_count = ? WHERE id = ?"_s);
    for (qint64 threadId : threadIds) {
        if (!execWith(stats, threadId) || !stats.next())
            return queryFailed(stats);
        const qint64 count = stats.value(0).toLongLong();
        const qint64 first = stats.value(1).toLongLong();
        const qint64 last = stats.value(2).toLongLong();
        stats.finish();

        // An empty thread (kept for its decisions) keeps the subject it had.
        QVariant subject;
        QVariant subjectKey;
        QStringList names;
        QSet<QString> seen;
        if (!execWith(senders, threadId))
            return queryFailed(senders);
        while (senders.next()) {
            if (subject.isNull()) {
                subject = senders.value(0).toString();
                subjectKey = ThreadSubject::key(subject.toString());
            }
            const QString email = senders.value(2).toString();
            const QString key = email.toLower();
            if (names.size() >= maxParticipants || seen.contains(key))
                continue;
            seen.insert(key);
            const QString name = senders.value(1).toString();
            names.append(name.isEmpty() ? email : name);
        }
        const QVariant participants = count == 0 ? QVariant() : QVariant(names.join(u", "_s));
        if (!execWith(update, subject, subjectKey, participants, first, last, count, threadId))
            return queryFailed(update);
    }
    return std::nullopt;
}

std::optional<StoreError> ThreadRepository::pruneEmpty(const QSet<qint64>& threadIds,
                                                       ChangeSet* changes)
{
    QSqlQuery count = prepareQuery(m_db, u"SELECT message_count FROM threads WHERE id = ?"_s);
    QSqlQuery cards = prepareQuery(
        m_db, u"SELECT DISTINCT card_id, state = 'detached' OR origin = 'manual' FROM links "
              "WHERE thread_id = ?"_s);
    QSqlQuery remove = prepareQuery(m_db, u"DELETE FROM threads WHERE id = ?"_s);
    for (qint64 threadId : threadIds) {
        if (!execWith(count, threadId))
            return queryFailed(count);
        if (!count.next()) {
            changes->removedThreads.insert(threadId);
            continue;
        }
        const bool empty = count.value(0).toLongLong() == 0;
        count.finish();
        if (!execWith(cards, threadId))
            return queryFailed(cards);
        bool held = false;
        while (cards.next()) {
            changes->cards.insert(cards.value(0).toLongLong());
            held = held || cards.value(1).toBool();
        }
        if (!empty || held) {
            changes->threads.insert(threadId);
            continue;
        }
        if (!execWith(remove, threadId))
            return queryFailed(remove);
        changes->removedThreads.insert(threadId);
        changes->threads.remove(threadId);
    }
    return std::nullopt;
}

} // namespace threadline::store
