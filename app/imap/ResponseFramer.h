#pragma once

#include "imap/Limits.h"
#include "imap/ParseError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace threadline::imap {

// Cuts the byte stream from the server into responses: a line, and when the line ends in a
// literal announcement "{n}" the n bytes after it plus the rest of the line, repeatedly
// (RFC 3501 §2.2.1, §4.3, §7.5). Chunks may split anywhere, inside CRLF or "{n}" included.
// Limits are checked before bytes are kept: a literal above the limit fails when announced.
//
// Use: feed() what the socket delivered, then call next() until it returns nothing; then
// check hasError(). After an error the stream position is lost and the connection must close.
class ResponseFramer final
{
public:
    explicit ResponseFramer(const Limits& limits = {});

    void feed(QByteArrayView bytes);
    // The next complete response (line end and literals included), or nothing if more bytes
    // are needed or the framer has failed.
    std::optional<QByteArray> next();

    bool hasError() const { return m_failed; }
    const ParseError& error() const { return m_error; }
    // Bytes received but not yet returned.
    qsizetype bufferedSize() const { return m_buffer.size() - m_start; }
    void reset();

private:
    void fail(ParseError::Code code, const char* message);
    // Parses "{n}" / "{n+}" / "~{n}" at the end of a line (line end excluded); -1 if none,
    // -2 if the announced size is not a valid number or exceeds the literal limit.
    qint64 literalSize(qsizetype lineStart, qsizetype lineEnd);

    Limits m_limits;
    QByteArray m_buffer;
    qsizetype m_start = 0;         // start of the response being collected
    qsizetype m_lineStart = 0;     // start of the current line (after the last literal)
    qsizetype m_scan = 0;          // where the search for the line end resumes
    qint64 m_literalRemaining = 0; // bytes of a literal still to come
    qint64 m_streamOffset = 0;     // bytes consumed before m_buffer[0], for error offsets
    bool m_failed = false;
    ParseError m_error;
};

} // namespace threadline::imap
