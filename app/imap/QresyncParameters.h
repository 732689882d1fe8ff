#pragma once

#include "imap/SequenceSet.h"

namespace threadline::imap {

// What the client remembers of a mailbox, for SELECT (QRESYNC (...)): RFC 7162 §3.2.5.
// The server then reports only what changed since modSeq: FETCH for changed flags and
// VANISHED (EARLIER) for expunged UIDs among knownUids. Ignored when uidValidity differs.
struct QresyncParameters
{
    quint32 uidValidity = 0;
    quint64 modSeq = 0;    // the HIGHESTMODSEQ stored after the last sync
    SequenceSet knownUids; // optional; without it VANISHED may cover any UID
};

} // namespace threadline::imap
