#pragma once

#include "imap/CapabilityResponse.h"
#include "imap/ContinuationRequest.h"
#include "imap/EnabledResponse.h"
#include "imap/EsearchResponse.h"
#include "imap/ExistsResponse.h"
#include "imap/ExpungeResponse.h"
#include "imap/FetchResponse.h"
#include "imap/FlagsResponse.h"
#include "imap/ListResponse.h"
#include "imap/MailboxStatusResponse.h"
#include "imap/RecentResponse.h"
#include "imap/SearchResponse.h"
#include "imap/StatusResponse.h"
#include "imap/UnknownResponse.h"
#include "imap/VanishedResponse.h"

#include <variant>

namespace threadline::imap {

// Everything a server can send, one type per kind. A session routes a tagged StatusResponse
// to the handler registered for its tag, a ContinuationRequest to the command waiting for one,
// and every other alternative (all untagged) to the handler for that type.
using Response = std::variant<StatusResponse, ContinuationRequest, CapabilityResponse,
                              EnabledResponse, ListResponse, MailboxStatusResponse, FlagsResponse,
                              ExistsResponse, RecentResponse, ExpungeResponse, VanishedResponse,
                              SearchResponse, EsearchResponse, FetchResponse, UnknownResponse>;

// The tag of a tagged completion, empty for everything else.
inline QByteArray responseTag(const Response& response)
{
    if (const auto* status = std::get_if<StatusResponse>(&response)) {
        return status->tag;
    }
    return {};
}

} // namespace threadline::imap
