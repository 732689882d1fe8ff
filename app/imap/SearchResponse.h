#pragma once

#include <QList>
#include <optional>

namespace threadline::imap {

// "* SEARCH 2 5 6 (MODSEQ 917162500)". RFC 3501 §7.2.5, MODSEQ from RFC 7162 §3.1.5.
struct SearchResponse
{
    QList<quint32> numbers; // UIDs after UID SEARCH, sequence numbers otherwise
    std::optional<quint64> modSeq;

    friend bool operator==(const SearchResponse&, const SearchResponse&) = default;
};

} // namespace threadline::imap
