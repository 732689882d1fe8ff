#pragma once

#include "imap/FetchResponse.h"
#include "imap/SequenceSet.h"

#include <QByteArray>
#include <QList>
#include <functional>
#include <optional>

namespace threadline::imap {

// One UID FETCH (RFC 3501 §6.4.8). The answer streams: onMessage runs for each message as it
// arrives, so a large range never sits in memory at once.
struct FetchRequest
{
    // Keep the wire form short (SequenceSet::split(8000)); servers bound command lines.
    SequenceSet uids;
    // Items as IMAP spells them, e.g. "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE",
    // "BODYSTRUCTURE", "BODY.PEEK[HEADER.FIELDS (REFERENCES IN-REPLY-TO)]", "BODY.PEEK[1.2]",
    // "MODSEQ". UID is always returned by UID FETCH.
    QList<QByteArray> items;
    // CHANGEDSINCE modifier (RFC 7162 §3.1.4.1): only messages whose mod-sequence is higher.
    std::optional<quint64> changedSince;
    // With changedSince and QRESYNC enabled: also report expunged UIDs in the set as
    // VANISHED (EARLIER) (RFC 7162 §3.2.6), delivered to onVanished.
    bool vanished = false;

    // Runs for each message as it arrives. A response for a UID in the set may also be an
    // unsolicited flag change (only FLAGS/MODSEQ filled): check the items you rely on.
    std::function<void(const FetchResponse&)> onMessage;
    std::function<void(const SequenceSet&)> onVanished;
};

} // namespace threadline::imap
