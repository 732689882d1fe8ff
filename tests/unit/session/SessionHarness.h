#pragma once

#include "ScriptedImapSocket.h"
#include "imap/ImapSession.h"

#include <QTest>
#include <memory>
#include <optional>

namespace threadline::test {

// What a session callback delivered, and how often it ran (must be exactly once).
template <typename T> struct Captured
{
    std::optional<imap::SessionResult<T>> result;
    int calls = 0;

    imap::ImapSession::Callback<T> callback()
    {
        return [this](const imap::SessionResult<T>& r) {
            ++calls;
            result = r;
        };
    }
    bool done() const { return calls > 0; }
    bool ok() const { return result && result->hasValue(); }
    // The error's detail for failure messages; empty on success.
    QByteArray detail() const
    {
        return result && !result->hasValue() ? result->error().error.detail.toUtf8() : QByteArray();
    }
    net::ErrorCode code() const
    {
        return result && !result->hasValue() ? result->error().error.code : net::ErrorCode::None;
    }
};

// A session on a scripted socket. Security picks implicit TLS or STARTTLS.
struct SessionHarness
{
    explicit SessionHarness(const QList<QByteArray>& script,
                            account::Security security = account::Security::Tls)
        : socket(new ScriptedImapSocket(script))
        , session(std::make_unique<imap::ImapSession>(socket))
    {
        settings.host = QStringLiteral("imap.example.test");
        settings.port = security == account::Security::Tls ? 993 : 143;
        settings.security = security;
    }

    ScriptedImapSocket* socket; // owned by the session
    std::unique_ptr<imap::ImapSession> session;
    imap::ConnectionSettings settings;
};

// "* PREAUTH" over implicit TLS with these capabilities: the shortest way to an
// authenticated session for command tests.
inline QByteArray preauthGreeting(const QByteArray& capabilities)
{
    return "S: * PREAUTH [CAPABILITY IMAP4rev1 " + capabilities + "] ready";
}

// Runs everything the scripted socket and the session have queued (the socket delivers by
// queued calls), so a test can say "nothing more happens" without sleeping. Each pass runs
// what the one before posted.
inline void runQueuedWork()
{
    for (int pass = 0; pass < 8; ++pass)
        QCoreApplication::sendPostedEvents();
}

} // namespace threadline::test

// Connects h (a SessionHarness) and fails the test unless it succeeded.
#define THREADLINE_CONNECT(h)                                                                      \
    do {                                                                                           \
        threadline::test::Captured<threadline::imap::Capabilities> connected_;                     \
        (h).session->connectToServer((h).settings, connected_.callback());                         \
        QTRY_VERIFY(connected_.done());                                                            \
        QVERIFY2(connected_.ok(), connected_.detail().constData());                                \
    } while (false)

// The script ran to its end and the client wrote exactly what it expects.
#define THREADLINE_SCRIPT_DONE(h)                                                                  \
    do {                                                                                           \
        QTRY_VERIFY2((h).socket->isFinished() || !(h).socket->failure().isEmpty(),                 \
                     (h).socket->pendingWritten().constData());                                    \
        QVERIFY2((h).socket->failure().isEmpty(), qPrintable((h).socket->failure()));              \
    } while (false)
