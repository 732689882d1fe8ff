#include "Transaction.h"

#include <QHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {
// Connections are thread-bound, so the nesting depth of each is thread-local state.
thread_local QHash<QString, int> openDepth;
} // namespace

Transaction::Transaction(const QSqlDatabase& db)
    : m_db(db)
    , m_depth(openDepth.value(db.connectionName()))
{
    m_active = exec(m_depth == 0 ? u"BEGIN IMMEDIATE"_s : u"SAVEPOINT nested_%1"_s.arg(m_depth));
    if (m_active)
        openDepth[m_db.connectionName()] = m_depth + 1;
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::exec(const QString& sql)
{
    QSqlQuery query(m_db);
    return query.exec(sql);
}

void Transaction::leave()
{
    m_active = false;
    if (m_depth == 0)
        openDepth.remove(m_db.connectionName());
    else
        openDepth[m_db.connectionName()] = m_depth;
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    if (!exec(m_depth == 0 ? u"COMMIT"_s : u"RELEASE nested_%1"_s.arg(m_depth)))
        return false;
    leave();
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    if (m_depth == 0)
        exec(u"ROLLBACK"_s);
    else if (exec(u"ROLLBACK TO nested_%1"_s.arg(m_depth)))
        exec(u"RELEASE nested_%1"_s.arg(m_depth));
    leave();
}

} // namespace threadline::store
