#pragma once

#include <QString>

namespace threadline::imap {

// Why bytes from the server could not be framed or parsed. Framing errors are fatal for the
// connection (the stream position is lost); parse errors concern one response.
struct ParseError
{
    enum class Code
    {
        Malformed,        // not valid IMAP at `offset`
        LineTooLong,      // Limits::maxLineLength exceeded
        LiteralTooLarge,  // a {n} announcement above Limits::maxLiteralSize
        ResponseTooLarge, // Limits::maxResponseSize exceeded
        NestingTooDeep,   // Limits::maxNestingDepth exceeded
        Pop3Greeting,     // the server greeted with "+OK": a POP3 server on this port
        SmtpGreeting,     // the server greeted with "220": an SMTP server on this port
        NotAGreeting,     // the first line is IMAP but not OK/PREAUTH/BYE
    };

    Code code = Code::Malformed;
    QString message;       // technical detail for the protocol log; not shown to users as is
    qsizetype offset = -1; // byte offset in the response (or the stream for framing errors)

    friend bool operator==(const ParseError&, const ParseError&) = default;
};

} // namespace threadline::imap
