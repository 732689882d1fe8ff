#pragma once

#include "StoreError.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace threadline::store {

// Small helpers the repositories share. Statements are forward-only (QSQLITE otherwise
// caches every row) and prepared once per call, then re-executed with new bound values.

// A prepared forward-only statement; a preparation error surfaces at exec().
QSqlQuery prepareQuery(const QSqlDatabase& db, const QString& sql);

// The failure of a statement as a StoreError (text plus the start of the SQL, for logs).
StoreError queryFailed(const QSqlQuery& query);

// A value ready to bind. QSQLITE binds a null QString as SQL NULL, so text is made non-null:
// an empty string is "", and only an invalid QVariant() means NULL.
template <typename T> QVariant bindable(const T& value)
{
    return QVariant::fromValue(value);
}
inline QVariant bindable(const QString& value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}
inline QVariant bindable(const QVariant& value)
{
    if (value.metaType() == QMetaType::fromType<QString>())
        return bindable(value.toString());
    return value;
}

// Binds the values in order and executes.
template <typename... Values> bool execWith(QSqlQuery& query, const Values&... values)
{
    int index = 0;
    (query.bindValue(index++, bindable(values)), ...);
    return query.exec();
}

// Ids as one JSON array ("[1,2,3]") for `IN (SELECT value FROM json_each(?))`: one statement
// for a whole batch instead of one per id.
QString jsonIdArray(const QList<qint64>& ids);

// Seconds since the epoch, or NULL for an invalid time.
inline QVariant secondsOrNull(const QDateTime& time)
{
    return time.isValid() ? QVariant(time.toSecsSinceEpoch()) : QVariant();
}

inline QDateTime timeFromSeconds(const QVariant& value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace threadline::store
