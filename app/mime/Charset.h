#pragma once

#include "DecodeIssues.h"

#include <QByteArrayView>
#include <QString>

namespace threadline::mime {

// Charset decoding for headers and bodies. Labels are matched the way the WHATWG
// Encoding Standard does for the common ones (us-ascii and iso-8859-1 mean windows-1252);
// any other label goes to QStringDecoder, which knows the legacy charsets on Debian.
class Charset final
{
public:
    Charset() = delete;

    // Decodes `bytes` in `charset`. An empty charset or 8-bit bytes in a declared ASCII
    // text are guessed (UTF-8 when valid, else windows-1252). An unknown charset is
    // guessed the same way and reported.
    static QString decode(QByteArrayView bytes, QByteArrayView charset,
                          DecodeIssues* issues = nullptr);
    // UTF-8 when the bytes are valid UTF-8, else windows-1252: how raw 8-bit header
    // bytes are read (RFC 6532 allows UTF-8; legacy mailers send their local charset).
    static QString decodeGuess(QByteArrayView bytes);
    static QString decodeWindows1252(QByteArrayView bytes);
    // True when `charset` is a label decode() can honour.
    static bool isKnown(QByteArrayView charset);
    // True when decode() in `charset` turns NUL, LF and CR bytes into those characters and
    // nothing else into them (UTF-8, and the ASCII and windows-1252 families, the empty
    // label included): line breaks can then be rewritten in the bytes, before decoding.
    static bool isAsciiTransparent(QByteArrayView charset);
};

} // namespace threadline::mime
