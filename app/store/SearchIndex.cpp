#include "SearchIndex.h"

#include "Database.h"
#include "SqlHelpers.h"
#include "Statement.h"
#include "Transaction.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUrl>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

// FTS5 merges a level's segments into one when `automerge` of them have piled up (the FTS5
// option of that name, default 4). Every catch-up transaction writes a segment, so with 4 the
// index rewrote its postings at every level over and over while the mail came in: with 16,
// indexing 100,000 stored messages in batches of 1,000 took 28 % less CPU, and searches took
// the same time (0.06–0.15 ms a term on that index, 1.3 ms a prefix). Kept in the index's
// config table.
constexpr int automergeSegments = 16;

// The index file's schema. index_state is one row: the last search_queue entry handled, and
// while the index is first built from the store, the last message id built (NULL once done)
// and the last one to build (what was stored before the index existed; later mail comes
// through the queue, so it is not indexed twice).
constexpr const char16_t* indexSchema[] = {
    uR"(CREATE VIRTUAL TABLE IF NOT EXISTS search.message_fts USING fts5(
        subject, participants, body_text, tokenize = 'unicode61 remove_diacritics 2'))",
    uR"(CREATE TABLE IF NOT EXISTS search.index_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        queue_seq INTEGER NOT NULL,
        built_to_id INTEGER,
        build_end_id INTEGER NOT NULL))",
    // A new index starts from what the queue holds now: every message stored so far is
    // built from the store, everything queued later is replayed. A new profile's has nothing
    // to build.
    uR"(INSERT OR IGNORE INTO search.index_state (id, queue_seq, built_to_id, build_end_id)
        SELECT 1, coalesce((SELECT max(seq) FROM main.search_queue), 0),
               CASE WHEN EXISTS (SELECT 1 FROM main.messages) THEN 0 END,
               coalesce((SELECT max(id) FROM main.messages), 0))",
};

// Indexes the stored messages the condition that follows picks.
const QString indexMessagesWhere =
    u"INSERT INTO search.message_fts (rowid, subject, participants, body_text) "
    "SELECT id, subject, participants, body_text FROM main.messages WHERE "_s;

// Runs one statement with its values bound in order.
template <typename... Values>
std::optional<StoreError> run(const QSqlDatabase& db, const QString& sql, const Values&... values)
{
    QSqlQuery query = prepareQuery(db, sql);
    if (!execWith(query, values...))
        return queryFailed(query);
    return std::nullopt;
}

// The first column of the first row; an invalid QVariant for no row.
template <typename... Values>
Result<QVariant> value(const QSqlDatabase& db, const QString& sql, const Values&... values)
{
    QSqlQuery query = prepareQuery(db, sql);
    if (!execWith(query, values...))
        return queryFailed(query);
    return query.next() ? query.value(0) : QVariant();
}

std::optional<StoreError> setMergePolicy(const QSqlDatabase& db)
{
    if (auto error = run(db,
                         u"INSERT INTO search.message_fts (message_fts, rank) "
                         "VALUES ('automerge', ?)"_s,
                         automergeSegments))
        return StoreError{StoreError::Code::OpenFailed, error->message};
    return std::nullopt;
}

} // namespace

SearchIndex::SearchIndex(const QSqlDatabase& db)
    : m_db(db)
{}

QString SearchIndex::databasePathFor(const QString& databasePath)
{
    const QFileInfo store(databasePath);
    return store.dir().filePath(store.completeBaseName() + u"-search.sqlite"_s);
}

std::optional<StoreError> SearchIndex::attach(const QString& databasePath, Access access)
{
    if (auto error = attachForWriting(databasePath))
        return error;
    if (access == Access::ReadWrite)
        return std::nullopt;
    // Created and ready: attached again, read-only (https://sqlite.org/uri.html, mode=ro).
    const QString uri =
        QUrl::fromLocalFile(databasePathFor(databasePath)).toString(QUrl::FullyEncoded) +
        u"?mode=ro"_s;
    if (auto error = run(m_db, u"DETACH DATABASE search"_s))
        return StoreError{StoreError::Code::OpenFailed, error->message};
    if (auto error = run(m_db, u"ATTACH DATABASE ? AS search"_s, uri))
        return StoreError{StoreError::Code::OpenFailed, error->message};
    return std::nullopt;
}

std::optional<StoreError> SearchIndex::attachForWriting(const QString& databasePath)
{
    const QString path = databasePathFor(databasePath);
    if (auto error = run(m_db, u"ATTACH DATABASE ? AS search"_s, path))
        return StoreError{StoreError::Code::OpenFailed, error->message};
    // The same durability as the store (Database::open): a lost last batch is indexed again.
    for (const QString& pragma :
         {u"PRAGMA search.journal_mode = WAL"_s, u"PRAGMA search.synchronous = NORMAL"_s}) {
        QSqlQuery query(m_db);
        if (!query.exec(pragma))
            return StoreError{StoreError::Code::OpenFailed, queryFailed(query).message};
    }
    // Checked first so that a connection opened on an existing index writes nothing.
    const auto ready = value(m_db, u"SELECT count(*) FROM search.sqlite_master "
                                   "WHERE name = 'index_state'"_s);
    if (!ready)
        return ready.error();
    if (ready.value().toInt() == 1) {
        // An index made before the merge policy gets it once, if the index is free at once:
        // the policy only makes indexing cheaper, so opening the store never waits for it
        // (a busy index keeps the old one until a later open).
        const auto automerge = value(m_db, u"SELECT v FROM search.message_fts_config "
                                           "WHERE k = 'automerge'"_s);
        if (automerge && automerge.value().toInt() != automergeSegments) {
            sqlite3* handle = Statement::handleOf(m_db);
            if (handle)
                sqlite3_busy_timeout(handle, 0);
            (void)setMergePolicy(m_db);
            if (handle)
                sqlite3_busy_timeout(handle, Database::busyTimeoutMs);
        }
        return std::nullopt;
    }
    for (const char16_t* statement : indexSchema) {
        if (auto error = run(m_db, QString::fromUtf16(statement)))
            return StoreError{StoreError::Code::OpenFailed, error->message};
    }
    return setMergePolicy(m_db);
}

Result<int> SearchIndex::catchUp(int batchSize)
{
    // Deferred: it reads the store (a snapshot, never its write lock, so the sync's writer
    // goes on) and writes only the index file.
    Transaction transaction(m_db, Transaction::Nesting::Savepoints, Transaction::Lock::Deferred);
    if (!transaction.isActive())
        return StoreError{StoreError::Code::QueryFailed, u"cannot begin a transaction"_s};

    QSqlQuery state = prepareQuery(
        m_db, u"SELECT queue_seq, built_to_id, build_end_id FROM search.index_state"_s);
    if (!state.exec() || !state.next())
        return queryFailed(state);
    const qint64 queueSeq = state.value(0).toLongLong();
    const bool building = !state.value(1).isNull();
    const qint64 builtTo = state.value(1).toLongLong();
    const qint64 buildEnd = state.value(2).toLongLong();
    state.finish();

    std::optional<StoreError> error;
    int handled = 0;
    if (building) {
        // A new index: stored messages in id order, a batch per transaction.
        const auto last = value(m_db,
                                u"SELECT max(id) FROM (SELECT id FROM main.messages WHERE id > ? "
                                "AND id <= ? ORDER BY id LIMIT ?)"_s,
                                builtTo, buildEnd, batchSize);
        if (!last)
            return last.error();
        if (last.value().isNull()) {
            error = run(m_db, u"UPDATE search.index_state SET built_to_id = NULL"_s);
            handled = 1;
        } else {
            const qint64 upTo = last.value().toLongLong();
            error = run(m_db, indexMessagesWhere + u"id > ? AND id <= ?"_s, builtTo, upTo);
            if (!error)
                error = run(m_db, u"UPDATE search.index_state SET built_to_id = ?"_s, upTo);
            handled = int(upTo - builtTo);
        }
    } else {
        const auto last = value(m_db,
                                u"SELECT max(seq) FROM (SELECT seq FROM "
                                "main.search_queue WHERE seq > ? ORDER BY seq LIMIT ?)"_s,
                                queueSeq, batchSize);
        if (!last)
            return last.error();
        if (last.value().isNull())
            return 0;
        const qint64 upTo = last.value().toLongLong();
        // Each queued id is indexed as the store has it now: its old row (if any) goes, and
        // the message, unless it was deleted, comes back. The whole batch in one statement
        // each: FTS5 then writes its new terms as one segment. Ids above the highest indexed
        // one are new mail (most of the queue), with no row to look for.
        error = run(m_db,
                    u"DELETE FROM search.message_fts WHERE rowid IN (SELECT message_id FROM "
                    "main.search_queue WHERE seq > ? AND seq <= ? AND message_id <= "
                    "(SELECT rowid FROM search.message_fts ORDER BY rowid DESC LIMIT 1))"_s,
                    queueSeq, upTo);
        if (!error)
            error = run(m_db,
                        indexMessagesWhere + u"id IN (SELECT DISTINCT message_id FROM "
                                             "main.search_queue WHERE seq > ? AND seq <= ?)"_s,
                        queueSeq, upTo);
        if (!error)
            error = run(m_db, u"UPDATE search.index_state SET queue_seq = ?"_s, upTo);
        handled = int(upTo - queueSeq);
    }
    if (error)
        return *error;
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return handled;
}

Result<int> SearchIndex::pruneQueue()
{
    sqlite3* handle = Statement::handleOf(m_db);
    if (handle)
        sqlite3_busy_timeout(handle, 0);
    // Only the store's lock is needed, but BEGIN IMMEDIATE would take the index's too: a
    // plain DELETE is its own transaction, on the store alone.
    QSqlQuery prune = prepareQuery(m_db, u"DELETE FROM main.search_queue WHERE seq <= "
                                         "(SELECT queue_seq FROM search.index_state)"_s);
    const bool ok = prune.exec();
    const int pruned = ok ? prune.numRowsAffected() : 0;
    const StoreError error = ok ? StoreError{} : queryFailed(prune);
    prune.finish();
    if (handle)
        sqlite3_busy_timeout(handle, Database::busyTimeoutMs);
    if (!ok)
        return error;
    return pruned;
}

std::optional<StoreError> SearchIndex::catchUpAll()
{
    for (;;) {
        const Result<int> handled = catchUp();
        if (!handled)
            return handled.error();
        if (handled.value() == 0)
            return std::nullopt;
    }
}

} // namespace threadline::store
