#pragma once

#include "imap/SequenceSet.h"

#include <QByteArray>
#include <optional>

namespace threadline::imap {

// "* ESEARCH (TAG "a1") UID MIN 2 MAX 9 COUNT 5 ALL 2:4,9". RFC 4731 §3.1, MODSEQ from RFC 7162.
struct EsearchResponse
{
    QByteArray tag; // the command this answers; empty if the server did not say
    bool uid = false;
    std::optional<quint32> min;
    std::optional<quint32> max;
    std::optional<quint32> count;
    std::optional<SequenceSet> all;
    std::optional<quint64> modSeq;

    friend bool operator==(const EsearchResponse&, const EsearchResponse&) = default;
};

} // namespace threadline::imap
