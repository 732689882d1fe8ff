#include "MessageRepository.h"

#include "SqlHelpers.h"
#include "ThreadRepository.h"
#include "Transaction.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

StoreError commitFailed()
{
    return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
}

StoreError beginFailed()
{
    return StoreError{StoreError::Code::QueryFailed, u"cannot begin a transaction"_s};
}

QString flagsText(const QStringList& flags)
{
    return flags.join(u' ');
}

QStringList flagsFromText(const QString& text)
{
    return text.split(u' ', Qt::SkipEmptyParts);
}

// The columns full-text search indexes as "participants": names and addresses of From/To/Cc.
QString participantsText(const MessageRecord& record)
{
    QStringList parts;
    for (const MessageRecord::Address& address : record.addresses) {
        if (address.role != MessageRecord::Role::From && address.role != MessageRecord::Role::To &&
            address.role != MessageRecord::Role::Cc)
            continue;
        if (!address.name.isEmpty())
            parts << address.name;
        parts << address.email;
    }
    return parts.join(u' ');
}

QStringList normalizedIds(const QStringList& ids)
{
    QStringList result;
    for (const QString& id : ids) {
        const QString normalized = MessageRecord::normalizeId(id);
        if (!normalized.isEmpty())
            result << normalized;
    }
    return result;
}

} // namespace

MessageRepository::MessageRepository(const QSqlDatabase& db)
    : m_db(db)
{}

QStringList MessageRepository::threadingIds(const MessageRecord& record)
{
    const QString own = record.storageKey();
    QStringList ids;
    QSet<QString> seen;
    for (const QString& id : normalizedIds(record.references) + normalizedIds(record.inReplyTo)) {
        // A message naming itself (a broken mailer, or a crafted cycle) must not thread on it.
        if (id == own || seen.contains(id))
            continue;
        seen.insert(id);
        ids << id;
    }
    if (ids.size() > maxReferences) {
        // RFC 5322 §3.6.4: the first id is the root, the last ones the nearest ancestors.
        ids = QStringList{ids.first()} + ids.mid(ids.size() - (maxReferences - 1));
    }
    return ids;
}

Result<QList<StoredMessage>> MessageRepository::storeBatch(const Batch& batch)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return beginFailed();

    QSqlQuery findKey =
        prepareQuery(m_db, u"SELECT id, thread_id FROM messages WHERE message_key = ?"_s);
    QSqlQuery insertMessage = prepareQuery(
        m_db, u"INSERT INTO messages (message_key, message_id, in_reply_to, references_ids, "
              "subject, from_name, from_email, participants, date, internal_date, size, "
              "body_text, body_html, has_attachments, is_outgoing, is_dropbox, parse_problems) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery insertAddress = prepareQuery(
        m_db, u"INSERT OR IGNORE INTO message_addresses (message_id, role, position, name, email, "
              "email_norm) VALUES (?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery hasAddress =
        prepareQuery(m_db, u"SELECT 1 FROM message_addresses WHERE message_id = ? AND role = ? "
                           "AND email_norm = ?"_s);
    QSqlQuery nextPosition =
        prepareQuery(m_db, u"SELECT coalesce(max(position) + 1, 0) FROM message_addresses "
                           "WHERE message_id = ? AND role = ?"_s);
    QSqlQuery markFlags =
        prepareQuery(m_db, u"UPDATE messages SET is_outgoing = max(is_outgoing, ?), "
                           "is_dropbox = max(is_dropbox, ?) WHERE id = ?"_s);
    QSqlQuery insertAttachment = prepareQuery(
        m_db, u"INSERT OR IGNORE INTO attachments (message_id, part, filename, mime_type, size) "
              "VALUES (?, ?, ?, ?, ?)"_s);
    QSqlQuery insertReference =
        prepareQuery(m_db, u"INSERT OR IGNORE INTO message_references (message_id, referenced_id) "
                           "VALUES (?, ?)"_s);
    QSqlQuery upsertLocation = prepareQuery(
        m_db, u"INSERT INTO message_locations (folder, uid, uidvalidity, message_id, flags, "
              "modseq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (folder, uid) DO UPDATE SET "
              "uidvalidity = excluded.uidvalidity, message_id = excluded.message_id, "
              "flags = excluded.flags, modseq = excluded.modseq"_s);

    QList<StoredMessage> result;
    result.reserve(batch.size());
    QList<qint64> inserted;
    for (const auto& [record, location] : batch) {
        StoredMessage stored;
        const QString key = record.storageKey();
        if (!execWith(findKey, key))
            return queryFailed(findKey);
        if (findKey.next()) {
            stored.messageId = findKey.value(0).toLongLong();
            stored.threadId = findKey.value(1).toLongLong();
            findKey.finish();
            // Another copy: it may know addresses this one did not (Bcc lives in Sent only).
            QHash<MessageRecord::Role, int> positions;
            for (const MessageRecord::Address& address : record.addresses) {
                const QString norm = address.email.trimmed().toLower();
                if (norm.isEmpty())
                    continue;
                const QString role = MessageRecord::roleKey(address.role);
                if (!execWith(hasAddress, stored.messageId, role, norm))
                    return queryFailed(hasAddress);
                const bool known = hasAddress.next();
                hasAddress.finish();
                if (known)
                    continue;
                if (!positions.contains(address.role)) {
                    if (!execWith(nextPosition, stored.messageId, role) || !nextPosition.next())
                        return queryFailed(nextPosition);
                    positions[address.role] = nextPosition.value(0).toInt();
                    nextPosition.finish();
                }
                if (!execWith(insertAddress, stored.messageId, role, positions[address.role]++,
                              address.name, address.email.trimmed(), norm))
                    return queryFailed(insertAddress);
                stored.addressesAdded = true;
            }
            if (record.outgoing || record.dropbox) {
                if (!execWith(markFlags, int(record.outgoing), int(record.dropbox),
                              stored.messageId))
                    return queryFailed(markFlags);
            }
        } else {
            findKey.finish();
            const QList<MessageRecord::Address> from =
                record.addressesOf(MessageRecord::Role::From);
            const QDateTime date = record.date.isValid() ? record.date : record.internalDate;
            stored.key = key;
            stored.headerId = MessageRecord::normalizeId(record.messageId);
            stored.references = threadingIds(record);
            stored.subject = record.subject;
            stored.date = date.isValid() ? date.toSecsSinceEpoch() : 0;
            if (!from.isEmpty()) {
                stored.fromName = from.first().name;
                stored.fromEmail = from.first().email.trimmed();
            }
            if (!execWith(insertMessage, key, stored.headerId,
                          normalizedIds(record.inReplyTo).join(u' '), stored.references.join(u' '),
                          record.subject, stored.fromName, stored.fromEmail,
                          participantsText(record), secondsOrNull(date),
                          secondsOrNull(record.internalDate), record.size, record.textBody,
                          record.htmlBody ? QVariant(*record.htmlBody) : QVariant(),
                          int(!record.attachments.isEmpty()), int(record.outgoing),
                          int(record.dropbox), record.parseProblems.join(u'\n')))
                return queryFailed(insertMessage);
            stored.messageId = insertMessage.lastInsertId().toLongLong();
            stored.inserted = true;
            inserted << stored.messageId;

            QHash<MessageRecord::Role, int> positions;
            for (const MessageRecord::Address& address : record.addresses) {
                const QString email = address.email.trimmed();
                if (email.isEmpty())
                    continue;
                if (!execWith(insertAddress, stored.messageId, MessageRecord::roleKey(address.role),
                              positions[address.role]++, address.name, email, email.toLower()))
                    return queryFailed(insertAddress);
            }
            for (const MessageRecord::Attachment& attachment : record.attachments) {
                if (!execWith(insertAttachment, stored.messageId, attachment.partPath,
                              attachment.fileName, attachment.mimeType, attachment.size))
                    return queryFailed(insertAttachment);
            }
            for (const QString& reference : std::as_const(stored.references)) {
                if (!execWith(insertReference, stored.messageId, reference))
                    return queryFailed(insertReference);
            }
        }
        if (!execWith(upsertLocation, location.folder, qint64(location.uid),
                      qint64(location.uidValidity), stored.messageId, flagsText(location.flags),
                      qint64(location.modSeq)))
            return queryFailed(upsertLocation);
        result.append(stored);
    }
    if (!inserted.isEmpty()) {
        // The whole batch in one statement: FTS5 then writes one segment per batch (see
        // migration 3 for why there is no insert trigger).
        QSqlQuery index =
            prepareQuery(m_db, u"INSERT INTO message_fts (rowid, subject, participants, body_text) "
                               "SELECT id, subject, participants, body_text FROM messages "
                               "WHERE id IN (SELECT value FROM json_each(?))"_s);
        if (!execWith(index, jsonIdArray(inserted)))
            return queryFailed(index);
    }
    if (!transaction.commit())
        return commitFailed();
    return result;
}

Result<QHash<QString, qint64>> MessageRepository::findByKeys(const QStringList& keys) const
{
    QSqlQuery find = prepareQuery(m_db, u"SELECT id FROM messages WHERE message_key = ?"_s);
    QHash<QString, qint64> result;
    for (const QString& key : keys) {
        if (!execWith(find, key))
            return queryFailed(find);
        if (find.next())
            result.insert(key, find.value(0).toLongLong());
        find.finish();
    }
    return result;
}

Result<QStringList>
MessageRepository::addLocations(const QList<std::pair<QString, MessageLocation>>& locations)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return beginFailed();
    QSqlQuery find = prepareQuery(m_db, u"SELECT id FROM messages WHERE message_key = ?"_s);
    QSqlQuery upsert = prepareQuery(
        m_db, u"INSERT INTO message_locations (folder, uid, uidvalidity, message_id, flags, "
              "modseq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (folder, uid) DO UPDATE SET "
              "uidvalidity = excluded.uidvalidity, message_id = excluded.message_id, "
              "flags = excluded.flags, modseq = excluded.modseq"_s);
    QStringList unknown;
    for (const auto& [key, location] : locations) {
        if (!execWith(find, key))
            return queryFailed(find);
        if (!find.next()) {
            unknown << key;
            continue;
        }
        const qint64 messageId = find.value(0).toLongLong();
        find.finish();
        if (!execWith(upsert, location.folder, qint64(location.uid), qint64(location.uidValidity),
                      messageId, flagsText(location.flags), qint64(location.modSeq)))
            return queryFailed(upsert);
    }
    if (!transaction.commit())
        return commitFailed();
    return unknown;
}

Result<ChangeSet> MessageRepository::removeLocations(const QString& folder,
                                                     const QList<quint32>& uids)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return beginFailed();
    QSqlQuery remove = prepareQuery(
        m_db, u"DELETE FROM message_locations WHERE folder = ? AND uid = ? RETURNING message_id"_s);
    QSqlQuery elsewhere =
        prepareQuery(m_db, u"SELECT 1 FROM message_locations WHERE message_id = ? LIMIT 1"_s);
    QList<qint64> orphans;
    for (quint32 uid : uids) {
        if (!execWith(remove, folder, qint64(uid)))
            return queryFailed(remove);
        if (!remove.next())
            continue;
        const qint64 messageId = remove.value(0).toLongLong();
        remove.finish();
        if (!execWith(elsewhere, messageId))
            return queryFailed(elsewhere);
        if (!elsewhere.next())
            orphans << messageId;
        elsewhere.finish();
    }
    ChangeSet changes;
    if (auto error = deleteMessages(orphans, &changes))
        return *error;
    if (!transaction.commit())
        return commitFailed();
    return changes;
}

Result<int> MessageRepository::forgetFolderUids(const QString& folder)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return beginFailed();
    QSqlQuery locations = prepareQuery(m_db, u"DELETE FROM message_locations WHERE folder = ?"_s);
    if (!execWith(locations, folder))
        return queryFailed(locations);
    const int dropped = locations.numRowsAffected();
    QSqlQuery skipped = prepareQuery(m_db, u"DELETE FROM skipped_messages WHERE folder = ?"_s);
    if (!execWith(skipped, folder))
        return queryFailed(skipped);
    if (!transaction.commit())
        return commitFailed();
    return dropped;
}

Result<ChangeSet> MessageRepository::purgeOrphans()
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return beginFailed();
    QSqlQuery orphans =
        prepareQuery(m_db, u"SELECT id FROM messages m WHERE NOT EXISTS "
                           "(SELECT 1 FROM message_locations l WHERE l.message_id = m.id)"_s);
    if (!orphans.exec())
        return queryFailed(orphans);
    QList<qint64> ids;
    while (orphans.next())
        ids << orphans.value(0).toLongLong();
    ChangeSet changes;
    if (auto error = deleteMessages(ids, &changes))
        return *error;
    if (!transaction.commit())
        return commitFailed();
    return changes;
}

std::optional<StoreError> MessageRepository::deleteMessages(const QList<qint64>& messageIds,
                                                            ChangeSet* changes)
{
    if (messageIds.isEmpty())
        return std::nullopt;
    QSqlQuery info =
        prepareQuery(m_db, u"SELECT message_key, thread_id FROM messages WHERE id = ?"_s);
    QSqlQuery tombstone = prepareQuery(
        m_db, u"INSERT OR REPLACE INTO message_tombstones (message_key, thread_id, removed_at) "
              "VALUES (?, ?, strftime('%s', 'now'))"_s);
    QSqlQuery linkedCards =
        prepareQuery(m_db, u"SELECT DISTINCT card_id FROM links WHERE message_id = ?"_s);
    QSqlQuery remove = prepareQuery(m_db, u"DELETE FROM messages WHERE id = ?"_s);
    QSet<qint64> threads;
    for (qint64 messageId : messageIds) {
        if (!execWith(info, messageId))
            return queryFailed(info);
        if (!info.next())
            continue;
        const QString key = info.value(0).toString();
        const QVariant threadId = info.value(1);
        info.finish();
        if (!threadId.isNull()) {
            threads.insert(threadId.toLongLong());
            if (!execWith(tombstone, key, threadId))
                return queryFailed(tombstone);
        }
        if (!execWith(linkedCards, messageId))
            return queryFailed(linkedCards);
        while (linkedCards.next())
            changes->cards.insert(linkedCards.value(0).toLongLong());
        if (!execWith(remove, messageId))
            return queryFailed(remove);
    }
    ThreadRepository threadRepository(m_db);
    if (auto error = threadRepository.refresh(threads))
        return error;
    return threadRepository.pruneEmpty(threads, changes);
}

std::optional<StoreError> MessageRepository::updateFlags(const QList<MessageLocation>& locations)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return beginFailed();
    QSqlQuery update =
        prepareQuery(m_db, u"UPDATE message_locations SET flags = ?, modseq = max(modseq, ?) "
                           "WHERE folder = ? AND uid = ?"_s);
    for (const MessageLocation& location : locations) {
        if (!execWith(update, flagsText(location.flags), qint64(location.modSeq), location.folder,
                      qint64(location.uid)))
            return queryFailed(update);
    }
    if (!transaction.commit())
        return commitFailed();
    return std::nullopt;
}

Result<QList<quint32>> MessageRepository::uids(const QString& folder) const
{
    QSqlQuery query =
        prepareQuery(m_db, u"SELECT uid FROM message_locations WHERE folder = ? ORDER BY uid"_s);
    if (!execWith(query, folder))
        return queryFailed(query);
    QList<quint32> result;
    while (query.next())
        result << quint32(query.value(0).toLongLong());
    return result;
}

Result<QList<MessageLocation>> MessageRepository::locations(qint64 messageId) const
{
    QSqlQuery query =
        prepareQuery(m_db, u"SELECT folder, uidvalidity, uid, flags, modseq FROM message_locations "
                           "WHERE message_id = ? ORDER BY folder, uid"_s);
    if (!execWith(query, messageId))
        return queryFailed(query);
    QList<MessageLocation> result;
    while (query.next()) {
        result.append(MessageLocation{
            query.value(0).toString(), quint32(query.value(1).toLongLong()),
            quint32(query.value(2).toLongLong()), flagsFromText(query.value(3).toString()),
            quint64(query.value(4).toLongLong())});
    }
    return result;
}

Result<std::optional<MessageRecord>> MessageRepository::message(qint64 messageId) const
{
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT message_id, in_reply_to, references_ids, subject, date, internal_date, "
              "size, body_text, body_html, is_outgoing, is_dropbox, parse_problems "
              "FROM messages WHERE id = ?"_s);
    if (!execWith(query, messageId))
        return queryFailed(query);
    if (!query.next())
        return std::optional<MessageRecord>();
    MessageRecord record;
    record.messageId = query.value(0).toString();
    record.inReplyTo = query.value(1).toString().split(u' ', Qt::SkipEmptyParts);
    record.references = query.value(2).toString().split(u' ', Qt::SkipEmptyParts);
    record.subject = query.value(3).toString();
    record.date = timeFromSeconds(query.value(4));
    record.internalDate = timeFromSeconds(query.value(5));
    record.size = query.value(6).toLongLong();
    record.textBody = query.value(7).toString();
    if (!query.value(8).isNull())
        record.htmlBody = query.value(8).toString();
    record.outgoing = query.value(9).toBool();
    record.dropbox = query.value(10).toBool();
    record.parseProblems = query.value(11).toString().split(u'\n', Qt::SkipEmptyParts);

    QSqlQuery addresses = prepareQuery(
        m_db, u"SELECT role, name, email FROM message_addresses WHERE message_id = ? "
              "ORDER BY CASE role WHEN 'from' THEN 0 WHEN 'sender' THEN 1 WHEN 'reply-to' THEN 2 "
              "WHEN 'to' THEN 3 WHEN 'cc' THEN 4 WHEN 'bcc' THEN 5 ELSE 6 END, position"_s);
    if (!execWith(addresses, messageId))
        return queryFailed(addresses);
    while (addresses.next()) {
        const auto role = MessageRecord::roleFromKey(addresses.value(0).toString());
        if (role)
            record.addresses.append(MessageRecord::Address{*role, addresses.value(1).toString(),
                                                           addresses.value(2).toString()});
    }
    QSqlQuery attachments = prepareQuery(
        m_db, u"SELECT part, filename, mime_type, size FROM attachments WHERE message_id = ? "
              "ORDER BY part"_s);
    if (!execWith(attachments, messageId))
        return queryFailed(attachments);
    while (attachments.next()) {
        record.attachments.append(MessageRecord::Attachment{
            attachments.value(0).toString(), attachments.value(1).toString(),
            attachments.value(2).toString(), attachments.value(3).toLongLong()});
    }
    return std::optional<MessageRecord>(std::move(record));
}

std::optional<StoreError> MessageRepository::recordSkipped(const SkippedMessage& skipped)
{
    QSqlQuery query = prepareQuery(
        m_db, u"INSERT OR REPLACE INTO skipped_messages (folder, uid, uidvalidity, reason, date, "
              "sender, subject, recipient_count, recorded_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, strftime('%s', 'now'))"_s);
    if (!execWith(query, skipped.folder, qint64(skipped.uid), qint64(skipped.uidValidity),
                  skipped.reason, secondsOrNull(skipped.date), skipped.sender, skipped.subject,
                  skipped.recipientCount))
        return queryFailed(query);
    return std::nullopt;
}

Result<QList<SkippedMessage>> MessageRepository::skipped(const QString& folder) const
{
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT folder, uidvalidity, uid, reason, date, sender, subject, recipient_count "
              "FROM skipped_messages WHERE ? = '' OR folder = ? ORDER BY folder, uid"_s);
    if (!execWith(query, folder, folder))
        return queryFailed(query);
    QList<SkippedMessage> result;
    while (query.next()) {
        result.append(
            SkippedMessage{query.value(0).toString(), quint32(query.value(1).toLongLong()),
                           quint32(query.value(2).toLongLong()), query.value(3).toString(),
                           timeFromSeconds(query.value(4)), query.value(5).toString(),
                           query.value(6).toString(), query.value(7).toInt()});
    }
    return result;
}

Result<std::optional<FolderState>> MessageRepository::folderState(const QString& folder) const
{
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT role, uidvalidity, uidnext, highestmodseq, last_sync FROM folder_state "
              "WHERE folder = ?"_s);
    if (!execWith(query, folder))
        return queryFailed(query);
    if (!query.next())
        return std::optional<FolderState>();
    FolderState state;
    state.folder = folder;
    state.role =
        query.value(0).toString() == u"sent" ? FolderState::Role::Sent : FolderState::Role::Inbox;
    state.uidValidity = quint32(query.value(1).toLongLong());
    state.uidNext = quint32(query.value(2).toLongLong());
    state.highestModSeq = quint64(query.value(3).toLongLong());
    state.lastSync = timeFromSeconds(query.value(4));
    return std::optional<FolderState>(state);
}

std::optional<StoreError> MessageRepository::setFolderState(const FolderState& state)
{
    QSqlQuery query = prepareQuery(
        m_db, u"INSERT OR REPLACE INTO folder_state (folder, role, uidvalidity, uidnext, "
              "highestmodseq, last_sync) VALUES (?, ?, ?, ?, ?, ?)"_s);
    if (!execWith(query, state.folder,
                  state.role == FolderState::Role::Sent ? u"sent"_s : u"inbox"_s,
                  qint64(state.uidValidity), qint64(state.uidNext), qint64(state.highestModSeq),
                  secondsOrNull(state.lastSync)))
        return queryFailed(query);
    return std::nullopt;
}

} // namespace threadline::store
