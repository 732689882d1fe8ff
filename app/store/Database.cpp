#include "Database.h"

#include "Migrations.h"
#include "SearchIndex.h"
#include "WalCheckpointer.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <atomic>
#include <mutex>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {
std::atomic<int> connectionCounter{0};
// The schema version that moved the mail's index out and queues what it must index.
constexpr int searchQueueVersion = 6;
} // namespace

Database::Database(const QString& path, Search search)
    : m_path(path)
    , m_search(search)
    , m_connectionName(u"threadline-%1"_s.arg(++connectionCounter))
{}

Database::~Database()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Database::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

std::optional<StoreError> Database::open(int migrateTo)
{
    // SQLite counts every allocation it makes for sqlite3_memory_used(), which nothing here
    // reads, under a global mutex: a lock and an unlock per allocation, 2 % of the sync's
    // store thread. The setting must come before SQLite initialises itself, that is before
    // the process's first connection; later it is refused (SQLITE_MISUSE) and the count
    // stays, which is merely slower.
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    // URIs for the search index's read-only attachment (the store's path is no URI).
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1;QSQLITE_OPEN_URI"_s.arg(busyTimeoutMs));
    if (!m_db.open()) {
        return StoreError{StoreError::Code::OpenFailed,
                          u"cannot open %1: %2"_s.arg(m_path, m_db.lastError().text())};
    }
    // A new store gets 16 KiB pages; page_size only takes effect before the file's first
    // page is written, so an existing store keeps the size it was made with. Most messages
    // (headers, text and HTML together) then fit on their row's page instead of spilling
    // into overflow pages, and the writer logs fewer, larger WAL frames: an initial sync of
    // the 10,000-message bench mailbox (tests/bench/sync) took 8 % less time and 10 % less
    // CPU than with SQLite's default 4 KiB (16 interleaved runs each), with the window's
    // queries unchanged (tests/bench/lists). The search index keeps 4 KiB: FTS5 writes
    // blobs of about that size, and 16 KiB pages made indexing slower.
    {
        QSqlQuery query(m_db);
        if (!query.exec(u"PRAGMA page_size = %1"_s.arg(pageSize))) {
            return StoreError{StoreError::Code::OpenFailed,
                              u"PRAGMA page_size: %1"_s.arg(query.lastError().text())};
        }
    }
    // WAL lets the GUI read while the sync thread writes. synchronous=NORMAL is
    // crash-consistent in WAL mode; the server holds the mail, so a lost last batch is
    // simply fetched again (DESIGN.md, Threads).
    const QString pragmas[] = {
        u"PRAGMA journal_mode = WAL"_s,
        u"PRAGMA synchronous = NORMAL"_s,
        u"PRAGMA foreign_keys = ON"_s,
        u"PRAGMA busy_timeout = %1"_s.arg(busyTimeoutMs),
        // Statement journals (each write that may fail half-way inside a transaction, which
        // with foreign keys is every insert into a child table) and sorts stay in memory:
        // as temporary files they were most of an initial sync's writes.
        u"PRAGMA temp_store = MEMORY"_s,
    };
    for (const QString& pragma : pragmas) {
        QSqlQuery query(m_db);
        if (!query.exec(pragma)) {
            return StoreError{StoreError::Code::OpenFailed,
                              u"%1: %2"_s.arg(pragma, query.lastError().text())};
        }
    }
    // The sync's WalCheckpointer copies the log back on its own thread; a connection
    // checkpoints in its own commit only when the log has grown far past that. The limit
    // counts pages, of this store's size (16 KiB, or 4 KiB for a store made earlier).
    QSqlQuery pages(m_db);
    if (!pages.exec(u"PRAGMA page_size"_s) || !pages.next() || pages.value(0).toInt() <= 0) {
        return StoreError{StoreError::Code::OpenFailed,
                          u"PRAGMA page_size: %1"_s.arg(pages.lastError().text())};
    }
    const qint64 autocheckpoint = WalCheckpointer::fallbackBytes / pages.value(0).toInt();
    pages.finish();
    QSqlQuery checkpoint(m_db);
    if (!checkpoint.exec(u"PRAGMA wal_autocheckpoint = %1"_s.arg(autocheckpoint))) {
        return StoreError{StoreError::Code::OpenFailed,
                          u"PRAGMA wal_autocheckpoint: %1"_s.arg(checkpoint.lastError().text())};
    }
    if (auto error = Migrations::migrate(m_db, migrateTo))
        return error;
    if (m_search == Search::NotAttached || Migrations::currentVersion(m_db) < searchQueueVersion)
        return std::nullopt;
    return SearchIndex(m_db).attach(m_path, m_search == Search::AttachedReadOnly
                                                ? SearchIndex::Access::ReadOnly
                                                : SearchIndex::Access::ReadWrite);
}

} // namespace threadline::store
