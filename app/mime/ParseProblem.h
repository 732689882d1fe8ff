#pragma once

#include <QByteArray>
#include <QString>

namespace threadline::mime {

// Something wrong found while parsing a message. Parsing always goes on; these explain
// why a body or header may look odd, for the troubleshooting view and the tests.
struct ParseProblem
{
    enum class Code
    {
        MalformedHeaderLine,     // junk in the header section, or the empty line missing
        TooManyHeaderFields,     // beyond HeaderBlock::kMaxFields, the rest ignored
        UnknownCharset,          // decoded by guessing (UTF-8, else windows-1252)
        InvalidCharsetBytes,     // bytes invalid in the declared charset
        MalformedEncodedWord,    // an RFC 2047 word kept as written
        UndeclaredEightBit,      // 8-bit bytes, not UTF-8, with no charset saying what they are
        InvalidDate,             // a Date header that could not be read
        MissingBoundary,         // multipart without a boundary parameter
        UnterminatedMultipart,   // no close delimiter: the last part runs to the end
        EmptyMultipart,          // no part found between the delimiters
        DepthLimitExceeded,      // nesting deeper than Options::maxDepth, not parsed
        PartLimitExceeded,       // more parts than Options::maxParts, the rest ignored
        DamagedTransferEncoding, // junk in base64, bad quoted-printable escapes
        UnknownTransferEncoding, // e.g. x-uuencode: kept undecoded
        TextTruncated,           // a text part beyond Options::maxTextSize, cut
    };

    Code code;
    QString partPath;  // "" for the top-level headers, else an IMAP part number like "2.1"
    QByteArray detail; // the header name, charset or encoding concerned, when there is one

    friend bool operator==(const ParseProblem&, const ParseProblem&) = default;
};

} // namespace threadline::mime
