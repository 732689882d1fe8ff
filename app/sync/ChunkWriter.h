#pragma once

#include "ChunkCommit.h"
#include "MatchPolicy.h"
#include "store/SearchIndexer.h"
#include "store/StoreError.h"
#include "store/WalCheckpointer.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace threadline::store {
class Database;
}

namespace threadline::sync {

class MailIngest;

// Commits fetched chunks on a thread of its own, so the sync thread goes on receiving and
// parsing the next chunks while SQLite writes this one (on two cores the initial sync is
// then bound by the slower of the two instead of their sum).
//
// Chunks are committed in the order they were submitted, on the writer's own connection
// (MailIngest, skipped records, folder state), whole chunks per transaction: a cut anywhere
// leaves whole chunks only. Chunks that queued up while the writer was busy share one
// transaction (up to maxChunksPerTransaction; a barrier ends a group), so a writer that falls
// behind commits less often. Answers come back, in order, as committed() or failed().
// Once one chunk failed, the sender should not rely on later ones (they may commit).
//
// Owned by the SyncWorker, on the sync thread; destroying it finishes the chunks the writer
// has already taken up (at most the sync's chunks in flight) and drops any queued after them
// (the next sync fetches those again).
class ChunkWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChunkWriter)

public:
    ChunkWriter(QString databasePath, MatchPolicy policy, QObject* parent = nullptr);
    ~ChunkWriter() override;

    // Thread-safe. Queues the chunk for the writer thread.
    void submit(ChunkCommit chunk);

    static constexpr int maxChunksPerTransaction = 8; // SyncOptions::chunksInFlight says why

    // Indexes what the writer commits for search, after each commit; anyone else who changes
    // stored messages asks it too.
    store::SearchIndexer& searchIndexer() { return m_indexer; }

Q_SIGNALS:
    void committed(const threadline::sync::ChunkCommitted& result);
    void failed(quint64 sender, quint64 sequence, const threadline::store::StoreError& error);

private:
    class Worker;

    // Both destroyed after m_thread has stopped.
    store::WalCheckpointer m_checkpointer;
    store::SearchIndexer m_indexer;
    QThread m_thread;
    Worker* m_worker = nullptr; // lives on m_thread
};

} // namespace threadline::sync
