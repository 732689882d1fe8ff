#pragma once

#include "StoreError.h"

#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace threadline::store {

// One SQLite connection, owned by the thread that opened it (QtSql connections are
// thread-bound). The GUI thread and the sync thread each open their own.
class Database final
{
public:
    // Whether the connection sees the mail's search index (SearchIndex, schema `search`).
    // The store's writers open theirs without it, the window's reads it only: see
    // SearchIndex::attach.
    enum class Search
    {
        Attached,
        AttachedReadOnly,
        NotAttached,
    };

    explicit Database(const QString& path, Search search = Search::Attached);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating the file if needed), sets WAL, foreign keys and a busy timeout, then
    // migrates to the latest schema unless migrateTo says otherwise (tests of migrations),
    // and attaches the search index when asked to and the schema has its queue (version 6).
    std::optional<StoreError> open(int migrateTo = -1);
    bool isOpen() const;

    const QSqlDatabase& connection() const { return m_db; }
    const QString& path() const { return m_path; }

    // Milliseconds a statement waits for the other connection's write lock before failing.
    static constexpr int busyTimeoutMs = 5000;
    // The page size of a store created by open() (Database.cpp says why).
    static constexpr int pageSize = 16384;

private:
    QString m_path;
    Search m_search;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace threadline::store
