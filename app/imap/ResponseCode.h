#pragma once

#include "imap/SequenceSet.h"

#include <QByteArray>
#include <QList>

namespace threadline::imap {

// The bracketed code of a status response: "a1 OK [UIDNEXT 44] ...". RFC 3501 §7.1,
// RFC 4315 (UIDPLUS), RFC 7162 (CONDSTORE/QRESYNC), RFC 5530 (codes for NO/BAD).
struct ResponseCode
{
    enum class Kind
    {
        None, // the response had no code
        Alert,
        BadCharset, // atoms: the supported charsets, if listed
        Capability, // atoms: the capabilities, upper-cased
        Parse,
        PermanentFlags, // atoms: the flags, "\*" included
        ReadOnly,
        ReadWrite,
        TryCreate,
        UidNext,       // number
        UidValidity,   // number
        Unseen,        // number
        HighestModSeq, // number (64-bit)
        NoModSeq,
        Modified,  // uids: the messages whose conditional STORE failed
        AppendUid, // number: UIDVALIDITY; uids: the new UIDs
        CopyUid,   // number: UIDVALIDITY; uids: source; destinationUids
        UidNotSticky,
        Closed,
        Unavailable,
        AuthenticationFailed,
        AuthorizationFailed,
        Expired,
        PrivacyRequired,
        ContactAdmin,
        NoPerm,
        InUse,
        ExpungeIssued,
        Corruption,
        ServerBug,
        ClientBug,
        CanNot,
        Limit,
        OverQuota,
        AlreadyExists,
        NonExistent,
        Other, // name and text hold what was sent
    };

    Kind kind = Kind::None;
    QByteArray name;    // the code's atom, upper-cased ("UIDNEXT")
    quint64 number = 0; // UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ, APPENDUID/COPYUID validity
    QList<QByteArray> atoms;     // CAPABILITY, PERMANENTFLAGS, BADCHARSET
    SequenceSet uids;            // APPENDUID, COPYUID source, MODIFIED
    SequenceSet destinationUids; // COPYUID destination
    QByteArray text;             // arguments of a code this parser does not know

    friend bool operator==(const ResponseCode&, const ResponseCode&) = default;
};

} // namespace threadline::imap
