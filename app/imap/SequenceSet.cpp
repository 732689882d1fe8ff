#include "imap/SequenceSet.h"

#include <utility>

namespace threadline::imap {

namespace {

void appendNumber(QByteArray& out, quint32 number)
{
    if (number == SequenceSet::Star) {
        out += '*';
    } else {
        out += QByteArray::number(number);
    }
}

void appendRange(QByteArray& out, const SequenceRange& range)
{
    appendNumber(out, range.first);
    if (range.last != range.first) {
        out += ':';
        appendNumber(out, range.last);
    }
}

} // namespace

SequenceSet SequenceSet::fromSorted(std::span<const quint32> sortedNumbers)
{
    SequenceSet set;
    for (const quint32 number : sortedNumbers) {
        if (!set.m_ranges.isEmpty()) {
            SequenceRange& last = set.m_ranges.last();
            if (number >= last.first && number <= last.last) {
                continue;
            }
            if (last.last != Star && number == last.last + 1) {
                last.last = number;
                continue;
            }
        }
        set.m_ranges.append({number, number});
    }
    return set;
}

SequenceSet SequenceSet::range(quint32 first, quint32 last)
{
    SequenceSet set;
    set.append(first, last);
    return set;
}

void SequenceSet::append(quint32 first, quint32 last)
{
    // RFC 3501 §9: "2:4" and "4:2" are the same range.
    if (first > last) {
        std::swap(first, last);
    }
    m_ranges.append({first, last});
}

quint64 SequenceSet::count() const
{
    quint64 total = 0;
    for (const SequenceRange& range : m_ranges) {
        total += quint64(range.last) - range.first + 1;
    }
    return total;
}

bool SequenceSet::contains(quint32 number) const
{
    for (const SequenceRange& range : m_ranges) {
        if (number >= range.first && number <= range.last) {
            return true;
        }
    }
    return false;
}

QByteArray SequenceSet::toByteArray() const
{
    QByteArray out;
    out.reserve(m_ranges.size() * 12);
    for (const SequenceRange& range : m_ranges) {
        if (!out.isEmpty()) {
            out += ',';
        }
        appendRange(out, range);
    }
    return out;
}

QList<SequenceSet> SequenceSet::split(qsizetype maxLength) const
{
    QList<SequenceSet> parts;
    SequenceSet current;
    qsizetype currentLength = 0;
    QByteArray piece;
    for (const SequenceRange& range : m_ranges) {
        piece.clear();
        appendRange(piece, range);
        const qsizetype added = piece.size() + (current.isEmpty() ? 0 : 1);
        if (!current.isEmpty() && currentLength + added > maxLength) {
            parts.append(std::move(current));
            current = SequenceSet();
            currentLength = 0;
        }
        currentLength += piece.size() + (current.isEmpty() ? 0 : 1);
        current.m_ranges.append(range);
    }
    if (!current.isEmpty()) {
        parts.append(std::move(current));
    }
    return parts;
}

} // namespace threadline::imap
