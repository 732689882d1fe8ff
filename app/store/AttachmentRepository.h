#pragma once

#include "AttachmentSource.h"
#include "Result.h"

#include <QSqlDatabase>
#include <optional>

namespace threadline::store {

// Reads for fetching attachments on demand (sync::AttachmentFetcher). Read-only: the sync
// writes the attachments and message_locations rows.
class AttachmentRepository final
{
public:
    explicit AttachmentRepository(const QSqlDatabase& db);

    enum class Lookup
    {
        Found,
        MessageGone, // no such message stored any more
        PartUnknown, // the message is stored, but the sync listed no attachment at that part
    };

    struct Answer
    {
        Lookup lookup = Lookup::MessageGone;
        AttachmentSource source; // filled when Found
    };

    Result<Answer> find(qint64 messageId, const QString& part) const;

private:
    QSqlDatabase m_db;
};

} // namespace threadline::store
