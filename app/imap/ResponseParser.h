#pragma once

#include "imap/Limits.h"
#include "imap/Response.h"
#include "imap/Result.h"

#include <QByteArrayView>

namespace threadline::imap {

// Turns one framed response (a line and its literals, as ResponseFramer emits it) into a
// typed Response. Stateless: the same bytes always give the same result, so it can run on
// any thread. Lenient where real servers deviate harmlessly (extra spaces, a bare LF, a
// missing text after a status); strict where a wrong guess would corrupt the sync.
class ResponseParser final
{
public:
    static Result<Response> parse(QByteArrayView response, const Limits& limits = {});

    // The first line of a connection must be an untagged OK, PREAUTH or BYE (RFC 3501 §7.1).
    // A POP3 ("+OK") or SMTP ("220") greeting gives Pop3Greeting or SmtpGreeting, so the user
    // can be told they configured the wrong port or server.
    static Result<StatusResponse> parseGreeting(QByteArrayView response, const Limits& limits = {});
};

} // namespace threadline::imap
