#pragma once

#include "imap/FetchResponse.h"
#include "imap/SequenceSet.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace threadline::imap {

// What SELECT/EXAMINE reported about the mailbox (RFC 3501 §6.3.1, RFC 7162 §3.1.2, §3.2.5).
struct SelectedMailbox
{
    QString name;
    bool readOnly = false;
    quint32 uidValidity = 0;        // 0 if the server sent none
    std::optional<quint32> uidNext; // servers may omit it
    std::optional<quint64> highestModSeq;
    bool noModSeq = false; // [NOMODSEQ]: no mod-sequences in this mailbox
    quint32 exists = 0;
    quint32 recent = 0;
    std::optional<quint32> unseen;
    QList<QByteArray> flags;
    QList<QByteArray> permanentFlags;
    // QRESYNC select: UIDs expunged since the given mod-sequence (VANISHED (EARLIER)) and the
    // messages whose flags changed (unless SelectOptions::onChanged took them).
    SequenceSet vanished;
    QList<FetchResponse> changed;
};

} // namespace threadline::imap
