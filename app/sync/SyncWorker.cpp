#include "SyncWorker.h"

#include "ChunkWriter.h"
#include "FolderSync.h"
#include "imap/ImapSession.h"
#include "store/Database.h"
#include "store/MessageRepository.h"
#include "store/SyncLedger.h"

#include <QLoggingCategory>
#include <QThread>

using namespace Qt::StringLiterals;

namespace threadline::sync {

Q_LOGGING_CATEGORY(lcSyncWorker, "threadline.sync.worker", QtWarningMsg)

using net::ErrorCode;

SyncWorker::SyncWorker(SyncOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_backoff(m_options.backoffInitial, m_options.backoffMaximum)
    , m_reconnectTimer(this)
    , m_pollTimer(this)
{
    m_policy = MatchPolicy::forAccount(m_options.account.email);
    m_policy.setDropboxAddress(m_options.account.effectiveDropboxAddress());
    m_reconnectTimer.setSingleShot(true);
    m_pollTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SyncWorker::connectToServer);
    connect(&m_pollTimer, &QTimer::timeout, this, &SyncWorker::onPollDue);
}

SyncWorker::~SyncWorker()
{
    // Destroyed on its thread (SyncThread deletes it when the thread's loop ends): a fetch
    // still running is dropped, the last committed batch stands.
    if (m_session) {
        m_session->disconnect(this);
        delete m_session;
        m_session = nullptr;
    }
    for (const QPointer<FolderSync>& sync : std::as_const(m_running))
        delete sync.data();
    m_running.clear();
    m_writer.reset();
    m_db.reset();
}

void SyncWorker::assertThread() const
{
    // Every slot runs on the sync thread: the SQLite connection and the socket belong to it.
    Q_ASSERT_X(QThread::currentThread() == thread(), "SyncWorker",
               "called from a thread other than the sync thread; invoke it queued");
}

void SyncWorker::setState(SyncState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncWorker::start()
{
    assertThread();
    if (m_started)
        return;
    m_started = true;
    // The connection first: nothing reads the database before the sign-in is done, so opening
    // it overlaps the TCP and TLS round trips instead of delaying them.
    connectToServer();
    m_db = std::make_unique<store::Database>(m_options.databasePath,
                                             store::Database::Search::NotAttached);
    if (auto error = m_db->open()) {
        tearDown();
        const net::UserError failure{ErrorCode::StorageFailed, error->message};
        Q_EMIT errorOccurred(failure);
        setState(SyncState::Error);
        finish(failure);
        return;
    }
    m_writer = std::make_unique<ChunkWriter>(m_options.databasePath, m_policy);
}

void SyncWorker::stop()
{
    assertThread();
    if (m_finished)
        return;
    m_stopping = true;
    m_reconnectTimer.stop();
    m_pollTimer.stop();
    if (m_session && m_idling) {
        // Queuing LOGOUT ends the IDLE (DONE) first.
        m_loggingOut = true;
        const quint64 generation = m_generation;
        m_session->logout([this, generation](const imap::SessionResult<imap::StatusResponse>&) {
            if (generation != m_generation)
                return;
            tearDown();
            finish({});
        });
        return;
    }
    tearDown();
    finish({});
}

void SyncWorker::syncNow()
{
    assertThread();
    if (m_finished || m_stopping || !m_started)
        return;
    switch (m_state) {
    case SyncState::Idle:
    case SyncState::Offline:
    case SyncState::Error:
        m_reconnectTimer.stop();
        m_backoff.reset();
        tearDown();
        connectToServer();
        break;
    case SyncState::Watching:
        m_passDue = true;
        if (m_idling)
            m_session->stopIdle();
        else
            startPass(false);
        break;
    case SyncState::Connecting:
    case SyncState::Syncing:
        m_passDue = true;
        break;
    }
}

void SyncWorker::connectToServer()
{
    if (m_stopping || m_finished)
        return;
    tearDown();
    setState(SyncState::Connecting);
    m_connectClock.start();
    m_loggingOut = false;
    m_session = new imap::ImapSession(nullptr, this);
    m_session->setMaxInFlight(m_options.maxInFlight);
    connect(m_session, &imap::ImapSession::disconnected, this, &SyncWorker::onDisconnected);
    connect(m_session, &imap::ImapSession::mailboxEvent, this, [this](const imap::MailboxEvent&) {
        // News about INBOX while busy with something else: sync it again after.
        if (m_session && m_session->selectedMailbox() == m_folders.inbox)
            m_inboxDirty = true;
    });

    imap::ConnectionSettings settings = imap::ConnectionSettings::fromAccount(m_options.account);
    settings.connectTimeout = m_options.connectTimeout;
    settings.responseTimeout = m_options.responseTimeout;
    settings.idleRefreshInterval = m_options.idleRefreshInterval;
    const quint64 generation = m_generation;
    m_session->connectToServer(
        settings, [this, generation](const imap::SessionResult<imap::Capabilities>& r) {
            if (generation != m_generation)
                return;
            if (!r) {
                fail(r.error().error, isRetryable(r.error().error.code));
                return;
            }
            authenticate();
        });
}

void SyncWorker::setCredentials(const imap::Credentials& credentials)
{
    assertThread();
    m_options.credentials = credentials;
    if (m_awaitingCredentials && m_session) {
        m_awaitingCredentials = false;
        authenticate();
    }
}

void SyncWorker::authenticate()
{
    if (m_options.credentials.secret.isEmpty()) {
        m_awaitingCredentials = true; // setCredentials() goes on from here
        return;
    }
    imap::Credentials credentials = m_options.credentials;
    if (credentials.userName.isEmpty())
        credentials.userName = m_options.account.imap.userName.isEmpty()
                                   ? m_options.account.email
                                   : m_options.account.imap.userName;
    const quint64 generation = m_generation;
    m_session->authenticate(
        credentials, [this, generation](const imap::SessionResult<imap::Capabilities>& r) {
            if (generation != m_generation)
                return;
            if (!r) {
                const imap::SessionError& error = r.error();
                // A refused password stays refused: no retry loop against the server.
                fail(error.error, error.kind == imap::SessionError::Kind::Connection &&
                                      isRetryable(error.error.code));
                return;
            }
            m_backoff.reset();
            // Dovecot answers every SELECT after a LIST markedly slower (tens of ms each on a
            // large Maildir), so with the folders known from the last sync the pass goes first
            // and the LIST that checks them comes after it.
            const auto known = store::SyncLedger(m_db->connection()).knownSentFolder();
            if (known && !known.value().isEmpty()) {
                m_folders = FolderPolicy::Folders();
                m_folders.sent = known.value();
                m_folders.sentFoundBy = u"profile"_s;
                m_connectMs = m_connectClock.elapsed();
                m_listAfterPass = true;
                startPass(false);
                return;
            }
            listFolders(false);
        });
}

void SyncWorker::listFolders(bool afterPass)
{
    const quint64 generation = m_generation;
    m_session->list(u"*"_s, [this, generation,
                             afterPass](const imap::SessionResult<QList<imap::ListResponse>>& r) {
        if (generation != m_generation)
            return;
        if (!r) {
            fail(r.error().error, r.error().kind == imap::SessionError::Kind::Connection);
            return;
        }
        const FolderPolicy::Folders chosen = FolderPolicy::choose(r.value());
        qCDebug(lcSyncWorker) << "folders: INBOX and" << chosen.sent.value_or(u"(no Sent)"_s)
                              << chosen.sentFoundBy;
        if (!chosen.sent && !m_sentWarned) {
            // Not fatal: INBOX still syncs; the troubleshooting view explains it.
            m_sentWarned = true;
            Q_EMIT errorOccurred({ErrorCode::SentFolderNotFound, {}});
        }
        if (chosen.sent) {
            const auto retired =
                store::SyncLedger(m_db->connection()).retireSentFoldersExcept(*chosen.sent);
            if (!retired) {
                fail({ErrorCode::StorageFailed, retired.error().message}, false);
                return;
            }
            if (retired.value() > 0)
                m_purgeDue = true; // what only the old Sent folder held goes after this pass
        }
        if (afterPass) {
            // The pass used the Sent folder of the last sync; another one now (renamed, or
            // another folder marked \Sent) is synced at once, in this pass.
            const bool changed = chosen.sent && chosen.sent != m_folders.sent;
            m_folders = chosen;
            m_pass.sentFolderMissing = !m_folders.sent;
            if (changed) {
                m_queue.append(*m_folders.sent);
                nextFolder();
            } else {
                passDone();
            }
            return;
        }
        m_folders = chosen;
        m_connectMs = m_connectClock.elapsed();
        startPass(false);
    });
}

void SyncWorker::startPass(bool inboxOnly)
{
    setState(SyncState::Syncing);
    if (!inboxOnly)
        m_pollTimer.stop(); // restarted when this pass is done
    m_passClock.start();
    m_pass = SyncSummary();
    m_pass.connectMs = std::exchange(m_connectMs, 0);
    m_pass.sentFolderMissing = !m_folders.sent;
    m_inboxOnlyPass = inboxOnly;
    m_inboxDirty = false;
    if (!inboxOnly)
        m_passDue = false;
    m_queue.clear();
    // Sent first: INBOX stays selected for the IDLE that follows.
    if (!inboxOnly && m_folders.sent)
        m_queue.append(*m_folders.sent);
    m_queue.append(m_folders.inbox);
    nextFolder();
}

void SyncWorker::nextFolder()
{
    if (m_queue.isEmpty()) {
        passDone();
        return;
    }
    const QString folder = m_queue.takeFirst();
    FolderSync::Context context;
    context.session = m_session;
    context.db = m_db->connection();
    context.writer = m_writer.get();
    context.policy = m_policy;
    context.historyDays = m_options.account.historyDays;
    context.chunkSize = m_options.chunkSize;
    context.chunksInFlight = m_options.chunksInFlight;
    context.maxWaitingBytes = m_options.maxWaitingBytes;
    context.wholeMessageBytes = m_options.wholeMessageBytes;
    context.settleFirst = m_unsettled.contains(folder);
    m_unsettled.insert(folder);
    const auto role = folder == m_folders.inbox ? store::FolderState::Role::Inbox
                                                : store::FolderState::Role::Sent;
    auto* sync = new FolderSync(std::move(context), folder, role, this);
    m_running.append(sync);
    connect(sync, &FolderSync::progress, this, &SyncWorker::progress);
    connect(sync, &FolderSync::committed, this, &SyncWorker::changed);
    connect(sync, &FolderSync::fetched, this, [this] {
        // The session is free: the next folder is fetched while this one's last chunks
        // commit (the writer keeps them in order).
        if (!m_queue.isEmpty())
            nextFolder();
    });
    connect(sync, &FolderSync::finished, this, [this, sync] { onFolderFinished(sync); });
    sync->start();
}

void SyncWorker::onFolderFinished(FolderSync* sync)
{
    if (!m_running.removeOne(sync))
        return;
    sync->disconnect(this);
    sync->deleteLater();
    if (sync->error()) {
        if (sync->folderMissing() && sync->folder() != m_folders.inbox) {
            // The Sent folder went away since LIST: INBOX still syncs.
            Q_EMIT errorOccurred({ErrorCode::SentFolderNotFound, sync->error()->detail});
            m_pass.sentFolderMissing = true;
            m_unsettled.remove(sync->folder());
            if (m_running.isEmpty())
                nextFolder();
            return;
        }
        const net::UserError error = *sync->error();
        fail(error, sync->connectionFailed() ? isRetryable(error.code)
                                             : error.code != ErrorCode::StorageFailed);
        return;
    }
    // Orphans (messages no folder holds) can only come from a listing after forgotten UIDs.
    if (sync->completedInitialListing() &&
        (sync->plan().forgetUids || sync->plan().reason == ResyncPlan::Reason::ResumeInitial))
        m_purgeDue = true;
    m_pass += sync->summary();
    m_unsettled.remove(sync->folder());
    // The pass is done when every folder has been synced and committed.
    if (m_running.isEmpty())
        nextFolder();
}

void SyncWorker::passDone()
{
    if (m_listAfterPass && !m_inboxOnlyPass) {
        m_listAfterPass = false;
        listFolders(true);
        return;
    }
    if (m_purgeDue && !m_inboxOnlyPass) {
        // After a folder was listed again (UIDVALIDITY change), messages no synced folder
        // holds any more go; only after a whole pass, so a message moving from one folder to
        // the other is found again first.
        store::MessageRepository messages(m_db->connection());
        const auto purged = messages.purgeOrphans();
        if (!purged) {
            fail({ErrorCode::StorageFailed, purged.error().message}, false);
            return;
        }
        m_purgeDue = false;
        if (!purged.value().isEmpty())
            Q_EMIT changed(purged.value());
    }
    // The writer asks after its commits; expunged and purged messages (written on this
    // thread's connection) leave the index now too.
    m_writer->searchIndexer().requestCatchUp();
    m_pass.syncMs = m_passClock.elapsed();
    m_total += m_pass;
    Q_EMIT passFinished(m_pass);
    if (m_options.once) {
        m_loggingOut = true;
        const quint64 generation = m_generation;
        m_session->logout([this, generation](const imap::SessionResult<imap::StatusResponse>&) {
            if (generation != m_generation)
                return;
            tearDown();
            finishWhenIndexed();
        });
        return;
    }
    if (m_passDue)
        startPass(false);
    else if (m_inboxDirty)
        startPass(true);
    else
        watch();
}

void SyncWorker::watch()
{
    setState(SyncState::Watching);
    // Counted from the last whole pass: INBOX-only passes (IDLE news) do not postpone it.
    if (!m_pollTimer.isActive())
        m_pollTimer.start(m_options.pollInterval);
    if (!m_session->capabilities().idle())
        return; // polling only: the timer runs the next pass
    if (m_session->selectedMailbox() == m_folders.inbox) {
        idle();
        return;
    }
    const quint64 generation = m_generation;
    imap::SelectOptions examine;
    examine.readOnly = true;
    m_session->select(m_folders.inbox, examine,
                      [this, generation](const imap::SessionResult<imap::SelectedMailbox>& r) {
                          if (generation != m_generation)
                              return;
                          if (!r) {
                              fail(r.error().error,
                                   r.error().kind == imap::SessionError::Kind::Connection);
                              return;
                          }
                          idle();
                      });
}

void SyncWorker::idle()
{
    const quint64 generation = m_generation;
    m_idling = true;
    m_session->idle(
        [this, generation](const imap::MailboxEvent&) {
            if (generation != m_generation)
                return;
            // EXISTS, EXPUNGE/VANISHED or a flag change (RFC 2177): INBOX syncs again now.
            m_inboxDirty = true;
            if (m_idling)
                m_session->stopIdle();
        },
        [this, generation](const imap::SessionResult<imap::StatusResponse>& r) {
            if (generation != m_generation)
                return;
            m_idling = false;
            if (!r && r.error().kind == imap::SessionError::Kind::Connection)
                return; // onDisconnected() takes it from here
            onIdleEnded();
        });
}

void SyncWorker::onIdleEnded()
{
    if (m_stopping)
        return;
    if (m_passDue)
        startPass(false);
    else if (m_inboxDirty)
        startPass(true);
    else
        idle();
}

void SyncWorker::onPollDue()
{
    if (m_state != SyncState::Watching) {
        m_passDue = true;
        return;
    }
    m_passDue = true;
    if (m_idling)
        m_session->stopIdle();
    else
        startPass(false);
}

void SyncWorker::onDisconnected(const net::UserError& reason)
{
    if (m_stopping || m_loggingOut) {
        // The end of our own LOGOUT (the server may close before its tagged OK).
        tearDown();
        if (m_stopping)
            finish({});
        else
            finishWhenIndexed();
        return;
    }
    const net::UserError error =
        reason.isError() ? reason
                         : net::UserError{ErrorCode::ConnectionLost, tr("The server signed out.")};
    fail(error, isRetryable(error.code));
}

void SyncWorker::fail(const net::UserError& error, bool retryable)
{
    if (m_finished)
        return;
    qCInfo(lcSyncWorker) << "sync failed:" << int(error.code) << error.detail
                         << (retryable ? "(will retry)" : "");
    tearDown();
    if (m_stopping) {
        finish({});
        return;
    }
    m_lastError = error;
    Q_EMIT errorOccurred(error);
    if (m_options.once) {
        setState(SyncState::Error);
        finish(error);
        return;
    }
    if (retryable) {
        setState(SyncState::Offline);
        m_reconnectTimer.start(m_backoff.next());
    } else {
        setState(SyncState::Error);
    }
}

void SyncWorker::tearDown()
{
    ++m_generation;
    m_idling = false;
    m_awaitingCredentials = false;
    m_pollTimer.stop();
    for (const QPointer<FolderSync>& running : std::exchange(m_running, {})) {
        if (FolderSync* sync = running.data()) {
            sync->disconnect(this);
            sync->deleteLater();
        }
    }
    if (m_session) {
        imap::ImapSession* session = std::exchange(m_session, nullptr);
        session->disconnect(this);
        // Never from inside one of its callbacks: later.
        session->abort();
        session->deleteLater();
    }
}

void SyncWorker::finishWhenIndexed()
{
    // A single pass leaves the search index complete: a profile synced from the command line
    // then finds its mail in the window at once.
    if (m_finished || std::exchange(m_awaitingIndex, true))
        return;
    store::SearchIndexer& indexer = m_writer->searchIndexer();
    // Connected before asking: the answer may come before requestCatchUp() returns. It is
    // delivered on this thread, after the ticket is known.
    connect(&indexer, &store::SearchIndexer::caughtUp, this, [this](quint64 served, bool ok) {
        if (served < m_indexTicket)
            return;
        if (!ok)
            qCWarning(lcSyncWorker) << "the search index is behind; the next sync catches up";
        finish({});
    });
    m_indexTicket = indexer.requestCatchUp();
}

void SyncWorker::finish(const net::UserError& error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (!error.isError())
        setState(SyncState::Idle);
    Q_EMIT finished(m_total, error);
}

bool SyncWorker::isRetryable(ErrorCode code)
{
    switch (code) {
    case ErrorCode::HostUnreachable:
    case ErrorCode::ConnectionTimedOut:
    case ErrorCode::ConnectionLost:
    case ErrorCode::ProtocolFailure:
    case ErrorCode::TlsHandshakeFailed:
        return true;
    default:
        return false;
    }
}

} // namespace threadline::sync
