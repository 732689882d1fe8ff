// ImapSession against a scripted server: greetings, strict STARTTLS, authentication
// mechanisms, the protocol log's redaction, losing the connection, timeouts, LOGOUT.

#include "SessionHarness.h"
#include "imap/Sasl.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>

using namespace Qt::StringLiterals;
using namespace threadline;
using namespace threadline::imap;
using namespace threadline::test;
using Security = account::Security;
using Code = net::ErrorCode;
using State = ImapSession::State;

namespace {

QByteArray b64(const QByteArray& bytes)
{
    return bytes.toBase64();
}

// The protocol log, captured while a test runs.
QStringList g_protocolLog;
QtMessageHandler g_previousHandler = nullptr;

void captureProtocolLog(QtMsgType type, const QMessageLogContext& context, const QString& text)
{
    if (context.category && QByteArrayView(context.category) == "threadline.imap.protocol") {
        g_protocolLog.append(text);
        return;
    }
    g_previousHandler(type, context, text);
}

} // namespace

class TestImapSession : public QObject
{
    Q_OBJECT

private slots:
    void greeting_data();
    void greeting();
    void startTls_data();
    void startTls();
    void authentication_data();
    void authentication();
    void preauthEnables();
    void protocolLogRedaction_data();
    void protocolLogRedaction();
    void disconnectFailsPendingOnce();
    void callsWhenDisconnected();
    void connectTimeout();
    void responseTimeout();
    void logout_data();
    void logout();
    void unknownTagIsProtocolFailure();
    void unparsableResponseIsProtocolFailure();
    void worksInAWorkerThread();
};

void TestImapSession::greeting_data()
{
    QTest::addColumn<int>("security");
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("state");

    const int tls = int(Security::Tls);
    const int starttls = int(Security::StartTls);
    QTest::newRow("ok with capabilities")
        << tls << QList<QByteArray>{"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot ready."}
        << int(Code::None) << int(State::NotAuthenticated);
    QTest::newRow("ok without capabilities: asks")
        << tls
        << QList<QByteArray>{"S: * OK ready", "C: t1 CAPABILITY", "S: * CAPABILITY IMAP4rev1 IDLE",
                             "S: t1 OK done"}
        << int(Code::None) << int(State::NotAuthenticated);
    QTest::newRow("preauth over tls")
        << tls << QList<QByteArray>{"S: * PREAUTH [CAPABILITY IMAP4rev1] logged in as sam"}
        << int(Code::None) << int(State::Authenticated);
    QTest::newRow("bye") << tls << QList<QByteArray>{"S: * BYE Too many connections"}
                         << int(Code::ProtocolFailure) << int(State::Disconnected);
    QTest::newRow("pop3 greeting") << tls << QList<QByteArray>{"S: +OK Dovecot ready."}
                                   << int(Code::Pop3Only) << int(State::Disconnected);
    QTest::newRow("pop3 greeting, starttls")
        << starttls << QList<QByteArray>{"S: +OK POP3 server ready <1896.697170952@dbc.mtview>"}
        << int(Code::Pop3Only) << int(State::Disconnected);
    QTest::newRow("smtp greeting")
        << starttls << QList<QByteArray>{"S: 220 mail.example.test ESMTP Postfix"}
        << int(Code::WrongServiceOnPort) << int(State::Disconnected);
    QTest::newRow("http") << tls << QList<QByteArray>{"S: HTTP/1.1 400 Bad Request"}
                          << int(Code::ProtocolFailure) << int(State::Disconnected);
    QTest::newRow("greeting split across reads")
        << tls << QList<QByteArray>{"S| * OK [CAPABI", "S| LITY IMAP4rev1] hel", "S: lo"}
        << int(Code::None) << int(State::NotAuthenticated);
    QTest::newRow("closed before the greeting")
        << tls << QList<QByteArray>{"X: close"} << int(Code::ConnectionLost)
        << int(State::Disconnected);
    QTest::newRow("unreachable") << tls << QList<QByteArray>{"X: error 101 Connection refused"}
                                 << int(Code::HostUnreachable) << int(State::Disconnected);
    QTest::newRow("untrusted certificate")
        << tls << QList<QByteArray>{"X: error 203 self-signed"} << int(Code::UntrustedCertificate)
        << int(State::Disconnected);
    // CVE-2014-2567: PREAUTH in cleartext would skip STARTTLS.
    QTest::newRow("preauth in cleartext, starttls required")
        << starttls << QList<QByteArray>{"S: * PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] hi"}
        << int(Code::StartTlsMissing) << int(State::Disconnected);
}

void TestImapSession::greeting()
{
    QFETCH(int, security);
    QFETCH(QList<QByteArray>, script);
    QFETCH(int, code);
    QFETCH(int, state);

    SessionHarness h(script, Security(security));
    Captured<Capabilities> connected;
    h.session->connectToServer(h.settings, connected.callback());
    QCOMPARE(connected.calls, 0); // never from inside the call
    QTRY_VERIFY(connected.done());
    QCOMPARE(int(connected.code()), code);
    QCOMPARE(int(h.session->state()), state);
    THREADLINE_SCRIPT_DONE(h);
    QCOMPARE(connected.calls, 1);
    if (code != int(Code::None)) {
        QVERIFY(connected.result->error().kind == SessionError::Kind::Connection);
        QVERIFY(h.socket->wasClosedByClient() || state == int(State::Disconnected));
    }
}

void TestImapSession::startTls_data()
{
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::addColumn<int>("code");
    QTest::addColumn<QList<QByteArray>>("capabilities"); // expected after connecting

    QTest::newRow("no STARTTLS in the greeting")
        << QList<QByteArray>{"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready"}
        << int(Code::StartTlsMissing) << QList<QByteArray>{};
    QTest::newRow("no STARTTLS in CAPABILITY")
        << QList<QByteArray>{"S: * OK ready", "C: t1 CAPABILITY",
                             "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN", "S: t1 OK"}
        << int(Code::StartTlsMissing) << QList<QByteArray>{};
    QTest::newRow("STARTTLS refused")
        << QList<QByteArray>{"S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready",
                             "C: t1 STARTTLS", "S: t1 NO [UNAVAILABLE] TLS not configured"}
        << int(Code::StartTlsMissing) << QList<QByteArray>{};
    QTest::newRow("handshake fails")
        << QList<QByteArray>{"S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready",
                             "C: t1 STARTTLS", "S: t1 OK Begin TLS negotiation now.",
                             "X: error 204 hostname mismatch"}
        << int(Code::HostnameMismatch) << QList<QByteArray>{};
    // Bytes after the STARTTLS OK (same read or later) come before TLS: an attacker's. The
    // capabilities are read again over TLS (RFC 3501 §6.2.1).
    QTest::newRow("injected bytes discarded, capabilities re-read")
        << QList<QByteArray>{"S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready",
                             "C: t1 STARTTLS",
                             "S: t1 OK Begin TLS negotiation now.",
                             "S+ * CAPABILITY IMAP4rev1 AUTH=PLAIN INJECTED",
                             "S: t2 OK injected too",
                             "X: tls",
                             "C: t2 CAPABILITY",
                             "S: * CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN",
                             "S: t2 OK Pre-login capabilities listed, post-login capabilities "
                             "have more."}
        << int(Code::None) << QList<QByteArray>{"IMAP4REV1", "SASL-IR", "AUTH=PLAIN"};
}

void TestImapSession::startTls()
{
    QFETCH(QList<QByteArray>, script);
    QFETCH(int, code);
    QFETCH(QList<QByteArray>, capabilities);

    SessionHarness h(script, Security::StartTls);
    Captured<Capabilities> connected;
    h.session->connectToServer(h.settings, connected.callback());
    QTRY_VERIFY(connected.done());
    QCOMPARE(int(connected.code()), code);
    THREADLINE_SCRIPT_DONE(h);

    if (code == int(Code::None)) {
        QVERIFY(h.socket->isEncrypted());
        QCOMPARE(connected.result->value().atoms(), capabilities);
        QCOMPARE(h.session->state(), State::NotAuthenticated);
        return;
    }
    // Strict: no credentials ever leave over cleartext, and the session refuses to try.
    QCOMPARE(h.session->state(), State::Disconnected);
    QVERIFY(!h.socket->allWritten().contains("LOGIN"));
    QVERIFY(!h.socket->allWritten().contains("AUTHENTICATE"));
    Captured<Capabilities> login;
    h.session->authenticate(Credentials::password(u"sam"_s, u"secret"_s), login.callback());
    QTRY_VERIFY(login.done());
    QCOMPARE(login.result->error().kind, SessionError::Kind::WrongState);
    QVERIFY(!h.socket->allWritten().contains("LOGIN"));
}

void TestImapSession::authentication_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<int>("method");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QList<QByteArray>>("script"); // after the greeting
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QList<QByteArray>>("enabled");

    const int password = int(Credentials::Method::Password);
    const int oauth = int(Credentials::Method::OAuth2);
    const int ok = int(Code::None);
    const int none = -1;
    const QByteArray plain = b64(Sasl::plain(u"sam"_s, u"secret"_s));
    const QByteArray xoauth2 = b64(Sasl::xoauth2(u"sam"_s, u"tok3n"_s));
    const QByteArray bearer =
        b64(Sasl::oauthBearer(u"sam"_s, u"imap.example.test"_s, 993, u"tok3n"_s));
    const QByteArray oauthError = b64(R"({"status":"401","schemes":"bearer","scope":"mail"})");
    const QByteArray loggedIn = "OK [CAPABILITY IMAP4rev1 IDLE] Logged in";

    QTest::newRow("PLAIN with SASL-IR")
        << QByteArray("AUTH=PLAIN SASL-IR") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN " + plain, "S: t1 " + loggedIn} << ok << none
        << QList<QByteArray>{};
    QTest::newRow("PLAIN with a continuation")
        << QByteArray("AUTH=PLAIN") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN", "S: + ", "C: " + plain,
                             "S: t1 " + loggedIn}
        << ok << none << QList<QByteArray>{};
    QTest::newRow("PLAIN, an unexpected second challenge is cancelled")
        << QByteArray("AUTH=PLAIN") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN",
                             "S: +",
                             "C: " + plain,
                             "S: + what",
                             "C: *",
                             "S: t1 BAD Authentication cancelled"}
        << int(Code::ProtocolFailure) << int(SessionError::Kind::Bad) << QList<QByteArray>{};
    QTest::newRow("LOGIN when AUTH=PLAIN is absent")
        << QByteArray("AUTH=CRAM-MD5") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 LOGIN sam secret", "S: t1 " + loggedIn} << ok << none
        << QList<QByteArray>{};
    QTest::newRow("LOGIN, quoted password")
        << QByteArray("") << password << u"se cr\"et"_s
        << QList<QByteArray>{"C: t1 LOGIN sam \"se cr\\\"et\"", "S: t1 " + loggedIn} << ok << none
        << QList<QByteArray>{};
    QTest::newRow("LOGIN, 8-bit password as a synchronising literal")
        << QByteArray("") << password << u"pässwörd"_s
        << QList<QByteArray>{"C: t1 LOGIN sam {10}", "S: + Ready for literal data",
                             "C: p\xc3\xa4ssw\xc3\xb6rd", "S: t1 " + loggedIn}
        << ok << none << QList<QByteArray>{};
    QTest::newRow("LOGIN, 8-bit password with LITERAL+")
        << QByteArray("LITERAL+") << password << u"pässwörd"_s
        << QList<QByteArray>{"C: t1 LOGIN sam {10+}\r\np\xc3\xa4ssw\xc3\xb6rd", "S: t1 " + loggedIn}
        << ok << none << QList<QByteArray>{};
    QTest::newRow("LOGINDISABLED and no AUTH=PLAIN")
        << QByteArray("LOGINDISABLED AUTH=GSSAPI") << password << u"secret"_s << QList<QByteArray>{}
        << int(Code::AuthenticationFailed) << int(SessionError::Kind::Unsupported)
        << QList<QByteArray>{};
    QTest::newRow("wrong password")
        << QByteArray("AUTH=PLAIN SASL-IR") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN " + plain,
                             "S: t1 NO [AUTHENTICATIONFAILED] Authentication failed."}
        << int(Code::AuthenticationFailed) << int(SessionError::Kind::No) << QList<QByteArray>{};
    QTest::newRow("LOGIN refused without a code")
        << QByteArray("") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 LOGIN sam secret", "S: t1 NO Login failed"}
        << int(Code::AuthenticationFailed) << int(SessionError::Kind::No) << QList<QByteArray>{};
    QTest::newRow("XOAUTH2 with SASL-IR")
        << QByteArray("AUTH=XOAUTH2 SASL-IR") << oauth << u"tok3n"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE XOAUTH2 " + xoauth2, "S: t1 " + loggedIn} << ok
        << none << QList<QByteArray>{};
    QTest::newRow("XOAUTH2 without SASL-IR")
        << QByteArray("AUTH=XOAUTH2") << oauth << u"tok3n"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE XOAUTH2", "S: +", "C: " + xoauth2,
                             "S: t1 " + loggedIn}
        << ok << none << QList<QByteArray>{};
    // The server reports a bad token as a JSON challenge; the answer is an empty line.
    QTest::newRow("XOAUTH2 failure continuation")
        << QByteArray("AUTH=XOAUTH2 SASL-IR") << oauth << u"tok3n"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE XOAUTH2 " + xoauth2, "S: + " + oauthError,
                             "C: ", "S: t1 NO [AUTHENTICATIONFAILED] Authentication failed."}
        << int(Code::AuthenticationFailed) << int(SessionError::Kind::No) << QList<QByteArray>{};
    QTest::newRow("OAUTHBEARER preferred")
        << QByteArray("AUTH=XOAUTH2 AUTH=OAUTHBEARER SASL-IR") << oauth << u"tok3n"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE OAUTHBEARER " + bearer, "S: t1 " + loggedIn} << ok
        << none << QList<QByteArray>{};
    QTest::newRow("OAUTHBEARER failure answered with %x01")
        << QByteArray("AUTH=OAUTHBEARER SASL-IR") << oauth << u"tok3n"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE OAUTHBEARER " + bearer, "S: + " + oauthError,
                             "C: AQ==", "S: t1 NO [AUTHENTICATIONFAILED] Authentication failed."}
        << int(Code::AuthenticationFailed) << int(SessionError::Kind::No) << QList<QByteArray>{};
    QTest::newRow("no OAuth mechanism")
        << QByteArray("AUTH=PLAIN") << oauth << u"tok3n"_s << QList<QByteArray>{}
        << int(Code::AuthenticationFailed) << int(SessionError::Kind::Unsupported)
        << QList<QByteArray>{};
    // RFC 3501 §6.2.1: capabilities change with the login; read them when the OK lacks them.
    QTest::newRow("capabilities re-read, QRESYNC enabled")
        << QByteArray("AUTH=PLAIN SASL-IR") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN " + plain,
                             "S: t1 OK Logged in",
                             "C: t2 CAPABILITY",
                             "S: * CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC IDLE",
                             "S: t2 OK",
                             "C: t3 ENABLE QRESYNC",
                             "S: * ENABLED QRESYNC",
                             "S: t3 OK Enabled"}
        << ok << none << QList<QByteArray>{"QRESYNC", "CONDSTORE"};
    QTest::newRow("untagged CAPABILITY during login, CONDSTORE enabled")
        << QByteArray("AUTH=PLAIN SASL-IR") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN " + plain,
                             "S: * CAPABILITY IMAP4rev1 ENABLE CONDSTORE",
                             "S: t1 OK Logged in",
                             "C: t2 ENABLE CONDSTORE",
                             "S: * ENABLED CONDSTORE",
                             "S: t2 OK"}
        << ok << none << QList<QByteArray>{"CONDSTORE"};
    QTest::newRow("ENABLE refused is not fatal")
        << QByteArray("AUTH=PLAIN SASL-IR") << password << u"secret"_s
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN " + plain,
                             "S: t1 OK [CAPABILITY IMAP4rev1 ENABLE QRESYNC] Logged in",
                             "C: t2 ENABLE QRESYNC", "S: t2 BAD no"}
        << ok << none << QList<QByteArray>{};
}

void TestImapSession::authentication()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(int, method);
    QFETCH(QString, secret);
    QFETCH(QList<QByteArray>, script);
    QFETCH(int, code);
    QFETCH(int, kind);
    QFETCH(QList<QByteArray>, enabled);

    script.prepend("S: * OK [CAPABILITY IMAP4rev1 " + capabilities + "] ready");
    SessionHarness h(script);
    THREADLINE_CONNECT(h);

    Captured<Capabilities> login;
    h.session->authenticate({Credentials::Method(method), u"sam"_s, secret}, login.callback());
    QTRY_VERIFY(login.done());
    THREADLINE_SCRIPT_DONE(h);
    QCOMPARE(login.calls, 1);
    QCOMPARE(int(login.code()), code);
    if (code == int(Code::None)) {
        QCOMPARE(h.session->state(), State::Authenticated);
    } else {
        QCOMPARE(int(login.result->error().kind), kind);
        QCOMPARE(h.session->state(), State::NotAuthenticated);
    }
    if (QByteArrayView(QTest::currentDataTag()).contains("failure")) {
        QVERIFY2(login.result->error().error.detail.contains(u"401"_s),
                 qPrintable(login.result->error().error.detail));
    }
    for (const QByteArray& extension : enabled) {
        QVERIFY2(h.session->isEnabled(extension), extension.constData());
    }
    if (enabled.isEmpty()) {
        QVERIFY(!h.session->isEnabled("QRESYNC"));
    }
}

void TestImapSession::preauthEnables()
{
    SessionHarness h({preauthGreeting("ENABLE QRESYNC"), "C: t1 ENABLE QRESYNC",
                      "S: * ENABLED QRESYNC", "S: t1 OK"});
    THREADLINE_CONNECT(h);
    QCOMPARE(h.session->state(), State::Authenticated);
    Captured<Capabilities> login;
    h.session->authenticate(Credentials::password(u"x"_s, u"y"_s), login.callback());
    QCOMPARE(login.calls, 0);
    QTRY_VERIFY(login.done());
    QVERIFY(login.ok());
    QVERIFY(h.session->isEnabled("QRESYNC"));
    QVERIFY(h.session->isEnabled("CONDSTORE"));
    THREADLINE_SCRIPT_DONE(h);
}

void TestImapSession::protocolLogRedaction_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<int>("method");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QList<QByteArray>>("script");

    const QString secret = u"S3cret-pa55"_s;
    const QString eightBit = u"S3cr\u00e9t-pa55"_s; // sent as a literal
    const QByteArray plain = b64(Sasl::plain(u"sam"_s, secret));
    const QByteArray xoauth2 = b64(Sasl::xoauth2(u"sam"_s, secret));
    const int password = int(Credentials::Method::Password);
    const int oauth = int(Credentials::Method::OAuth2);
    const QByteArray loggedIn = "OK [CAPABILITY IMAP4rev1] Logged in";
    QTest::newRow("LOGIN") << QByteArray("") << password << secret
                           << QList<QByteArray>{"C: t1 LOGIN sam S3cret-pa55", "S: t1 " + loggedIn};
    QTest::newRow("LOGIN literal")
        << QByteArray("") << password << eightBit
        << QList<QByteArray>{"C: t1 LOGIN sam {12}", "S: + go", "C: " + eightBit.toUtf8(),
                             "S: t1 " + loggedIn};
    QTest::newRow("LOGIN literal+")
        << QByteArray("LITERAL+") << password << eightBit
        << QList<QByteArray>{"C: t1 LOGIN sam {12+}\r\n" + eightBit.toUtf8(), "S: t1 " + loggedIn};
    QTest::newRow("AUTHENTICATE PLAIN SASL-IR")
        << QByteArray("AUTH=PLAIN SASL-IR") << password << secret
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN " + plain, "S: t1 " + loggedIn};
    QTest::newRow("AUTHENTICATE PLAIN continuation")
        << QByteArray("AUTH=PLAIN") << password << secret
        << QList<QByteArray>{"C: t1 AUTHENTICATE PLAIN", "S: +", "C: " + plain,
                             "S: t1 " + loggedIn};
    QTest::newRow("XOAUTH2 failure")
        << QByteArray("AUTH=XOAUTH2 SASL-IR") << oauth << secret
        << QList<QByteArray>{"C: t1 AUTHENTICATE XOAUTH2 " + xoauth2,
                             "S: + eyJzdGF0dXMiOiI0MDEifQ==", "C: ", "S: t1 NO failed"};
}

void TestImapSession::protocolLogRedaction()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(int, method);
    QFETCH(QString, secret);
    QFETCH(QList<QByteArray>, script);

    script.prepend("S: * OK [CAPABILITY IMAP4rev1 " + capabilities + "] ready");
    script.append("C: t2 NOOP");
    script.append("S: t2 OK after the secret");

    g_protocolLog.clear();
    QLoggingCategory::setFilterRules(u"threadline.imap.protocol.debug=true"_s);
    g_previousHandler = qInstallMessageHandler(captureProtocolLog);
    {
        SessionHarness h(script);
        THREADLINE_CONNECT(h);
        Captured<Capabilities> login;
        h.session->authenticate({Credentials::Method(method), u"sam"_s, secret}, login.callback());
        QTRY_VERIFY(login.done());
        Captured<StatusResponse> noop;
        h.session->noop(noop.callback());
        QTRY_VERIFY(noop.done());
        THREADLINE_SCRIPT_DONE(h);
    }
    qInstallMessageHandler(g_previousHandler);
    QLoggingCategory::setFilterRules(u"threadline.imap.protocol.debug=false"_s);

    const QString log = g_protocolLog.join(u'\n');
    QVERIFY2(log.contains(u"[redacted]"_s), qPrintable(log));
    QVERIFY2(log.contains(u"after the secret"_s), qPrintable(log)); // the log goes on afterwards
    const QList<QString> forbidden{secret, QString::fromLatin1(b64(Sasl::plain(u"sam"_s, secret))),
                                   QString::fromLatin1(b64(Sasl::xoauth2(u"sam"_s, secret))),
                                   QString::fromLatin1(b64(secret.toUtf8()))};
    for (const QString& word : forbidden) {
        QVERIFY2(!log.contains(word), qPrintable(u"leaked: "_s + word + u"\n"_s + log));
    }
}

void TestImapSession::disconnectFailsPendingOnce()
{
    SessionHarness h({preauthGreeting("IDLE"), "C: t1 SELECT INBOX", "S: * 3 EXISTS",
                      "S: * OK [UIDVALIDITY 7] x", "S: t1 OK [READ-WRITE] done",
                      "C: t2 UID FETCH 1:10 (FLAGS)", "C: t3 UID FETCH 11:20 (FLAGS)",
                      "S: * 1 FETCH (UID 1 FLAGS ())", "X: close"});
    THREADLINE_CONNECT(h);
    h.session->setMaxInFlight(2);
    QSignalSpy disconnected(h.session.get(), &ImapSession::disconnected);

    Captured<SelectedMailbox> selected;
    h.session->select(u"INBOX"_s, {}, selected.callback());
    QTRY_VERIFY(selected.done());
    QVERIFY(selected.ok());

    Captured<StatusResponse> fetches[3];
    int messages = 0;
    for (int i = 0; i < 3; ++i) {
        FetchRequest request;
        request.uids = SequenceSet::range(quint32(1 + 10 * i), quint32(10 + 10 * i));
        request.items = {"FLAGS"};
        request.onMessage = [&messages](const FetchResponse&) {
            ++messages;
        };
        h.session->uidFetch(request, fetches[i].callback());
    }
    Captured<StatusResponse> noop; // queued behind the fetches
    h.session->noop(noop.callback());

    QTRY_COMPARE(disconnected.count(), 1);
    THREADLINE_SCRIPT_DONE(h);
    QCOMPARE(messages, 1);
    for (const auto& fetch : fetches) {
        QCOMPARE(fetch.calls, 1);
        QCOMPARE(fetch.code(), Code::ConnectionLost);
        QCOMPARE(fetch.result->error().kind, SessionError::Kind::Connection);
    }
    QCOMPARE(noop.calls, 1);
    QCOMPARE(noop.code(), Code::ConnectionLost);
    QCOMPARE(h.session->state(), State::Disconnected);
    QCOMPARE(h.session->pendingCount(), 0);
    QCOMPARE(disconnected.first().first().value<net::UserError>().code, Code::ConnectionLost);
    // Nothing runs twice later.
    runQueuedWork();
    for (const auto& fetch : fetches) {
        QCOMPARE(fetch.calls, 1);
    }
    QCOMPARE(disconnected.count(), 1);
}

void TestImapSession::callsWhenDisconnected()
{
    SessionHarness h({});
    Captured<StatusResponse> noop;
    h.session->noop(noop.callback());
    QCOMPARE(noop.calls, 0);
    QTRY_VERIFY(noop.done());
    QCOMPARE(noop.result->error().kind, SessionError::Kind::WrongState);
    QCOMPARE(h.session->state(), State::Disconnected);
}

void TestImapSession::connectTimeout()
{
    SessionHarness h({"X: pause"});
    h.settings.connectTimeout = std::chrono::milliseconds(50);
    Captured<Capabilities> connected;
    h.session->connectToServer(h.settings, connected.callback());
    QTRY_VERIFY(connected.done());
    QCOMPARE(connected.code(), Code::ConnectionTimedOut);
    QCOMPARE(h.session->state(), State::Disconnected);
}

void TestImapSession::responseTimeout()
{
    SessionHarness h({preauthGreeting(""), "C: t1 NOOP", "X: pause"});
    h.settings.responseTimeout = std::chrono::milliseconds(50);
    THREADLINE_CONNECT(h);
    Captured<StatusResponse> noop;
    h.session->noop(noop.callback());
    QTRY_VERIFY(noop.done());
    QCOMPARE(noop.code(), Code::ConnectionTimedOut);
}

void TestImapSession::logout_data()
{
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::newRow("BYE then OK") << QList<QByteArray>{preauthGreeting(""), "C: t1 LOGOUT",
                                                      "S: * BYE Logging out", "S: t1 OK done"};
    QTest::newRow("BYE then close") << QList<QByteArray>{preauthGreeting(""), "C: t1 LOGOUT",
                                                         "S: * BYE Logging out", "X: close"};
    QTest::newRow("close right away")
        << QList<QByteArray>{preauthGreeting(""), "C: t1 LOGOUT", "X: error 103 closed"};
}

void TestImapSession::logout()
{
    QFETCH(QList<QByteArray>, script);
    SessionHarness h(script);
    THREADLINE_CONNECT(h);
    QSignalSpy disconnected(h.session.get(), &ImapSession::disconnected);
    Captured<StatusResponse> logout;
    h.session->logout(logout.callback());
    QTRY_VERIFY(logout.done());
    QVERIFY(logout.ok());
    QCOMPARE(h.session->state(), State::Disconnected);
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<net::UserError>().code, Code::None);
    THREADLINE_SCRIPT_DONE(h);
}

void TestImapSession::unknownTagIsProtocolFailure()
{
    SessionHarness h({preauthGreeting(""), "C: t1 NOOP", "S: t9 OK what"});
    THREADLINE_CONNECT(h);
    Captured<StatusResponse> noop;
    h.session->noop(noop.callback());
    QTRY_VERIFY(noop.done());
    QCOMPARE(noop.code(), Code::ProtocolFailure);
    QCOMPARE(h.session->state(), State::Disconnected);
}

void TestImapSession::unparsableResponseIsProtocolFailure()
{
    SessionHarness h({preauthGreeting(""), "C: t1 NOOP", "S: * 1 FETCH (UID"});
    THREADLINE_CONNECT(h);
    Captured<StatusResponse> noop;
    h.session->noop(noop.callback());
    QTRY_VERIFY(noop.done());
    QCOMPARE(noop.code(), Code::ProtocolFailure);
}

void TestImapSession::worksInAWorkerThread()
{
    // The sync moves its session to a worker thread: the socket and the timers go along. Only
    // the refresh timer, running in the worker, ends the first IDLE here.
    QThread thread;
    auto* socket =
        new ScriptedImapSocket({preauthGreeting("IDLE"), "C: t1 IDLE", "S: + idling", "C: DONE",
                                "S: t1 OK", "C: t2 IDLE", "S: + idling", "X: pause"});
    auto* session = new ImapSession(socket);
    ConnectionSettings settings;
    settings.host = u"imap.example.test"_s;
    settings.idleRefreshInterval = std::chrono::milliseconds(30);
    session->moveToThread(&thread);
    connect(&thread, &QThread::finished, session, &QObject::deleteLater);
    thread.start();
    std::atomic<int> outcome{0};
    QMetaObject::invokeMethod(session, [session, socket, settings, &outcome] {
        session->connectToServer(settings, [=, &outcome](const SessionResult<Capabilities>& r) {
            if (!r) {
                outcome = -1;
                return;
            }
            session->idle([](const MailboxEvent&) {}, {});
            auto* poll = new QTimer(session);
            QObject::connect(poll, &QTimer::timeout, session, [=, &outcome] {
                if (socket->isPaused()) {
                    outcome = socket->failure().isEmpty() && session->isIdling() ? 1 : -2;
                    poll->stop();
                }
            });
            poll->start(5);
        });
    });
    QTRY_VERIFY(outcome != 0);
    QCOMPARE(outcome.load(), 1);
    thread.quit();
    QVERIFY(thread.wait(5000));
}

QTEST_GUILESS_MAIN(TestImapSession)
#include "tst_imap_session.moc"
