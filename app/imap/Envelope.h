#pragma once

#include "imap/Address.h"

#include <QByteArray>
#include <QList>

namespace threadline::imap {

// FETCH ENVELOPE. RFC 3501 §7.4.2. Strings are raw bytes as the server sent them (RFC 2047
// encoded words and 8-bit bytes left for the mime module); NIL is a null QByteArray or an
// empty list.
struct Envelope
{
    QByteArray date; // the Date header, unparsed
    QByteArray subject;
    QList<Address> from;
    QList<Address> sender;
    QList<Address> replyTo;
    QList<Address> to;
    QList<Address> cc;
    QList<Address> bcc;
    QByteArray inReplyTo;
    QByteArray messageId;

    friend bool operator==(const Envelope&, const Envelope&) = default;
};

} // namespace threadline::imap
