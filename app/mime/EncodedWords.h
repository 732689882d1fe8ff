#pragma once

#include "DecodeIssues.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace threadline::mime {

// RFC 2047 encoded-words ("=?charset?B|Q?text?=") in header text.
class EncodedWords final
{
public:
    EncodedWords() = delete;

    // Decodes a raw (unfolded) header value to text. Encoded-words separated only by
    // whitespace are joined (§6.2); words in the same charset are joined before charset
    // decoding, so a character split across two words survives. Malformed words and words
    // in an unknown charset stay as written. 8-bit bytes outside words are read as UTF-8,
    // else windows-1252. Line breaks and NULs become spaces: a header value is one line.
    static QString decode(QByteArrayView raw, DecodeIssues* issues = nullptr);
    // True when decode() would return `raw` as written, widened from ASCII, with no issue:
    // not empty, ASCII, without encoded-words, line breaks or NULs.
    static bool isPlainText(QByteArrayView raw);

    // A whole header field "Name: value" for sending, folded to 76 characters, without
    // the final CRLF. ASCII words stay readable; runs of words that need it (non-ASCII, or
    // too long for a line) become UTF-8 encoded-words in the shorter of Q and B (§4, §5).
    // CR and LF in `text` become spaces.
    static QByteArray encodeHeader(QByteArrayView name, QStringView text);
};

} // namespace threadline::mime
