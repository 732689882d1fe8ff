#pragma once

#include "imap/Envelope.h"
#include "mime/ParsedMessage.h"

#include <QString>

namespace threadline::sync {

// DESIGN.md sync rule 3: a message with more than 100 recipients (To + Cc + Bcc together) is
// not synced; only what explains its absence is kept. Decided from the ENVELOPE before any
// body is fetched, or, for a small message fetched whole, from its parsed header.
class RecipientLimit final
{
public:
    RecipientLimit() = delete;

    static constexpr int maxRecipients = 100;

    // The stable reason key recorded with the skipped message.
    static QString skippedReason();
    // To + Cc + Bcc addresses of the envelope; group markers (RFC 3501 §7.4.2) are not
    // recipients, the members between them are.
    static int count(const imap::Envelope& envelope);
    static bool exceeds(const imap::Envelope& envelope) { return count(envelope) > maxRecipients; }
    static bool exceeds(const mime::ParsedMessage& message)
    {
        return message.recipientCount() > maxRecipients;
    }
};

} // namespace threadline::sync
