#pragma once

#include "imap/AppendResult.h"
#include "imap/Capabilities.h"
#include "imap/CommandBuilder.h"
#include "imap/ConnectionSettings.h"
#include "imap/Credentials.h"
#include "imap/FetchRequest.h"
#include "imap/ListResponse.h"
#include "imap/MailboxEvent.h"
#include "imap/MailboxStatusResponse.h"
#include "imap/ProtocolLog.h"
#include "imap/Response.h"
#include "imap/ResponseFramer.h"
#include "imap/SearchResult.h"
#include "imap/SelectOptions.h"
#include "imap/SelectedMailbox.h"
#include "imap/SessionResult.h"
#include "imap/TagGenerator.h"

#include <QDate>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace threadline::imap {

class ImapSocket;
struct ImapCommand;

// One IMAP connection (RFC 3501 with the extensions in Capabilities), fully asynchronous.
// It lives in the thread that created it (the sync thread) and must only be used there.
//
// Calls queue a command and return at once. Each takes a callback that runs exactly once, on
// the session's thread, with a SessionResult: the value, or a SessionError (NO, BAD, a lost
// connection, a state or capability problem). Failures found before anything is sent are
// delivered from the event loop, never from inside the call. Callbacks may issue new calls.
// Destroying the session drops pending callbacks without running them; do not delete the
// session from inside one of its callbacks (use deleteLater()).
//
// Pipelining is the normal case: queue several UID FETCH, SEARCH, STATUS, LIST or APPEND and
// up to maxInFlight() go out without waiting; their answers may complete in any order. The
// untagged FETCH responses go to the UID FETCH whose UID set holds the message's UID, so give
// concurrent fetches disjoint sets. SELECT, IDLE, ENABLE, LOGOUT and authentication are sent
// alone. Untagged responses no command expects are reported by mailboxEvent() and alert().
// Bytes that cannot be framed or parsed, a tagged answer to no command, or no answer within
// responseTimeout end the connection (ProtocolFailure, ConnectionTimedOut): a guess could
// corrupt the sync. The wire traffic goes to the lcImapProtocol log, credentials redacted.
//
//   session.connectToServer(settings, [&](const SessionResult<Capabilities>& r) {
//       if (!r) { show(r.error().error); return; }
//       session.authenticate(Credentials::password(user, password), ...);
//   });
class ImapSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImapSession)

public:
    enum class State
    {
        Disconnected,
        Connecting,       // TCP and, for implicit TLS, the handshake
        Greeting,         // waiting for the server's first line
        StartingTls,      // STARTTLS sent or TLS handshake running
        NotAuthenticated, // connected over TLS, capabilities known
        Authenticating,
        Authenticated,
        Selected,
        LoggingOut,
    };
    Q_ENUM(State)

    template <typename T> using Callback = std::function<void(const SessionResult<T>&)>;
    using EventHandler = std::function<void(const MailboxEvent&)>;

    // The session owns `socket` (a TcpImapSocket when null).
    explicit ImapSession(ImapSocket* socket = nullptr, QObject* parent = nullptr);
    ~ImapSession() override;

    // --- Connection --------------------------------------------------------------------
    // TCP, TLS (implicit, or strict STARTTLS: no STARTTLS capability, no login), the greeting
    // and the capabilities read over TLS. Errors: HostUnreachable, ConnectionTimedOut, the TLS
    // codes, NoTlsOffered, StartTlsMissing, Pop3Only, WrongServiceOnPort (SMTP greeting),
    // ProtocolFailure. A PREAUTH greeting over TLS leaves the session Authenticated.
    void connectToServer(const ConnectionSettings& settings, Callback<Capabilities> done);
    // Signs in, never over cleartext. Password: AUTHENTICATE PLAIN (SASL-IR when advertised),
    // else LOGIN unless LOGINDISABLED. OAuth2: OAUTHBEARER, else XOAUTH2. Then reads the
    // capabilities again and ENABLEs QRESYNC (or CONDSTORE) when advertised. A NO gives
    // Kind::No with AuthenticationFailed; no usable mechanism gives Kind::Unsupported.
    void authenticate(const Credentials& credentials, Callback<Capabilities> done);
    // LOGOUT, then the connection closes; disconnected() reports ErrorCode::None.
    void logout(Callback<StatusResponse> done = {});
    // Drops the connection now; every pending call fails with ConnectionLost, once.
    void abort();

    // --- Commands (Authenticated or Selected) ------------------------------------------
    void capability(Callback<Capabilities> done);
    // ENABLE (RFC 5161): the extensions the server switched on.
    void enable(const QList<QByteArray>& extensions, Callback<QList<QByteArray>> done);
    void noop(Callback<StatusResponse> done);
    // LIST "" pattern, with RETURN (SPECIAL-USE) when the server has SPECIAL-USE and
    // LIST-EXTENDED (RFC 6154 §5); otherwise a plain LIST (attributes as the server sends them).
    void list(const QString& pattern, Callback<QList<ListResponse>> done);
    // STATUS mailbox (items), e.g. {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "HIGHESTMODSEQ"}.
    void status(const QString& mailbox, const QList<QByteArray>& items,
                Callback<MailboxStatusResponse> done);
    // SELECT or EXAMINE, with (QRESYNC (...)) when QRESYNC is enabled and options.qresync is
    // set, else (CONDSTORE) when the server has it. A NO leaves no mailbox selected.
    void select(const QString& mailbox, const SelectOptions& options,
                Callback<SelectedMailbox> done);
    // UID SEARCH criteria (search-key syntax: "ALL", sinceCriteria(date), "UID 500:*"), as
    // UID SEARCH RETURN (ALL) when the server has ESEARCH.
    void uidSearch(const QByteArray& criteria, Callback<SearchResult> done);
    static QByteArray sinceCriteria(QDate date); // "SINCE 1-Feb-2024"
    // UID FETCH, streaming each message to request.onMessage; done runs after the last one.
    void uidFetch(FetchRequest request, Callback<StatusResponse> done);
    // APPEND with a LITERAL+ literal when advertised, else waiting for the continuation.
    void append(const QString& mailbox, const QByteArray& message, const QList<QByteArray>& flags,
                const QDateTime& internalDate, Callback<AppendResult> done);
    // IDLE (RFC 2177): events go to onEvent as they come. The session restarts IDLE every
    // idleRefreshInterval by itself. It ends, and done runs with the tagged OK, when
    // stopIdle() is called or when another call is queued (that call then goes out).
    void idle(EventHandler onEvent, Callback<StatusResponse> done);
    void stopIdle();

    // --- State ---------------------------------------------------------------------------
    State state() const { return m_state; }
    const Capabilities& capabilities() const { return m_capabilities; }
    // Extensions switched on by ENABLE ("QRESYNC", "CONDSTORE").
    bool isEnabled(QByteArrayView extension) const;
    QString selectedMailbox() const { return m_selectedMailbox; }
    bool isIdling() const { return m_idling; }
    // Commands sent and not yet answered, plus those waiting to be sent.
    int pendingCount() const { return int(m_inFlight.size() + m_queue.size()); }
    // How many commands may be sent without waiting for their answers (at least 1; default 8).
    void setMaxInFlight(int count) { m_maxInFlight = qMax(1, count); }
    int maxInFlight() const { return m_maxInFlight; }
    QList<QSslCertificate> peerCertificateChain() const;
    ImapSocket* socket() const { return m_socket; }

Q_SIGNALS:
    void stateChanged(threadline::imap::ImapSession::State state);
    // A change in the selected mailbox that no running command expected (EXISTS during a
    // FETCH, a flag change by another client). During IDLE they go to the IDLE's handler.
    void mailboxEvent(const threadline::imap::MailboxEvent& event);
    // [ALERT] text, which RFC 3501 §7.1 says must be shown to the user.
    void alert(const QString& text);
    // The connection ended: ErrorCode::None after LOGOUT, the reason otherwise. Emitted after
    // the pending callbacks ran. Reconnect from a timer, not from the slot.
    void disconnected(const threadline::net::UserError& reason);

private:
    using CommandPtr = std::unique_ptr<ImapCommand>;

    void setState(State state);
    void enqueue(CommandPtr command);
    void pump();
    void send(ImapCommand& command);
    void writeSegment(ImapCommand& command);
    void writeBytes(QByteArrayView bytes);
    void sendDone();

    void onSocketConnected();
    void onSocketEncrypted();
    void onSocketReadyRead();
    void onSocketDisconnected();
    void onSocketError(const net::UserError& error);

    void processFrames();
    void handleGreeting(QByteArrayView frame);
    void handleTagged(const StatusResponse& status);
    void handleContinuation(const ContinuationRequest& continuation);
    void handleUntagged(const Response& response);

    // Connect phase; its completion is m_connectDone.
    void afterGreeting();
    void requestCapabilities(std::function<void()> then);
    void startTlsNegotiation();
    void finishConnect();
    // Authentication phase.
    void sendAuthentication(const Credentials& credentials, Callback<Capabilities> done);
    void afterLogin(const StatusResponse& ok, bool capabilitiesSeen, Callback<Capabilities> done);
    void enableAfterLogin(Callback<Capabilities> done);
    void startIdleCommand();

    // Ends the connection: pending calls get pendingError, then disconnected(reason).
    void shutdown(const net::UserError& reason, const SessionError& pendingError);
    void failAll(const net::UserError& error);
    void finishLogoutByClose();
    template <typename T> void failLater(const Callback<T>& done, const SessionError& error);
    template <typename T>
    bool checkState(std::initializer_list<State> allowed, const Callback<T>& done);
    CommandBuilder::LiteralMode literalMode() const;
    void restartResponseTimer();
    void logBytes(ProtocolLog::Direction direction, QByteArrayView bytes);

    ImapSocket* m_socket = nullptr;
    ConnectionSettings m_settings;
    State m_state = State::Disconnected;
    Capabilities m_capabilities;
    QList<QByteArray> m_enabled; // upper-cased
    QString m_selectedMailbox;
    bool m_preAuth = false;

    ResponseFramer m_framer;
    TagGenerator m_tags;
    ProtocolLog m_log;
    bool m_logEnabled = false; // decided per connection, so redaction never starts mid-exchange
    QByteArray m_logLine[2];   // a partial line per direction
    bool m_logSkipping[2] = {false, false};
    quint64 m_generation = 0; // bumped when a connection ends: stale work stops

    std::deque<CommandPtr> m_queue;
    std::vector<CommandPtr> m_inFlight; // in send order
    std::vector<CommandPtr> m_retired;  // finished while their handler may still run
    ImapCommand* m_writer = nullptr;    // in flight and still owning the write direction
    int m_maxInFlight = 8;

    Callback<Capabilities> m_connectDone;
    bool m_discardUntilEncrypted = false;
    bool m_awaitingGreeting = false;
    QString m_byeText;
    bool m_logoutSent = false;

    struct IdleState
    {
        EventHandler onEvent;
        Callback<StatusResponse> done;
        bool stopRequested = false;
    };
    std::optional<IdleState> m_idle;
    bool m_idling = false;   // the server confirmed IDLE with "+"
    bool m_doneSent = false; // DONE written for the running IDLE

    QTimer m_connectTimer;
    QTimer m_responseTimer;
    QTimer m_idleRefreshTimer;
};

} // namespace threadline::imap
