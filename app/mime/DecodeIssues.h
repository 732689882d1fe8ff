#pragma once

#include <QFlags>

namespace threadline::mime {

// What went wrong while turning raw header or body bytes into text. Decoding never
// fails: it returns its best effort and reports these so the caller can record them.
enum class DecodeIssue : quint8
{
    UnknownCharset = 0x01,       // a charset QStringDecoder does not know
    MalformedEncodedWord = 0x02, // an RFC 2047 word that could not be decoded, kept as written
    RawEightBit = 0x04,          // undeclared 8-bit bytes that are not UTF-8: read as windows-1252
    InvalidBytes = 0x08,         // bytes invalid in their declared charset
};
Q_DECLARE_FLAGS(DecodeIssues, DecodeIssue)
Q_DECLARE_OPERATORS_FOR_FLAGS(DecodeIssues)

} // namespace threadline::mime
