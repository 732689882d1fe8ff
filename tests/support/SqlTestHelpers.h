#pragma once

// Plain SQL for tests that look at a database directly, beside the code under test.

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace threadline::test {

// The first column of the first row, or an invalid QVariant when the query fails or is empty.
inline QVariant scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

inline bool exec(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    return query.exec(sql);
}

} // namespace threadline::test
