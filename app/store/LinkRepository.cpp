#include "LinkRepository.h"

#include "SqlHelpers.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <limits>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

constexpr qint64 noCursor = std::numeric_limits<qint64>::max();

// Rank of one link row seen from its card: attached beats detached, whole-thread beats
// single message. The best row of a thread says how the card sees it.
const QString rankExpression = u"max((l.state = 'attached') * 2 + (l.message_id IS NULL))"_s;

std::pair<int, int> rankRange(LinkRepository::Filter filter)
{
    switch (filter) {
    case LinkRepository::Filter::Attached:
        return {2, 3};
    case LinkRepository::Filter::Detached:
        return {0, 1};
    case LinkRepository::Filter::All:
        break;
    }
    return {0, 3};
}

QDateTime dateFromSeconds(const QVariant& value)
{
    const qint64 seconds = value.toLongLong();
    return seconds == 0 ? QDateTime() : QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

// Columns 0..5 of every thread listing.
const QString threadColumns =
    u"t.id, t.subject, t.participants, t.first_date, t.last_date, t.message_count"_s;

ThreadSummary threadFrom(const QSqlQuery& query)
{
    ThreadSummary thread;
    thread.id = query.value(0).toLongLong();
    thread.subject = query.value(1).toString();
    thread.participants = query.value(2).toString();
    thread.firstDate = dateFromSeconds(query.value(3));
    thread.lastDate = dateFromSeconds(query.value(4));
    thread.messageCount = query.value(5).toInt();
    return thread;
}

std::pair<qint64, qint64> cursorValues(const std::optional<ThreadCursor>& after)
{
    return after ? std::pair{after->lastDate, after->threadId} : std::pair{noCursor, noCursor};
}

} // namespace

LinkRepository::LinkRepository(const QSqlDatabase& db)
    : m_db(db)
{}

Result<QList<CardThread>> LinkRepository::cardThreads(qint64 cardId, int limit,
                                                      const std::optional<ThreadCursor>& after,
                                                      Filter filter) const
{
    // The inner query ranks and orders small rows only (grouping follows the links_card
    // index), the outer one fetches the display columns of the page. Keyset on
    // (last_date, id): no OFFSET scan.
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT "_s + threadColumns +
                  u", g.state, g.origin, g.detail, g.whole, g.rank FROM ("
                  "SELECT l.thread_id AS tid, k.last_date AS last, l.state, l.origin, l.detail, "
                  "l.message_id IS NULL AS whole, "_s +
                  rankExpression +
                  u" AS rank FROM links l JOIN threads k ON k.id = l.thread_id "
                  "WHERE l.card_id = ? AND k.message_count > 0 AND (k.last_date, k.id) < (?, ?) "
                  "GROUP BY l.thread_id HAVING rank BETWEEN ? AND ? "
                  "ORDER BY last DESC, tid DESC LIMIT ?) g "
                  "JOIN threads t ON t.id = g.tid ORDER BY g.last DESC, g.tid DESC"_s);
    const auto [lastDate, threadId] = cursorValues(after);
    const auto [low, high] = rankRange(filter);
    if (!execWith(query, cardId, lastDate, threadId, low, high, limit))
        return queryFailed(query);
    QList<CardThread> result;
    while (query.next()) {
        CardThread row;
        row.thread = threadFrom(query);
        // Bare columns come from the row holding the max() (SQLite's documented rule).
        row.state = query.value(10).toInt() >= 2 ? LinkState::Attached : LinkState::Detached;
        row.origin = linkOriginFromKey(query.value(7).toString());
        row.detail = query.value(8).toString();
        row.wholeThread = query.value(9).toBool();
        result.append(std::move(row));
    }
    return result;
}

Result<int> LinkRepository::cardThreadCount(qint64 cardId, Filter filter) const
{
    QSqlQuery query =
        prepareQuery(m_db, u"SELECT count(*) FROM (SELECT "_s + rankExpression +
                               u" AS rank FROM links l JOIN threads t ON t.id = l.thread_id "
                               "WHERE l.card_id = ? AND t.message_count > 0 GROUP BY t.id "
                               "HAVING rank BETWEEN ? AND ?)"_s);
    const auto [low, high] = rankRange(filter);
    if (!execWith(query, cardId, low, high) || !query.next())
        return queryFailed(query);
    return query.value(0).toInt();
}

Result<QList<ThreadMessage>> LinkRepository::threadMessages(qint64 threadId, qint64 cardId) const
{
    bool threadAttached = false;
    if (cardId != 0) {
        QSqlQuery link = prepareQuery(m_db, u"SELECT state FROM links WHERE card_id = ? "
                                            "AND thread_id = ? AND message_id IS NULL"_s);
        if (!execWith(link, cardId, threadId))
            return queryFailed(link);
        threadAttached = link.next() && link.value(0).toString() == u"attached";
    }
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT m.id, m.message_id, m.subject, m.from_name, m.from_email, m.date, "
              "m.is_outgoing, m.is_dropbox, m.has_attachments, m.thread_reason, "
              "substr(m.body_text, 1, 300), "
              "(SELECT l.state FROM links l WHERE l.card_id = ? AND l.message_id = m.id) "
              "FROM messages m WHERE m.thread_id = ? ORDER BY m.date IS NULL, m.date, m.id"_s);
    if (!execWith(query, cardId, threadId))
        return queryFailed(query);
    QList<ThreadMessage> result;
    while (query.next()) {
        ThreadMessage message;
        message.id = query.value(0).toLongLong();
        message.messageId = query.value(1).toString();
        message.subject = query.value(2).toString();
        message.fromName = query.value(3).toString();
        message.fromEmail = query.value(4).toString();
        message.date = timeFromSeconds(query.value(5));
        message.outgoing = query.value(6).toBool();
        message.dropbox = query.value(7).toBool();
        message.hasAttachments = query.value(8).toBool();
        message.threadReason = threadReasonFromKey(query.value(9).toString());
        message.snippet = query.value(10).toString().simplified();
        if (cardId != 0) {
            if (!query.value(11).isNull())
                message.cardLink = linkStateFromKey(query.value(11).toString());
            message.onCard =
                message.cardLink ? *message.cardLink == LinkState::Attached : threadAttached;
        }
        result.append(std::move(message));
    }
    return result;
}

Result<QList<ThreadCardLink>> LinkRepository::threadLinks(qint64 threadId) const
{
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT l.card_id, c.kind, c.name, l.state, l.origin, l.detail, "
              "coalesce(l.message_id, 0) FROM links l JOIN cards c ON c.id = l.card_id "
              "WHERE l.thread_id = ? ORDER BY c.kind, c.name COLLATE NOCASE, c.id, l.message_id"_s);
    if (!execWith(query, threadId))
        return queryFailed(query);
    QList<ThreadCardLink> result;
    while (query.next()) {
        ThreadCardLink link;
        link.cardId = query.value(0).toLongLong();
        link.kind =
            crm::cardKindFromKey(query.value(1).toString()).value_or(crm::CardKind::Contact);
        link.cardName = query.value(2).toString();
        link.state = linkStateFromKey(query.value(3).toString());
        link.origin = linkOriginFromKey(query.value(4).toString());
        link.detail = query.value(5).toString();
        link.messageId = query.value(6).toLongLong();
        result.append(std::move(link));
    }
    return result;
}

Result<std::optional<ThreadSummary>> LinkRepository::thread(qint64 threadId) const
{
    QSqlQuery query =
        prepareQuery(m_db, u"SELECT "_s + threadColumns + u" FROM threads t WHERE t.id = ?"_s);
    if (!execWith(query, threadId))
        return queryFailed(query);
    if (!query.next())
        return std::optional<ThreadSummary>();
    return std::optional<ThreadSummary>(threadFrom(query));
}

Result<QList<UntrackedSender>>
LinkRepository::untrackedSenders(int limit, int offset, const QStringList& ownAddresses) const
{
    // Most stored mail is untracked, so grouping all of it would cost a scan of the whole
    // store. Instead untracked threads are walked newest first, a step of threads at a time,
    // until enough correspondents have appeared: the first page costs a few hundred rows.
    QSqlQuery walk =
        prepareQuery(m_db, u"SELECT t.id, t.last_date, a.email_norm, a.name FROM ("
                           "SELECT id, last_date FROM threads WHERE message_count > 0 "
                           "AND (last_date, id) < (?, ?) AND NOT EXISTS (SELECT 1 FROM links l "
                           "WHERE l.thread_id = threads.id AND l.state = 'attached') "
                           "ORDER BY last_date DESC, id DESC LIMIT ?) t "
                           "JOIN messages m ON m.thread_id = t.id "
                           "LEFT JOIN message_addresses a ON a.message_id = m.id "
                           "AND CASE WHEN m.is_outgoing THEN a.role IN ('to', 'cc', 'bcc') "
                           "ELSE a.role = 'from' END "
                           "ORDER BY t.last_date DESC, t.id DESC, m.date DESC, m.id DESC"_s);
    QSet<QString> excluded;
    for (const QString& address : ownAddresses)
        excluded.insert(address.toLower());
    const qsizetype wanted = qsizetype(offset) + limit;
    QList<UntrackedSender> found;
    QHash<QString, qsizetype> index;
    qint64 lastDate = noCursor;
    qint64 threadId = noCursor;
    constexpr int threadsPerStep = 256;
    while (found.size() < wanted) {
        if (!execWith(walk, lastDate, threadId, threadsPerStep))
            return queryFailed(walk);
        int threads = 0;
        qint64 previousThread = 0;
        while (walk.next()) {
            const qint64 thread = walk.value(0).toLongLong();
            if (thread != previousThread) {
                ++threads;
                previousThread = thread;
                threadId = thread;
                lastDate = walk.value(1).toLongLong();
            }
            const QString email = walk.value(2).toString();
            if (email.isEmpty() || excluded.contains(email))
                continue;
            if (const auto it = index.constFind(email); it != index.cend()) {
                UntrackedSender& sender = found[*it];
                if (sender.name.isEmpty())
                    sender.name = walk.value(3).toString();
                continue;
            }
            if (found.size() >= wanted)
                continue;
            index.insert(email, found.size());
            UntrackedSender sender;
            sender.email = email;
            sender.name = walk.value(3).toString();
            sender.lastDate = dateFromSeconds(walk.value(1));
            found.append(std::move(sender));
        }
        // Every walked thread yields a row (LEFT JOIN), so a short step is the end.
        if (threads < threadsPerStep)
            break;
    }
    QList<UntrackedSender> result = found.mid(offset);

    // The count stops at untrackedCountCap, newest mail first (where untracked mail is): a
    // coworker cc'd on everything must not cost a scan of all their mail.
    QSqlQuery details =
        prepareQuery(m_db, u"SELECT (SELECT count(*) FROM (SELECT DISTINCT m.thread_id "
                           "FROM message_addresses a JOIN messages m ON m.id = a.message_id "
                           "WHERE a.email_norm = ? AND CASE WHEN m.is_outgoing "
                           "THEN a.role IN ('to', 'cc', 'bcc') ELSE a.role = 'from' END "
                           "AND NOT EXISTS (SELECT 1 FROM links l WHERE l.thread_id = m.thread_id "
                           "AND l.state = 'attached') ORDER BY a.message_id DESC LIMIT ?)), "
                           "coalesce((SELECT e.card_id FROM card_emails e WHERE e.email_norm = ? "
                           "ORDER BY e.card_id LIMIT 1), 0)"_s);
    for (UntrackedSender& sender : result) {
        if (!execWith(details, sender.email, untrackedCountCap, sender.email) || !details.next())
            return queryFailed(details);
        sender.threadCount = details.value(0).toInt();
        sender.cardId = details.value(1).toLongLong();
        details.finish();
    }
    return result;
}

Result<QList<ThreadSummary>>
LinkRepository::untrackedThreads(const QString& email, int limit,
                                 const std::optional<ThreadCursor>& after) const
{
    const QString withCorrespondent =
        email.isEmpty() ? u"? = ''"_s
                        : u"t.id IN (SELECT m.thread_id FROM message_addresses a "
                          "JOIN messages m ON m.id = a.message_id WHERE a.email_norm = ? "
                          "AND a.role IN ('from', 'to', 'cc', 'bcc'))"_s;
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT "_s + threadColumns + u" FROM threads t WHERE t.message_count > 0 AND "_s +
                  withCorrespondent +
                  u" AND NOT EXISTS (SELECT 1 FROM links l WHERE l.thread_id = t.id "
                  "AND l.state = 'attached') AND (t.last_date, t.id) < (?, ?) "
                  "ORDER BY t.last_date DESC, t.id DESC LIMIT ?"_s);
    const auto [lastDate, threadId] = cursorValues(after);
    if (!execWith(query, email.toLower(), lastDate, threadId, limit))
        return queryFailed(query);
    QList<ThreadSummary> result;
    while (query.next())
        result.append(threadFrom(query));
    return result;
}

Result<bool> LinkRepository::addThreadLink(qint64 cardId, qint64 threadId, LinkOrigin origin,
                                           const QString& detail)
{
    if (!m_addThreadLink) {
        m_addThreadLink.emplace(prepareQuery(
            m_db, u"INSERT OR IGNORE INTO links (card_id, thread_id, message_id, origin, state, "
                  "detail, created_at, updated_at) VALUES (?, ?, NULL, ?, 'attached', ?, ?, ?)"_s));
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!execWith(*m_addThreadLink, cardId, threadId, linkOriginKey(origin), detail, now, now))
        return queryFailed(*m_addThreadLink);
    return m_addThreadLink->numRowsAffected() > 0;
}

Result<bool> LinkRepository::addMessageLink(qint64 cardId, qint64 threadId, qint64 messageId,
                                            LinkOrigin origin, const QString& detail)
{
    if (!m_addMessageLink) {
        m_addMessageLink.emplace(prepareQuery(
            m_db, u"INSERT OR IGNORE INTO links (card_id, thread_id, message_id, origin, state, "
                  "detail, created_at, updated_at) VALUES (?, ?, ?, ?, 'attached', ?, ?, ?)"_s));
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!execWith(*m_addMessageLink, cardId, threadId, messageId, linkOriginKey(origin), detail,
                  now, now))
        return queryFailed(*m_addMessageLink);
    return m_addMessageLink->numRowsAffected() > 0;
}

Result<bool> LinkRepository::setThreadLink(qint64 cardId, qint64 threadId, LinkState state)
{
    // The upsert's WHERE makes "already so" a no-op, so numRowsAffected says whether the
    // decision changed anything.
    QSqlQuery upsert = prepareQuery(
        m_db, u"INSERT INTO links (card_id, thread_id, message_id, origin, state, detail, "
              "created_at, updated_at) VALUES (?, ?, NULL, 'manual', ?, '', ?, ?) "
              "ON CONFLICT (card_id, thread_id) WHERE message_id IS NULL DO UPDATE SET "
              "state = excluded.state, "
              "origin = CASE WHEN excluded.state = 'attached' THEN 'manual' ELSE links.origin END, "
              "updated_at = excluded.updated_at WHERE links.state <> excluded.state"_s);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!execWith(upsert, cardId, threadId, linkStateKey(state), now, now))
        return queryFailed(upsert);
    bool changed = upsert.numRowsAffected() > 0;
    if (state == LinkState::Detached) {
        QSqlQuery drop =
            prepareQuery(m_db, u"DELETE FROM links WHERE card_id = ? AND thread_id = ? "
                               "AND message_id IS NOT NULL AND state = 'attached'"_s);
        if (!execWith(drop, cardId, threadId))
            return queryFailed(drop);
        changed = changed || drop.numRowsAffected() > 0;
    }
    return changed;
}

Result<bool> LinkRepository::setMessageLink(qint64 cardId, qint64 messageId, LinkState state)
{
    QSqlQuery upsert = prepareQuery(
        m_db, u"INSERT INTO links (card_id, thread_id, message_id, origin, state, detail, "
              "created_at, updated_at) SELECT ?, thread_id, id, 'manual', ?, '', ?, ? "
              "FROM messages WHERE id = ? AND thread_id IS NOT NULL "
              "ON CONFLICT (card_id, message_id) WHERE message_id IS NOT NULL DO UPDATE SET "
              "state = excluded.state, "
              "origin = CASE WHEN excluded.state = 'attached' THEN 'manual' ELSE links.origin END, "
              "updated_at = excluded.updated_at WHERE links.state <> excluded.state"_s);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!execWith(upsert, cardId, linkStateKey(state), now, now, messageId))
        return queryFailed(upsert);
    return upsert.numRowsAffected() > 0;
}

std::optional<StoreError> LinkRepository::mergeThreadLinks(qint64 from, qint64 into)
{
    // Whole-thread rows meet card by card; single-message rows cannot collide (they are
    // unique per card and message) and only follow their messages.
    if (auto error = mergeRows(u"thread_id"_s, u"card_id"_s, u"message_id IS NULL"_s, from, into))
        return error;
    QSqlQuery follow = prepareQuery(
        m_db, u"UPDATE links SET thread_id = ? WHERE thread_id = ? AND message_id IS NOT NULL"_s);
    if (!execWith(follow, into, from))
        return queryFailed(follow);
    return std::nullopt;
}

Result<QList<qint64>> LinkRepository::moveCardLinks(qint64 from, qint64 into)
{
    QSqlQuery threads =
        prepareQuery(m_db, u"SELECT DISTINCT thread_id FROM links WHERE card_id = ?"_s);
    if (!execWith(threads, from))
        return queryFailed(threads);
    QList<qint64> result;
    while (threads.next())
        result.append(threads.value(0).toLongLong());
    if (auto error = mergeRows(u"card_id"_s, u"thread_id"_s, u"message_id IS NULL"_s, from, into))
        return *error;
    if (auto error =
            mergeRows(u"card_id"_s, u"message_id"_s, u"message_id IS NOT NULL"_s, from, into))
        return *error;
    return result;
}

std::optional<StoreError> LinkRepository::mergeRows(const QString& movingColumn,
                                                    const QString& keyColumn, const QString& scope,
                                                    qint64 from, qint64 into)
{
    // Column names come from this file only; values are always bound.
    const QString other =
        u"SELECT %1 FROM links WHERE %2 = ? AND %3"_s.arg(keyColumn, movingColumn, scope);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString statements[] = {
        // A detached decision on the leaving side wins over an attached row.
        u"UPDATE links SET state = 'detached', updated_at = ? WHERE %1 = ? AND %2 "
        "AND state = 'attached' AND %3 IN ("_s.arg(movingColumn, scope, keyColumn) +
            other + u" AND state = 'detached')"_s,
        // A manual attach wins over an automatic one.
        u"UPDATE links SET origin = 'manual', updated_at = ? WHERE %1 = ? AND %2 "
        "AND state = 'attached' AND origin <> 'manual' AND %3 IN ("_s.arg(movingColumn, scope,
                                                                          keyColumn) +
            other + u" AND state = 'attached' AND origin = 'manual')"_s,
    };
    for (const QString& sql : statements) {
        QSqlQuery query = prepareQuery(m_db, sql);
        if (!execWith(query, now, into, from))
            return queryFailed(query);
    }
    QSqlQuery drop = prepareQuery(m_db, u"DELETE FROM links WHERE %1 = ? AND %2 AND %3 IN ("_s.arg(
                                            movingColumn, scope, keyColumn) +
                                            other + u")"_s);
    if (!execWith(drop, from, into))
        return queryFailed(drop);
    QSqlQuery move = prepareQuery(
        m_db, u"UPDATE links SET %1 = ? WHERE %1 = ? AND %2"_s.arg(movingColumn, scope));
    if (!execWith(move, into, from))
        return queryFailed(move);
    return std::nullopt;
}

} // namespace threadline::store
