#pragma once

#include "imap/SequenceSet.h"

#include <optional>

namespace threadline::imap {

// The UIDs a UID SEARCH matched, as ranges (ESEARCH sends them so; plain SEARCH results are
// sorted and compressed), and the MODSEQ the server added when the criteria used MODSEQ.
struct SearchResult
{
    SequenceSet uids;
    quint64 count = 0;
    std::optional<quint64> highestModSeq;
};

} // namespace threadline::imap
