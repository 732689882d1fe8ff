#pragma once

#include <QByteArrayView>
#include <cstring>

namespace threadline::mime {

// Byte helpers for the protocol's ASCII names (charsets, encodings, months, parameters),
// inline: QByteArrayView::compare(..., Qt::CaseInsensitive) goes through qstrnicmp and its
// Latin-1 table, a call per name that the sync pays for every part and header.
class Ascii final
{
public:
    Ascii() = delete;

    static constexpr char toLower(char c) { return c >= 'A' && c <= 'Z' ? char(c | 0x20) : c; }

    // Case-insensitive equality with ASCII folding. Where one side is an ASCII literal this
    // is what qstrnicmp answers too: its Latin-1 folding never maps a byte >= 0x80 to ASCII.
    static bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
    {
        if (a.size() != b.size())
            return false;
        const char* x = a.data();
        const char* y = b.data();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (x[i] != y[i] && toLower(x[i]) != toLower(y[i]))
                return false;
        }
        return true;
    }

    // The first `needle` in `haystack` at or after `from`, or -1, as QByteArrayView::indexOf()
    // answers. memchr on the first byte, then a compare: QByteArrayView::indexOf() sets up a
    // hash or a matcher on each call, which costs more than the search itself for the short
    // needles and texts of a message. Hostile text full of the first byte hands over to it,
    // so the work stays linear.
    static qsizetype indexOf(QByteArrayView haystack, QByteArrayView needle, qsizetype from = 0)
    {
        const qsizetype n = needle.size();
        const qsizetype size = haystack.size();
        if (n == 0 || from < 0 || size - from < n)
            return haystack.indexOf(needle, from);
        const char* const data = haystack.data();
        const char first = needle.front();
        const qsizetype last = size - n; // the last position a match can start at
        qsizetype budget = size;         // bytes compared before handing over
        for (qsizetype pos = from; pos <= last;) {
            const void* hit = std::memchr(data + pos, first, size_t(last - pos + 1));
            if (!hit)
                return -1;
            pos = static_cast<const char*>(hit) - data;
            if (std::memcmp(data + pos + 1, needle.data() + 1, size_t(n - 1)) == 0)
                return pos;
            budget -= n;
            if (budget < 0)
                return haystack.indexOf(needle, pos + 1);
            ++pos;
        }
        return -1;
    }

    static bool isAscii(QByteArrayView bytes) { return firstNonAscii(bytes) == bytes.size(); }

    // The index of the first byte >= 0x80 at or after `from`, or bytes.size() when none is.
    static qsizetype firstNonAscii(QByteArrayView bytes, qsizetype from = 0)
    {
        // Eight bytes per step: any high bit set in the word means a non-ASCII byte in it.
        const char* const data = bytes.data();
        const qsizetype size = bytes.size();
        qsizetype i = from;
        for (; size - i >= 8; i += 8) {
            quint64 word;
            std::memcpy(&word, data + i, sizeof word);
            if (word & 0x8080808080808080)
                break;
        }
        for (; i < size; ++i) {
            if (static_cast<unsigned char>(data[i]) >= 0x80)
                return i;
        }
        return size;
    }
};

} // namespace threadline::mime
