#pragma once

#include "imap/SelectedMailbox.h"
#include "store/FolderState.h"

#include <QString>
#include <optional>

namespace threadline::sync {

// What to do with a folder after SELECT, from what was stored after the last sync and what
// the server reports now: the mailbox resync decision tree (RFC 3501 §2.3.1.1, RFC 4549 §4,
// RFC 7162 §3.1 and §3.2; the cases Trojitá's ObtainSynchronizedMailboxTask names).
//
//  - nothing stored yet                         -> initial listing from UID 1
//  - UIDVALIDITY changed (or missing)           -> forget the folder's UIDs, list it again;
//                                                  known messages are found again by
//                                                  Message-ID, their links and decisions kept
//  - UIDNEXT went down with the same UIDVALIDITY -> the UID map cannot be trusted: as above
//  - the initial listing was interrupted         -> resume it from the stored UIDNEXT
//  - no usable mod-sequences (no CONDSTORE, NOMODSEQ, nothing stored)
//                                                -> full flag scan, which also shows expunges
//  - HIGHESTMODSEQ went down                     -> full flag scan (mod-sequences untrusted)
//  - HIGHESTMODSEQ unchanged but UIDNEXT moved   -> full flag scan (the server contradicts
//                                                  itself)
//  - HIGHESTMODSEQ unchanged                     -> nothing changed: no command at all
//  - HIGHESTMODSEQ went up, QRESYNC used        -> apply the FETCH and VANISHED (EARLIER) the
//                                                  SELECT brought
//  - HIGHESTMODSEQ went up, CONDSTORE only       -> FETCH FLAGS (CHANGEDSINCE), expunges by
//                                                  comparing UID SEARCH with the stored UIDs
//  - UIDNEXT missing                            -> new messages found by UID SEARCH UID n:*
// New messages are those from the stored UIDNEXT on.
struct ResyncPlan
{
    enum class Reason
    {
        FirstSync,
        ResumeInitial,
        UidValidityChanged,
        UidNextWentDown,
        NoModSeq,
        ModSeqWentDown,
        ModSeqInconsistent,
        Unchanged,
        Changed,
    };
    enum class Flags
    {
        None,         // no flag can have changed
        FromSelect,   // the QRESYNC SELECT reported the changes (SelectedMailbox::changed)
        ChangedSince, // UID FETCH 1:n (FLAGS) (CHANGEDSINCE changedSince)
        FullScan,     // UID FETCH 1:n (FLAGS), also the list of UIDs still there
    };
    enum class Expunges
    {
        None,
        FromSelect, // VANISHED (EARLIER) of the QRESYNC SELECT (SelectedMailbox::vanished)
        UidSearch,  // UID SEARCH UID 1:n compared with the stored UIDs
        FromScan,   // the UIDs the full flag scan returned, compared with the stored UIDs
    };

    Reason reason = Reason::FirstSync;
    bool forgetUids = false; // drop the folder's UID map and skipped records first
    bool initial = false;    // an initial listing (the history window applies)
    Flags flags = Flags::None;
    Expunges expunges = Expunges::None;
    quint64 changedSince = 0;
    // UIDs below this are the stored ones (flags and expunges concern 1:knownUidNext-1).
    quint32 knownUidNext = 1;
    // New messages are searched from this UID on, unless searchNew is false (UIDNEXT proves
    // that nothing arrived).
    quint32 newFrom = 1;
    bool searchNew = true;

    // stored: the folder's state, none if never synced. qresyncUsed: the SELECT carried
    // QRESYNC parameters (RFC 7162 §3.2.5). condStore: CONDSTORE is usable on the session.
    static ResyncPlan decide(const std::optional<store::FolderState>& stored,
                             const imap::SelectedMailbox& selected, bool qresyncUsed,
                             bool condStore);

    static QString reasonKey(Reason reason);
};

} // namespace threadline::sync
