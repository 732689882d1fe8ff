#pragma once

#include <QLoggingCategory>

namespace threadline::imap {

// The wire traffic, credentials redacted (ProtocolLog). Off by default; switch it on with
// QT_LOGGING_RULES="threadline.imap.protocol.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcImapProtocol)
// Session events worth a warning (unexpected responses, unreadable CA file).
Q_DECLARE_LOGGING_CATEGORY(lcImapSession)

} // namespace threadline::imap
