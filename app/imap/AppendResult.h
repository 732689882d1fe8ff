#pragma once

#include "imap/StatusResponse.h"

#include <optional>

namespace threadline::imap {

// The result of APPEND; with UIDPLUS the server tells the new message's UID (RFC 4315 §3).
struct AppendResult
{
    std::optional<quint32> uidValidity;
    std::optional<quint32> uid;
    StatusResponse status; // the tagged OK
};

} // namespace threadline::imap
