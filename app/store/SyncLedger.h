#pragma once

#include "Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace threadline::store {

// The sync's bookkeeping beyond MessageRepository: counting what a batch put on cards for the
// summary, the skipped-message records of expunged UIDs, which Sent folder was chosen. Inside
// the caller's transaction.
class SyncLedger final
{
public:
    explicit SyncLedger(const QSqlDatabase& db);

    // How many of these messages some card shows (an attached link on their thread, or on
    // the message itself).
    Result<int> countShownOnCards(const QList<qint64>& messageIds) const;
    // Skipped records of these UIDs go: the server expunged the messages they explained.
    std::optional<StoreError> removeSkipped(const QString& folder, const QList<quint32>& uids);
    // The UIDs of the folder's skipped records, ascending.
    Result<QList<quint32>> skippedUids(const QString& folder) const;
    // True when the store holds no message at all (the first sync of a profile).
    Result<bool> isEmpty() const;
    // The Sent folder an earlier sync chose (its folder_state row), empty if none.
    Result<QString> knownSentFolder() const;
    // Another folder is the Sent folder now: the earlier ones stop syncing. Their state rows
    // go and their UIDs are forgotten (MessageRepository::forgetFolderUids), so their
    // messages go with the next purge unless a synced folder holds them. Returns how many.
    Result<int> retireSentFoldersExcept(const QString& current);

private:
    QSqlDatabase m_db;
};

} // namespace threadline::store
