#pragma once

#include "Backoff.h"
#include "FolderPolicy.h"
#include "MatchPolicy.h"
#include "SyncOptions.h"
#include "SyncProgress.h"
#include "SyncState.h"
#include "SyncSummary.h"
#include "net/ErrorCode.h"
#include "store/ChangeSet.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <memory>

namespace threadline::imap {
class ImapSession;
}
namespace threadline::store {
class Database;
}

namespace threadline::sync {

class FolderSync;
class ChunkWriter;

// The sync engine of one account (DESIGN.md, Threads): a QObject moved to its own QThread
// (worker-object pattern; SyncThread does the moving). It owns the IMAP connection and its own
// SQLite connection, opened in start() on the sync thread. It talks to the GUI only through
// its signals, which carry values; slots must be invoked on its thread (queued).
//
// A pass syncs the Sent folder, then INBOX (FolderSync each; FolderPolicy decides which
// folders, and no other is ever selected). Then, unless `once`, it IDLEs on INBOX: news wakes
// it and only INBOX is synced again, within about a second; a whole pass runs every
// pollInterval and on syncNow(). A lost connection is retried after a Backoff delay; sign-in,
// certificate and storage failures wait for syncNow() instead.
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    explicit SyncWorker(SyncOptions options, QObject* parent = nullptr);
    ~SyncWorker() override;

    SyncState state() const { return m_state; }

public Q_SLOTS:
    // Opens the database and connects. finished() follows in `once` mode.
    void start();
    // Signs out (or drops the connection mid-fetch: the last committed batch stands) and
    // emits finished().
    void stop();
    // A whole pass now; reconnects at once when offline or stopped on an error.
    void syncNow();
    // The secret, when it was not in SyncOptions: the worker connects meanwhile (TCP, TLS,
    // greeting) and signs in once it is here, so reading the keychain costs no extra time.
    void setCredentials(const threadline::imap::Credentials& credentials);

Q_SIGNALS:
    void stateChanged(threadline::sync::SyncState state);
    void progress(const threadline::sync::SyncProgress& progress);
    void errorOccurred(const threadline::net::UserError& error);
    // After each committed batch: cards and threads whose rows changed.
    void changed(const threadline::store::ChangeSet& changes);
    // A pass over the folders completed.
    void passFinished(const threadline::sync::SyncSummary& summary);
    // The worker is done: after the pass in `once` mode, or after stop(). `error` is
    // ErrorCode::None on success. `summary` adds up every pass since start().
    void finished(const threadline::sync::SyncSummary& summary,
                  const threadline::net::UserError& error);

private:
    void assertThread() const;
    void setState(SyncState state);
    void connectToServer();
    void authenticate();
    void listFolders(bool afterPass);
    void startPass(bool inboxOnly);
    void nextFolder();
    void onFolderFinished(FolderSync* sync);
    void passDone();
    void watch();
    void idle();
    void onIdleEnded();
    void onPollDue();
    void onDisconnected(const net::UserError& reason);
    void fail(const net::UserError& error, bool retryable);
    void tearDown();
    // After a single pass: finishes once the search index has caught up with it.
    void finishWhenIndexed();
    void finish(const net::UserError& error);
    static bool isRetryable(net::ErrorCode code);

    SyncOptions m_options;
    MatchPolicy m_policy;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<ChunkWriter> m_writer;
    imap::ImapSession* m_session = nullptr;
    // Folder syncs of the pass: the next one starts when the one before has fetched
    // everything (FolderSync::fetched), while its last chunks are still being committed.
    QList<QPointer<FolderSync>> m_running;
    // Folders whose last sync did not finish: chunks of it may still wait for the writer.
    QSet<QString> m_unsettled;
    FolderPolicy::Folders m_folders;
    QStringList m_queue;
    bool m_inboxOnlyPass = false;
    bool m_purgeDue = false;

    SyncState m_state = SyncState::Idle;
    SyncSummary m_pass;
    SyncSummary m_total;
    net::UserError m_lastError;
    Backoff m_backoff;
    QElapsedTimer m_connectClock;
    QElapsedTimer m_passClock;
    qint64 m_connectMs = 0;
    QTimer m_reconnectTimer;
    QTimer m_pollTimer;
    quint64 m_generation = 0; // bumped when a connection is dropped: its callbacks go stale
    bool m_started = false;
    bool m_stopping = false;
    bool m_loggingOut = false;
    bool m_awaitingIndex = false; // a single pass is over; finishing once the index caught up
    quint64 m_indexTicket = 0;
    bool m_finished = false;
    bool m_passDue = false;    // a whole pass was asked for while busy
    bool m_inboxDirty = false; // INBOX reported news (IDLE, or unsolicited while busy)
    bool m_idling = false;
    bool m_sentWarned = false;
    bool m_awaitingCredentials = false; // connected, waiting for setCredentials()
    bool m_listAfterPass = false;       // the folders came from the profile: LIST after the pass
};

} // namespace threadline::sync
