#pragma once

#include <QByteArray>
#include <QList>
#include <limits>
#include <span>

namespace threadline::imap {

// An inclusive range of UIDs or message sequence numbers; first <= last.
struct SequenceRange
{
    quint32 first = 0;
    quint32 last = 0;

    friend bool operator==(const SequenceRange&, const SequenceRange&) = default;
};

// A sequence-set (RFC 3501 §9) kept as ranges, never expanded: "1:4294967295" is one range.
class SequenceSet final
{
public:
    // "*" (the largest number in use) is stored as this value and printed back as "*".
    static constexpr quint32 Star = std::numeric_limits<quint32>::max();

    SequenceSet() = default;

    // Ranges from ascending numbers (duplicates allowed): {1,2,3,5,7,8} -> "1:3,5,7:8".
    static SequenceSet fromSorted(std::span<const quint32> sortedNumbers);
    static SequenceSet range(quint32 first, quint32 last);

    // Appends a range as is (the parser keeps the server's order); first and last may be swapped.
    void append(quint32 first, quint32 last);

    const QList<SequenceRange>& ranges() const { return m_ranges; }
    bool isEmpty() const { return m_ranges.isEmpty(); }
    // How many numbers the ranges cover (overlaps counted twice).
    quint64 count() const;
    bool contains(quint32 number) const;

    // The wire form, e.g. "1:3,5,7:*". Empty for an empty set.
    QByteArray toByteArray() const;
    // Splits into sets whose wire form is at most maxLength bytes (servers bound command
    // lines; RFC 7162 §4 suggests staying under 8 KB). A set never splits inside a range.
    QList<SequenceSet> split(qsizetype maxLength) const;

    friend bool operator==(const SequenceSet&, const SequenceSet&) = default;

private:
    QList<SequenceRange> m_ranges;
};

} // namespace threadline::imap
