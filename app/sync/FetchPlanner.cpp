#include "FetchPlanner.h"

#include <QHash>
#include <algorithm>
#include <map>

namespace threadline::sync {

QByteArray FetchPlanner::headerFieldsItem()
{
    // Threading (RFC 5322 §3.6.4), matching (From/To/Cc/Bcc/Reply-To), the dropbox
    // (Delivered-To, X-Original-To), and what a message is shown and found by.
    return "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID IN-REPLY-TO REFERENCES DATE FROM TO CC BCC "
           "REPLY-TO SUBJECT DELIVERED-TO X-ORIGINAL-TO)]";
}

QList<QByteArray> FetchPlanner::metadataItems(bool condStore)
{
    QList<QByteArray> items{"UID",      "FLAGS",         "INTERNALDATE",    "RFC822.SIZE",
                            "ENVELOPE", "BODYSTRUCTURE", headerFieldsItem()};
    if (condStore)
        items.insert(2, "MODSEQ");
    return items;
}

QList<QByteArray> FetchPlanner::wholeMessageItems(bool condStore)
{
    QList<QByteArray> items{"UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "BODY.PEEK[]"};
    if (condStore)
        items.insert(2, "MODSEQ");
    return items;
}

int FetchPlanner::chunksToStart(int active, int maxChunks, qint64 waitingBytes,
                                qint64 maxWaitingBytes)
{
    if (active <= 0)
        return qMax(1, maxChunks);
    if (waitingBytes >= maxWaitingBytes)
        return 0;
    return qMax(0, maxChunks - active);
}

QByteArray FetchPlanner::largerKey(quint32 wholeMessageBytes)
{
    return "LARGER " + QByteArray::number(wholeMessageBytes);
}

QByteArray FetchPlanner::sectionItem(const QByteArray& section)
{
    return "BODY.PEEK[" + section + "]<0." + QByteArray::number(maxTextPartBytes) + '>';
}

QList<imap::SequenceSet> FetchPlanner::chunks(const imap::SequenceSet& uids, int perChunk)
{
    perChunk = qMax(1, perChunk);
    // Ranges of a SEARCH answer may come in any order; sort them and drop overlaps.
    QList<imap::SequenceRange> ranges = uids.ranges();
    for (imap::SequenceRange& range : ranges) {
        if (range.first > range.last)
            std::swap(range.first, range.last);
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });

    QList<imap::SequenceSet> result;
    QList<imap::SequenceRange> current; // contiguous pieces merged: "1:2" + "3" is "1:3"
    quint64 inCurrent = 0;
    quint64 next = 0; // the lowest UID not yet assigned to a chunk
    const auto flush = [&result, &current, &inCurrent] {
        imap::SequenceSet set;
        for (const imap::SequenceRange& range : std::as_const(current))
            set.append(range.first, range.last);
        result.append(set);
        current.clear();
        inCurrent = 0;
    };
    for (const imap::SequenceRange& range : std::as_const(ranges)) {
        quint64 first = qMax<quint64>(range.first, next);
        const quint64 last = range.last;
        while (first <= last && first != 0) {
            const quint64 room = quint64(perChunk) - inCurrent;
            const quint64 end = qMin(last, first + room - 1);
            if (!current.isEmpty() && quint64(current.last().last) + 1 == first)
                current.last().last = quint32(end);
            else
                current.append({quint32(first), quint32(end)});
            inCurrent += end - first + 1;
            next = end + 1;
            if (inCurrent == quint64(perChunk))
                flush();
            first = end + 1;
        }
    }
    if (!current.isEmpty())
        flush();
    return result;
}

std::pair<imap::SequenceSet, imap::SequenceSet>
FetchPlanner::splitBySize(const imap::SequenceSet& chunk, const imap::SequenceSet& large)
{
    QList<quint32> small;
    QList<quint32> big;
    for (const imap::SequenceRange& range : chunk.ranges()) {
        const quint32 first = qMin(range.first, range.last);
        const quint32 last = qMax(range.first, range.last);
        for (quint64 uid = first; uid <= last && uid != 0 && uid != imap::SequenceSet::Star; ++uid)
            (large.contains(quint32(uid)) ? big : small).append(quint32(uid));
    }
    std::sort(small.begin(), small.end());
    std::sort(big.begin(), big.end());
    return {imap::SequenceSet::fromSorted(small), imap::SequenceSet::fromSorted(big)};
}

QList<FetchPlanner::PartFetch>
FetchPlanner::partFetches(const QList<std::pair<quint32, QList<QByteArray>>>& needs)
{
    // Keyed by the joined section list, in the order groups first appear.
    QHash<QByteArray, qsizetype> groupOf;
    QList<PartFetch> groups;
    QList<QList<quint32>> uidsOf;
    for (const auto& [uid, sections] : needs) {
        if (sections.isEmpty())
            continue;
        const QByteArray key = sections.join(' ');
        auto it = groupOf.find(key);
        if (it == groupOf.end()) {
            it = groupOf.insert(key, groups.size());
            groups.append(PartFetch{{}, sections});
            uidsOf.append(QList<quint32>());
        }
        uidsOf[*it].append(uid);
    }
    for (qsizetype i = 0; i < groups.size(); ++i) {
        QList<quint32>& list = uidsOf[i];
        std::sort(list.begin(), list.end());
        groups[i].uids = imap::SequenceSet::fromSorted(list);
    }
    return groups;
}

} // namespace threadline::sync
