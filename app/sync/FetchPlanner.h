#pragma once

#include "imap/SequenceSet.h"

#include <QByteArray>
#include <QList>
#include <utility>

namespace threadline::sync {

// What the sync asks the server for, and in which pieces (RFC 3501 §6.4.8).
//
// A message of at most SyncOptions::wholeMessageBytes that is new to the store is fetched whole, in
// one step (BODY.PEEK[] with UID, FLAGS, INTERNALDATE, RFC822.SIZE) and parsed here: one round
// trip, and for the server a plain copy of the file instead of parsing it into ENVELOPE and
// BODYSTRUCTURE and then cutting out its parts (that costs Dovecot about twice the CPU).
// A larger message (UID SEARCH LARGER, RFC 3501 §6.4.4) is fetched in two steps, so that its
// attachments are listed, not downloaded. First its metadata: UID, FLAGS, INTERNALDATE,
// RFC822.SIZE, ENVELOPE (enough for the recipient limit), BODYSTRUCTURE (which parts are
// text) and the header fields threading, matching and the dropbox need. Then, unless it was
// skipped or is already stored, only its text parts (BODY.PEEK[n]). Messages needing the
// same sections share one command. A listing that may meet messages already stored (after a
// UIDVALIDITY change) takes the two steps for every message, so a known one costs no text.
//
// UIDs are fetched in chunks of a few hundred, several chunks in flight at once (pipelining:
// the round trip is paid once, not once per chunk); each chunk is one store transaction.
class FetchPlanner final
{
public:
    FetchPlanner() = delete;

    // A text part is fetched up to this many bytes (a 50 MB log pasted inline is cut, as
    // mime::MessageParser does with a whole message).
    static constexpr quint32 maxTextPartBytes = 8 * 1024 * 1024;

    // The header fields fetched with the metadata, as IMAP spells the item.
    static QByteArray headerFieldsItem();
    // The metadata items; MODSEQ (RFC 7162 §3.1.4) when the server has CONDSTORE.
    static QList<QByteArray> metadataItems(bool condStore);
    // The items of a message fetched whole; MODSEQ as above.
    static QList<QByteArray> wholeMessageItems(bool condStore);
    // The search key of the messages too large to fetch whole: "LARGER 131072".
    static QByteArray largerKey(quint32 wholeMessageBytes);
    // "BODY.PEEK[1.2]<0.8388608>": a text part, bounded.
    static QByteArray sectionItem(const QByteArray& section);

    // How many more chunks may start now. Chunks being fetched or waiting for the store
    // (`active`) count against `maxChunks`; the text of the fetched ones waiting for the store
    // (`waitingBytes`) against `maxWaitingBytes`, so that large mail cannot pile up in memory
    // while the store is slower than the network. One chunk may always be active.
    static int chunksToStart(int active, int maxChunks, qint64 waitingBytes,
                             qint64 maxWaitingBytes);

    // Splits a set of existing UIDs (a SEARCH result) into ascending, disjoint chunks of at
    // most `perChunk` UIDs each, so chunks complete, and commit, in UID order.
    static QList<imap::SequenceSet> chunks(const imap::SequenceSet& uids, int perChunk);
    // The UIDs of `chunk` that are (second) and are not (first) in `large`.
    static std::pair<imap::SequenceSet, imap::SequenceSet>
    splitBySize(const imap::SequenceSet& chunk, const imap::SequenceSet& large);

    // One UID FETCH of the second step.
    struct PartFetch
    {
        imap::SequenceSet uids;
        QList<QByteArray> sections; // "1", "1.2"
    };
    // Groups messages (UID, sections it needs; ascending UIDs) by identical section lists.
    static QList<PartFetch> partFetches(const QList<std::pair<quint32, QList<QByteArray>>>& needs);
};

} // namespace threadline::sync
