#include "imap/ModifiedUtf7.h"

namespace threadline::imap {

namespace {

constexpr char base64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == ',') {
        return 63;
    }
    return -1;
}

// Appends the UTF-16 units of one base64 run; false if the run is not valid.
bool decodeRun(QByteArrayView run, QString& out)
{
    quint32 bits = 0;
    int bitCount = 0;
    bool highByte = true;
    char16_t unit = 0;
    for (const char c : run) {
        const int value = base64Value(c);
        if (value < 0) {
            return false;
        }
        bits = (bits << 6) | quint32(value);
        bitCount += 6;
        if (bitCount >= 8) {
            bitCount -= 8;
            const auto byte = char16_t((bits >> bitCount) & 0xff);
            if (highByte) {
                unit = char16_t(byte << 8);
            } else {
                unit |= byte;
                out += QChar(unit);
            }
            highByte = !highByte;
        }
    }
    // Leftover bits must be zero padding and every UTF-16 unit complete.
    return highByte && (bits & ((1u << bitCount) - 1)) == 0;
}

void encodeRun(QStringView run, QByteArray& out)
{
    out += '&';
    quint32 bits = 0;
    int bitCount = 0;
    for (const QChar c : run) {
        const char16_t unit = c.unicode();
        for (const int shift : {8, 0}) {
            bits = (bits << 8) | ((unit >> shift) & 0xff);
            bitCount += 8;
            while (bitCount >= 6) {
                bitCount -= 6;
                out += base64Alphabet[(bits >> bitCount) & 0x3f];
            }
        }
    }
    if (bitCount > 0) {
        out += base64Alphabet[(bits << (6 - bitCount)) & 0x3f];
    }
    out += '-';
}

} // namespace

QString ModifiedUtf7::decode(QByteArrayView encoded)
{
    QString out;
    out.reserve(encoded.size());
    qsizetype i = 0;
    while (i < encoded.size()) {
        const char c = encoded[i];
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7e) {
            return QString::fromUtf8(encoded);
        }
        if (c != '&') {
            out += QLatin1Char(c);
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        while (end < encoded.size() && encoded[end] != '-') {
            ++end;
        }
        if (end == encoded.size()) {
            return QString::fromUtf8(encoded);
        }
        if (end == i + 1) {
            out += QLatin1Char('&');
        } else if (!decodeRun(encoded.sliced(i + 1, end - i - 1), out)) {
            return QString::fromUtf8(encoded);
        }
        i = end + 1;
    }
    return out;
}

QByteArray ModifiedUtf7::encode(QStringView name)
{
    QByteArray out;
    out.reserve(name.size());
    qsizetype runStart = -1;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t unit = name[i].unicode();
        const bool printable = unit >= 0x20 && unit <= 0x7e;
        if (!printable) {
            if (runStart < 0) {
                runStart = i;
            }
            continue;
        }
        if (runStart >= 0) {
            encodeRun(name.sliced(runStart, i - runStart), out);
            runStart = -1;
        }
        if (unit == '&') {
            out += "&-";
        } else {
            out += char(unit);
        }
    }
    if (runStart >= 0) {
        encodeRun(name.sliced(runStart), out);
    }
    return out;
}

} // namespace threadline::imap
