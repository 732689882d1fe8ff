#pragma once

#include "ChangeSet.h"
#include "FolderState.h"
#include "MessageLocation.h"
#include "MessageRecord.h"
#include "Result.h"
#include "SkippedMessage.h"
#include "StoredMessage.h"
#include "ThreadPlacement.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace threadline::store {

// The mail side of the store, as the IMAP sync uses it. Every write runs in one transaction
// (a savepoint inside the caller's), so a batch is stored whole or not at all.
//
// One row per message: a message is found again by its storage key (the Message-ID, else a
// digest, MessageRecord::storageKey()), so the same message in INBOX and Sent is one message
// with two locations.
//
// When a message disappears: it is deleted once no synced folder holds it (EXPUNGE, or after
// a UIDVALIDITY change, purgeOrphans()). Its addresses, attachments and single-message links
// go with it: a decision about a message that no longer exists has nothing left to act on.
// Its thread keeps a tombstone of its key, so the message moved back from the trash, or a
// reply to it, rejoins the same thread. A thread left empty is deleted with its links unless
// it holds a decision (a detached link, or a manual one): then it stays, empty and unlisted,
// and the decision still applies when its conversation comes back.
//
// storeBatch() keeps its statements prepared as long as the instance (sync::MailIngest keeps
// one per connection); destroy the instance before its connection closes.
class MessageRepository final
{
public:
    explicit MessageRepository(const QSqlDatabase& db);
    ~MessageRepository();
    MessageRepository(MessageRepository&&) noexcept;
    MessageRepository& operator=(MessageRepository&&) noexcept;

    using Batch = QList<std::pair<MessageRecord, MessageLocation>>;
    // Decides the thread of a new message just before its row is written (sync::Threader),
    // from its threading facts and the batch's records of it (the first is the one stored;
    // later copies of the same message only add addresses).
    using ThreadPlacer = std::function<Result<ThreadPlacement>(
        const StoredMessage& message, const QList<const MessageRecord*>& copies)>;

    // Stores fetched messages with their locations. A known message gets the new location
    // and any address it lacked (the Sent copy's Bcc). A new message's row is written with
    // the thread placeThread gives it (so threading never rewrites the row); without one it
    // is stored unthreaded (threadId 0). sync::MailIngest stores, threads and links a batch
    // in one call. Results are in batch order; a message's later copies in the same batch
    // come back with threadId 0.
    Result<QList<StoredMessage>> storeBatch(const Batch& batch,
                                            const ThreadPlacer& placeThread = {});

    // After a UIDVALIDITY change the sync can fetch only Message-IDs, map them with this
    // (storage key → message id, for the keys known) and re-add locations without
    // fetching known bodies again.
    Result<QHash<QString, qint64>> findByKeys(const QStringList& keys) const;
    // Adds locations to known messages by storage key; returns the keys that were unknown
    // (to be fetched in full and stored with storeBatch).
    Result<QStringList> addLocations(const QList<std::pair<QString, MessageLocation>>& locations);

    // EXPUNGE / VANISHED (RFC 3501 §7.4.1, RFC 7162 §3.2.10): the folder no longer holds
    // these UIDs. Messages left with no location are deleted (see the class comment).
    Result<ChangeSet> removeLocations(const QString& folder, const QList<quint32>& uids);
    // UIDVALIDITY changed (RFC 3501 §2.3.1.1): every UID of the folder is void. Drops the
    // folder's UID map and skipped records; the messages stay (and stay visible) until
    // purgeOrphans() runs after the folder has been listed again. Returns locations dropped.
    Result<int> forgetFolderUids(const QString& folder);
    // Deletes the messages no folder holds any more.
    Result<ChangeSet> purgeOrphans();

    // Flag changes (FETCH FLAGS, CONDSTORE MODSEQ) by folder and UID; unknown UIDs ignored.
    std::optional<StoreError> updateFlags(const QList<MessageLocation>& locations);
    // The UIDs stored for a folder, ascending (to compute expunges without QRESYNC).
    Result<QList<quint32>> uids(const QString& folder) const;
    Result<QList<MessageLocation>> locations(qint64 messageId) const;
    // Everything stored of one message (bodies included), for the message view.
    Result<std::optional<MessageRecord>> message(qint64 messageId) const;

    // Sync rule 3: a message not stored, kept only to explain its absence.
    std::optional<StoreError> recordSkipped(const SkippedMessage& skipped);
    Result<QList<SkippedMessage>> skipped(const QString& folder = {}) const;

    Result<std::optional<FolderState>> folderState(const QString& folder) const;
    std::optional<StoreError> setFolderState(const FolderState& state);

    // In-Reply-To and References are kept up to this many ids (the root and the nearest
    // ancestors): a mailer that never trims References must not cost unbounded rows.
    static constexpr int maxReferences = 100;
    // The ids a message is threaded by: References then In-Reply-To, normalized, without
    // duplicates nor its own id, bounded by maxReferences.
    static QStringList threadingIds(const MessageRecord& record);

private:
    struct BatchStatements;

    // Deletes these messages (tombstones, thread refresh, pruning) into changes.
    std::optional<StoreError> deleteMessages(const QList<qint64>& messageIds, ChangeSet* changes);
    // Adds the addresses of `record` the stored message lacks; true when it added any.
    Result<bool> addMissingAddresses(qint64 messageId, const MessageRecord& record);
    // threadingIds() of a record whose storage key is known already.
    static QStringList threadingIds(const MessageRecord& record, const QString& ownKey);
    // The same from References and In-Reply-To normalized already.
    static QStringList threadingIds(const QStringList& references, const QStringList& inReplyTo,
                                    const QString& ownKey);

    QSqlDatabase m_db;
    std::unique_ptr<BatchStatements> m_batch; // storeBatch()'s, prepared on first use
};

} // namespace threadline::store
