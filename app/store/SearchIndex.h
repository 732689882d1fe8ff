#pragma once

#include "Result.h"
#include "StoreError.h"

#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace threadline::store {

// The full-text index of stored mail, in a database file of its own beside the store
// (`<name>-search.sqlite`), attached to a connection as schema `search`.
//
// Apart because SQLite has one writer per file: inside the store, indexing ran within the
// sync's write transactions (two fifths of the store thread's work), so the sync waited for
// it. In its own file a SearchIndexer thread indexes beside the store's writer, and the index
// is a cache: lost or deleted, it is built again from the store.
//
// What to index is the store's search_queue (migration 6): the writer appends the ids of
// new messages in the transaction that stores them, and triggers append changed and deleted
// ones. The index records how far into the queue it is (search.index_state), in the same
// transaction as the index rows, so a crash on either side neither loses nor repeats work
// that matters (indexing an id again replaces its row). Ids, not texts, are queued: the text
// is read from the store when indexed, so a message changed twice is indexed as it is now.
class SearchIndex final
{
public:
    // On a connection opened by store::Database (the store as its main schema).
    explicit SearchIndex(const QSqlDatabase& db);

    // The index file of the store at databasePath.
    static QString databasePathFor(const QString& databasePath);

    enum class Access
    {
        ReadWrite,
        ReadOnly,
    };

    // Attaches the index file as `search` (creating it, in WAL mode, with its tables), and
    // marks a new one to be built from every stored message. BEGIN IMMEDIATE takes the write
    // lock of every file attached for writing: a connection that writes the store must not
    // attach it (the store's writer would shut the indexer out for its whole transactions),
    // and one that only searches it attaches it ReadOnly (the window's edits would otherwise
    // wait for the indexer's transactions, and the indexer runs at a low priority). The
    // connection must be open with URIs allowed (store::Database's are).
    std::optional<StoreError> attach(const QString& databasePath,
                                     Access access = Access::ReadWrite);

    // One step of catching up: up to batchSize messages (re)indexed from the queue, or from
    // the store while a new index is being built, in one transaction of the index file. The
    // store is only read. Returns how many entries it handled: 0 when caught up.
    Result<int> catchUp(int batchSize = defaultBatchSize);

    // Drops the queue entries the index has handled. A write to the store: it fails at once
    // (nothing done, retry later) rather than wait while another connection writes.
    Result<int> pruneQueue();

    // Catches up completely (tests, and tools that search right after storing).
    std::optional<StoreError> catchUpAll();

    static constexpr int defaultBatchSize = 1000;

private:
    std::optional<StoreError> attachForWriting(const QString& databasePath);

    QSqlDatabase m_db;
};

} // namespace threadline::store
