#include "Transaction.h"

#include <QHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {
// Connections are thread-bound, so the nesting state of each is thread-local.
struct OpenState
{
    int depth = 0;
    bool flat = false;   // the outermost transaction was opened Flat
    bool doomed = false; // a joined transaction ended without commit()
};
thread_local QHash<QString, OpenState> openNesting;
} // namespace

Transaction::Transaction(const QSqlDatabase& db, Nesting nesting, Lock lock)
    : m_db(db)
{
    auto& state = openNesting[m_db.connectionName()];
    m_depth = state.depth;
    if (m_depth == 0) {
        m_active = exec(lock == Lock::Immediate ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
        state.flat = nesting == Transaction::Nesting::Flat;
        state.doomed = false;
    } else if (state.flat) {
        m_joined = true;
        m_active = true;
    } else {
        m_active = exec(u"SAVEPOINT nested_%1"_s.arg(m_depth));
    }
    if (m_active)
        state.depth = m_depth + 1;
    else if (m_depth == 0)
        openNesting.remove(m_db.connectionName());
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
        openNesting.remove(m_db.connectionName());
    else
        openNesting[m_db.connectionName()].depth = m_depth;
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    if (m_joined) {
        leave();
        return true;
    }
    if (m_depth == 0 && openNesting.value(m_db.connectionName()).doomed) {
        rollback();
        return false;
    }
    if (!exec(m_depth == 0 ? u"COMMIT"_s : u"RELEASE nested_%1"_s.arg(m_depth)))
        return false;
    leave();
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    if (m_joined)
        openNesting[m_db.connectionName()].doomed = true;
    else if (m_depth == 0)
        exec(u"ROLLBACK"_s);
    else if (exec(u"ROLLBACK TO nested_%1"_s.arg(m_depth)))
        exec(u"RELEASE nested_%1"_s.arg(m_depth));
    leave();
}

} // namespace threadline::store
