#pragma once

#include <QByteArray>
#include <QList>

namespace threadline::imap {

// A formatted command ready to send. Every segment but the last ends with a synchronising
// literal announcement "{n}\r\n": send a segment, wait for the server's "+" continuation,
// then send the next (RFC 3501 §7.5). Without synchronising literals there is one segment.
struct Command
{
    QByteArray tag;
    QList<QByteArray> segments;

    // All segments joined: what the wire carries in total (for tests and logging).
    QByteArray bytes() const
    {
        QByteArray out;
        for (const QByteArray& segment : segments) {
            out += segment;
        }
        return out;
    }

    friend bool operator==(const Command&, const Command&) = default;
};

} // namespace threadline::imap
