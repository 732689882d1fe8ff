#include "SearchRepository.h"

#include "SqlHelpers.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

// The snippet() arguments: markers, ellipsis and the number of tokens around the match.
const QString snippetArguments = u"char(2), char(3), '…', 12)"_s;

} // namespace

SearchRepository::SearchRepository(const QSqlDatabase& db)
    : m_db(db)
{}

QString SearchRepository::matchExpression(const QString& text, int minPrefixLength)
{
    // Each whitespace-separated word becomes a string (FTS5 §3.1: a string in double quotes,
    // a quote inside doubled), followed by * for prefix matching when long enough. A word with
    // no letter or digit would make an empty phrase; it is dropped.
    QStringList terms;
    for (const QString& word : text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts)) {
        const auto wordCharacters =
            std::count_if(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); });
        if (wordCharacters == 0)
            continue;
        QString quoted = word;
        quoted.replace(u'"', u"\"\""_s);
        terms << u"\""_s + quoted + (wordCharacters >= minPrefixLength ? u"\"*"_s : u"\""_s);
    }
    return terms.join(u' ');
}

Result<QList<CardSearchHit>> SearchRepository::cards(const QString& text, int limit,
                                                     int offset) const
{
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return QList<CardSearchHit>();
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT c.id, c.kind, c.name, snippet(card_fts, -1, "_s + snippetArguments +
                  u" FROM card_fts JOIN cards c ON c.id = card_fts.rowid "
                  "WHERE card_fts MATCH ? ORDER BY card_fts.rank, c.id LIMIT ? OFFSET ?"_s);
    if (!execWith(query, match, limit, offset))
        return queryFailed(query);
    QList<CardSearchHit> result;
    while (query.next()) {
        CardSearchHit hit;
        hit.cardId = query.value(0).toLongLong();
        hit.kind = crm::cardKindFromKey(query.value(1).toString()).value_or(crm::CardKind::Lead);
        hit.name = query.value(2).toString();
        hit.snippet = query.value(3).toString();
        result.append(std::move(hit));
    }
    return result;
}

Result<QList<CardSearchHit>> SearchRepository::cardsByName(int limit) const
{
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT id, kind, name FROM cards ORDER BY name COLLATE NOCASE, id LIMIT ?"_s);
    if (!execWith(query, limit))
        return queryFailed(query);
    QList<CardSearchHit> result;
    while (query.next()) {
        CardSearchHit hit;
        hit.cardId = query.value(0).toLongLong();
        hit.kind = crm::cardKindFromKey(query.value(1).toString()).value_or(crm::CardKind::Lead);
        hit.name = query.value(2).toString();
        result.append(std::move(hit));
    }
    return result;
}

Result<QList<MailSearchHit>> SearchRepository::mail(const QString& text, int limit,
                                                    int offset) const
{
    const QString match = matchExpression(text, mailMinPrefixLength);
    if (match.isEmpty())
        return QList<MailSearchHit>();
    // The card shown for a hit prefers a whole-thread link, then the oldest card.
    QSqlQuery query = prepareQuery(
        m_db,
        u"SELECT h.id, h.thread_id, h.subject, h.from_name, h.from_email, h.date, h.is_outgoing, "
        "h.snippet, coalesce(c.id, 0), c.kind, c.name FROM ("
        "SELECT m.id, m.thread_id, m.subject, m.from_name, m.from_email, "
        "coalesce(m.date, m.internal_date) AS date, m.is_outgoing, "
        "snippet(message_fts, -1, "_s +
            snippetArguments +
            u" AS snippet, (SELECT l.card_id FROM links l WHERE l.thread_id = m.thread_id "
            "AND l.state = 'attached' ORDER BY l.message_id IS NOT NULL, l.card_id LIMIT 1) "
            "AS card FROM search.message_fts JOIN messages m ON m.id = message_fts.rowid "
            "WHERE message_fts MATCH ? ORDER BY message_fts.rowid DESC LIMIT ? OFFSET ?) h "
            "LEFT JOIN cards c ON c.id = h.card ORDER BY h.id DESC"_s);
    if (!execWith(query, match, limit, offset))
        return queryFailed(query);
    QList<MailSearchHit> result;
    while (query.next()) {
        MailSearchHit hit;
        hit.messageId = query.value(0).toLongLong();
        hit.threadId = query.value(1).toLongLong();
        hit.subject = query.value(2).toString();
        hit.fromName = query.value(3).toString();
        hit.fromEmail = query.value(4).toString();
        hit.date = timeFromSeconds(query.value(5));
        hit.outgoing = query.value(6).toBool();
        hit.snippet = query.value(7).toString();
        hit.cardId = query.value(8).toLongLong();
        hit.cardKind =
            crm::cardKindFromKey(query.value(9).toString()).value_or(crm::CardKind::Lead);
        hit.cardName = query.value(10).toString();
        result.append(std::move(hit));
    }
    return result;
}

} // namespace threadline::store
