#pragma once

#include "imap/StatusResponse.h"
#include "net/ErrorCode.h"

namespace threadline::imap {

// Why an ImapSession call did not succeed.
struct SessionError
{
    enum class Kind
    {
        // The connection failed or is gone (error.code: HostUnreachable, ConnectionTimedOut,
        // ConnectionLost, ProtocolFailure, TLS codes, Pop3Only, WrongServiceOnPort,
        // StartTlsMissing, ...). The session is Disconnected; every pending call got this once.
        Connection,
        // The server answered the command with a tagged NO (`response` has its code and text,
        // e.g. [NONEXISTENT]); the connection is still usable. error.code is
        // AuthenticationFailed for LOGIN/AUTHENTICATE, ProtocolFailure otherwise.
        No,
        // The server answered BAD: it did not accept the command. error.code ProtocolFailure.
        Bad,
        // The server lacks what the call needs (IDLE without IDLE, no sign-in method usable).
        Unsupported,
        // The call is not valid in the session's state (e.g. authenticate() before connecting).
        WrongState,
    };

    Kind kind = Kind::Connection;
    net::UserError error;    // the numbered code users see if this reaches them
    StatusResponse response; // the tagged NO/BAD for Kind::No and Kind::Bad

    static SessionError connection(net::ErrorCode code, const QString& detail = {})
    {
        return {Kind::Connection, {code, detail}, {}};
    }
    static SessionError make(Kind kind, net::ErrorCode code, const QString& detail = {})
    {
        return {kind, {code, detail}, {}};
    }
    // A tagged NO or BAD as an error; `code` is what users see for a NO.
    static SessionError fromStatus(const StatusResponse& status,
                                   net::ErrorCode code = net::ErrorCode::ProtocolFailure)
    {
        const bool bad = status.status == StatusResponse::Status::Bad;
        return {bad ? Kind::Bad : Kind::No,
                {bad ? net::ErrorCode::ProtocolFailure : code, status.text},
                status};
    }
};

} // namespace threadline::imap
