#include "SyncThread.h"

#include "SyncWorker.h"

using namespace Qt::StringLiterals;

namespace threadline::sync {

SyncThread::SyncThread(SyncOptions options, QObject* parent)
    : QObject(parent)
    , m_worker(new SyncWorker(std::move(options)))
{
    m_thread.setObjectName(u"threadline-sync"_s);
    m_worker->moveToThread(&m_thread);
    // Deleted on its own thread once the loop has ended: its socket and SQLite connection
    // belong to that thread.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
}

SyncThread::~SyncThread()
{
    shutdown();
}

void SyncThread::start()
{
    if (m_thread.isRunning() || !m_worker)
        return;
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &SyncWorker::start, Qt::QueuedConnection);
}

void SyncThread::syncNow()
{
    if (m_worker && m_thread.isRunning())
        QMetaObject::invokeMethod(m_worker, &SyncWorker::syncNow, Qt::QueuedConnection);
}

void SyncThread::setCredentials(const imap::Credentials& credentials)
{
    if (m_worker && m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, credentials] { worker->setCredentials(credentials); },
            Qt::QueuedConnection);
    }
}

void SyncThread::shutdown()
{
    if (!m_worker)
        return;
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    } else if (!m_thread.isFinished()) {
        // Never started: nothing runs on the thread, delete here.
        delete m_worker.data();
    }
    m_worker = nullptr;
}

} // namespace threadline::sync
