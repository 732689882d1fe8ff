#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace threadline::imap {

// Redacts credentials from the IMAP byte streams before anything is written to a log.
// What goes: the arguments of LOGIN (literals included), the initial response of
// AUTHENTICATE (SASL-IR, RFC 4959), every client line of a SASL exchange and the server's
// "+" challenges until the AUTHENTICATE command completes. What stays: tags, command names,
// the SASL mechanism, and all other traffic.
//
// Stateful because a LOGIN may span several writes (synchronising literals) and a SASL
// exchange several lines: feed it both directions, in order, in chunks split anywhere.
// A line is held back until its command name is known, so output may lag the input.
class ProtocolLog final
{
public:
    enum class Direction
    {
        Sent,
        Received
    };

    // What may be logged for these bytes.
    QByteArray redact(Direction direction, QByteArrayView bytes);
    // Forget all state, e.g. when the connection closes.
    void reset();

    static constexpr QByteArrayView Redacted = "[redacted]";

private:
    enum class LineMode
    {
        Undecided,
        Pass,
        Drop
    };

    struct Stream
    {
        QByteArray head; // the start of the current line while undecided
        LineMode mode = LineMode::Undecided;
        QByteArray tail; // the last bytes of the current line, for "{n}" at its end
        qint64 literalRemaining = 0;
        bool literalDropped = false;
        bool afterLiteral = false;      // the current line continues a command after a literal
        bool credentialCommand = false; // the command being continued is a LOGIN
    };

    void decide(Direction direction, Stream& stream, QByteArray& out);
    void endLine(Stream& stream, QByteArray& out);

    Stream m_sent;
    Stream m_received;
    QByteArray m_saslTag; // an AUTHENTICATE exchange is running under this tag
};

} // namespace threadline::imap
