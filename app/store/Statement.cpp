#include "Statement.h"

#include <QSqlDriver>
#include <QStringEncoder>
#include <QVariant>
#include <algorithm>
#include <sqlite3.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace threadline::store {

Statement::Statement(const QSqlDatabase& db, QString sql)
    : m_db(db)
    , m_sql(std::move(sql))
{}

Statement::~Statement()
{
    finalize();
}

Statement::Statement(Statement&& other) noexcept
    : m_db(std::move(other.m_db))
    , m_sql(std::move(other.m_sql))
    , m_handle(std::exchange(other.m_handle, nullptr))
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_texts(std::move(other.m_texts))
    , m_hasRow(std::exchange(other.m_hasRow, false))
    , m_active(std::exchange(other.m_active, false))
    , m_failed(std::exchange(other.m_failed, false))
    , m_error(std::move(other.m_error))
{}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        finalize();
        m_db = std::move(other.m_db);
        m_sql = std::move(other.m_sql);
        m_handle = std::exchange(other.m_handle, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_texts = std::move(other.m_texts);
        m_hasRow = std::exchange(other.m_hasRow, false);
        m_active = std::exchange(other.m_active, false);
        m_failed = std::exchange(other.m_failed, false);
        m_error = std::move(other.m_error);
    }
    return *this;
}

sqlite3* Statement::handleOf(const QSqlDatabase& db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    // QSQLITE hands out its connection as a QVariant holding sqlite3*. Debian's plugin links
    // the system libsqlite3, the library this file is linked with.
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

void Statement::finalize()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
    m_statement = nullptr;
    m_active = false;
    m_hasRow = false;
}

void Statement::fail(const char* message)
{
    m_failed = true;
    m_error = QString::fromUtf8(message);
}

StoreError Statement::error() const
{
    return StoreError{StoreError::Code::QueryFailed, m_error + u" — in: "_s + m_sql.left(120)};
}

bool Statement::start()
{
    m_failed = false;
    m_hasRow = false;
    if (!m_statement) {
        m_handle = handleOf(m_db);
        if (!m_handle) {
            fail("not an open SQLite connection");
            return false;
        }
        // Persistent: the statement lives as long as this object, reused batch after batch.
        const int rc = sqlite3_prepare16_v3(m_handle, m_sql.constData(), int(m_sql.size() * 2),
                                            SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
        if (rc != SQLITE_OK) {
            fail(sqlite3_errmsg(m_handle));
            finalize();
            return false;
        }
        if (!m_statement) {
            fail("no statement in the text");
            return false;
        }
        m_texts.resize(std::size_t(sqlite3_bind_parameter_count(m_statement)));
    } else if (m_active) {
        sqlite3_reset(m_statement);
        m_active = false;
    }
    return true;
}

bool Statement::bound(int count)
{
    if (m_failed)
        return false;
    if (count != int(m_texts.size())) {
        fail("parameter count mismatch");
        return false;
    }
    return true;
}

void Statement::bind(int index, qint64 value)
{
    if (sqlite3_bind_int64(m_statement, index, value) != SQLITE_OK)
        fail(sqlite3_errmsg(m_handle));
}

void Statement::bind(int index, const QString& text)
{
    if (index < 1 || std::size_t(index) > m_texts.size()) {
        fail("parameter count mismatch");
        return;
    }
    // constData(): utf16() would copy a literal to terminate it.
    const QStringView view(text.constData(), text.size());
    // A null QString is '' (never NULL), as QSqlQuery is given it through bindable(): the
    // buffer is never null.
    QByteArray& utf8 = m_texts[std::size_t(index - 1)];
    utf8.resize(view.size() * 3 + 1);
    QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    const char* end = encoder.appendToBuffer(utf8.data(), view);
    int rc = SQLITE_OK;
    if (!encoder.hasError()) {
        rc = sqlite3_bind_text(m_statement, index, utf8.constData(), int(end - utf8.constData()),
                               SQLITE_STATIC);
    } else {
        // A lone surrogate, which Qt's conversion replaces: SQLite's own keeps it (as
        // QSQLITE's binding gets), from a copy SQLite makes.
        rc = sqlite3_bind_text16(m_statement, index, view.utf16(), int(view.size() * 2),
                                 SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK)
        fail(sqlite3_errmsg(m_handle));
}

void Statement::bind(int index, std::nullopt_t)
{
    if (sqlite3_bind_null(m_statement, index) != SQLITE_OK)
        fail(sqlite3_errmsg(m_handle));
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        m_active = true;
        return true;
    }
    if (rc != SQLITE_DONE)
        fail(sqlite3_errmsg(m_handle));
    // Reset at once: a finished statement keeps no read or write state open.
    sqlite3_reset(m_statement);
    m_active = false;
    return false;
}

bool Statement::first()
{
    m_hasRow = step();
    return !m_failed;
}

bool Statement::run()
{
    while (step()) {
    }
    return !m_failed;
}

bool Statement::next()
{
    if (m_hasRow) {
        m_hasRow = false;
        return true;
    }
    return m_active && step();
}

void Statement::reset()
{
    if (m_statement && m_active)
        sqlite3_reset(m_statement);
    m_active = false;
    m_hasRow = false;
}

qint64 Statement::int64At(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString Statement::textAt(int column) const
{
    if (sqlite3_column_type(m_statement, column) == SQLITE_NULL)
        return {};
    // ASCII (most stored text: keys, addresses, names) reads as is from the stored UTF-8,
    // without SQLite converting it to UTF-16 in a buffer of its own.
    const auto* utf8 = sqlite3_column_text(m_statement, column);
    const int length = sqlite3_column_bytes(m_statement, column);
    int ascii = 0;
    while (ascii < length && utf8[ascii] < 0x80)
        ++ascii;
    if (ascii == length)
        return QString::fromLatin1(reinterpret_cast<const char*>(utf8), length);
    // Else UTF-16 from SQLite, as QSQLITE reads it.
    const void* text = sqlite3_column_text16(m_statement, column);
    const int bytes = sqlite3_column_bytes16(m_statement, column);
    return QString(static_cast<const QChar*>(text), bytes / 2);
}

bool Statement::isNullAt(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

int Statement::changes() const
{
    return m_handle ? sqlite3_changes(m_handle) : 0;
}

qint64 Statement::lastInsertId() const
{
    return m_handle ? sqlite3_last_insert_rowid(m_handle) : 0;
}

} // namespace threadline::store
