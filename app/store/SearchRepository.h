#pragma once

#include "CardSearchHit.h"
#include "MailSearchHit.h"
#include "Result.h"

#include <QList>
#include <QSqlDatabase>

namespace threadline::store {

// The global search over cards (card_fts) and stored mail (message_fts in the search index
// file, SearchIndex: mail() needs a connection with it attached, as store::Database opens by
// default; new mail is found once the SearchIndexer has taken it up). What the user
// typed is never FTS5 syntax: every word becomes a quoted prefix term, so `"`, `-`, `*`,
// `OR` or `NEAR` are plain text. Words must all match; accents are folded by the
// tokenizer (unicode61 remove_diacritics 2), so "lefevre" finds "Lefèvre".
class SearchRepository final
{
public:
    explicit SearchRepository(const QSqlDatabase& db);

    // Best matches first.
    Result<QList<CardSearchHit>> cards(const QString& text, int limit, int offset = 0) const;
    // Cards by name (for a picker before anything is typed); snippets stay empty.
    Result<QList<CardSearchHit>> cardsByName(int limit) const;
    // Newest stored mail first: ranking every match of a common word would cost a pass over
    // all of them, while the FTS index walks rowids backwards and stops at the page.
    Result<QList<MailSearchHit>> mail(const QString& text, int limit, int offset = 0) const;

    // The FTS5 MATCH expression for what the user typed; empty when it has no word to look
    // for (then there is nothing to search). Words of minPrefixLength characters or more
    // match as prefixes, shorter ones as whole words.
    static QString matchExpression(const QString& text, int minPrefixLength = 1);

    // Mail words shorter than this match whole: a one- or two-letter prefix expands to
    // thousands of terms with long posting lists (~70 ms on 100,000 messages without an FTS5
    // prefix index), three letters cost ~3 ms.
    static constexpr int mailMinPrefixLength = 3;

    // Markers around the matched words in snippets (control characters never in mail text
    // the tokenizer indexes as words).
    static constexpr QChar highlightStart = QChar(u'\x02');
    static constexpr QChar highlightEnd = QChar(u'\x03');

private:
    QSqlDatabase m_db;
};

} // namespace threadline::store
