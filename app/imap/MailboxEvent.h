#pragma once

#include "imap/ExistsResponse.h"
#include "imap/ExpungeResponse.h"
#include "imap/FetchResponse.h"
#include "imap/FlagsResponse.h"
#include "imap/RecentResponse.h"
#include "imap/VanishedResponse.h"

#include <variant>

namespace threadline::imap {

// A change in the selected mailbox the server reported on its own: new mail (EXISTS), an
// expunge (EXPUNGE, or VANISHED with QRESYNC), a flag change (FETCH), new flag names (FLAGS).
// Delivered to the running IDLE's handler, else through ImapSession::mailboxEvent.
using MailboxEvent = std::variant<ExistsResponse, RecentResponse, ExpungeResponse, VanishedResponse,
                                  FetchResponse, FlagsResponse>;

} // namespace threadline::imap
