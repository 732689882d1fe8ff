#pragma once

#include <QSqlDatabase>

namespace threadline::store {

// RAII transaction: rolls back unless commit() succeeded. The outermost one starts with
// BEGIN IMMEDIATE so a writer takes the write lock up front and waits (busy timeout) instead
// of failing when a read transaction upgrades; nested ones are savepoints, so repository
// calls compose inside a caller's batch.
//
// An outermost transaction opened Flat makes the nested ones join it instead: no savepoint,
// and one of them ending without commit() dooms the whole transaction (its commit() rolls
// back and fails). For a writer whose transaction is all or nothing anyway (the sync's
// ChunkWriter): every open savepoint keeps a copy of each page it changes, and SQLite walks
// that in-memory sub-journal from its start at the end of every statement, so nested
// savepoints made a large batch's writes quadratic.
class Transaction final
{
public:
    enum class Nesting
    {
        Savepoints,
        Flat,
    };

    // How the outermost one begins. Deferred (plain BEGIN) takes no lock until the first read
    // or write: for a connection that only reads one attached file and writes another (the
    // search index), where IMMEDIATE would lock every file attached for writing.
    enum class Lock
    {
        Immediate,
        Deferred,
    };

    explicit Transaction(const QSqlDatabase& db, Nesting nesting = Nesting::Savepoints,
                         Lock lock = Lock::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    void rollback();

private:
    bool exec(const QString& sql);
    void leave();

    QSqlDatabase m_db;
    int m_depth = 0;       // 0 = outermost
    bool m_joined = false; // nested in a Flat transaction: no savepoint of its own
    bool m_active = false;
};

} // namespace threadline::store
