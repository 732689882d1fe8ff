#pragma once

#include <QSqlDatabase>

namespace threadline::store {

// RAII transaction: rolls back unless commit() succeeded. The outermost one starts with
// BEGIN IMMEDIATE so a writer takes the write lock up front and waits (busy timeout) instead
// of failing when a read transaction upgrades; nested ones are savepoints, so repository
// calls compose inside a caller's batch.
class Transaction final
{
public:
    explicit Transaction(const QSqlDatabase& db);
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
    int m_depth = 0; // 0 = outermost
    bool m_active = false;
};

} // namespace threadline::store
