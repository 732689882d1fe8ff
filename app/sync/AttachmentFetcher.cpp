#include "AttachmentFetcher.h"

#include "imap/ImapSession.h"
#include "mime/HeaderBlock.h"
#include "mime/TransferEncoding.h"
#include "store/AttachmentRepository.h"
#include "store/Database.h"

#include <QLoggingCategory>
#include <QThread>

using namespace Qt::StringLiterals;

namespace threadline::sync {

Q_LOGGING_CATEGORY(lcAttachmentFetcher, "threadline.sync.attachments", QtWarningMsg)

using net::ErrorCode;

namespace {

// The encoding's name alone: "base64", not "base64 (comment)" or "BASE64 ".
QByteArrayView encodingName(QByteArrayView value)
{
    value = value.trimmed();
    qsizetype end = 0;
    while (end < value.size() && value[end] != '(' && value[end] != ';' && value[end] != ' ' &&
           value[end] != '\t')
        ++end;
    return value.first(end);
}

net::UserError gone(const store::MessageLocation& location, quint32 uid)
{
    return {net::ErrorCode::MessageNotOnServer,
            u"UID %1 is no longer in %2"_s.arg(uid).arg(location.folder)};
}

struct Received
{
    bool message = false; // the server sent the message at all
    QByteArray mimeHeader;
    QByteArray body; // null when absent or NIL
};

} // namespace

AttachmentFetcher::AttachmentFetcher(AttachmentOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_cache(m_options.cacheDirectory)
    , m_idleTimer(this)
{
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(m_options.idleDisconnect);
    connect(&m_idleTimer, &QTimer::timeout, this, &AttachmentFetcher::onIdleTimeout);
}

AttachmentFetcher::~AttachmentFetcher()
{
    // Destroyed on its thread at shutdown: the running fetch and the queue are dropped with
    // the session (its callbacks never run); the cache holds only complete files.
    if (m_session) {
        m_session->disconnect(this);
        delete m_session;
        m_session = nullptr;
    }
    m_db.reset();
}

void AttachmentFetcher::assertThread() const
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "AttachmentFetcher",
               "called from a thread other than the fetcher's; invoke it queued");
}

void AttachmentFetcher::fetch(const AttachmentRequest& request)
{
    assertThread();
    m_queue.push_back(request);
    scheduleNext();
}

void AttachmentFetcher::setCredentials(const imap::Credentials& credentials)
{
    assertThread();
    m_options.credentials = credentials;
    m_credentialsError = {};
    if (m_awaitingCredentials && m_session) {
        m_awaitingCredentials = false;
        authenticate();
    }
}

void AttachmentFetcher::setCredentialsError(const net::UserError& error)
{
    assertThread();
    m_credentialsError = error;
    if (m_awaitingCredentials && m_active) {
        dropSession();
        fail(error);
    }
}

void AttachmentFetcher::cancelPending()
{
    assertThread();
    m_queue.clear();
}

void AttachmentFetcher::scheduleNext()
{
    // From the event loop, not recursively: a run of cached files must not grow the stack,
    // and a shutdown (quit()) can come in between two requests.
    if (m_nextScheduled || m_active)
        return;
    m_nextScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_nextScheduled = false;
            next();
        },
        Qt::QueuedConnection);
}

void AttachmentFetcher::next()
{
    if (m_active)
        return;
    if (m_queue.empty()) {
        if (m_session)
            m_idleTimer.start();
        return;
    }
    m_idleTimer.stop();
    m_active = Active{};
    m_active->request = m_queue.front();
    m_queue.pop_front();
    const AttachmentRequest& request = m_active->request;

    if (!openDatabase())
        return;
    const auto answer =
        store::AttachmentRepository(m_db->connection()).find(request.messageId, request.part);
    if (!answer) {
        fail({ErrorCode::StorageFailed, answer.error().message});
        return;
    }
    switch (answer.value().lookup) {
    case store::AttachmentRepository::Lookup::MessageGone:
        fail({ErrorCode::MessageNotOnServer,
              u"message %1 is no longer stored"_s.arg(request.messageId)});
        return;
    case store::AttachmentRepository::Lookup::PartUnknown:
        fail({ErrorCode::AttachmentMissing,
              u"message %1 has no attachment at part %2"_s.arg(request.messageId)
                  .arg(request.part)});
        return;
    case store::AttachmentRepository::Lookup::Found:
        break;
    }
    m_active->source = answer.value().source;
    m_active->cachePath = m_cache.pathFor(m_active->source);
    if (m_active->cachePath.isEmpty()) {
        fail({ErrorCode::AttachmentMissing, u"\"%1\" is not a part number"_s.arg(request.part)});
        return;
    }
    if (AttachmentCache::contains(m_active->cachePath)) {
        deliver(m_active->cachePath);
        return;
    }
    if (m_active->source.locations.isEmpty()) {
        fail({ErrorCode::MessageNotOnServer,
              u"no synced folder holds message %1 any more"_s.arg(request.messageId)});
        return;
    }
    if (m_options.credentials.secret.isEmpty() && m_credentialsError.isError()) {
        fail(m_credentialsError);
        return;
    }
    if (m_session && m_signedIn) {
        m_active->reusedConnection = true;
        examine();
    } else if (!m_session) {
        openConnection();
    }
    // else: a connection is on its way; signing in goes on to examine().
}

bool AttachmentFetcher::openDatabase()
{
    if (m_db)
        return true;
    m_db = std::make_unique<store::Database>(m_options.databasePath,
                                             store::Database::Search::NotAttached);
    if (const auto error = m_db->open()) {
        m_db.reset();
        fail({ErrorCode::StorageFailed, error->message});
        return false;
    }
    return true;
}

void AttachmentFetcher::openConnection()
{
    m_session = new imap::ImapSession(nullptr, this);
    m_signedIn = false;
    m_examinedValidity = 0;
    const quint64 generation = m_generation;
    connect(m_session, &imap::ImapSession::disconnected, this,
            [this, generation](const net::UserError& reason) {
                if (generation != m_generation)
                    return;
                // Pending calls got their error already; this is a connection lost while
                // nothing was asked of it (idle, or waiting for the secret).
                const bool waiting = m_awaitingCredentials;
                dropSession();
                if (waiting && m_active)
                    fail(reason.isError() ? reason : net::UserError{ErrorCode::ConnectionLost, {}});
            });
    imap::ConnectionSettings settings = imap::ConnectionSettings::fromAccount(m_options.account);
    settings.connectTimeout = m_options.connectTimeout;
    settings.responseTimeout = m_options.responseTimeout;
    m_session->connectToServer(
        settings, [this, generation](const imap::SessionResult<imap::Capabilities>& result) {
            if (generation != m_generation)
                return;
            if (!result) {
                sessionFailed(result.error());
                return;
            }
            authenticate();
        });
}

void AttachmentFetcher::authenticate()
{
    if (m_options.credentials.secret.isEmpty()) {
        if (m_credentialsError.isError()) {
            dropSession();
            if (m_active)
                fail(m_credentialsError);
            return;
        }
        m_awaitingCredentials = true; // setCredentials() goes on from here
        Q_EMIT credentialsNeeded();
        return;
    }
    imap::Credentials credentials = m_options.credentials;
    if (credentials.userName.isEmpty()) {
        credentials.userName = m_options.account.imap.userName.isEmpty()
                                   ? m_options.account.email
                                   : m_options.account.imap.userName;
    }
    const quint64 generation = m_generation;
    m_session->authenticate(
        credentials, [this, generation](const imap::SessionResult<imap::Capabilities>& result) {
            if (generation != m_generation)
                return;
            if (!result) {
                sessionFailed(result.error());
                return;
            }
            m_signedIn = true;
            Q_EMIT connectionChanged(true);
            if (m_active)
                examine();
            else
                m_idleTimer.start();
        });
}

void AttachmentFetcher::examine()
{
    const store::MessageLocation& location = m_active->source.locations[m_active->location];
    if (m_session->state() == imap::ImapSession::State::Selected &&
        m_session->selectedMailbox() == location.folder &&
        m_examinedValidity == location.uidValidity) {
        fetchPart();
        return;
    }
    imap::SelectOptions options;
    options.readOnly = true; // EXAMINE: fetching changes nothing (BODY.PEEK sets no \Seen)
    const quint64 generation = m_generation;
    m_session->select(
        location.folder, options,
        [this, generation](const imap::SessionResult<imap::SelectedMailbox>& result) {
            if (generation != m_generation)
                return;
            const store::MessageLocation& location = m_active->source.locations[m_active->location];
            if (!result) {
                m_examinedValidity = 0;
                if (result.error().kind != imap::SessionError::Kind::No) {
                    sessionFailed(result.error());
                    return;
                }
                // The folder is gone (deleted or renamed on the server).
                locationFailed({ErrorCode::MessageNotOnServer,
                                u"%1: %2"_s.arg(location.folder, result.error().response.text)});
                return;
            }
            m_examinedValidity = result->uidValidity;
            // RFC 3501 §2.3.1.1: under another UIDVALIDITY the stored UID may
            // name another message; only a sync can find this one again.
            if (result->uidValidity != location.uidValidity) {
                locationFailed(
                    {ErrorCode::MessageNotOnServer,
                     u"%1 was reset on the server (UIDVALIDITY %2, now %3)"_s.arg(location.folder)
                         .arg(location.uidValidity)
                         .arg(result->uidValidity)});
                return;
            }
            fetchPart();
        });
}

void AttachmentFetcher::fetchPart()
{
    const store::MessageLocation& location = m_active->source.locations[m_active->location];
    const QByteArray part = m_active->source.part.toLatin1();
    const quint32 uid = location.uid;
    auto received = std::make_shared<Received>();

    imap::FetchRequest request;
    request.uids = imap::SequenceSet::range(uid, uid);
    // RFC 3501 §6.4.5: part.MIME is the part's own header (its Content-Transfer-Encoding);
    // for the only part of a single-part message, servers send the message header.
    request.items = {"BODY.PEEK[" + part + ".MIME]", "BODY.PEEK[" + part + ']'};
    request.onMessage = [received, part, uid](const imap::FetchResponse& response) {
        if (response.uid != uid)
            return;
        if (const imap::FetchSection* mime = response.section(part, "MIME")) {
            received->message = true;
            received->mimeHeader = mime->data;
        }
        if (const imap::FetchSection* body = response.section(part)) {
            received->message = true;
            received->body = body->data;
        }
    };
    const quint64 generation = m_generation;
    m_session->uidFetch(
        std::move(request),
        [this, generation, received, uid](const imap::SessionResult<imap::StatusResponse>& result) {
            if (generation != m_generation)
                return;
            const store::MessageLocation& location = m_active->source.locations[m_active->location];
            if (!result) {
                if (result.error().kind != imap::SessionError::Kind::No) {
                    sessionFailed(result.error());
                } else if (result.error().response.code.kind ==
                           imap::ResponseCode::Kind::ExpungeIssued) { // RFC 5530
                    locationFailed(gone(location, uid));
                } else {
                    fail({ErrorCode::AttachmentMissing, result.error().response.text});
                }
                return;
            }
            const bool noData = received->mimeHeader.isEmpty() || received->body.isNull();
            const bool expungeIssued = result->code.kind == imap::ResponseCode::Kind::ExpungeIssued;
            if (!received->message || (noData && expungeIssued)) {
                // An expunged UID is answered with OK and no data (RFC 3501 §6.4.8), or,
                // when another client expunged it while this one had the folder open, with
                // NIL data and [EXPUNGEISSUED].
                locationFailed(gone(location, uid));
                return;
            }
            // Every part has a MIME header, if only its empty line; Dovecot answers a part
            // that does not exist with empty data, others with NIL.
            if (noData) {
                confirmMissing(uid);
                return;
            }
            store(received->mimeHeader, received->body);
        });
}

void AttachmentFetcher::confirmMissing(quint32 uid)
{
    // No such part, or a message expunged without the server saying so yet: a search tells
    // them apart (and gives the server a moment to report the expunge).
    const quint64 generation = m_generation;
    m_session->uidSearch(
        "UID " + QByteArray::number(uid),
        [this, generation, uid](const imap::SessionResult<imap::SearchResult>& result) {
            if (generation != m_generation)
                return;
            const store::MessageLocation& location = m_active->source.locations[m_active->location];
            if (!result && result.error().kind == imap::SessionError::Kind::Connection) {
                sessionFailed(result.error());
                return;
            }
            if (result && !result->uids.contains(uid)) {
                locationFailed(gone(location, uid));
                return;
            }
            fail({ErrorCode::AttachmentMissing, u"%1 UID %2 has no part %3"_s.arg(location.folder)
                                                    .arg(uid)
                                                    .arg(m_active->source.part)});
        });
}

void AttachmentFetcher::store(const QByteArray& mimeHeader, const QByteArray& body)
{
    const mime::HeaderBlock headers = mime::HeaderBlock::parse(mimeHeader);
    const mime::TransferEncoding::Kind kind = mime::TransferEncoding::kindOf(
        encodingName(headers.valueView("Content-Transfer-Encoding")));
    bool damaged = false;
    const QByteArray data = mime::TransferEncoding::decode(body, kind, &damaged);
    if (damaged) {
        // Decoders are tolerant: the user gets what can be read, as other mail programs do.
        qCWarning(lcAttachmentFetcher)
            << "damaged transfer encoding in message" << m_active->source.messageId << "part"
            << m_active->source.part;
    }
    if (const auto error = m_cache.store(m_active->cachePath, data)) {
        fail({ErrorCode::StorageFailed, *error});
        return;
    }
    deliver(m_active->cachePath);
}

void AttachmentFetcher::deliver(const QString& cachedPath)
{
    const AttachmentRequest& request = m_active->request;
    if (request.saveTo.isEmpty()) {
        Q_EMIT finished(request.id, cachedPath);
    } else if (const auto error = AttachmentCache::copy(cachedPath, request.saveTo)) {
        fail({ErrorCode::StorageFailed, *error});
        return;
    } else {
        Q_EMIT finished(request.id, request.saveTo);
    }
    done();
}

void AttachmentFetcher::locationFailed(const net::UserError& error)
{
    // Another folder may hold a copy (a message cc'd to oneself is in INBOX and Sent).
    if (!m_active->firstLocationError)
        m_active->firstLocationError = error;
    if (++m_active->location < m_active->source.locations.size()) {
        examine();
        return;
    }
    fail(*m_active->firstLocationError);
}

void AttachmentFetcher::sessionFailed(const imap::SessionError& error)
{
    const bool connectionLost = error.kind == imap::SessionError::Kind::Connection;
    // A refused sign-in leaves a connected but useless session; a lost one is gone.
    if (connectionLost || !m_signedIn)
        dropSession();
    // A connection kept open between requests may have been closed by the server meanwhile
    // (an autologout timer): one more try on a fresh one.
    if (connectionLost && m_active && m_active->reusedConnection && !m_active->retried) {
        m_active->retried = true;
        m_active->reusedConnection = false;
        openConnection();
        return;
    }
    if (m_active)
        fail(error.error);
}

void AttachmentFetcher::fail(const net::UserError& error)
{
    Q_EMIT failed(m_active->request.id, error);
    done();
}

void AttachmentFetcher::done()
{
    m_active.reset();
    scheduleNext();
}

imap::ImapSession* AttachmentFetcher::detachSession()
{
    imap::ImapSession* session = m_session;
    if (!session)
        return nullptr;
    ++m_generation;
    session->disconnect(this);
    m_session = nullptr;
    m_examinedValidity = 0;
    m_awaitingCredentials = false;
    if (m_signedIn) {
        m_signedIn = false;
        Q_EMIT connectionChanged(false);
    }
    return session;
}

void AttachmentFetcher::dropSession()
{
    if (imap::ImapSession* session = detachSession())
        session->deleteLater(); // may be inside one of its callbacks
}

void AttachmentFetcher::onIdleTimeout()
{
    if (m_active || !m_session || !m_signedIn)
        return;
    // Detached first, so that a request arriving meanwhile opens a new connection instead of
    // queuing behind the LOGOUT. The session stays a child of the fetcher until it is done.
    imap::ImapSession* session = detachSession();
    session->logout(
        [session](const imap::SessionResult<imap::StatusResponse>&) { session->deleteLater(); });
}

} // namespace threadline::sync
