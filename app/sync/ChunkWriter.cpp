#include "ChunkWriter.h"

#include "MailIngest.h"
#include "SyncLedger.h"
#include "store/Database.h"
#include "store/Transaction.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace threadline::sync {

// The part that lives on the writer thread: its connection is opened there, on first use.
class ChunkWriter::Worker final : public QObject
{
public:
    Worker(ChunkWriter* owner, store::WalCheckpointer* checkpointer, QString databasePath,
           MatchPolicy policy)
        : m_owner(owner)
        , m_checkpointer(checkpointer)
        , m_databasePath(std::move(databasePath))
        , m_policy(std::move(policy))
    {}

    void write(const ChunkCommit& chunk)
    {
        if (chunk.barrier) {
            Q_EMIT m_owner->committed(ChunkCommitted{chunk.sender, chunk.sequence, {}, 0});
            return;
        }
        store::Result<ChunkCommitted> result = commit(chunk);
        if (result) {
            m_checkpointer->afterCommit();
            Q_EMIT m_owner->committed(result.value());
        } else
            Q_EMIT m_owner->failed(chunk.sender, chunk.sequence, result.error());
    }

private:
    store::Result<ChunkCommitted> commit(const ChunkCommit& chunk)
    {
        if (!m_db) {
            auto db = std::make_unique<store::Database>(m_databasePath);
            if (auto error = db->open())
                return *error;
            // The log is copied back by the checkpointer's thread, not in this one's commits;
            // truncated when it starts over, its size says how much awaits copying.
            QSqlQuery pragma(db->connection());
            pragma.exec(u"PRAGMA wal_autocheckpoint = %1"_s.arg(
                store::WalCheckpointer::writerFallbackPages));
            pragma.exec(u"PRAGMA journal_size_limit = 0"_s);
            m_db = std::move(db);
            m_ingest = std::make_unique<MailIngest>(m_db->connection(), m_policy);
        }
        store::Transaction transaction(m_db->connection());
        if (!transaction.isActive())
            return store::StoreError{store::StoreError::Code::QueryFailed,
                                     u"cannot begin a transaction"_s};
        ChunkCommitted result{chunk.sender, chunk.sequence, {}, 0};
        if (!chunk.batch.isEmpty()) {
            auto ingested = m_ingest->ingest(chunk.batch);
            if (!ingested)
                return ingested.error();
            result.ingested = std::move(ingested.value());
        }
        store::MessageRepository messages(m_db->connection());
        for (const store::SkippedMessage& skipped : chunk.skipped) {
            if (auto error = messages.recordSkipped(skipped))
                return *error;
        }
        if (auto error = messages.setFolderState(chunk.state))
            return *error;
        QList<qint64> inserted;
        for (const store::StoredMessage& stored : std::as_const(result.ingested.messages)) {
            if (stored.inserted)
                inserted.append(stored.messageId);
        }
        const auto shown = SyncLedger(m_db->connection()).countShownOnCards(inserted);
        if (!shown)
            return shown.error();
        result.shownOnCards = shown.value();
        if (!transaction.commit())
            return store::StoreError{store::StoreError::Code::QueryFailed, u"commit failed"_s};
        return result;
    }

    ChunkWriter* m_owner;
    store::WalCheckpointer* m_checkpointer;
    QString m_databasePath;
    MatchPolicy m_policy;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<MailIngest> m_ingest;
};

ChunkWriter::ChunkWriter(QString databasePath, MatchPolicy policy, QObject* parent)
    : QObject(parent)
    , m_checkpointer(databasePath)
    , m_worker(new Worker(this, &m_checkpointer, databasePath, std::move(policy)))
{
    m_thread.setObjectName(u"threadline-store"_s);
    m_worker->moveToThread(&m_thread);
    // The worker (and its connection) is destroyed on its own thread as that thread ends.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ChunkWriter::~ChunkWriter()
{
    m_thread.quit();
    m_thread.wait();
}

void ChunkWriter::submit(ChunkCommit chunk)
{
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, chunk = std::move(chunk)] { worker->write(chunk); }, Qt::QueuedConnection);
}

} // namespace threadline::sync
