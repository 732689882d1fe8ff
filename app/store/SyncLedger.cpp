#include "SyncLedger.h"

#include "MessageRepository.h"
#include "SqlHelpers.h"
#include "Transaction.h"

using namespace Qt::StringLiterals;

namespace threadline::store {

SyncLedger::SyncLedger(const QSqlDatabase& db)
    : m_db(db)
{}

Result<int> SyncLedger::countShownOnCards(const QList<qint64>& messageIds) const
{
    if (messageIds.isEmpty())
        return 0;
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT count(*) FROM json_each(?) j JOIN messages m ON m.id = j.value "
              "WHERE EXISTS (SELECT 1 FROM links l WHERE l.thread_id = m.thread_id AND "
              "l.state = 'attached' AND (l.message_id IS NULL OR l.message_id = m.id))"_s);
    if (!execWith(query, jsonIdArray(messageIds)) || !query.next())
        return queryFailed(query);
    return query.value(0).toInt();
}

std::optional<StoreError> SyncLedger::removeSkipped(const QString& folder,
                                                    const QList<quint32>& uids)
{
    QSqlQuery query =
        prepareQuery(m_db, u"DELETE FROM skipped_messages WHERE folder = ? AND uid = ?"_s);
    for (quint32 uid : uids) {
        if (!execWith(query, folder, qint64(uid)))
            return queryFailed(query);
    }
    return std::nullopt;
}

Result<QList<quint32>> SyncLedger::skippedUids(const QString& folder) const
{
    QSqlQuery query =
        prepareQuery(m_db, u"SELECT uid FROM skipped_messages WHERE folder = ? ORDER BY uid"_s);
    if (!execWith(query, folder))
        return queryFailed(query);
    QList<quint32> uids;
    while (query.next())
        uids.append(quint32(query.value(0).toLongLong()));
    return uids;
}

Result<bool> SyncLedger::isEmpty() const
{
    QSqlQuery query = prepareQuery(m_db, u"SELECT NOT EXISTS (SELECT 1 FROM messages)"_s);
    if (!query.exec() || !query.next())
        return queryFailed(query);
    return query.value(0).toBool();
}

} // namespace threadline::store

namespace threadline::store {

Result<QString> SyncLedger::knownSentFolder() const
{
    QSqlQuery query = prepareQuery(
        m_db, u"SELECT folder FROM folder_state WHERE role = 'sent' ORDER BY last_sync DESC "
              "LIMIT 1"_s);
    if (!query.exec())
        return queryFailed(query);
    return query.next() ? query.value(0).toString() : QString();
}

} // namespace threadline::store

namespace threadline::store {

Result<int> SyncLedger::retireSentFoldersExcept(const QString& current)
{
    QSqlQuery old = prepareQuery(
        m_db, u"SELECT folder FROM folder_state WHERE role = 'sent' AND folder <> ?"_s);
    if (!execWith(old, current))
        return queryFailed(old);
    QStringList folders;
    while (old.next())
        folders.append(old.value(0).toString());
    old.finish();
    if (folders.isEmpty())
        return 0;
    Transaction transaction(m_db);
    MessageRepository messages(m_db);
    QSqlQuery remove = prepareQuery(m_db, u"DELETE FROM folder_state WHERE folder = ?"_s);
    for (const QString& folder : std::as_const(folders)) {
        const auto forgotten = messages.forgetFolderUids(folder);
        if (!forgotten)
            return forgotten.error();
        if (!execWith(remove, folder))
            return queryFailed(remove);
    }
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return int(folders.size());
}

} // namespace threadline::store
