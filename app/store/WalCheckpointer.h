#pragma once

#include <QObject>
#include <QThread>
#include <atomic>

namespace threadline::store {

// Copies a busy writer's write-ahead log back into the database on a thread of its own.
//
// SQLite's automatic checkpoint runs inside the writing connection's commit, fsyncs included,
// and its cost grows with the database (a third of the initial sync's store time at 100,000
// messages). A passive checkpoint from another connection does the same work while the writer
// goes on (https://sqlite.org/wal.html#ckpt). Every connection (store::Database) keeps its own
// automatic checkpoint only at fallbackBytes, so the log stays bounded should this thread fall
// behind, and no small commit elsewhere (the GUI's, the end of a sync pass) copies a log the
// writer filled. The writer sets journal_size_limit = 0, so the log file, truncated each time
// it starts over, measures the frames still to copy.
class WalCheckpointer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalCheckpointer)

public:
    explicit WalCheckpointer(const QString& databasePath, QObject* parent = nullptr);
    // Lets a running checkpoint finish (the log is consistent either way).
    ~WalCheckpointer() override;

    // Thread-safe and cheap (one stat): past walBytesThreshold, asks for a checkpoint.
    // Requests made while one is pending merge into it.
    void afterCommit();

    static constexpr qint64 walBytesThreshold = 16 * 1024 * 1024;
    // PRAGMA wal_autocheckpoint of every connection, in bytes (Database turns it into pages).
    // The checkpointer cannot copy past the search indexer's read snapshot, so in a large
    // initial sync the log outgrows 64 MiB: then the writer checkpointed in its own commits
    // (21 fsyncs on the store thread at 100,000 messages); at 256 MiB it never does.
    static constexpr qint64 fallbackBytes = 256 * 1024 * 1024;

Q_SIGNALS:
    // After each checkpoint: whether it ran, and the log's frames and those copied back.
    void checkpointed(bool ok, int logFrames, int copiedFrames);

private:
    class Worker;

    QString m_walPath;
    std::atomic<bool> m_pending{false};
    QThread m_thread;
    Worker* m_worker = nullptr; // lives on m_thread
};

} // namespace threadline::store
