#pragma once

#include <QByteArray>

namespace threadline::imap {

// One address of an ENVELOPE address list. RFC 3501 §7.4.2: group syntax ("Team: a, b;")
// arrives as markers: a start (host NIL, mailbox = the group's name) and an end (host and
// mailbox NIL). NIL fields are null QByteArrays; strings are raw (RFC 2047 words undecoded).
struct Address
{
    QByteArray name;
    QByteArray adl; // source route, obsolete
    QByteArray mailbox;
    QByteArray host;

    bool isGroupStart() const { return host.isNull() && !mailbox.isNull(); }
    bool isGroupEnd() const { return host.isNull() && mailbox.isNull(); }
    QByteArray email() const
    {
        QByteArray out = mailbox;
        out += '@';
        out += host;
        return out;
    }

    friend bool operator==(const Address&, const Address&) = default;
};

} // namespace threadline::imap
