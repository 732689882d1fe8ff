#pragma once

#include <Qt>

namespace threadline::ui {

// Item roles the models of the main window offer beyond display text; views bind only to
// these.
enum CardRole
{
    CardIdRole = Qt::UserRole + 1,
    CardKindRole,   // int(crm::CardKind)
    SortRole,       // a value that sorts naturally (numbers, dates) where the text would not
    FilterRole,     // folded text of the whole row (see foldForMatching) for the filter box
    ThreadIdRole,   // search and Untracked rows about mail
    MessageIdRole,  // search rows about one message
    EmailRole,      // Untracked senders: the correspondent's address (lowercased)
    ResultTypeRole, // search rows: a SearchResultType
    SnippetRole,    // search rows: text with SearchRepository's highlight markers
};

// What a row of the global search results is.
enum class SearchResultType
{
    Group, // "Cards" / "Emails"
    Card,
    Mail,
    More, // "Show more…": fetches the next page of its group
};

} // namespace threadline::ui
