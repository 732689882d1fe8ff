#include "AttachmentRepository.h"

#include "SqlHelpers.h"

using namespace Qt::StringLiterals;

namespace threadline::store {

AttachmentRepository::AttachmentRepository(const QSqlDatabase& db)
    : m_db(db)
{}

Result<AttachmentRepository::Answer> AttachmentRepository::find(qint64 messageId,
                                                                const QString& part) const
{
    QSqlQuery message = prepareQuery(
        m_db, u"SELECT m.message_key, a.filename, a.mime_type, a.size, a.part IS NOT NULL "
              "FROM messages m LEFT JOIN attachments a ON a.message_id = m.id AND a.part = ? "
              "WHERE m.id = ?"_s);
    if (!execWith(message, part, messageId))
        return queryFailed(message);
    Answer answer;
    if (!message.next())
        return answer; // MessageGone
    if (!message.value(4).toBool()) {
        answer.lookup = Lookup::PartUnknown;
        return answer;
    }
    answer.lookup = Lookup::Found;
    answer.source.messageId = messageId;
    answer.source.messageKey = message.value(0).toString();
    answer.source.part = part;
    answer.source.fileName = message.value(1).toString();
    answer.source.mimeType = message.value(2).toString();
    answer.source.size = message.value(3).toLongLong();
    message.finish();

    // A stable order (INBOX first), so that every request tries the same copy first and the
    // fetcher's connection can stay on that folder.
    QSqlQuery locations = prepareQuery(
        m_db, u"SELECT folder, uidvalidity, uid FROM message_locations WHERE message_id = ? "
              "ORDER BY folder <> 'INBOX', folder, uid"_s);
    if (!execWith(locations, messageId))
        return queryFailed(locations);
    while (locations.next()) {
        MessageLocation location;
        location.folder = locations.value(0).toString();
        location.uidValidity = quint32(locations.value(1).toLongLong());
        location.uid = quint32(locations.value(2).toLongLong());
        answer.source.locations.append(location);
    }
    return answer;
}

} // namespace threadline::store
