#include "AttachmentThread.h"

#include "AttachmentFetcher.h"

using namespace Qt::StringLiterals;

namespace threadline::sync {

AttachmentThread::AttachmentThread(AttachmentOptions options, QObject* parent)
    : QObject(parent)
    , m_fetcher(new AttachmentFetcher(std::move(options)))
{
    m_thread.setObjectName(u"threadline-attachments"_s);
    m_fetcher->moveToThread(&m_thread);
    // Deleted on its own thread once the loop has ended: its socket and SQLite connection
    // belong to that thread.
    connect(&m_thread, &QThread::finished, m_fetcher, &QObject::deleteLater);
}

AttachmentThread::~AttachmentThread()
{
    shutdown();
}

void AttachmentThread::start()
{
    if (m_fetcher && !m_thread.isRunning())
        m_thread.start();
}

void AttachmentThread::request(const AttachmentRequest& request)
{
    if (!m_fetcher)
        return; // shut down: never answered
    start();
    QMetaObject::invokeMethod(
        m_fetcher, [fetcher = m_fetcher, request] { fetcher->fetch(request); },
        Qt::QueuedConnection);
}

void AttachmentThread::setCredentials(const imap::Credentials& credentials)
{
    if (!m_fetcher)
        return;
    start();
    QMetaObject::invokeMethod(
        m_fetcher, [fetcher = m_fetcher, credentials] { fetcher->setCredentials(credentials); },
        Qt::QueuedConnection);
}

void AttachmentThread::setCredentialsError(const net::UserError& error)
{
    if (!m_fetcher)
        return;
    start();
    QMetaObject::invokeMethod(
        m_fetcher, [fetcher = m_fetcher, error] { fetcher->setCredentialsError(error); },
        Qt::QueuedConnection);
}

void AttachmentThread::shutdown()
{
    if (!m_fetcher)
        return;
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    } else {
        // Never started: nothing runs on the thread, delete here.
        delete m_fetcher;
    }
    m_fetcher = nullptr;
}

} // namespace threadline::sync
