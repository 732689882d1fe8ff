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

QString jsonIdArray(const QList<qint64>& ids)
{
    QString json;
    json.reserve(2 + ids.size() * 8);
    json += u'[';
    for (qint64 id : ids) {
        if (json.size() > 1)
            json += u',';
        json += QString::number(id);
    }
    json += u']';
    return json;
}

} // namespace threadline::store
