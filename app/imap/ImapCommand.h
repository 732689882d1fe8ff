#pragma once

#include "imap/Command.h"
#include "imap/Response.h"
#include "imap/SessionError.h"

#include <QByteArray>
#include <QList>
#include <functional>

namespace threadline::imap {

// One command inside ImapSession, queued or in flight: how to format it once its tag is
// known, and the handlers the session routes its responses to. Internal to the session.
struct ImapCommand
{
    QByteArray name; // "UID FETCH", for logs
    std::function<Command(const QByteArray& tag)> build;
    // Sent only when nothing else is in flight, and nothing else is sent until it completes:
    // commands that change the session's state or own the untagged responses (RFC 3501 §5.5).
    bool exclusive = false;
    // Keeps the client-to-server direction until it completes (a SASL exchange, IDLE): nothing
    // else may be written in between.
    bool holdsWrite = false;

    // Offered each untagged response while in flight, oldest command first; true = taken.
    std::function<bool(const Response&, const ImapCommand&)> untagged;
    // A "+" while this command owns the write direction. Unset: send the next literal segment.
    std::function<void(const ContinuationRequest&)> continuation;
    // Just before the first bytes go out.
    std::function<void()> sending;
    // Exactly one of these runs, once.
    std::function<void(const StatusResponse&)> completed;
    std::function<void(const SessionError&)> failed;

    // Filled by the session.
    QByteArray tag;
    QList<QByteArray> segments;
    qsizetype nextSegment = 0;
};

} // namespace threadline::imap
