#include "Charset.h"

#include "Ascii.h"

#include <QStringDecoder>
#include <array>

namespace threadline::mime {

namespace {

// windows-1252 code points for bytes 0x80..0x9F; the five bytes the charset leaves
// undefined map to the C1 control of the same value, as the WHATWG index does.
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

enum class Family
{
    Utf8,
    Ascii,
    Windows1252,
    Other,
};

Family familyOf(QByteArrayView label)
{
    // Compared without allocating: labels are short and the common ones are few.
    auto is = [label](QByteArrayView known) {
        return Ascii::equalsIgnoringCase(label, known);
    };
    if (is("utf-8") || is("utf8"))
        return Family::Utf8;
    if (is("us-ascii") || is("ascii") || is("ansi_x3.4-1968") || is("us") || is("iso646-us"))
        return Family::Ascii;
    if (is("iso-8859-1") || is("iso8859-1") || is("latin1") || is("iso_8859-1") || is("l1") ||
        is("windows-1252") || is("cp1252") || is("x-cp1252") || is("ibm819") || is("cp819") ||
        is("iso-ir-100") || is("iso_8859-1:1987") || is("csisolatin1"))
        return Family::Windows1252;
    return Family::Other;
}

QByteArrayView cleanLabel(QByteArrayView label)
{
    label = label.trimmed();
    if (label.size() >= 2 && label.front() == '"' && label.back() == '"')
        label = label.sliced(1, label.size() - 2).trimmed();
    return label;
}

} // namespace

QString Charset::decodeWindows1252(QByteArrayView bytes)
{
    // windows-1252 is Latin-1 but for 0x80..0x9F: QString::fromLatin1() widens the bytes in
    // vector steps, then those few are replaced. The ASCII runs between them, most of any
    // Western text, are passed over eight bytes at a time (Ascii::firstNonAscii).
    if (bytes.isEmpty())
        return QString(0, Qt::Uninitialized); // empty, not null, as ever
    QString out = QString::fromLatin1(bytes);
    QChar* const dst = out.data();
    for (qsizetype i = Ascii::firstNonAscii(bytes); i < bytes.size();
         i = Ascii::firstNonAscii(bytes, i + 1)) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b < 0xA0)
            dst[i] = QChar(kWindows1252High[b - 0x80]);
    }
    return out;
}

QString Charset::decodeGuess(QByteArrayView bytes)
{
    if (Ascii::isAscii(bytes))
        return QString::fromLatin1(bytes);
    if (bytes.isValidUtf8())
        return QString::fromUtf8(bytes);
    return decodeWindows1252(bytes);
}

bool Charset::isKnown(QByteArrayView charset)
{
    charset = cleanLabel(charset);
    if (charset.isEmpty())
        return false;
    if (familyOf(charset) != Family::Other)
        return true;
    return QStringDecoder(charset.toByteArray().constData()).isValid();
}

bool Charset::isAsciiTransparent(QByteArrayView charset)
{
    charset = cleanLabel(charset);
    return charset.isEmpty() || familyOf(charset) != Family::Other;
}

QString Charset::decode(QByteArrayView bytes, QByteArrayView charset, DecodeIssues* issues)
{
    auto flag = [issues](DecodeIssue issue) {
        if (issues)
            *issues |= issue;
    };
    charset = cleanLabel(charset);
    switch (charset.isEmpty() ? Family::Ascii : familyOf(charset)) {
    case Family::Utf8:
        if (!bytes.isValidUtf8())
            flag(DecodeIssue::InvalidBytes);
        return QString::fromUtf8(bytes);
    case Family::Ascii:
        if (Ascii::isAscii(bytes))
            return QString::fromLatin1(bytes);
        // RFC 2045 §5.2 defaults to us-ascii, yet undeclared 8-bit text is everywhere;
        // it is nearly always UTF-8 when it decodes as such.
        if (bytes.isValidUtf8())
            return QString::fromUtf8(bytes);
        flag(DecodeIssue::RawEightBit);
        return decodeWindows1252(bytes);
    case Family::Windows1252:
        return Ascii::isAscii(bytes) ? QString::fromLatin1(bytes) : decodeWindows1252(bytes);
    case Family::Other:
        break;
    }
    QStringDecoder decoder(charset.toByteArray().constData(), QStringConverter::Flag::Stateless);
    if (!decoder.isValid()) {
        flag(DecodeIssue::UnknownCharset);
        return decodeGuess(bytes);
    }
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        flag(DecodeIssue::InvalidBytes);
    return text;
}

} // namespace threadline::mime
