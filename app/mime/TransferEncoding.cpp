#include "TransferEncoding.h"

#include "Ascii.h"

#include <array>
#include <cstring>

namespace threadline::mime {

namespace {

constexpr int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') // lowercase is illegal (RFC 2045 §6.7 rule 1) but common
        return c - 'a' + 10;
    return -1;
}

constexpr std::array<signed char, 256> makeBase64Table()
{
    std::array<signed char, 256> table{};
    for (auto& v : table)
        v = -1;
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    // The URL-safe alphabet shows up from broken generators; it cannot clash with the standard one.
    table['-'] = 62;
    table['_'] = 63;
    return table;
}

constexpr auto kBase64 = makeBase64Table();

// The sextets of four bytes packed in 24 bits, or -1 when any byte is outside the alphabet
// (every table entry is 0..63 or -1, so one sign test covers the four).
Q_ALWAYS_INLINE qint32 quad(const char* p)
{
    const qint32 a = kBase64[static_cast<unsigned char>(p[0])];
    const qint32 b = kBase64[static_cast<unsigned char>(p[1])];
    const qint32 c = kBase64[static_cast<unsigned char>(p[2])];
    const qint32 d = kBase64[static_cast<unsigned char>(p[3])];
    if ((a | b | c | d) < 0)
        return -1;
    return (a << 18) | (b << 12) | (c << 6) | d;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

constexpr char kHex[] = "0123456789ABCDEF";

} // namespace

TransferEncoding::Kind TransferEncoding::kindOf(QByteArrayView cte)
{
    cte = cte.trimmed();
    if (cte.size() != 16 && cte.size() != 6) // neither name: no comparison needed
        return Kind::Identity;
    if (Ascii::equalsIgnoringCase(cte, "quoted-printable"))
        return Kind::QuotedPrintable;
    if (Ascii::equalsIgnoringCase(cte, "base64"))
        return Kind::Base64;
    return Kind::Identity;
}

QByteArray TransferEncoding::decode(QByteArrayView data, Kind kind, bool* damaged)
{
    switch (kind) {
    case Kind::QuotedPrintable:
        return decodeQuotedPrintable(data, damaged);
    case Kind::Base64:
        return decodeBase64(data, damaged);
    case Kind::Identity:
        break;
    }
    return data.toByteArray();
}

QByteArray TransferEncoding::decodeQuotedPrintable(QByteArrayView data, bool* damaged)
{
    // Decoding never lengthens: written through a pointer, cut to size at the end.
    QByteArray out(data.size(), Qt::Uninitialized);
    char* const begin = out.data();
    char* dst = begin;
    bool bad = false;
    qsizetype pos = 0;
    const qsizetype size = data.size();
    const char* const in = data.data();
    // Positions of the next `c` in [from, to), or -1: memchr, the fastest scan there is.
    auto find = [in](char c, qsizetype from, qsizetype to) -> qsizetype {
        const void* at = memchr(in + from, c, size_t(to - from));
        return at ? static_cast<const char*>(at) - in : -1;
    };
    while (pos < size) {
        qsizetype eol = find('\n', pos, size);
        const bool hasEol = eol >= 0;
        if (!hasEol)
            eol = size;
        qsizetype end = eol;
        if (hasEol && end > pos && data[end - 1] == '\r')
            --end;
        // Rule 3: whitespace at the end of an encoded line was added in transport.
        while (end > pos && (data[end - 1] == ' ' || data[end - 1] == '\t'))
            --end;
        bool soft = false;
        qsizetype i = pos;
        while (i < end) {
            // The run up to the next '=' is copied whole; escapes often follow each other
            // ("=C3=A9"), and then there is no run to look for.
            if (in[i] != '=') {
                qsizetype eq = find('=', i, end);
                if (eq < 0)
                    eq = end;
                memcpy(dst, in + i, size_t(eq - i));
                dst += eq - i;
                i = eq;
            }
            if (i >= end)
                break;
            if (i + 1 == end) {
                soft = true; // rule 5: "=" at the end of a line is a soft line break
                break;
            }
            const int hi = i + 2 < end ? hexValue(data[i + 1]) : -1;
            const int lo = hi >= 0 ? hexValue(data[i + 2]) : -1;
            if (lo < 0) {
                bad = true; // keep a bad escape as written, the friendliest reading
                *dst++ = '=';
                ++i;
                continue;
            }
            *dst++ = static_cast<char>(hi * 16 + lo);
            i += 3;
        }
        if (hasEol && !soft) {
            if (eol > 0 && data[eol - 1] == '\r')
                *dst++ = '\r';
            *dst++ = '\n';
        }
        pos = eol + 1;
    }
    out.truncate(dst - begin);
    if (damaged)
        *damaged = bad;
    return out;
}

QByteArray TransferEncoding::decodeBase64(QByteArrayView data, bool* damaged)
{
    // 4 sextets make 3 bytes: written through a pointer, cut to size at the end.
    QByteArray out(data.size() / 4 * 3 + 3, Qt::Uninitialized);
    char* const begin = out.data();
    char* dst = begin;
    bool bad = false;
    quint32 acc = 0;
    int count = 0;
    auto flush = [&] {
        // A cut quantum still holds whole bytes: 2 sextets make 1 byte, 3 make 2.
        if (count == 2) {
            *dst++ = static_cast<char>(acc >> 4);
        } else if (count == 3) {
            *dst++ = static_cast<char>(acc >> 10);
            *dst++ = static_cast<char>(acc >> 2);
        } else if (count == 1) {
            bad = true;
        }
        acc = 0;
        count = 0;
    };
    const char* p = data.data();
    const char* const end = p + data.size();
    while (p < end) {
        // Between quanta, whole groups of four alphabet bytes (the bulk of any body: a
        // 76-character line is 19 of them) are decoded in one step each.
        if (count == 0) {
            for (qint32 v; end - p >= 4 && (v = quad(p)) >= 0; p += 4) {
                *dst++ = static_cast<char>(v >> 16);
                *dst++ = static_cast<char>(v >> 8);
                *dst++ = static_cast<char>(v);
            }
            if (p == end)
                break;
        }
        const char c = *p++;
        const signed char v = kBase64[static_cast<unsigned char>(c)];
        if (v >= 0) {
            acc = (acc << 6) | static_cast<quint32>(v);
            if (++count == 4) {
                *dst++ = static_cast<char>(acc >> 16);
                *dst++ = static_cast<char>(acc >> 8);
                *dst++ = static_cast<char>(acc);
                acc = 0;
                count = 0;
            }
        } else if (c == '=') {
            flush(); // padding ends a quantum; concatenated encodings continue after it
        } else if (!isSpace(c)) {
            bad = true;
        }
    }
    flush();
    out.truncate(dst - begin);
    if (damaged)
        *damaged = bad;
    return out;
}

QByteArray TransferEncoding::decodeQ(QByteArrayView data, bool* damaged)
{
    // Decoding never lengthens: written through a pointer, cut to size at the end.
    QByteArray out(data.size(), Qt::Uninitialized);
    char* const begin = out.data();
    char* dst = begin;
    bool bad = false;
    const qsizetype size = data.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '_') {
            *dst++ = ' ';
        } else if (c == '=') {
            const int hi = i + 2 < size ? hexValue(data[i + 1]) : -1;
            const int lo = hi >= 0 ? hexValue(data[i + 2]) : -1;
            if (lo < 0) {
                bad = true;
                *dst++ = c;
            } else {
                *dst++ = static_cast<char>(hi * 16 + lo);
                i += 2;
            }
        } else {
            *dst++ = c;
        }
    }
    out.truncate(dst - begin);
    if (damaged)
        *damaged = bad;
    return out;
}

qsizetype TransferEncoding::estimateDecodedSize(QByteArrayView data, Kind kind)
{
    switch (kind) {
    case Kind::Identity:
        return data.size();
    case Kind::Base64: {
        // Exact for any input (junk bytes are skipped as decodeBase64() skips them), and
        // cheap for the usual lines of alphabet bytes: four of them are counted at once.
        qsizetype sextets = 0;
        const char* p = data.data();
        const char* const end = p + data.size();
        while (p < end) {
            if (end - p >= 4 && quad(p) >= 0) {
                sextets += 4;
                p += 4;
                continue;
            }
            sextets += kBase64[static_cast<unsigned char>(*p++)] >= 0 ? 1 : 0;
        }
        return sextets * 3 / 4;
    }
    case Kind::QuotedPrintable: {
        qsizetype n = 0;
        const qsizetype size = data.size();
        for (qsizetype i = 0; i < size; ++i) {
            if (data[i] != '=') {
                ++n;
            } else if (i + 2 < size && hexValue(data[i + 1]) >= 0 && hexValue(data[i + 2]) >= 0) {
                ++n;
                i += 2;
            } else if (i + 1 < size && (data[i + 1] == '\r' || data[i + 1] == '\n')) {
                i += data[i + 1] == '\r' && i + 2 < size && data[i + 2] == '\n' ? 2 : 1;
            }
        }
        return n;
    }
    }
    return data.size();
}

QByteArray TransferEncoding::encodeQuotedPrintable(QByteArrayView data)
{
    QByteArray out;
    out.reserve(data.size() + data.size() / 8 + 16);
    const qsizetype size = data.size();
    qsizetype pos = 0;
    while (pos <= size) {
        qsizetype eol = pos;
        while (eol < size && data[eol] != '\n' && data[eol] != '\r')
            ++eol;
        int column = 0;
        char unit[3];
        for (qsizetype i = pos; i < eol; ++i) {
            const auto b = static_cast<unsigned char>(data[i]);
            const bool last = i + 1 == eol;
            // Rule 3: trailing whitespace is encoded so transport cannot strip it; a line
            // starting "From " is encoded so mbox storage cannot mangle it.
            const bool literal =
                (b >= 33 && b <= 126 && b != '=' &&
                 !(i == pos && b == 'F' && data.sliced(pos).startsWith("From "))) ||
                ((b == ' ' || b == '\t') && !last);
            int len = 1;
            if (literal) {
                unit[0] = static_cast<char>(b);
            } else {
                unit[0] = '=';
                unit[1] = kHex[b >> 4];
                unit[2] = kHex[b & 0xF];
                len = 3;
            }
            // 76 characters per line, the soft break's "=" included (rule 5).
            if (column + len > (last ? 76 : 75)) {
                out.append("=\r\n");
                column = 0;
            }
            out.append(unit, len);
            column += len;
        }
        if (eol >= size)
            break;
        out.append("\r\n");
        pos = eol + ((data[eol] == '\r' && eol + 1 < size && data[eol + 1] == '\n') ? 2 : 1);
        if (pos == size)
            break;
    }
    return out;
}

QByteArray TransferEncoding::encodeBase64Lines(QByteArrayView data)
{
    const QByteArray encoded = data.toByteArray().toBase64();
    QByteArray out;
    out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
    for (qsizetype pos = 0; pos < encoded.size(); pos += 76) {
        out.append(QByteArrayView(encoded).sliced(pos, qMin<qsizetype>(76, encoded.size() - pos)));
        out.append("\r\n");
    }
    return out;
}

} // namespace threadline::mime
