#pragma once

#include "StoreError.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringView>
#include <optional>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace threadline::store {

// A prepared statement over SQLite's C API, for the statements the sync runs per message:
// QtSql formats a placeholder name and wraps a QVariant for every bound value, which costs
// about as much as SQLite's own work for a small statement.
//
// The statement runs on the QSqlDatabase's own connection (its sqlite3 handle), so it shares
// that connection's transactions with QSqlQuery. It is prepared on first use and kept
// prepared (SQLITE_PREPARE_PERSISTENT) until destroyed: keep the object as long as the
// statement is reused, and destroy it before its connection closes (SQLite cannot close a
// connection that still has statements). Not thread-safe, like the connection.
//
// Values bind in order from the first parameter: qint64, int, quint32, QString (text; a null
// QString binds '' as bindable() does for QSqlQuery), std::nullopt (NULL), std::optional<T>.
// Text is stored as the same bytes QSQLITE stores (it binds UTF-16 and SQLite converts):
// valid UTF-16 is bound as UTF-8 converted here, into a buffer kept per parameter (no
// allocation per value), and text with a lone surrogate goes through SQLite's own conversion, which
// keeps a lone surrogate where Qt's would replace it. Text is read back as QSQLITE reads it.
// Failures are values: query()/exec() return false and error() says why.
class Statement final
{
public:
    Statement() = default;
    Statement(const QSqlDatabase& db, QString sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binds the values and runs the statement to its end (INSERT, UPDATE, DELETE).
    template <typename... Values> bool exec(const Values&... values)
    {
        if (!start())
            return false;
        int index = 0;
        (bind(++index, values), ...);
        return bound(index) && run();
    }

    // Binds the values and runs the statement up to its first row: read the rows with next().
    template <typename... Values> bool query(const Values&... values)
    {
        if (!start())
            return false;
        int index = 0;
        (bind(++index, values), ...);
        return bound(index) && first();
    }

    // Moves to the next row (the first one after query()); false after the last one, or on
    // an error (then failed() is true).
    bool next();
    // Ends a query before its last row, so the statement holds nothing of the connection.
    void reset();

    // Columns of the current row, from 0. A NULL reads as 0 or as a null QString.
    qint64 int64At(int column) const;
    QString textAt(int column) const;
    bool isNullAt(int column) const;

    // Rows changed by the last exec() (sqlite3_changes) and the rowid it inserted.
    int changes() const;
    qint64 lastInsertId() const;

    bool failed() const { return m_failed; }
    // The last failure: SQLite's message and the start of the statement.
    StoreError error() const;

    const QString& sql() const { return m_sql; }

    // The sqlite3 handle of a QSQLITE connection, or nullptr for another driver.
    static sqlite3* handleOf(const QSqlDatabase& db);

private:
    bool start();
    bool bound(int count);
    bool first();
    bool run();
    bool step();
    void fail(const char* message);
    void finalize();

    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, quint32 value) { bind(index, qint64(value)); }
    void bind(int index, const QString& text);
    void bind(int index, std::nullopt_t);
    // Neither a pointer nor a bool converts silently: say int(flag) or u"text"_s.
    void bind(int index, bool) = delete;
    void bind(int index, const void*) = delete;
    template <typename T> void bind(int index, const std::optional<T>& value)
    {
        if (value)
            bind(index, *value);
        else
            bind(index, std::nullopt);
    }

    QSqlDatabase m_db;
    QString m_sql;
    sqlite3* m_handle = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    // Each bound text's UTF-8, kept until the next binding: SQLite reads it in place
    // (SQLITE_STATIC), and the buffer's capacity serves the next values.
    std::vector<QByteArray> m_texts;
    bool m_hasRow = false; // query() stepped onto a row next() has not returned yet
    bool m_active = false; // stepped and not reset yet
    bool m_failed = false;
    QString m_error;
};

} // namespace threadline::store
