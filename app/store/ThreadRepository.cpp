#include "ThreadRepository.h"

#include "LinkRepository.h"
#include "MessageRecord.h"
#include "SqlHelpers.h"
#include "ThreadSubject.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

// One message of a thread as the summary needs it.
struct Sender
{
    qint64 date = 0; // 0 when unknown: sorts last
    qint64 id = 0;
    QString subject;
    QString name;
    QString email;
};

// A thread's row, summed up from its messages: the subject is the earliest message's (a
// parent arriving after its replies names the thread without the "Re:"), participants are
// the first distinct senders by date. An unknown date never wins.
struct Summary
{
    std::optional<QString> subject; // none for an empty thread: it keeps the subject it had
    std::optional<QString> subjectKey;
    std::optional<QString> participants;
    qint64 first = 0;
    qint64 last = 0;
    qint64 count = 0;
};

bool byDate(const Sender& a, const Sender& b)
{
    if ((a.date == 0) != (b.date == 0))
        return b.date == 0;
    return a.date != b.date ? a.date < b.date : a.id < b.id;
}

// ThreadSubject::key, remembered: a thread's row is summed up again with each batch that
// adds to it, mostly with the subject it had.
QString subjectKey(const QString& subject, QHash<QString, QString>* keys)
{
    if (const auto known = keys->constFind(subject); known != keys->cend())
        return *known;
    // Bounded: the subjects of the last batches are the ones met again.
    if (keys->size() >= 4096)
        keys->clear();
    return *keys->insert(subject, ThreadSubject::key(subject));
}

// `senders` sorted with byDate.
Summary summarize(const QList<Sender>& senders, int maxParticipants, QHash<QString, QString>* keys)
{
    Summary summary;
    summary.count = senders.size();
    QStringList names;
    // Holds at most maxParticipants keys (the look-up stops there): a list beats a hash.
    QStringList seen;
    for (const Sender& sender : senders) {
        if (sender.date != 0) {
            summary.first = summary.first == 0 ? sender.date : std::min(summary.first, sender.date);
            summary.last = std::max(summary.last, sender.date);
        }
        if (!summary.subject) {
            summary.subject = sender.subject;
            summary.subjectKey = subjectKey(sender.subject, keys);
        }
        const QString key = MessageRecord::lowercase(sender.email);
        if (names.size() >= maxParticipants || seen.contains(key))
            continue;
        seen.append(key);
        names.append(sender.name.isEmpty() ? sender.email : sender.name);
    }
    if (summary.count > 0)
        summary.participants = names.join(u", "_s);
    return summary;
}

// The summary of the messages a thread created here was told about.
Summary summarizeMessages(const QList<ThreadRepository::Message>& messages, int maxParticipants,
                          QHash<QString, QString>* keys)
{
    QList<Sender> senders;
    senders.reserve(messages.size());
    // Their order stands for their ids (see Message).
    qint64 order = 0;
    for (const ThreadRepository::Message& message : messages)
        senders.append(
            {message.date, order++, message.subject, message.fromName, message.fromEmail});
    std::sort(senders.begin(), senders.end(), byDate);
    return summarize(senders, maxParticipants, keys);
}

} // namespace

ThreadRepository::ThreadRepository(const QSqlDatabase& db)
    : m_db(db)
    , m_create(db, u"INSERT INTO threads (subject, subject_key, participants, first_date, "
                   "last_date, message_count) VALUES (?, ?, ?, ?, ?, ?)"_s)
    // coalesce: an empty thread (kept for its decisions) keeps its subject and participants.
    , m_setRow(db, u"UPDATE threads SET subject = coalesce(?, subject), "
                   "subject_key = coalesce(?, subject_key), "
                   "participants = coalesce(?, participants), "
                   "first_date = ?, last_date = ?, message_count = ? WHERE id = ?"_s)
    , m_senders(db, u"SELECT coalesce(date, 0), id, subject, from_name, from_email FROM messages "
                    "WHERE thread_id = ?"_s)
{}

Result<qint64> ThreadRepository::create(const Message& first)
{
    // The row is written whole at once: a thread of one message needs no update at flush().
    Created created{{first}, true};
    const Summary summary = summarizeMessages(created.messages, maxParticipants, &m_subjectKeys);
    if (!m_create.exec(summary.subject, summary.subjectKey, summary.participants, summary.first,
                       summary.last, summary.count))
        return m_create.error();
    const qint64 id = m_create.lastInsertId();
    m_created.insert(id, std::move(created));
    return id;
}

void ThreadRepository::assign(const Message& message, qint64 threadId)
{
    if (auto created = m_created.find(threadId); created != m_created.end()) {
        created->messages.append(message);
        created->rowCurrent = false;
    }
    m_dirty.insert(threadId);
}

void ThreadRepository::forgetCreated()
{
    m_created.clear();
}

std::optional<StoreError> ThreadRepository::flush()
{
    QSet<qint64> recount;
    for (qint64 threadId : std::as_const(m_dirty)) {
        const auto created = m_created.find(threadId);
        if (created == m_created.end()) {
            recount.insert(threadId);
            continue;
        }
        if (created->rowCurrent)
            continue;
        const Summary summary =
            summarizeMessages(created->messages, maxParticipants, &m_subjectKeys);
        if (!m_setRow.exec(summary.subject, summary.subjectKey, summary.participants, summary.first,
                           summary.last, summary.count, threadId))
            return m_setRow.error();
        created->rowCurrent = true;
    }
    m_dirty.clear();
    return refresh(recount);
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
    // Both sides' messages are now in `into`: its row is recounted from the table.
    m_created.remove(from);
    m_created.remove(into);
    m_dirty.remove(from);
    m_dirty.insert(into);
    return cards;
}

std::optional<StoreError> ThreadRepository::refresh(const QSet<qint64>& threadIds)
{
    if (threadIds.isEmpty())
        return std::nullopt;
    for (qint64 threadId : threadIds) {
        if (!m_senders.query(threadId))
            return m_senders.error();
        QList<Sender> rows;
        while (m_senders.next())
            rows.append({m_senders.int64At(0), m_senders.int64At(1), m_senders.textAt(2),
                         m_senders.textAt(3), m_senders.textAt(4)});
        if (m_senders.failed())
            return m_senders.error();
        std::sort(rows.begin(), rows.end(), byDate);
        const Summary summary = summarize(rows, maxParticipants, &m_subjectKeys);
        if (!m_setRow.exec(summary.subject, summary.subjectKey, summary.participants, summary.first,
                           summary.last, summary.count, threadId))
            return m_setRow.error();
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
