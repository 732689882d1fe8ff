#include "SyncLedger.h"

#include "store/MessageRepository.h"
#include "store/SqlHelpers.h"
#include "store/Transaction.h"

using namespace Qt::StringLiterals;

namespace threadline::sync {

SyncLedger::SyncLedger(const QSqlDatabase& db)
    : m_db(db)
{}

store::Result<int> SyncLedger::countShownOnCards(const QList<qint64>& messageIds) const
{
    if (messageIds.isEmpty())
        return 0;
    QSqlQuery query = store::prepareQuery(
        m_db, u"SELECT count(*) FROM json_each(?) j JOIN messages m ON m.id = j.value "
              "WHERE EXISTS (SELECT 1 FROM links l WHERE l.thread_id = m.thread_id AND "
              "l.state = 'attached' AND (l.message_id IS NULL OR l.message_id = m.id))"_s);
    if (!store::execWith(query, store::jsonIdArray(messageIds)) || !query.next())
        return store::queryFailed(query);
    return query.value(0).toInt();
}

std::optional<store::StoreError> SyncLedger::removeSkipped(const QString& folder,
                                                           const QList<quint32>& uids)
{
    QSqlQuery query =
        store::prepareQuery(m_db, u"DELETE FROM skipped_messages WHERE folder = ? AND uid = ?"_s);
    for (quint32 uid : uids) {
        if (!store::execWith(query, folder, qint64(uid)))
            return store::queryFailed(query);
    }
    return std::nullopt;
}

store::Result<QList<quint32>> SyncLedger::skippedUids(const QString& folder) const
{
    QSqlQuery query = store::prepareQuery(
        m_db, u"SELECT uid FROM skipped_messages WHERE folder = ? ORDER BY uid"_s);
    if (!store::execWith(query, folder))
        return store::queryFailed(query);
    QList<quint32> uids;
    while (query.next())
        uids.append(quint32(query.value(0).toLongLong()));
    return uids;
}

store::Result<bool> SyncLedger::isEmpty() const
{
    QSqlQuery query = store::prepareQuery(m_db, u"SELECT NOT EXISTS (SELECT 1 FROM messages)"_s);
    if (!query.exec() || !query.next())
        return store::queryFailed(query);
    return query.value(0).toBool();
}

} // namespace threadline::sync

namespace threadline::sync {

store::Result<QString> SyncLedger::knownSentFolder() const
{
    QSqlQuery query = store::prepareQuery(
        m_db, u"SELECT folder FROM folder_state WHERE role = 'sent' ORDER BY last_sync DESC "
              "LIMIT 1"_s);
    if (!query.exec())
        return store::queryFailed(query);
    return query.next() ? query.value(0).toString() : QString();
}

} // namespace threadline::sync

namespace threadline::sync {

store::Result<int> SyncLedger::retireSentFoldersExcept(const QString& current)
{
    QSqlQuery old = store::prepareQuery(
        m_db, u"SELECT folder FROM folder_state WHERE role = 'sent' AND folder <> ?"_s);
    if (!store::execWith(old, current))
        return store::queryFailed(old);
    QStringList folders;
    while (old.next())
        folders.append(old.value(0).toString());
    old.finish();
    if (folders.isEmpty())
        return 0;
    store::Transaction transaction(m_db);
    store::MessageRepository messages(m_db);
    QSqlQuery remove = store::prepareQuery(m_db, u"DELETE FROM folder_state WHERE folder = ?"_s);
    for (const QString& folder : std::as_const(folders)) {
        const auto forgotten = messages.forgetFolderUids(folder);
        if (!forgotten)
            return forgotten.error();
        if (!store::execWith(remove, folder))
            return store::queryFailed(remove);
    }
    if (!transaction.commit())
        return store::StoreError{store::StoreError::Code::QueryFailed, u"commit failed"_s};
    return int(folders.size());
}

} // namespace threadline::sync
