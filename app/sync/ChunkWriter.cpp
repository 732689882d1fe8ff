#include "ChunkWriter.h"

#include "MailIngest.h"
#include "store/Database.h"
#include "store/SyncLedger.h"
#include "store/Transaction.h"

#include <QMutexLocker>
#include <QSqlQuery>
#include <deque>
#include <memory>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace threadline::sync {

// The part that lives on the writer thread: its connection is opened there, on first use.
class ChunkWriter::Worker final : public QObject
{
public:
    Worker(ChunkWriter* owner, store::WalCheckpointer* checkpointer, store::SearchIndexer* indexer,
           QString databasePath, MatchPolicy policy)
        : m_owner(owner)
        , m_checkpointer(checkpointer)
        , m_indexer(indexer)
        , m_databasePath(std::move(databasePath))
        , m_policy(std::move(policy))
    {}

    // Any thread. Returns true when the writer thread must be told to drain.
    bool enqueue(ChunkCommit chunk)
    {
        QMutexLocker lock(&m_mutex);
        m_queue.push_back(std::move(chunk));
        return std::exchange(m_drainScheduled, true) == false;
    }

    // Writer thread: commits what is queued, in order.
    void drain()
    {
        std::deque<ChunkCommit> chunks;
        {
            QMutexLocker lock(&m_mutex);
            chunks.swap(m_queue);
            m_drainScheduled = false;
        }
        while (!chunks.empty()) {
            if (chunks.front().barrier) {
                const ChunkCommit& barrier = chunks.front();
                ChunkCommitted answer;
                answer.sender = barrier.sender;
                answer.sequence = barrier.sequence;
                Q_EMIT m_owner->committed(answer);
                chunks.pop_front();
                continue;
            }
            // Chunks that piled up while the last transaction ran go in one transaction: a
            // busy writer then pays for each hot index page once per group, not per chunk.
            std::vector<ChunkCommit> group;
            while (!chunks.empty() && !chunks.front().barrier &&
                   int(group.size()) < maxChunksPerTransaction) {
                group.push_back(std::move(chunks.front()));
                chunks.pop_front();
            }
            store::Result<QList<ChunkCommitted>> results = commit(group);
            if (!results) {
                for (const ChunkCommit& chunk : group)
                    Q_EMIT m_owner->failed(chunk.sender, chunk.sequence, results.error());
                continue;
            }
            m_checkpointer->afterCommit();
            m_indexer->requestCatchUp();
            for (const ChunkCommitted& result : std::as_const(results.value()))
                Q_EMIT m_owner->committed(result);
            releaseOnSenderThread(std::move(group));
        }
    }

private:
    // The chunks' messages were allocated on the sync thread: they are freed there too, in
    // its own malloc arena, instead of here, on the store's critical path and through the
    // other arena's lock (about a twentieth of this thread's time went to those frees).
    void releaseOnSenderThread(std::vector<ChunkCommit>&& spent)
    {
        auto held = std::make_shared<std::vector<ChunkCommit>>(std::move(spent));
        QMetaObject::invokeMethod(
            m_owner, [held = std::move(held)] {}, Qt::QueuedConnection);
    }

    std::optional<store::StoreError> open()
    {
        if (m_db)
            return std::nullopt;
        auto db =
            std::make_unique<store::Database>(m_databasePath, store::Database::Search::NotAttached);
        if (auto error = db->open())
            return error;
        // The log is copied back by the checkpointer's thread (store::Database leaves it
        // alone below WalCheckpointer::fallbackBytes); truncated when it starts over, its
        // size says how much awaits copying.
        QSqlQuery pragma(db->connection());
        pragma.exec(u"PRAGMA journal_size_limit = 0"_s);
        m_db = std::move(db);
        m_ingest = std::make_unique<MailIngest>(m_db->connection(), m_policy);
        return std::nullopt;
    }

    store::Result<QList<ChunkCommitted>> commit(const std::vector<ChunkCommit>& group)
    {
        if (auto error = open())
            return *error;
        // All or nothing: what the group's steps open inside it joins it (Transaction::Flat).
        store::Transaction transaction(m_db->connection(), store::Transaction::Nesting::Flat);
        if (!transaction.isActive())
            return store::StoreError{store::StoreError::Code::QueryFailed,
                                     u"cannot begin a transaction"_s};
        QList<ChunkCommitted> results;
        store::MessageRepository messages(m_db->connection());
        store::SyncLedger ledger(m_db->connection());
        for (const ChunkCommit& chunk : group) {
            ChunkCommitted result;
            result.sender = chunk.sender;
            result.sequence = chunk.sequence;
            QList<qint64> inserted;
            if (!chunk.batch.isEmpty()) {
                auto ingested = m_ingest->ingest(chunk.batch);
                if (!ingested)
                    return ingested.error();
                for (const store::StoredMessage& stored :
                     std::as_const(ingested.value().messages)) {
                    if (stored.inserted)
                        inserted.append(stored.messageId);
                }
                result.messages = int(ingested.value().messages.size());
                result.inserted = int(inserted.size());
                result.changes = std::move(ingested.value().changes);
            }
            for (const store::SkippedMessage& skipped : chunk.skipped) {
                if (auto error = messages.recordSkipped(skipped))
                    return *error;
            }
            if (auto error = messages.setFolderState(chunk.state))
                return *error;
            const auto shown = ledger.countShownOnCards(inserted);
            if (!shown)
                return shown.error();
            result.shownOnCards = shown.value();
            results.append(std::move(result));
        }
        if (!transaction.commit())
            return store::StoreError{store::StoreError::Code::QueryFailed, u"commit failed"_s};
        return results;
    }

    ChunkWriter* m_owner;
    store::WalCheckpointer* m_checkpointer;
    store::SearchIndexer* m_indexer;
    QString m_databasePath;
    MatchPolicy m_policy;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<MailIngest> m_ingest;

    QMutex m_mutex; // guards the two below
    std::deque<ChunkCommit> m_queue;
    bool m_drainScheduled = false;
};

ChunkWriter::ChunkWriter(QString databasePath, MatchPolicy policy, QObject* parent)
    : QObject(parent)
    , m_checkpointer(databasePath)
    , m_indexer(databasePath)
    , m_worker(new Worker(this, &m_checkpointer, &m_indexer, databasePath, std::move(policy)))
{
    m_thread.setObjectName(u"threadline-store"_s);
    m_worker->moveToThread(&m_thread);
    // The worker (and its connection) is destroyed on its own thread as that thread ends.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    // What a previous run left queued is indexed now, and the indexer's connection is open
    // (while the sync signs in) by the time the first commit asks.
    m_indexer.requestCatchUp();
}

ChunkWriter::~ChunkWriter()
{
    m_thread.quit();
    m_thread.wait();
}

void ChunkWriter::submit(ChunkCommit chunk)
{
    Worker* worker = m_worker;
    if (worker->enqueue(std::move(chunk)))
        QMetaObject::invokeMethod(
            worker, [worker] { worker->drain(); }, Qt::QueuedConnection);
}

} // namespace threadline::sync
