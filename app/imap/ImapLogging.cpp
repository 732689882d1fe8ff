#include "imap/ImapLogging.h"

namespace threadline::imap {

Q_LOGGING_CATEGORY(lcImapProtocol, "threadline.imap.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImapSession, "threadline.imap", QtInfoMsg)

} // namespace threadline::imap
