#pragma once

#include <QObject>
#include <QThread>
#include <atomic>

namespace threadline::store {

// Keeps the search index (SearchIndex) up with the store, on a thread and connection of its
// own: the index file has its own writer, so indexing runs beside the sync's store writer
// instead of inside its transactions, at a lower priority (BackgroundPriority).
//
// The writer asks after each commit (requestCatchUp); requests made while a catch-up is
// queued merge into it, and each catch-up runs until the queue is empty, in transactions of
// SearchIndex::defaultBatchSize messages. What a stop leaves unindexed stays queued in the
// store for the next indexer, as does what a failure left (it is retried at the next request).
class SearchIndexer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchIndexer)

public:
    explicit SearchIndexer(const QString& databasePath, QObject* parent = nullptr);
    // Stops after the transaction in hand; what is left stays queued.
    ~SearchIndexer() override;

    // Thread-safe. Asks for everything committed so far to be indexed; the returned ticket
    // comes back in caughtUp() once that is done.
    quint64 requestCatchUp();

    // Handled queue entries after which the indexer empties them from the store's queue.
    static constexpr int pruneAfter = 10000;
    // The index's log is copied back (by this thread) past this size.
    static constexpr qint64 walBytesThreshold = 8 * 1024 * 1024;
    // The index's page cache on the indexer's connection, in KiB.
    static constexpr int indexCacheKiB = 16 * 1024;

Q_SIGNALS:
    // From the indexer's thread: every request up to `ticket` is served; ok is false when a
    // step failed (the rest is retried at the next request).
    void caughtUp(quint64 ticket, bool ok);

private:
    class Worker;

    std::atomic<quint64> m_requested{0};
    std::atomic<bool> m_pending{false};
    std::atomic<bool> m_stopping{false};
    QThread m_thread;
    Worker* m_worker = nullptr; // lives on m_thread
};

} // namespace threadline::store
