#pragma once

#include "CardThread.h"
#include "LinkOrigin.h"
#include "LinkState.h"
#include "Result.h"
#include "ThreadCardLink.h"
#include "ThreadCursor.h"
#include "ThreadMessage.h"
#include "ThreadSummary.h"
#include "UntrackedSender.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <optional>

namespace threadline::store {

// Links between cards and mail: what a card shows, what no card shows, and the row-level
// writes the matcher (sync::Matcher) decides. A link is about a whole thread or about one
// message of it; a detached link is a kept decision (sync rule 7).
//
// How a card sees a thread: it shows the thread when it has an attached whole-thread link
// (minus the messages it has detached one by one) or attached single messages of it.
// Threads whose messages have all left the server are not listed.
class LinkRepository final
{
public:
    explicit LinkRepository(const QSqlDatabase& db);

    enum class Filter
    {
        Attached, // what the card shows
        Detached, // what the user took off it (offered for re-attach)
        All,
    };

    // ---- reads (fast enough for the GUI thread: indexed, paged) ----

    // A card's threads, newest first, `limit` at a time; pass the cursor of the last row
    // received (ThreadCursor::after) for the next page.
    Result<QList<CardThread>> cardThreads(qint64 cardId, int limit,
                                          const std::optional<ThreadCursor>& after = {},
                                          Filter filter = Filter::Attached) const;
    Result<int> cardThreadCount(qint64 cardId, Filter filter = Filter::Attached) const;
    // The messages of a thread, oldest first; with a card, each says whether that card shows it.
    Result<QList<ThreadMessage>> threadMessages(qint64 threadId, qint64 cardId = 0) const;
    // Every card the thread or one of its messages is linked to or detached from.
    Result<QList<ThreadCardLink>> threadLinks(qint64 threadId) const;
    Result<std::optional<ThreadSummary>> thread(qint64 threadId) const;

    // Correspondents of mail no card shows (sender of received mail, recipients of sent
    // mail), by their most recent untracked thread first; threadCount counts their
    // untracked threads up to untrackedCountCap ("500+"). ownAddresses are left out. Cost
    // grows with offset + limit, not with the size of the store.
    Result<QList<UntrackedSender>> untrackedSenders(int limit, int offset = 0,
                                                    const QStringList& ownAddresses = {}) const;
    // Threads no card shows, newest first; only those with this correspondent if one is given.
    Result<QList<ThreadSummary>>
    untrackedThreads(const QString& email, int limit,
                     const std::optional<ThreadCursor>& after = {}) const;

    // ---- writes (inside the caller's transaction) ----

    // An automatic attached link, unless the card already has a row for this thread
    // (attached or detached: a decision is never overwritten). True when added.
    Result<bool> addThreadLink(qint64 cardId, qint64 threadId, LinkOrigin origin,
                               const QString& detail);
    Result<bool> addMessageLink(qint64 cardId, qint64 threadId, qint64 messageId, LinkOrigin origin,
                                const QString& detail);
    // The user's decision. Attaching makes the link manual and re-attaches a detached one;
    // detaching keeps the origin (what it had been linked by). Detaching a whole thread also
    // drops the card's single-message attachments in it. True when something changed.
    Result<bool> setThreadLink(qint64 cardId, qint64 threadId, LinkState state);
    Result<bool> setMessageLink(qint64 cardId, qint64 messageId, LinkState state);
    // Thread `from` merges into `into` (card by card: detached wins, then manual).
    std::optional<StoreError> mergeThreadLinks(qint64 from, qint64 into);
    // Card `from` hands its links to `into` (lead conversion), decisions kept the same way.
    // Returns the threads concerned.
    Result<QList<qint64>> moveCardLinks(qint64 from, qint64 into);

    static constexpr int untrackedCountCap = 500;

private:
    std::optional<StoreError> mergeRows(const QString& movingColumn, const QString& keyColumn,
                                        const QString& scope, qint64 from, qint64 into);

    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_addThreadLink;
    std::optional<QSqlQuery> m_addMessageLink;
};

} // namespace threadline::store
