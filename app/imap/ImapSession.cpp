#include "imap/ImapSession.h"

#include "imap/ImapCommand.h"
#include "imap/ImapLogging.h"
#include "imap/ImapSocket.h"
#include "imap/InternalDate.h"
#include "imap/ResponseParser.h"
#include "imap/Sasl.h"
#include "imap/TcpImapSocket.h"

#include <QThread>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::imap {

namespace {

using Status = StatusResponse::Status;
using Code = net::ErrorCode;

std::optional<MailboxEvent> toMailboxEvent(const Response& response)
{
    if (const auto* r = std::get_if<ExistsResponse>(&response)) {
        return MailboxEvent(*r);
    }
    if (const auto* r = std::get_if<RecentResponse>(&response)) {
        return MailboxEvent(*r);
    }
    if (const auto* r = std::get_if<ExpungeResponse>(&response)) {
        return MailboxEvent(*r);
    }
    if (const auto* r = std::get_if<VanishedResponse>(&response)) {
        return MailboxEvent(*r);
    }
    if (const auto* r = std::get_if<FetchResponse>(&response)) {
        return MailboxEvent(*r);
    }
    if (const auto* r = std::get_if<FlagsResponse>(&response)) {
        return MailboxEvent(*r);
    }
    return std::nullopt;
}

// The first line of what the server sent, for an error detail ("220 mx.example.com ESMTP").
QString firstLine(QByteArrayView bytes)
{
    qsizetype end = bytes.indexOf('\n');
    if (end < 0) {
        end = bytes.size();
    }
    return QString::fromUtf8(bytes.first(qMin<qsizetype>(end, 200))).trimmed();
}

bool sameMailbox(const QString& a, const QString& b)
{
    const auto inbox = "INBOX"_L1;
    if (a.compare(inbox, Qt::CaseInsensitive) == 0) {
        return b.compare(inbox, Qt::CaseInsensitive) == 0;
    }
    return a == b;
}

QByteArray joinedList(const QList<QByteArray>& items)
{
    QByteArray out("(");
    out += items.join(' ');
    out += ')';
    return out;
}

template <typename T> SessionResult<T> statusResult(const StatusResponse& status, T value)
{
    if (status.status == Status::Ok) {
        return SessionResult<T>(std::move(value));
    }
    return SessionResult<T>(SessionError::fromStatus(status));
}

} // namespace

ImapSession::ImapSession(ImapSocket* socket, QObject* parent)
    : QObject(parent)
    , m_socket(socket ? socket : new TcpImapSocket)
    , m_connectTimer(this) // parented, so moveToThread() takes the timers along
    , m_responseTimer(this)
    , m_idleRefreshTimer(this)
{
    m_socket->setParent(this);
    connect(m_socket, &ImapSocket::connected, this, &ImapSession::onSocketConnected);
    connect(m_socket, &ImapSocket::encrypted, this, &ImapSession::onSocketEncrypted);
    connect(m_socket, &ImapSocket::readyRead, this, &ImapSession::onSocketReadyRead);
    connect(m_socket, &ImapSocket::disconnected, this, &ImapSession::onSocketDisconnected);
    connect(m_socket, &ImapSocket::errorOccurred, this, &ImapSession::onSocketError);

    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        failAll({Code::ConnectionTimedOut, tr("No answer from %1 within %2 seconds.")
                                               .arg(m_settings.host)
                                               .arg(m_settings.connectTimeout.count() / 1000)});
    });
    m_responseTimer.setSingleShot(true);
    connect(&m_responseTimer, &QTimer::timeout, this, [this] {
        failAll({Code::ConnectionTimedOut, tr("The server stopped answering for %1 seconds.")
                                               .arg(m_settings.responseTimeout.count() / 1000)});
    });
    m_idleRefreshTimer.setSingleShot(true);
    connect(&m_idleRefreshTimer, &QTimer::timeout, this, [this] {
        if (m_idling && !m_doneSent) {
            sendDone(); // the IDLE's completion starts the next one
        }
    });
}

ImapSession::~ImapSession()
{
    ++m_generation;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->close();
    delete m_socket;
}

// --- Connection ------------------------------------------------------------------------

void ImapSession::connectToServer(const ConnectionSettings& settings, Callback<Capabilities> done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_state != State::Disconnected) {
        failLater(done, SessionError::make(SessionError::Kind::WrongState, Code::ProtocolFailure,
                                           tr("Already connected.")));
        return;
    }
    ++m_generation;
    m_settings = settings;
    m_connectDone = std::move(done);
    m_capabilities = {};
    m_enabled.clear();
    m_selectedMailbox.clear();
    m_preAuth = false;
    m_framer.reset();
    m_tags = TagGenerator();
    m_log.reset();
    m_logEnabled = lcImapProtocol().isDebugEnabled();
    m_logLine[0].clear();
    m_logLine[1].clear();
    m_logSkipping[0] = m_logSkipping[1] = false;
    m_discardUntilEncrypted = false;
    m_awaitingGreeting = true;
    m_byeText.clear();
    m_logoutSent = false;
    m_idle.reset();
    m_idling = false;
    m_doneSent = false;
    m_responseTimer.setInterval(settings.responseTimeout);
    m_idleRefreshTimer.setInterval(settings.idleRefreshInterval);

    setState(State::Connecting);
    m_connectTimer.start(settings.connectTimeout);
    m_socket->connectToHost(settings);
}

void ImapSession::authenticate(const Credentials& credentials, Callback<Capabilities> done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_state == State::Authenticated && m_preAuth) {
        // PREAUTH over TLS: nothing to sign in; still switch on the extensions.
        QMetaObject::invokeMethod(
            this, [this, done] { enableAfterLogin(done); }, Qt::QueuedConnection);
        return;
    }
    if (!checkState({State::NotAuthenticated}, done)) {
        return;
    }
    if (!m_socket->isEncrypted()) {
        // Never reached through connectToServer(); a last guard against cleartext credentials.
        failLater(done, SessionError::make(SessionError::Kind::WrongState, Code::NoTlsOffered,
                                           tr("The connection is not encrypted.")));
        return;
    }
    sendAuthentication(credentials, std::move(done));
}

void ImapSession::logout(Callback<StatusResponse> done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!checkState({State::NotAuthenticated, State::Authenticated, State::Selected}, done)) {
        return;
    }
    auto command = std::make_unique<ImapCommand>();
    command->name = "LOGOUT";
    command->exclusive = true;
    command->build = [](const QByteArray& tag) {
        return CommandBuilder(tag, "LOGOUT").build();
    };
    command->sending = [this] {
        m_logoutSent = true;
        setState(State::LoggingOut);
    };
    command->untagged = [](const Response& response, const ImapCommand&) {
        const auto* status = std::get_if<StatusResponse>(&response);
        return status && status->status == Status::Bye;
    };
    command->completed = [this, done](const StatusResponse& status) {
        shutdown({}, SessionError::connection(Code::ConnectionLost, tr("Logged out.")));
        if (done) {
            done(statusResult(status, status));
        }
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::abort()
{
    Q_ASSERT(QThread::currentThread() == thread());
    failAll({Code::ConnectionLost, tr("The connection was closed by Threadline.")});
}

// --- Commands ----------------------------------------------------------------------------

void ImapSession::capability(Callback<Capabilities> done)
{
    if (!checkState({State::NotAuthenticated, State::Authenticated, State::Selected}, done)) {
        return;
    }
    auto command = std::make_unique<ImapCommand>();
    command->name = "CAPABILITY";
    command->build = [](const QByteArray& tag) {
        return CommandBuilder(tag, "CAPABILITY").build();
    };
    command->untagged = [this](const Response& response, const ImapCommand&) {
        if (const auto* caps = std::get_if<CapabilityResponse>(&response)) {
            m_capabilities = Capabilities(caps->capabilities);
            return true;
        }
        return false;
    };
    command->completed = [this, done](const StatusResponse& status) {
        if (done) {
            done(statusResult(status, m_capabilities));
        }
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::enable(const QList<QByteArray>& extensions, Callback<QList<QByteArray>> done)
{
    if (!checkState({State::Authenticated, State::Selected}, done)) {
        return;
    }
    if (!m_capabilities.enable()) {
        failLater(done, SessionError::make(SessionError::Kind::Unsupported, Code::ProtocolFailure,
                                           tr("The server does not support ENABLE.")));
        return;
    }
    auto enabled = std::make_shared<QList<QByteArray>>();
    auto command = std::make_unique<ImapCommand>();
    command->name = "ENABLE";
    command->exclusive = true;
    command->build = [extensions](const QByteArray& tag) {
        CommandBuilder builder(tag, "ENABLE");
        for (const QByteArray& extension : extensions) {
            builder.atom(extension);
        }
        return builder.build();
    };
    command->untagged = [this, enabled](const Response& response, const ImapCommand&) {
        if (const auto* r = std::get_if<EnabledResponse>(&response)) {
            for (const QByteArray& extension : r->capabilities) {
                enabled->append(extension.toUpper());
                if (!m_enabled.contains(extension.toUpper())) {
                    m_enabled.append(extension.toUpper());
                }
            }
            return true;
        }
        return false;
    };
    command->completed = [done, enabled](const StatusResponse& status) {
        if (done) {
            done(statusResult(status, *enabled));
        }
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::noop(Callback<StatusResponse> done)
{
    if (!checkState({State::NotAuthenticated, State::Authenticated, State::Selected}, done)) {
        return;
    }
    auto command = std::make_unique<ImapCommand>();
    command->name = "NOOP";
    command->build = [](const QByteArray& tag) {
        return CommandBuilder(tag, "NOOP").build();
    };
    command->completed = [done](const StatusResponse& status) {
        if (done) {
            done(statusResult(status, status));
        }
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::list(const QString& pattern, Callback<QList<ListResponse>> done)
{
    if (!checkState({State::Authenticated, State::Selected}, done)) {
        return;
    }
    const bool specialUse = m_capabilities.specialUse() && m_capabilities.listExtended();
    auto mailboxes = std::make_shared<QList<ListResponse>>();
    auto command = std::make_unique<ImapCommand>();
    command->name = "LIST";
    command->build = [pattern, specialUse](const QByteArray& tag) {
        CommandBuilder builder(tag, "LIST");
        builder.string("").mailbox(pattern);
        if (specialUse) {
            builder.raw("RETURN (SPECIAL-USE)"); // RFC 6154 §5.1
        }
        return builder.build();
    };
    command->untagged = [mailboxes](const Response& response, const ImapCommand&) {
        const auto* r = std::get_if<ListResponse>(&response);
        if (r && r->kind == ListResponse::Kind::List) {
            mailboxes->append(*r);
            return true;
        }
        return false;
    };
    command->completed = [done, mailboxes](const StatusResponse& status) {
        if (done) {
            done(statusResult(status, std::move(*mailboxes)));
        }
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::status(const QString& mailbox, const QList<QByteArray>& items,
                         Callback<MailboxStatusResponse> done)
{
    if (!checkState({State::Authenticated, State::Selected}, done)) {
        return;
    }
    auto result = std::make_shared<std::optional<MailboxStatusResponse>>();
    auto command = std::make_unique<ImapCommand>();
    command->name = "STATUS";
    command->build = [mailbox, items](const QByteArray& tag) {
        return CommandBuilder(tag, "STATUS").mailbox(mailbox).raw(joinedList(items)).build();
    };
    command->untagged = [mailbox, result](const Response& response, const ImapCommand&) {
        const auto* r = std::get_if<MailboxStatusResponse>(&response);
        if (r && !result->has_value() && sameMailbox(r->name, mailbox)) {
            *result = *r;
            return true;
        }
        return false;
    };
    command->completed = [this, done, result](const StatusResponse& status) {
        if (!done) {
            return;
        }
        if (status.status == Status::Ok && !result->has_value()) {
            done(SessionError::make(SessionError::Kind::No, Code::ProtocolFailure,
                                    tr("The server sent no STATUS data.")));
            return;
        }
        done(statusResult(status, result->value_or(MailboxStatusResponse{})));
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::select(const QString& mailbox, const SelectOptions& options,
                         Callback<SelectedMailbox> done)
{
    if (!checkState({State::Authenticated, State::Selected}, done)) {
        return;
    }
    const bool qresync = options.qresync.has_value() && isEnabled("QRESYNC");
    // Once ENABLEd, CONDSTORE needs no SELECT parameter (RFC 7162 §3.1.8).
    const bool condStore = !qresync && m_capabilities.condStore() && !isEnabled("CONDSTORE");
    auto result = std::make_shared<SelectedMailbox>();
    result->name = mailbox;
    result->readOnly = options.readOnly;
    // With QRESYNC, responses before [CLOSED] still concern the previous mailbox (RFC 7162
    // §3.2.11).
    auto seenClosed = std::make_shared<bool>(true);
    auto onChanged = options.onChanged;

    auto command = std::make_unique<ImapCommand>();
    command->name = options.readOnly ? "EXAMINE" : "SELECT";
    command->exclusive = true;
    command->build = [mailbox, options, qresync, condStore](const QByteArray& tag) {
        CommandBuilder builder(tag, options.readOnly ? "EXAMINE" : "SELECT");
        builder.mailbox(mailbox);
        if (qresync) {
            const QresyncParameters& q = *options.qresync;
            builder.beginList().atom("QRESYNC").beginList().number(q.uidValidity).number(q.modSeq);
            if (!q.knownUids.isEmpty()) {
                builder.sequenceSet(q.knownUids);
            }
            builder.endList().endList();
        } else if (condStore) {
            builder.beginList().atom("CONDSTORE").endList(); // RFC 7162 §3.1.8
        }
        return builder.build();
    };
    command->sending = [this, seenClosed] {
        *seenClosed = !(m_state == State::Selected && m_capabilities.qresync());
        m_selectedMailbox.clear();
    };
    command->untagged = [result, seenClosed, onChanged](const Response& response,
                                                        const ImapCommand&) {
        const auto* status = std::get_if<StatusResponse>(&response);
        if (!*seenClosed) {
            if (status && status->code.kind == ResponseCode::Kind::Closed) {
                *seenClosed = true;
                return true;
            }
            const auto* vanished = std::get_if<VanishedResponse>(&response);
            if (std::holds_alternative<ExpungeResponse>(response) ||
                std::holds_alternative<FetchResponse>(response) ||
                (vanished && !vanished->earlier)) {
                return false; // the previous mailbox's news
            }
            *seenClosed = true; // a server that does not send [CLOSED]
        }
        if (status) {
            if (status->status != Status::Ok) {
                return false;
            }
            const ResponseCode& code = status->code;
            switch (code.kind) {
            case ResponseCode::Kind::UidValidity:
                result->uidValidity = quint32(code.number);
                break;
            case ResponseCode::Kind::UidNext:
                result->uidNext = quint32(code.number);
                break;
            case ResponseCode::Kind::HighestModSeq:
                result->highestModSeq = code.number;
                break;
            case ResponseCode::Kind::NoModSeq:
                result->noModSeq = true;
                break;
            case ResponseCode::Kind::PermanentFlags:
                result->permanentFlags = code.atoms;
                break;
            case ResponseCode::Kind::Unseen:
                result->unseen = quint32(code.number);
                break;
            default:
                break;
            }
            return true;
        }
        if (const auto* r = std::get_if<FlagsResponse>(&response)) {
            result->flags = r->flags;
        } else if (const auto* r = std::get_if<ExistsResponse>(&response)) {
            result->exists = r->count;
        } else if (const auto* r = std::get_if<RecentResponse>(&response)) {
            result->recent = r->count;
        } else if (const auto* r = std::get_if<VanishedResponse>(&response)) {
            for (const SequenceRange& range : r->uids.ranges()) {
                result->vanished.append(range.first, range.last);
            }
        } else if (const auto* r = std::get_if<FetchResponse>(&response)) {
            if (onChanged) {
                onChanged(*r);
            } else {
                result->changed.append(*r);
            }
        } else {
            return false;
        }
        return true;
    };
    command->completed = [this, done, result, mailbox](const StatusResponse& status) {
        if (status.status == Status::Ok) {
            if (status.code.kind == ResponseCode::Kind::ReadOnly) {
                result->readOnly = true;
            } else if (status.code.kind == ResponseCode::Kind::ReadWrite) {
                result->readOnly = false;
            }
            m_selectedMailbox = mailbox;
            setState(State::Selected);
            if (done) {
                done(std::move(*result));
            }
            return;
        }
        // A failed SELECT leaves no mailbox selected (RFC 3501 §6.3.1).
        m_selectedMailbox.clear();
        if (m_state == State::Selected) {
            setState(State::Authenticated);
        }
        if (done) {
            done(SessionError::fromStatus(status));
        }
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

QByteArray ImapSession::sinceCriteria(QDate date)
{
    return "SINCE " + InternalDate::formatDate(date);
}

void ImapSession::uidSearch(const QByteArray& criteria, Callback<SearchResult> done)
{
    if (!checkState({State::Authenticated, State::Selected}, done)) {
        return;
    }
    const bool esearch = m_capabilities.esearch();
    struct Collected
    {
        std::optional<EsearchResponse> esearch;
        QList<quint32> numbers;
        std::optional<quint64> modSeq;
        bool plainSeen = false;
    };
    auto collected = std::make_shared<Collected>();
    auto command = std::make_unique<ImapCommand>();
    command->name = "UID SEARCH";
    command->build = [criteria, esearch](const QByteArray& tag) {
        CommandBuilder builder(tag, "UID SEARCH");
        if (esearch) {
            builder.raw("RETURN (ALL)"); // RFC 4731 §3.1: ranges instead of a number per message
        }
        return builder.raw(criteria).build();
    };
    command->untagged = [collected](const Response& response, const ImapCommand& self) {
        if (const auto* r = std::get_if<EsearchResponse>(&response)) {
            if ((r->tag.isEmpty() || r->tag == self.tag) && !collected->esearch) {
                collected->esearch = *r;
                return true;
            }
            return false;
        }
        if (const auto* r = std::get_if<SearchResponse>(&response)) {
            if (collected->plainSeen) {
                return false; // a later pipelined SEARCH's answer
            }
            collected->plainSeen = true;
            collected->numbers = r->numbers;
            collected->modSeq = r->modSeq;
            return true;
        }
        return false;
    };
    command->completed = [done, collected](const StatusResponse& status) {
        if (!done) {
            return;
        }
        SearchResult result;
        if (collected->esearch) {
            result.uids = collected->esearch->all.value_or(SequenceSet());
            result.highestModSeq = collected->esearch->modSeq;
        } else {
            QList<quint32>& numbers = collected->numbers;
            std::sort(numbers.begin(), numbers.end());
            numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
            result.uids = SequenceSet::fromSorted(numbers);
            result.highestModSeq = collected->modSeq;
        }
        result.count = result.uids.count();
        done(statusResult(status, std::move(result)));
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::uidFetch(FetchRequest request, Callback<StatusResponse> done)
{
    if (!checkState({State::Authenticated, State::Selected}, done)) {
        return;
    }
    if (request.uids.isEmpty()) {
        failLater(done, SessionError::make(SessionError::Kind::WrongState, Code::ProtocolFailure,
                                           tr("UID FETCH of an empty set.")));
        return;
    }
    if (request.changedSince && !m_capabilities.condStore()) {
        failLater(done, SessionError::make(SessionError::Kind::Unsupported, Code::ProtocolFailure,
                                           tr("The server does not support CONDSTORE.")));
        return;
    }
    auto fetch = std::make_shared<FetchRequest>(std::move(request));
    // Bounds first: with disjoint ranges in flight they decide almost every response cheaply.
    quint32 low = SequenceSet::Star;
    quint32 high = 0;
    for (const SequenceRange& range : fetch->uids.ranges()) {
        low = qMin(low, qMin(range.first, range.last));
        high = qMax(high, qMax(range.first, range.last));
    }
    const bool vanished = fetch->vanished && fetch->changedSince && isEnabled("QRESYNC");

    auto command = std::make_unique<ImapCommand>();
    command->name = "UID FETCH";
    command->build = [fetch, vanished](const QByteArray& tag) {
        CommandBuilder builder(tag, "UID FETCH");
        builder.sequenceSet(fetch->uids).raw(joinedList(fetch->items));
        if (fetch->changedSince) {
            builder.beginList().atom("CHANGEDSINCE").number(*fetch->changedSince);
            if (vanished) {
                builder.atom("VANISHED");
            }
            builder.endList();
        }
        return builder.build();
    };
    command->untagged = [fetch, low, high, vanished](const Response& response, const ImapCommand&) {
        if (const auto* r = std::get_if<FetchResponse>(&response)) {
            if (!r->uid || *r->uid < low || *r->uid > high || !fetch->uids.contains(*r->uid)) {
                return false;
            }
            if (fetch->onMessage) {
                fetch->onMessage(*r);
            }
            return true;
        }
        if (const auto* r = std::get_if<VanishedResponse>(&response)) {
            if (!vanished || !r->earlier) {
                return false;
            }
            if (fetch->onVanished) {
                fetch->onVanished(r->uids);
            }
            return true;
        }
        return false;
    };
    command->completed = [done](const StatusResponse& status) {
        if (done) {
            done(statusResult(status, status));
        }
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::append(const QString& mailbox, const QByteArray& message,
                         const QList<QByteArray>& flags, const QDateTime& internalDate,
                         Callback<AppendResult> done)
{
    if (!checkState({State::Authenticated, State::Selected}, done)) {
        return;
    }
    const CommandBuilder::LiteralMode mode = literalMode();
    auto command = std::make_unique<ImapCommand>();
    command->name = "APPEND";
    command->build = [mailbox, message, flags, internalDate, mode](const QByteArray& tag) {
        CommandBuilder builder(tag, "APPEND", mode);
        builder.mailbox(mailbox);
        if (!flags.isEmpty()) {
            builder.beginList();
            for (const QByteArray& flag : flags) {
                builder.atom(flag);
            }
            builder.endList();
        }
        if (internalDate.isValid()) {
            builder.dateTime(internalDate);
        }
        return builder.literal(message).build();
    };
    command->completed = [done](const StatusResponse& status) {
        if (!done) {
            return;
        }
        AppendResult result;
        result.status = status;
        if (status.code.kind == ResponseCode::Kind::AppendUid) { // RFC 4315 §3
            result.uidValidity = quint32(status.code.number);
            if (!status.code.uids.isEmpty()) {
                result.uid = status.code.uids.ranges().constFirst().first;
            }
        }
        done(statusResult(status, std::move(result)));
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::idle(EventHandler onEvent, Callback<StatusResponse> done)
{
    if (!checkState({State::Authenticated, State::Selected}, done)) {
        return;
    }
    if (!m_capabilities.idle()) {
        failLater(done, SessionError::make(SessionError::Kind::Unsupported, Code::ProtocolFailure,
                                           tr("The server does not support IDLE.")));
        return;
    }
    if (m_idle) {
        failLater(done, SessionError::make(SessionError::Kind::WrongState, Code::ProtocolFailure,
                                           tr("IDLE is already running.")));
        return;
    }
    m_idle = IdleState{std::move(onEvent), std::move(done), false};
    startIdleCommand();
}

void ImapSession::stopIdle()
{
    if (!m_idle) {
        return;
    }
    m_idle->stopRequested = true;
    if (m_idling) {
        sendDone();
    }
    // Not yet confirmed: the continuation handler sends DONE as soon as the "+" arrives.
}

void ImapSession::startIdleCommand()
{
    auto command = std::make_unique<ImapCommand>();
    command->name = "IDLE";
    command->exclusive = true;
    command->holdsWrite = true; // only DONE may follow (RFC 2177 §3)
    command->build = [](const QByteArray& tag) {
        return CommandBuilder(tag, "IDLE").build();
    };
    command->sending = [this] {
        m_doneSent = false;
    };
    command->untagged = [this](const Response& response, const ImapCommand&) {
        std::optional<MailboxEvent> event = toMailboxEvent(response);
        if (!event) {
            return false;
        }
        if (m_idle && m_idle->onEvent) {
            m_idle->onEvent(*event);
        }
        return true;
    };
    command->continuation = [this](const ContinuationRequest&) {
        if (m_idling) {
            return;
        }
        m_idling = true;
        restartResponseTimer();
        m_idleRefreshTimer.start();
        if (!m_queue.empty() || (m_idle && m_idle->stopRequested)) {
            sendDone();
        }
    };
    command->completed = [this](const StatusResponse& status) {
        m_idling = false;
        m_doneSent = false;
        m_idleRefreshTimer.stop();
        if (!m_idle) {
            return;
        }
        if (status.status == Status::Ok && !m_idle->stopRequested && m_queue.empty()) {
            startIdleCommand(); // the refresh: IDLE again with the same handler
            return;
        }
        IdleState idle = std::move(*m_idle);
        m_idle.reset();
        if (idle.done) {
            idle.done(statusResult(status, status));
        }
    };
    command->failed = [this](const SessionError& error) {
        m_idling = false;
        m_doneSent = false;
        m_idleRefreshTimer.stop();
        if (!m_idle) {
            return;
        }
        IdleState idle = std::move(*m_idle);
        m_idle.reset();
        if (idle.done) {
            idle.done(error);
        }
    };
    enqueue(std::move(command));
}

bool ImapSession::isEnabled(QByteArrayView extension) const
{
    for (const QByteArray& e : m_enabled) {
        if (e.compare(extension, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    // Enabling QRESYNC enables CONDSTORE too (RFC 7162 §3.2.3).
    return QByteArray("CONDSTORE").compare(extension, Qt::CaseInsensitive) == 0 &&
           isEnabled("QRESYNC");
}

QList<QSslCertificate> ImapSession::peerCertificateChain() const
{
    return m_socket->peerCertificateChain();
}

// --- Connect phase -----------------------------------------------------------------------

void ImapSession::onSocketConnected()
{
    if (m_state == State::Connecting && m_settings.security == account::Security::StartTls) {
        setState(State::Greeting);
    }
}

void ImapSession::onSocketEncrypted()
{
    if (m_state == State::Connecting) {
        setState(State::Greeting); // implicit TLS
        return;
    }
    if (m_state == State::StartingTls && m_discardUntilEncrypted) {
        m_discardUntilEncrypted = false;
        m_framer.reset();
        // What the server said before TLS counts for nothing (RFC 3501 §6.2.1).
        m_capabilities = {};
        requestCapabilities([this] { finishConnect(); });
    }
}

void ImapSession::handleGreeting(QByteArrayView frame)
{
    Result<StatusResponse> greeting = ResponseParser::parseGreeting(frame);
    if (!greeting) {
        switch (greeting.error().code) {
        case ParseError::Code::Pop3Greeting:
            failAll({Code::Pop3Only, firstLine(frame)});
            break;
        case ParseError::Code::SmtpGreeting:
            failAll({Code::WrongServiceOnPort, firstLine(frame)});
            break;
        default:
            failAll({Code::ProtocolFailure, firstLine(frame)});
            break;
        }
        return;
    }
    const StatusResponse& status = *greeting;
    if (status.status == Status::Bye) {
        failAll({Code::ProtocolFailure, status.text});
        return;
    }
    if (status.code.kind == ResponseCode::Kind::Alert) {
        Q_EMIT alert(status.text);
    }
    if (status.code.kind == ResponseCode::Kind::Capability) {
        m_capabilities = Capabilities(status.code.atoms);
    }
    m_preAuth = status.status == Status::PreAuth;
    afterGreeting();
}

void ImapSession::afterGreeting()
{
    if (m_settings.security == account::Security::StartTls && !m_socket->isEncrypted()) {
        if (m_preAuth) {
            // PREAUTH in cleartext would skip STARTTLS altogether (CVE-2014-2567): refuse.
            failAll({Code::StartTlsMissing,
                     tr("The server signed in without TLS (PREAUTH); Threadline refuses to "
                        "continue unencrypted.")});
            return;
        }
        const auto decide = [this] {
            if (!m_capabilities.startTls()) {
                failAll({Code::StartTlsMissing, tr("The server does not offer STARTTLS.")});
                return;
            }
            startTlsNegotiation();
        };
        if (m_capabilities.isEmpty()) {
            requestCapabilities(decide);
        } else {
            decide();
        }
        return;
    }
    if (m_capabilities.isEmpty()) {
        requestCapabilities([this] { finishConnect(); });
    } else {
        finishConnect();
    }
}

void ImapSession::requestCapabilities(std::function<void()> then)
{
    // Connect-phase command: a lost connection reaches m_connectDone through failAll().
    auto command = std::make_unique<ImapCommand>();
    command->name = "CAPABILITY";
    command->exclusive = true;
    command->build = [](const QByteArray& tag) {
        return CommandBuilder(tag, "CAPABILITY").build();
    };
    command->untagged = [this](const Response& response, const ImapCommand&) {
        if (const auto* caps = std::get_if<CapabilityResponse>(&response)) {
            m_capabilities = Capabilities(caps->capabilities);
            return true;
        }
        return false;
    };
    command->completed = [this, then](const StatusResponse& status) {
        if (status.status != Status::Ok || m_capabilities.isEmpty()) {
            failAll({Code::ProtocolFailure, status.text});
            return;
        }
        then();
    };
    enqueue(std::move(command));
}

void ImapSession::startTlsNegotiation()
{
    setState(State::StartingTls);
    auto command = std::make_unique<ImapCommand>();
    command->name = "STARTTLS";
    command->exclusive = true;
    command->build = [](const QByteArray& tag) {
        return CommandBuilder(tag, "STARTTLS").build();
    };
    command->completed = [this](const StatusResponse& status) {
        if (status.status != Status::Ok) {
            failAll({Code::StartTlsMissing, status.text});
            return;
        }
        // Bytes after the OK and before the handshake may be injected by an attacker: drop
        // them, and everything until TLS is up (RFC 3501 §6.2.1; CVE-2011-0411).
        m_discardUntilEncrypted = true;
        m_framer.reset();
        m_socket->startTls();
    };
    enqueue(std::move(command));
}

void ImapSession::finishConnect()
{
    m_connectTimer.stop();
    setState(m_preAuth ? State::Authenticated : State::NotAuthenticated);
    Callback<Capabilities> done = std::exchange(m_connectDone, {});
    if (done) {
        done(m_capabilities);
    }
}

// --- Authentication ------------------------------------------------------------------------

void ImapSession::sendAuthentication(const Credentials& credentials, Callback<Capabilities> done)
{
    const Capabilities& caps = m_capabilities;
    QByteArray mechanism;
    QByteArray initialResponse; // base64
    QByteArray errorAck;        // base64 answer to an OAuth error challenge
    bool oauth = false;
    bool useLogin = false;
    if (credentials.method == Credentials::Method::Password) {
        if (caps.hasAuth("PLAIN")) {
            mechanism = "PLAIN";
            initialResponse = Sasl::plain(credentials.userName, credentials.secret).toBase64();
        } else if (!caps.loginDisabled()) {
            useLogin = true; // RFC 3501 §6.2.3
        }
    } else if (caps.hasAuth("OAUTHBEARER")) {
        mechanism = "OAUTHBEARER";
        initialResponse = Sasl::oauthBearer(credentials.userName, m_settings.host, m_settings.port,
                                            credentials.secret)
                              .toBase64();
        errorAck = Sasl::oauthBearerErrorAck().toBase64();
        oauth = true;
    } else if (caps.hasAuth("XOAUTH2")) {
        mechanism = "XOAUTH2";
        initialResponse = Sasl::xoauth2(credentials.userName, credentials.secret).toBase64();
        errorAck = Sasl::xoauth2ErrorAck().toBase64();
        oauth = true;
    }
    if (mechanism.isEmpty() && !useLogin) {
        failLater(done, SessionError::make(
                            SessionError::Kind::Unsupported, Code::AuthenticationFailed,
                            credentials.method == Credentials::Method::Password
                                ? tr("The server accepts no password sign-in Threadline supports.")
                                : tr("The server does not accept OAuth2 sign-in.")));
        return;
    }
    setState(State::Authenticating);

    struct Exchange
    {
        bool capabilitiesSeen = false;
        bool responseSent = false;
        QString oauthError;
    };
    auto exchange = std::make_shared<Exchange>();
    const bool saslIr = caps.saslIr();
    auto command = std::make_unique<ImapCommand>();
    command->exclusive = true;
    if (useLogin) {
        command->name = "LOGIN";
        const QByteArray user = credentials.userName.toUtf8();
        const QByteArray password = credentials.secret.toUtf8();
        const CommandBuilder::LiteralMode mode = literalMode();
        command->build = [user, password, mode](const QByteArray& tag) {
            return CommandBuilder(tag, "LOGIN", mode).astring(user).astring(password).build();
        };
    } else {
        command->name = "AUTHENTICATE";
        command->holdsWrite = true;
        exchange->responseSent = saslIr;
        command->build = [mechanism, initialResponse, saslIr](const QByteArray& tag) {
            CommandBuilder builder(tag, "AUTHENTICATE");
            builder.atom(mechanism);
            if (saslIr) {
                builder.raw(initialResponse); // RFC 4959
            }
            return builder.build();
        };
        command->continuation = [this, exchange, initialResponse, errorAck,
                                 oauth](const ContinuationRequest& challenge) {
            if (!exchange->responseSent) {
                exchange->responseSent = true;
                writeBytes(QByteArray(initialResponse + "\r\n"));
            } else if (oauth) {
                // An OAuth error arrives as a challenge; answer it so the server sends its NO.
                exchange->oauthError = Sasl::oauthErrorSummary(challenge.text);
                writeBytes(QByteArray(errorAck + "\r\n"));
            } else {
                writeBytes("*\r\n"); // an unexpected challenge: cancel (RFC 3501 §6.2.2)
            }
        };
    }
    command->untagged = [this, exchange](const Response& response, const ImapCommand&) {
        if (const auto* r = std::get_if<CapabilityResponse>(&response)) {
            m_capabilities = Capabilities(r->capabilities);
            exchange->capabilitiesSeen = true;
            return true;
        }
        return false;
    };
    command->completed = [this, exchange, done](const StatusResponse& status) {
        if (status.status == Status::Ok) {
            afterLogin(status, exchange->capabilitiesSeen, done);
            return;
        }
        setState(State::NotAuthenticated);
        SessionError error = SessionError::fromStatus(status, Code::AuthenticationFailed);
        if (!exchange->oauthError.isEmpty()) {
            error.error.detail += u" ("_s + exchange->oauthError + u')';
        }
        if (done) {
            done(error);
        }
    };
    command->failed = [done](const SessionError& error) {
        if (done) {
            done(error);
        }
    };
    enqueue(std::move(command));
}

void ImapSession::afterLogin(const StatusResponse& ok, bool capabilitiesSeen,
                             Callback<Capabilities> done)
{
    setState(State::Authenticated);
    // Capabilities may change with the login (RFC 3501 §6.2.1); the OK often carries them.
    if (ok.code.kind == ResponseCode::Kind::Capability) {
        m_capabilities = Capabilities(ok.code.atoms);
        capabilitiesSeen = true;
    }
    if (capabilitiesSeen) {
        enableAfterLogin(std::move(done));
        return;
    }
    capability([this, done](const SessionResult<Capabilities>& result) {
        if (!result && result.error().kind == SessionError::Kind::Connection) {
            if (done) {
                done(result.error());
            }
            return;
        }
        enableAfterLogin(done);
    });
}

void ImapSession::enableAfterLogin(Callback<Capabilities> done)
{
    QList<QByteArray> wanted;
    if (m_capabilities.enable()) {
        if (m_capabilities.qresync()) {
            wanted = {"QRESYNC"}; // implies CONDSTORE
        } else if (m_capabilities.has("CONDSTORE")) {
            wanted = {"CONDSTORE"};
        }
    }
    if (wanted.isEmpty() || isEnabled(wanted.constFirst())) {
        if (done) {
            done(m_capabilities);
        }
        return;
    }
    enable(wanted, [this, done](const SessionResult<QList<QByteArray>>& result) {
        if (!done) {
            return;
        }
        if (!result && result.error().kind == SessionError::Kind::Connection) {
            done(result.error());
            return;
        }
        done(m_capabilities); // a refused ENABLE only means no QRESYNC
    });
}

// --- Sending -------------------------------------------------------------------------------

void ImapSession::enqueue(CommandPtr command)
{
    m_queue.push_back(std::move(command));
    if (m_idling && !m_doneSent) {
        sendDone(); // the IDLE ends, then the queue runs
    }
    pump();
}

void ImapSession::pump()
{
    const quint64 generation = m_generation;
    while (!m_queue.empty() && m_state != State::Disconnected) {
        if (m_writer) {
            return; // a literal or an exchange owns the write direction
        }
        if (!m_inFlight.empty()) {
            if (m_queue.front()->exclusive || m_inFlight.front()->exclusive ||
                int(m_inFlight.size()) >= m_maxInFlight) {
                return;
            }
        }
        m_inFlight.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
        send(*m_inFlight.back());
        if (generation != m_generation) {
            return;
        }
    }
}

void ImapSession::send(ImapCommand& command)
{
    command.tag = m_tags.next();
    Command wire = command.build(command.tag);
    command.segments = std::move(wire.segments);
    command.nextSegment = 0;
    if (command.sending) {
        command.sending();
    }
    writeSegment(command);
    if (command.holdsWrite || command.nextSegment < command.segments.size()) {
        m_writer = &command;
    }
    restartResponseTimer();
}

void ImapSession::writeSegment(ImapCommand& command)
{
    writeBytes(command.segments.at(command.nextSegment));
    ++command.nextSegment;
}

void ImapSession::writeBytes(QByteArrayView bytes)
{
    logBytes(ProtocolLog::Direction::Sent, bytes);
    m_socket->write(bytes);
}

void ImapSession::sendDone()
{
    if (m_doneSent) {
        return;
    }
    m_doneSent = true;
    m_idleRefreshTimer.stop();
    writeBytes("DONE\r\n"); // RFC 2177 §3
    restartResponseTimer();
}

CommandBuilder::LiteralMode ImapSession::literalMode() const
{
    if (m_capabilities.literalPlus()) {
        return CommandBuilder::LiteralMode::NonSynchronizing;
    }
    if (m_capabilities.literalMinus()) {
        return CommandBuilder::LiteralMode::NonSynchronizingUpTo4K;
    }
    return CommandBuilder::LiteralMode::Synchronizing;
}

// --- Receiving -----------------------------------------------------------------------------

void ImapSession::onSocketReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    m_retired.clear();
    if (m_state == State::Disconnected || bytes.isEmpty()) {
        return;
    }
    if (m_discardUntilEncrypted) {
        qCInfo(lcImapSession) << "discarded" << bytes.size() << "bytes received before TLS";
        return;
    }
    logBytes(ProtocolLog::Direction::Received, bytes);
    restartResponseTimer();
    m_framer.feed(bytes);
    processFrames();
}

void ImapSession::processFrames()
{
    const quint64 generation = m_generation;
    while (std::optional<QByteArray> frame = m_framer.next()) {
        if (m_awaitingGreeting) {
            m_awaitingGreeting = false;
            handleGreeting(*frame);
        } else {
            Result<Response> parsed = ResponseParser::parse(*frame);
            if (!parsed) {
                failAll({Code::ProtocolFailure,
                         tr("Unreadable answer from the server: %1").arg(parsed.error().message)});
                return;
            }
            const Response& response = *parsed;
            if (const auto* status = std::get_if<StatusResponse>(&response);
                status && status->isTagged()) {
                handleTagged(*status);
            } else if (const auto* continuation = std::get_if<ContinuationRequest>(&response)) {
                handleContinuation(*continuation);
            } else {
                handleUntagged(response);
            }
        }
        if (generation != m_generation || m_discardUntilEncrypted) {
            return;
        }
    }
    if (m_framer.hasError()) {
        failAll({Code::ProtocolFailure,
                 tr("Unreadable answer from the server: %1").arg(m_framer.error().message)});
    }
}

void ImapSession::handleTagged(const StatusResponse& status)
{
    const auto it = std::find_if(m_inFlight.begin(), m_inFlight.end(),
                                 [&](const CommandPtr& c) { return c->tag == status.tag; });
    if (it == m_inFlight.end()) {
        failAll(
            {Code::ProtocolFailure, tr("The server answered a command that was never sent (%1).")
                                        .arg(QString::fromLatin1(status.tag))});
        return;
    }
    CommandPtr command = std::move(*it);
    m_inFlight.erase(it);
    if (m_writer == command.get()) {
        m_writer = nullptr;
    }
    restartResponseTimer();
    if (status.code.kind == ResponseCode::Kind::Alert) {
        Q_EMIT alert(status.text); // e.g. "NO [ALERT] Your password has expired"
    }
    const quint64 generation = m_generation;
    if (command->completed) {
        command->completed(status);
    }
    if (generation == m_generation) {
        pump();
    }
}

void ImapSession::handleContinuation(const ContinuationRequest& continuation)
{
    if (!m_writer) {
        qCWarning(lcImapSession) << "ignoring a continuation request nobody waits for";
        return;
    }
    ImapCommand& writer = *m_writer;
    if (writer.continuation) {
        writer.continuation(continuation);
        return;
    }
    if (writer.nextSegment < writer.segments.size()) {
        writeSegment(writer); // the next literal (RFC 3501 §7.5)
        if (writer.nextSegment == writer.segments.size() && !writer.holdsWrite) {
            m_writer = nullptr;
            pump();
        }
        return;
    }
    qCWarning(lcImapSession) << "ignoring a continuation request after the last literal";
}

void ImapSession::handleUntagged(const Response& response)
{
    if (const auto* status = std::get_if<StatusResponse>(&response)) {
        if (status->code.kind == ResponseCode::Kind::Alert) {
            Q_EMIT alert(status->text);
        }
        if (status->status == Status::Bye) {
            m_byeText = status->text;
        }
    }
    // Oldest command first; indexes because a handler may queue (and send) new commands.
    for (std::size_t i = 0; i < m_inFlight.size(); ++i) {
        ImapCommand& command = *m_inFlight[i];
        if (command.untagged && command.untagged(response, command)) {
            return;
        }
    }
    if (const auto* caps = std::get_if<CapabilityResponse>(&response)) {
        m_capabilities = Capabilities(caps->capabilities);
        return;
    }
    if (const auto* status = std::get_if<StatusResponse>(&response)) {
        if (status->code.kind == ResponseCode::Kind::Capability) {
            m_capabilities = Capabilities(status->code.atoms);
        }
        return;
    }
    if (std::optional<MailboxEvent> event = toMailboxEvent(response)) {
        Q_EMIT mailboxEvent(*event);
        return;
    }
    qCDebug(lcImapSession) << "ignoring an untagged response of type" << response.index();
}

// --- Ending --------------------------------------------------------------------------------

void ImapSession::onSocketDisconnected()
{
    if (m_state == State::Disconnected) {
        return;
    }
    if (m_logoutSent) {
        finishLogoutByClose();
        return;
    }
    failAll({Code::ConnectionLost,
             m_byeText.isEmpty() ? tr("The server closed the connection.") : m_byeText});
}

void ImapSession::onSocketError(const net::UserError& error)
{
    if (m_state == State::Disconnected) {
        return;
    }
    if (m_logoutSent && error.code == Code::ConnectionLost) {
        finishLogoutByClose();
        return;
    }
    net::UserError reported = error;
    if (error.code == Code::ConnectionLost && !m_byeText.isEmpty()) {
        reported.detail = m_byeText;
    }
    failAll(reported);
}

void ImapSession::finishLogoutByClose()
{
    // The server may close right after its BYE, before the tagged OK: that is a logout too.
    const auto it = std::find_if(m_inFlight.begin(), m_inFlight.end(),
                                 [](const CommandPtr& c) { return c->name == "LOGOUT"; });
    if (it == m_inFlight.end()) {
        shutdown({}, SessionError::connection(Code::ConnectionLost, tr("Logged out.")));
        return;
    }
    CommandPtr command = std::move(*it);
    m_inFlight.erase(it);
    StatusResponse ok;
    ok.tag = command->tag;
    ok.status = Status::Ok;
    ok.text = m_byeText;
    command->completed(ok);
}

void ImapSession::failAll(const net::UserError& error)
{
    shutdown(error, SessionError::connection(error.code, error.detail));
}

void ImapSession::shutdown(const net::UserError& reason, const SessionError& pendingError)
{
    if (m_state == State::Disconnected) {
        return;
    }
    ++m_generation;
    m_state = State::Disconnected;
    m_connectTimer.stop();
    m_responseTimer.stop();
    m_idleRefreshTimer.stop();
    m_socket->close();
    m_framer.reset();
    m_log.reset();
    m_discardUntilEncrypted = false;
    m_writer = nullptr;
    m_idling = false;
    m_doneSent = false;
    m_selectedMailbox.clear();
    std::vector<CommandPtr> inFlight = std::move(m_inFlight);
    m_inFlight.clear();
    std::deque<CommandPtr> queue = std::move(m_queue);
    m_queue.clear();
    Callback<Capabilities> connectDone = std::exchange(m_connectDone, {});

    Q_EMIT stateChanged(State::Disconnected);
    // Each pending call learns once, in the order they were issued.
    if (connectDone) {
        connectDone(pendingError);
    }
    for (const CommandPtr& command : inFlight) {
        if (command->failed) {
            command->failed(pendingError);
        }
    }
    for (const CommandPtr& command : queue) {
        if (command->failed) {
            command->failed(pendingError);
        }
    }
    // A handler up the stack may belong to one of these commands: free them later.
    for (CommandPtr& command : inFlight) {
        m_retired.push_back(std::move(command));
    }
    for (CommandPtr& command : queue) {
        m_retired.push_back(std::move(command));
    }
    QMetaObject::invokeMethod(
        this, [this] { m_retired.clear(); }, Qt::QueuedConnection);
    Q_EMIT disconnected(reason);
}

// --- Helpers -------------------------------------------------------------------------------

void ImapSession::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

template <typename T>
void ImapSession::failLater(const Callback<T>& done, const SessionError& error)
{
    if (!done) {
        return;
    }
    QMetaObject::invokeMethod(
        this, [done, error] { done(SessionResult<T>(error)); }, Qt::QueuedConnection);
}

template <typename T>
bool ImapSession::checkState(std::initializer_list<State> allowed, const Callback<T>& done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (std::find(allowed.begin(), allowed.end(), m_state) != allowed.end()) {
        return true;
    }
    const bool connected = m_state != State::Disconnected;
    failLater(done, SessionError::make(SessionError::Kind::WrongState,
                                       connected ? Code::ProtocolFailure : Code::ConnectionLost,
                                       connected ? tr("Not possible in this state of the session.")
                                                 : tr("Not connected.")));
    return false;
}

void ImapSession::restartResponseTimer()
{
    const bool waiting = !m_inFlight.empty() && !(m_idling && !m_doneSent);
    if (waiting) {
        m_responseTimer.start();
    } else {
        m_responseTimer.stop();
    }
}

void ImapSession::logBytes(ProtocolLog::Direction direction, QByteArrayView bytes)
{
    if (!m_logEnabled) {
        return;
    }
    // Redaction happens first; only then is anything cut into lines and shortened.
    const QByteArray redacted = m_log.redact(direction, bytes);
    const int d = direction == ProtocolLog::Direction::Sent ? 0 : 1;
    const char* prefix = d == 0 ? "C:" : "S:";
    constexpr qsizetype maxLine = 1000;
    QByteArray& line = m_logLine[d];
    for (const char c : redacted) {
        if (c == '\n') {
            if (!m_logSkipping[d] || !line.isEmpty()) {
                qCDebug(lcImapProtocol).noquote()
                    << prefix << QString::fromUtf8(line.endsWith('\r') ? line.chopped(1) : line);
            }
            line.clear();
            m_logSkipping[d] = false;
            continue;
        }
        if (m_logSkipping[d]) {
            continue;
        }
        line += c;
        if (line.size() >= maxLine) {
            qCDebug(lcImapProtocol).noquote() << prefix << QString::fromUtf8(line) << "[…]";
            line.clear();
            m_logSkipping[d] = true;
        }
    }
}

} // namespace threadline::imap
