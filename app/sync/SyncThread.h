#pragma once

#include "SyncOptions.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace threadline::sync {

class SyncWorker;

// Runs a SyncWorker on its own QThread (worker-object pattern: the worker is moved, QThread is
// never subclassed). Connect to worker()'s signals from the GUI thread: they arrive queued.
// Stopping is quit() + wait(): the thread's event loop ends between two batches (a batch is
// one transaction inside one slot), the worker is deleted on its thread, and the last
// committed batch stands. Never terminate().
class SyncThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncThread)

public:
    explicit SyncThread(SyncOptions options, QObject* parent = nullptr);
    ~SyncThread() override; // shutdown()

    SyncWorker* worker() const { return m_worker; }
    bool isRunning() const { return m_thread.isRunning(); }

    // Starts the thread and the worker's start() on it.
    void start();
    // Asks the worker for a whole pass now (queued).
    void syncNow();
    // Hands the secret over when SyncOptions had none (SyncWorker::setCredentials).
    void setCredentials(const imap::Credentials& credentials);
    // Ends the thread's event loop and waits for it; the worker is gone afterwards.
    void shutdown();

private:
    QThread m_thread;
    // Guarded: when the thread's loop ends by itself, the worker is deleted there (finished
    // → deleteLater) and shutdown() must not delete it again.
    QPointer<SyncWorker> m_worker;
};

} // namespace threadline::sync
