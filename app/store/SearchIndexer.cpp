#include "SearchIndexer.h"

#include "BackgroundPriority.h"
#include "Database.h"
#include "SearchIndex.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <memory>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {
Q_LOGGING_CATEGORY(lcSearchIndexer, "threadline.store.searchindexer")
}

class SearchIndexer::Worker final : public QObject
{
public:
    Worker(SearchIndexer* owner, QString databasePath)
        : m_owner(owner)
        , m_databasePath(std::move(databasePath))
    {}

    // The queue entries handled since the last prune leave the store with the indexer.
    ~Worker() override
    {
        if (m_db && m_unpruned > 0)
            (void)SearchIndex(m_db->connection()).pruneQueue();
    }

    void catchUp()
    {
        // Cleared first: a commit during this catch-up asks for the next one.
        m_owner->m_pending = false;
        const quint64 ticket = m_owner->m_requested.load();
        const bool ok = indexAll();
        Q_EMIT m_owner->caughtUp(ticket, ok);
    }

private:
    bool indexAll()
    {
        if (!m_db) {
            auto db = std::make_unique<Database>(m_databasePath);
            if (auto error = db->open()) {
                qCWarning(lcSearchIndexer) << "cannot open the search index:" << error->message;
                return false;
            }
            // FTS5 reads back the segments it merges: with SQLite's default 2 MB page cache
            // most of those reads went to the file again.
            QSqlQuery(db->connection())
                .exec(u"PRAGMA search.cache_size = -%1"_s.arg(indexCacheKiB));
            m_db = std::move(db);
        }
        SearchIndex index(m_db->connection());
        while (!m_owner->m_stopping) {
            const Result<int> handled = index.catchUp();
            if (!handled) {
                qCWarning(lcSearchIndexer) << "indexing failed:" << handled.error().message;
                return false;
            }
            if (handled.value() == 0)
                break;
            m_unpruned += handled.value();
        }
        // A busy store refuses the prune at once; the entries go with a later one.
        if (m_unpruned >= pruneAfter && index.pruneQueue())
            m_unpruned = 0;
        if (QFileInfo(SearchIndex::databasePathFor(m_databasePath) + u"-wal"_s).size() >=
            walBytesThreshold)
            QSqlQuery(m_db->connection()).exec(u"PRAGMA search.wal_checkpoint(PASSIVE)"_s);
        return true;
    }

    SearchIndexer* m_owner;
    QString m_databasePath;
    std::unique_ptr<Database> m_db;
    qint64 m_unpruned = 0;
};

SearchIndexer::SearchIndexer(const QString& databasePath, QObject* parent)
    : QObject(parent)
    , m_worker(new Worker(this, databasePath))
{
    m_thread.setObjectName(u"threadline-search"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    // The index may lag; the store's writer, the sync and the window should not.
    QMetaObject::invokeMethod(
        m_worker, [] { lowerCurrentThreadPriority(); }, Qt::QueuedConnection);
}

SearchIndexer::~SearchIndexer()
{
    m_stopping = true;
    m_thread.quit();
    m_thread.wait();
}

quint64 SearchIndexer::requestCatchUp()
{
    const quint64 ticket = ++m_requested;
    if (!m_pending.exchange(true)) {
        Worker* worker = m_worker;
        QMetaObject::invokeMethod(
            worker, [worker] { worker->catchUp(); }, Qt::QueuedConnection);
    }
    return ticket;
}

} // namespace threadline::store
