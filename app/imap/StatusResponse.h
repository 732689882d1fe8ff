#pragma once

#include "imap/ResponseCode.h"

#include <QByteArray>
#include <QString>

namespace threadline::imap {

// OK/NO/BAD (tagged or untagged), PREAUTH and BYE (untagged). RFC 3501 §7.1.
struct StatusResponse
{
    enum class Status
    {
        Ok,
        No,
        Bad,
        PreAuth,
        Bye
    };

    QByteArray tag; // empty when untagged
    Status status = Status::Ok;
    ResponseCode code;
    QString text; // human-readable, for an [ALERT] shown to the user verbatim

    bool isTagged() const { return !tag.isEmpty(); }

    friend bool operator==(const StatusResponse&, const StatusResponse&) = default;
};

} // namespace threadline::imap
