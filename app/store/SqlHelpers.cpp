#include "SqlHelpers.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace threadline::store {

QSqlQuery prepareQuery(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    return query;
}

StoreError queryFailed(const QSqlQuery& query)
{
    return StoreError{StoreError::Code::QueryFailed,
                      query.lastError().text() + u" — in: "_s + query.lastQuery().left(120)};
}

} // namespace threadline::store
