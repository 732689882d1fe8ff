#include "WalCheckpointer.h"

#include "Database.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <memory>

using namespace Qt::StringLiterals;

namespace threadline::store {

class WalCheckpointer::Worker final : public QObject
{
public:
    Worker(WalCheckpointer* owner, QString databasePath)
        : m_owner(owner)
        , m_databasePath(std::move(databasePath))
    {}

    void checkpoint()
    {
        // Cleared first: a commit during this checkpoint asks for the next one.
        m_owner->m_pending = false;
        if (!m_db) {
            auto db = std::make_unique<Database>(m_databasePath, Database::Search::NotAttached);
            if (db->open()) {
                Q_EMIT m_owner->checkpointed(false, 0, 0);
                return;
            }
            m_db = std::move(db);
        }
        // PASSIVE: copies what no reader still needs, never waits for the writer or readers.
        QSqlQuery query(m_db->connection());
        const bool ok = query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s) && query.next();
        // Row: busy, frames in the log, frames checkpointed (https://sqlite.org/pragma.html).
        Q_EMIT m_owner->checkpointed(ok && query.value(0).toInt() == 0,
                                     ok ? query.value(1).toInt() : 0,
                                     ok ? query.value(2).toInt() : 0);
    }

private:
    WalCheckpointer* m_owner;
    QString m_databasePath;
    std::unique_ptr<Database> m_db;
};

WalCheckpointer::WalCheckpointer(const QString& databasePath, QObject* parent)
    : QObject(parent)
    , m_walPath(databasePath + u"-wal"_s)
    , m_worker(new Worker(this, databasePath))
{
    m_thread.setObjectName(u"threadline-checkpoint"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

WalCheckpointer::~WalCheckpointer()
{
    m_thread.quit();
    m_thread.wait();
}

void WalCheckpointer::afterCommit()
{
    if (QFileInfo(m_walPath).size() < walBytesThreshold || m_pending.exchange(true))
        return;
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->checkpoint(); }, Qt::QueuedConnection);
}

} // namespace threadline::store
