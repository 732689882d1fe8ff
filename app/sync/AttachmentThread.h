#pragma once

#include "AttachmentOptions.h"
#include "AttachmentRequest.h"
#include "net/ErrorCode.h"

#include <QObject>
#include <QThread>

namespace threadline::sync {

class AttachmentFetcher;

// Runs an AttachmentFetcher on its own QThread, beside the sync thread (worker-object
// pattern, as SyncThread). Connect to fetcher()'s signals from the GUI thread: they arrive
// queued. shutdown() is quit() + wait(): the fetcher is deleted on its thread, with its
// connection and any request not answered yet. Never terminate().
class AttachmentThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentThread)

public:
    explicit AttachmentThread(AttachmentOptions options, QObject* parent = nullptr);
    ~AttachmentThread() override; // shutdown()

    AttachmentFetcher* fetcher() const { return m_fetcher; }
    bool isRunning() const { return m_thread.isRunning(); }

    // Starts the thread (request() does it too).
    void start();
    // Queues a request (starting the thread if needed). Its id, chosen by the caller, comes
    // back with the fetcher's finished() or failed().
    void request(const AttachmentRequest& request);
    // Hands the secret over when AttachmentOptions had none.
    void setCredentials(const imap::Credentials& credentials);
    // The secret cannot be had (AttachmentFetcher::setCredentialsError).
    void setCredentialsError(const net::UserError& error);
    // Ends the thread's event loop and waits for it; the fetcher is gone afterwards.
    void shutdown();

private:
    QThread m_thread;
    AttachmentFetcher* m_fetcher = nullptr;
};

} // namespace threadline::sync
