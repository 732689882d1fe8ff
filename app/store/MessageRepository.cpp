#include "MessageRepository.h"

#include "SqlHelpers.h"
#include "ThreadRepository.h"
#include "Transaction.h"

#include <QSet>
#include <array>

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
    // One flag (\Seen, mostly) is itself: no copy.
    return flags.size() == 1 ? flags.first() : flags.join(u' ');
}

QStringList flagsFromText(const QString& text)
{
    return text.split(u' ', Qt::SkipEmptyParts);
}

// The columns full-text search indexes as "participants": names and addresses of From/To/Cc.
QString participantsText(const MessageRecord& record)
{
    // Built in place: the parts joined by spaces, as QStringList::join would.
    QString text;
    bool first = true;
    const auto add = [&](const QString& part) {
        if (!first)
            text += u' ';
        text += part;
        first = false;
    };
    for (const MessageRecord::Address& address : record.addresses) {
        if (address.role != MessageRecord::Role::From && address.role != MessageRecord::Role::To &&
            address.role != MessageRecord::Role::Cc)
            continue;
        if (!address.name.isEmpty())
            add(address.name);
        add(address.email);
    }
    return text;
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

// storeBatch()'s statements, kept prepared from batch to batch.
struct MessageRepository::BatchStatements
{
    explicit BatchStatements(const QSqlDatabase& db)
        : findKey(db, u"SELECT id, thread_id FROM messages WHERE message_key = ?"_s)
        , insertMessage(
              db, u"INSERT INTO messages (message_key, message_id, thread_id, thread_reason, "
                  "in_reply_to, references_ids, subject, from_name, from_email, participants, "
                  "date, internal_date, size, body_text, body_html, has_attachments, "
                  "is_outgoing, is_dropbox, parse_problems) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s)
        , insertAddress(db, u"INSERT OR IGNORE INTO message_addresses (message_id, role, "
                            "position, name, email, email_norm) VALUES (?, ?, ?, ?, ?, ?)"_s)
        , hasAddress(db, u"SELECT 1 FROM message_addresses WHERE message_id = ? AND role = ? "
                         "AND email_norm = ?"_s)
        , nextPosition(db, u"SELECT coalesce(max(position) + 1, 0) FROM message_addresses "
                           "WHERE message_id = ? AND role = ?"_s)
        , markFlags(db, u"UPDATE messages SET is_outgoing = max(is_outgoing, ?), "
                        "is_dropbox = max(is_dropbox, ?) WHERE id = ?"_s)
        , insertAttachment(db, u"INSERT OR IGNORE INTO attachments (message_id, part, filename, "
                               "mime_type, size) VALUES (?, ?, ?, ?, ?)"_s)
        , insertReference(db, u"INSERT OR IGNORE INTO message_references (message_id, "
                              "referenced_id) VALUES (?, ?)"_s)
        , insertLocation(db, u"INSERT OR IGNORE INTO message_locations (folder, uid, uidvalidity, "
                             "message_id, flags, modseq) VALUES (?, ?, ?, ?, ?, ?)"_s)
        , upsertLocation(
              db, u"INSERT INTO message_locations (folder, uid, uidvalidity, message_id, flags, "
                  "modseq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (folder, uid) DO UPDATE SET "
                  "uidvalidity = excluded.uidvalidity, message_id = excluded.message_id, "
                  "flags = excluded.flags, modseq = excluded.modseq"_s)
        // New messages for the search index (SearchIndex), the whole batch in one statement.
        , queueForSearch(db, u"INSERT INTO search_queue (message_id) "
                             "SELECT value FROM json_each(?)"_s)
    {}

    Statement findKey;
    Statement insertMessage;
    Statement insertAddress;
    Statement hasAddress;
    Statement nextPosition;
    Statement markFlags;
    Statement insertAttachment;
    Statement insertReference;
    Statement insertLocation;
    Statement upsertLocation;
    Statement queueForSearch;
};

MessageRepository::MessageRepository(const QSqlDatabase& db)
    : m_db(db)
{}

MessageRepository::~MessageRepository() = default;
MessageRepository::MessageRepository(MessageRepository&&) noexcept = default;
MessageRepository& MessageRepository::operator=(MessageRepository&&) noexcept = default;

QStringList MessageRepository::threadingIds(const MessageRecord& record)
{
    return threadingIds(record, record.storageKey());
}

QStringList MessageRepository::threadingIds(const MessageRecord& record, const QString& own)
{
    return threadingIds(normalizedIds(record.references), normalizedIds(record.inReplyTo), own);
}

QStringList MessageRepository::threadingIds(const QStringList& references,
                                            const QStringList& inReplyTo, const QString& own)
{
    QStringList ids;
    ids.reserve(references.size() + inReplyTo.size());
    // Most messages name a few ids: a set pays only for long lists.
    const bool manyIds = references.size() + inReplyTo.size() > 16;
    QSet<QString> seen;
    for (const QStringList* list : {&references, &inReplyTo}) {
        for (const QString& id : *list) {
            // A message naming itself (a broken mailer, or a crafted cycle) must not thread on
            // it.
            if (id == own || (manyIds ? seen.contains(id) : ids.contains(id)))
                continue;
            if (manyIds)
                seen.insert(id);
            ids << id;
        }
    }
    if (ids.size() > maxReferences) {
        // RFC 5322 §3.6.4: the first id is the root, the last ones the nearest ancestors.
        ids = QStringList{ids.first()} + ids.mid(ids.size() - (maxReferences - 1));
    }
    return ids;
}

Result<bool> MessageRepository::addMissingAddresses(qint64 messageId, const MessageRecord& record)
{
    BatchStatements& sql = *m_batch;
    bool added = false;
    QHash<MessageRecord::Role, int> positions;
    for (const MessageRecord::Address& address : record.addresses) {
        const QString norm = MessageRecord::lowercase(address.email.trimmed());
        if (norm.isEmpty())
            continue;
        const QString role = MessageRecord::roleKey(address.role);
        if (!sql.hasAddress.query(messageId, role, norm))
            return sql.hasAddress.error();
        const bool known = sql.hasAddress.next();
        sql.hasAddress.reset();
        if (known)
            continue;
        if (!positions.contains(address.role)) {
            if (!sql.nextPosition.query(messageId, role) || !sql.nextPosition.next())
                return sql.nextPosition.error();
            positions[address.role] = int(sql.nextPosition.int64At(0));
            sql.nextPosition.reset();
        }
        if (!sql.insertAddress.exec(messageId, role, positions[address.role]++, address.name,
                                    address.email.trimmed(), norm))
            return sql.insertAddress.error();
        added = true;
    }
    return added;
}

Result<QList<StoredMessage>> MessageRepository::storeBatch(const Batch& batch,
                                                           const ThreadPlacer& placeThread)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return beginFailed();
    if (!m_batch)
        m_batch = std::make_unique<BatchStatements>(m_db);
    BatchStatements& sql = *m_batch;

    // Entries of one message (the same storage key) are handled together: the first one
    // decides whether it is known, and copies of a new message add their addresses as soon
    // as it is written, so that threading sees every message whole, as written by the batch.
    const qsizetype count = batch.size();
    QStringList keys;
    keys.reserve(count);
    // The normalized Message-ID of each entry: the key when there is one (storageKey()).
    QStringList headerIds;
    headerIds.reserve(count);
    QList<qsizetype> firstOf(count);
    QHash<QString, qsizetype> firstByKey;
    firstByKey.reserve(count);
    bool copies = false;
    for (qsizetype i = 0; i < count; ++i) {
        headerIds.append(MessageRecord::normalizeId(batch.at(i).first.messageId));
        keys.append(headerIds.at(i).isEmpty() ? batch.at(i).first.storageKey() : headerIds.at(i));
        const auto known = firstByKey.constFind(keys.at(i));
        firstOf[i] = known == firstByKey.cend() ? i : *known;
        if (known == firstByKey.cend())
            firstByKey.insert(keys.at(i), i);
        else
            copies = true;
    }

    QList<StoredMessage> result(count);
    // Messages stored before this batch: each copy adds what it knows now, as the rows of
    // the batch's new messages are written after (threading reads them).
    QList<bool> known(count, false);
    for (qsizetype i = 0; i < count; ++i) {
        const auto& [record, location] = batch.at(i);
        StoredMessage& stored = result[i];
        if (firstOf.at(i) != i) {
            if (!known.at(firstOf.at(i)))
                continue;
            stored = result.at(firstOf.at(i));
            stored.addressesAdded = false;
        } else {
            if (!sql.findKey.query(keys.at(i)))
                return sql.findKey.error();
            if (!sql.findKey.next()) {
                if (sql.findKey.failed())
                    return sql.findKey.error();
                continue;
            }
            stored.messageId = sql.findKey.int64At(0);
            stored.threadId = sql.findKey.int64At(1);
            sql.findKey.reset();
        }
        known[i] = true;
        // Another copy: it may know addresses this one did not (Bcc lives in Sent only).
        const Result<bool> added = addMissingAddresses(stored.messageId, record);
        if (!added)
            return added.error();
        stored.addressesAdded = added.value();
        if (record.outgoing || record.dropbox) {
            if (!sql.markFlags.exec(int(record.outgoing), int(record.dropbox), stored.messageId))
                return sql.markFlags.error();
        }
    }

    QList<qint64> inserted;
    for (qsizetype i = 0; i < count; ++i) {
        const auto& [record, location] = batch.at(i);
        StoredMessage& stored = result[i];
        const qsizetype first = firstOf.at(i);
        if (!known.at(i) && first != i) {
            // A later copy of a message new in this batch: written with the first one below.
        } else if (!known.at(i)) {
            QList<const MessageRecord*> versions{&record};
            bool outgoing = record.outgoing;
            bool dropbox = record.dropbox;
            for (qsizetype j = i + 1; copies && j < count; ++j) {
                if (firstOf.at(j) == i) {
                    versions.append(&batch.at(j).first);
                    outgoing = outgoing || batch.at(j).first.outgoing;
                    dropbox = dropbox || batch.at(j).first.dropbox;
                }
            }
            const QString& key = keys.at(i);
            const QDateTime date = record.date.isValid() ? record.date : record.internalDate;
            stored.key = key;
            stored.headerId = headerIds.at(i);
            const QStringList inReplyTo = normalizedIds(record.inReplyTo);
            stored.references = threadingIds(normalizedIds(record.references), inReplyTo, key);
            stored.subject = record.subject;
            stored.date = date.isValid() ? date.toSecsSinceEpoch() : 0;
            for (const MessageRecord::Address& address : record.addresses) {
                if (address.role == MessageRecord::Role::From) {
                    stored.fromName = address.name;
                    stored.fromEmail = address.email.trimmed();
                    break;
                }
            }
            std::optional<qint64> threadId;
            QString reason = u""_s;
            if (placeThread) {
                const Result<ThreadPlacement> placement = placeThread(stored, versions);
                if (!placement)
                    return placement.error();
                threadId = placement.value().threadId;
                reason = threadReasonKey(placement.value().reason);
            }
            const auto seconds = [](const QDateTime& time) {
                return time.isValid() ? std::optional<qint64>(time.toSecsSinceEpoch())
                                      : std::nullopt;
            };
            // The flags of every copy at once: the row is written once.
            if (!sql.insertMessage.exec(
                    key, stored.headerId, threadId, reason, inReplyTo.join(u' '),
                    stored.references.join(u' '), record.subject, stored.fromName, stored.fromEmail,
                    participantsText(record), seconds(date), seconds(record.internalDate),
                    record.size, record.textBody, record.htmlBody,
                    int(!record.attachments.isEmpty()), int(outgoing), int(dropbox),
                    record.parseProblems.join(u'\n')))
                return sql.insertMessage.error();
            stored.messageId = sql.insertMessage.lastInsertId();
            stored.threadId = threadId.value_or(0);
            stored.inserted = true;
            inserted << stored.messageId;

            // Positions count per role (Role's values index the array).
            std::array<int, std::size_t(MessageRecord::Role::DeliveredTo) + 1> positions{};
            for (const MessageRecord::Address& address : record.addresses) {
                const QString email = address.email.trimmed();
                if (email.isEmpty())
                    continue;
                if (!sql.insertAddress.exec(stored.messageId, MessageRecord::roleKey(address.role),
                                            positions[std::size_t(address.role)]++, address.name,
                                            email, MessageRecord::lowercase(email)))
                    return sql.insertAddress.error();
            }
            for (const MessageRecord::Attachment& attachment : record.attachments) {
                if (!sql.insertAttachment.exec(stored.messageId, attachment.partPath,
                                               attachment.fileName, attachment.mimeType,
                                               attachment.size))
                    return sql.insertAttachment.error();
            }
            for (const QString& reference : std::as_const(stored.references)) {
                if (!sql.insertReference.exec(stored.messageId, reference))
                    return sql.insertReference.error();
            }
            // Its later copies in this batch: their addresses (their locations come in order).
            for (qsizetype j = i + 1; copies && j < count; ++j) {
                if (firstOf.at(j) != i)
                    continue;
                StoredMessage& copy = result[j];
                copy.messageId = stored.messageId;
                const Result<bool> added = addMissingAddresses(copy.messageId, batch.at(j).first);
                if (!added)
                    return added.error();
                copy.addressesAdded = added.value();
            }
        }
        // Most locations are new: SQLite runs an upsert as a write that may need undoing
        // halfway (a statement journal), a plain insert without one. Only a UID already
        // stored, which the insert leaves as it is, takes the upsert.
        const QString flags = flagsText(location.flags);
        if (!sql.insertLocation.exec(location.folder, location.uid, location.uidValidity,
                                     stored.messageId, flags, qint64(location.modSeq)))
            return sql.insertLocation.error();
        if (sql.insertLocation.changes() == 0 &&
            !sql.upsertLocation.exec(location.folder, location.uid, location.uidValidity,
                                     stored.messageId, flags, qint64(location.modSeq)))
            return sql.upsertLocation.error();
    }
    if (!inserted.isEmpty()) {
        if (!sql.queueForSearch.exec(jsonIdArray(inserted)))
            return sql.queueForSearch.error();
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
