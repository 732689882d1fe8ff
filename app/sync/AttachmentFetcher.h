#pragma once

#include "AttachmentCache.h"
#include "AttachmentOptions.h"
#include "AttachmentRequest.h"
#include "net/ErrorCode.h"
#include "store/AttachmentSource.h"

#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>

namespace threadline::imap {
class ImapSession;
struct SessionError;
} // namespace threadline::imap
namespace threadline::store {
class Database;
}

namespace threadline::sync {

// Fetches attachments when the user opens one (the sync only lists them). A QObject for a
// worker thread (AttachmentThread moves it there), with its own SQLite connection and its own
// IMAP connection, so it never disturbs the sync worker's IDLE. Slots must be invoked on its
// thread (queued); its signals carry values.
//
// Requests run one after the other. For each: the cached file if it is there (no network);
// otherwise the message's location (folder, UID, UIDVALIDITY) from the store, EXAMINE of the
// folder (read-only: opening an attachment changes nothing on the server), a check that the
// UIDVALIDITY is still the stored one, then UID FETCH uid (BODY.PEEK[part.MIME]
// BODY.PEEK[part]) (RFC 3501 §6.4.5): the MIME header gives the Content-Transfer-Encoding, the
// body is decoded and written to the cache. The connection opens on the first request, serves
// the following ones, and is signed out after AttachmentOptions::idleDisconnect without one.
//
// Errors (failed()): MessageNotOnServer when the store has no location any more, the UID is
// gone (expunged) or the folder's UIDVALIDITY changed; AttachmentMissing when the sync listed
// no such part or the server's copy has none; StorageFailed for the database or the disk; the
// session's own codes for connection and sign-in failures. Destroying the fetcher (at
// shutdown) drops the queue and the connection; a file is written only once complete, so
// nothing half-fetched stays behind.
class AttachmentFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentFetcher)

public:
    explicit AttachmentFetcher(AttachmentOptions options, QObject* parent = nullptr);
    ~AttachmentFetcher() override;

    // Requests waiting, the running one included (on the fetcher's thread).
    int pendingCount() const { return int(m_queue.size()) + (m_active ? 1 : 0); }

public Q_SLOTS:
    void fetch(const threadline::sync::AttachmentRequest& request);
    // The secret, when AttachmentOptions had none: a sign-in waiting for it goes on.
    void setCredentials(const threadline::imap::Credentials& credentials);
    // The secret cannot be had (no keychain, no password stored): requests that need the
    // server fail with this error instead of waiting; cached files are still served.
    void setCredentialsError(const threadline::net::UserError& error);
    // Forgets the requests not started yet (no signal for them).
    void cancelPending();

Q_SIGNALS:
    // The attachment is at filePath: the cached file, or request.saveTo when it was given.
    void finished(quint64 requestId, const QString& filePath);
    void failed(quint64 requestId, const threadline::net::UserError& error);
    // The IMAP connection opened (after sign-in) or closed (idle, or lost).
    void connectionChanged(bool connected);
    // Connected, and waiting for setCredentials() or setCredentialsError() to sign in.
    void credentialsNeeded();

private:
    struct Active
    {
        AttachmentRequest request;
        store::AttachmentSource source;
        QString cachePath;
        qsizetype location = 0; // index into source.locations
        std::optional<net::UserError> firstLocationError;
        bool reusedConnection = false;
        bool retried = false;
    };

    void assertThread() const;
    void scheduleNext();
    void next();
    bool openDatabase();
    void openConnection();
    void authenticate();
    void examine();
    void fetchPart();
    void confirmMissing(quint32 uid);
    void store(const QByteArray& mimeHeader, const QByteArray& body);
    void deliver(const QString& cachedPath);
    void locationFailed(const net::UserError& error);
    void sessionFailed(const imap::SessionError& error);
    void fail(const net::UserError& error);
    void done();
    imap::ImapSession* detachSession();
    void dropSession();
    void onIdleTimeout();

    AttachmentOptions m_options;
    AttachmentCache m_cache;
    std::unique_ptr<store::Database> m_db;
    imap::ImapSession* m_session = nullptr;
    bool m_signedIn = false;
    bool m_awaitingCredentials = false;
    net::UserError m_credentialsError;
    quint32 m_examinedValidity = 0; // of session's selected mailbox
    quint64 m_generation = 0;       // bumped when the session is dropped: its callbacks go stale
    std::deque<AttachmentRequest> m_queue;
    std::optional<Active> m_active;
    bool m_nextScheduled = false;
    QTimer m_idleTimer;
};

} // namespace threadline::sync
