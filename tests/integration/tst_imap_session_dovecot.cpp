// ImapSession against the stack's real Dovecot: implicit TLS and STARTTLS, wrong password,
// certificate verdicts (and a pinned key), wrong ports, LIST with \Sent, APPEND then pipelined
// UID FETCH, SELECT with QRESYNC after changes by another client, IDLE woken by an APPEND made
// from a second session.

#include "MailStack.h"
#include "MailStackTestMain.h"
#include "TestImapClient.h"
#include "imap/ImapSession.h"
#include "imap/TcpImapSocket.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline;
using namespace threadline::imap;
using threadline::test::MailStack;
using threadline::test::TestImapClient;
using Security = account::Security;
using Code = net::ErrorCode;
using State = ImapSession::State;

namespace {

constexpr int waitMs = 20000;

template <typename T> struct Captured
{
    std::optional<SessionResult<T>> result;
    int calls = 0;

    ImapSession::Callback<T> callback()
    {
        return [this](const SessionResult<T>& r) {
            ++calls;
            result = r;
        };
    }
    bool done() const { return calls > 0; }
    bool ok() const { return result && result->hasValue(); }
    Code code() const
    {
        return result && !result->hasValue() ? result->error().error.code : Code::None;
    }
    QByteArray detail() const
    {
        return result && !result->hasValue() ? result->error().error.detail.toUtf8() : QByteArray();
    }
    const T& value() const { return result->value(); }
};

QByteArray message(int index, const QString& to)
{
    QByteArray out = "From: Lena Buyer <lena@customer.test>\r\nTo: " + to.toUtf8() +
                     "\r\nSubject: Quote " + QByteArray::number(index) + "\r\nMessage-ID: <quote-" +
                     QByteArray::number(index) +
                     "@customer.test>\r\nDate: Wed, 07 Feb 2024 10:00:00 +0100\r\n"
                     "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    for (int line = 0; line < 20; ++line) {
        out +=
            "Line " + QByteArray::number(line) + " of quote " + QByteArray::number(index) + ".\r\n";
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(threadline::account::Security)
Q_DECLARE_METATYPE(threadline::net::ErrorCode)

class TestImapSessionDovecot final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void login_data();
    void login();
    void wrongPassword_data();
    void wrongPassword();
    void untrustedCertificate_data();
    void untrustedCertificate();
    void wrongPort_data();
    void wrongPort();
    void listFindsSent();
    void appendThenPipelinedFetch();
    void selectWithQresync();
    void idleSeesAppendFromSecondSession();

private:
    ConnectionSettings settings(Security security) const;
    // Connects and signs in `session`; fails the test otherwise.
    void open(ImapSession& session, const QString& user, Security security = Security::Tls);

    MailStack m_stack;
    const QString m_password = u"session-pässword"_s;
};

void TestImapSessionDovecot::initTestCase()
{
    QVERIFY2(m_stack.isValid(), qPrintable(m_stack.errorString()));
}

ConnectionSettings TestImapSessionDovecot::settings(Security security) const
{
    ConnectionSettings s;
    s.host = m_stack.host();
    s.port = security == Security::Tls ? m_stack.imapsPort() : m_stack.imapStartTlsPort();
    s.security = security;
    s.caFile = m_stack.caFile();
    s.connectTimeout = std::chrono::seconds(15);
    s.responseTimeout = std::chrono::seconds(15);
    return s;
}

void TestImapSessionDovecot::open(ImapSession& session, const QString& user, Security security)
{
    Captured<Capabilities> connected;
    session.connectToServer(settings(security), connected.callback());
    QTRY_VERIFY_WITH_TIMEOUT(connected.done(), waitMs);
    QVERIFY2(connected.ok(), connected.detail().constData());
    Captured<Capabilities> login;
    session.authenticate(Credentials::password(user, m_password), login.callback());
    QTRY_VERIFY_WITH_TIMEOUT(login.done(), waitMs);
    QVERIFY2(login.ok(), login.detail().constData());
}

void TestImapSessionDovecot::login_data()
{
    QTest::addColumn<Security>("security");
    QTest::newRow("implicit TLS") << Security::Tls;
    QTest::newRow("STARTTLS") << Security::StartTls;
}

void TestImapSessionDovecot::login()
{
    QFETCH(Security, security);
    const QString user = m_stack.addUniqueUser(u"session-login"_s, m_password);
    QVERIFY2(!user.isEmpty(), qPrintable(m_stack.errorString()));

    ImapSession session;
    Captured<Capabilities> connected;
    session.connectToServer(settings(security), connected.callback());
    QTRY_VERIFY_WITH_TIMEOUT(connected.done(), waitMs);
    QVERIFY2(connected.ok(), connected.detail().constData());
    QCOMPARE(session.state(), State::NotAuthenticated);
    // Read over TLS: no STARTTLS any more (RFC 3501 §6.2.1), and PLAIN allowed now.
    QVERIFY(!connected.value().startTls());
    QVERIFY(connected.value().hasAuth("PLAIN"));
    QVERIFY(!session.peerCertificateChain().isEmpty());

    Captured<Capabilities> login;
    session.authenticate(Credentials::password(user, m_password), login.callback());
    QTRY_VERIFY_WITH_TIMEOUT(login.done(), waitMs);
    QVERIFY2(login.ok(), login.detail().constData());
    QCOMPARE(session.state(), State::Authenticated);
    QVERIFY(login.value().idle());
    QVERIFY(login.value().qresync());
    QVERIFY(session.isEnabled("QRESYNC"));

    Captured<StatusResponse> logout;
    session.logout(logout.callback());
    QTRY_VERIFY_WITH_TIMEOUT(logout.done(), waitMs);
    QVERIFY(logout.ok());
    QCOMPARE(session.state(), State::Disconnected);
}

void TestImapSessionDovecot::wrongPassword_data()
{
    login_data();
}

void TestImapSessionDovecot::wrongPassword()
{
    QFETCH(Security, security);
    const QString user = m_stack.addUniqueUser(u"session-wrong"_s, m_password);
    QVERIFY2(!user.isEmpty(), qPrintable(m_stack.errorString()));

    ImapSession session;
    Captured<Capabilities> connected;
    session.connectToServer(settings(security), connected.callback());
    QTRY_VERIFY_WITH_TIMEOUT(connected.done(), waitMs);
    QVERIFY2(connected.ok(), connected.detail().constData());

    Captured<Capabilities> wrong;
    session.authenticate(Credentials::password(user, u"not the password"_s), wrong.callback());
    QTRY_VERIFY_WITH_TIMEOUT(wrong.done(), waitMs);
    QCOMPARE(wrong.code(), Code::AuthenticationFailed);
    QCOMPARE(wrong.result->error().kind, SessionError::Kind::No);
    QCOMPARE(wrong.result->error().response.code.kind, ResponseCode::Kind::AuthenticationFailed);
    QCOMPARE(session.state(), State::NotAuthenticated);

    // The connection stays usable: the right password works on it.
    Captured<Capabilities> right;
    session.authenticate(Credentials::password(user, m_password), right.callback());
    QTRY_VERIFY_WITH_TIMEOUT(right.done(), waitMs);
    QVERIFY2(right.ok(), right.detail().constData());
}

void TestImapSessionDovecot::untrustedCertificate_data()
{
    login_data();
}

void TestImapSessionDovecot::untrustedCertificate()
{
    QFETCH(Security, security);
    ConnectionSettings s = settings(security);
    s.caFile.clear(); // the stack's CA is not in the system store

    ImapSession session;
    Captured<Capabilities> connected;
    session.connectToServer(s, connected.callback());
    QTRY_VERIFY_WITH_TIMEOUT(connected.done(), waitMs);
    QCOMPARE(connected.code(), Code::UntrustedCertificate);
    QCOMPARE(session.state(), State::Disconnected);
    // The wizard shows the certificate before the user may trust it.
    const QList<QSslCertificate> chain = session.peerCertificateChain();
    QVERIFY(!chain.isEmpty());
    QVERIFY(chain.first().subjectInfo(QSslCertificate::CommonName).contains(u"localhost"_s));

    // Some other key pinned: still refused.
    s.pinnedPublicKeySha256 = QByteArray(32, '\x42');
    Captured<Capabilities> otherPin;
    session.connectToServer(s, otherPin.callback());
    QTRY_VERIFY_WITH_TIMEOUT(otherPin.done(), waitMs);
    QCOMPARE(otherPin.code(), Code::UntrustedCertificate);

    // The reviewed certificate's key pinned: accepted without the CA.
    s.pinnedPublicKeySha256 = TcpImapSocket::publicKeySha256(chain.first());
    Captured<Capabilities> pinned;
    session.connectToServer(s, pinned.callback());
    QTRY_VERIFY_WITH_TIMEOUT(pinned.done(), waitMs);
    QVERIFY2(pinned.ok(), pinned.detail().constData());
    QVERIFY(session.socket()->isEncrypted());
    session.abort();
}

void TestImapSessionDovecot::wrongPort_data()
{
    QTest::addColumn<Security>("security");
    QTest::addColumn<QString>("portKey");
    QTest::addColumn<Code>("code");
    QTest::newRow("implicit TLS on the STARTTLS port")
        << Security::Tls << u"IMAP_STARTTLS_PORT"_s << Code::NoTlsOffered;
    QTest::newRow("STARTTLS on the SMTP submission port")
        << Security::StartTls << u"SUBMISSION_STARTTLS_PORT"_s << Code::WrongServiceOnPort;
    QTest::newRow("implicit TLS on the SMTP submissions port")
        << Security::Tls << u"SUBMISSIONS_PORT"_s << Code::WrongServiceOnPort;
    QTest::newRow("nothing listening") << Security::Tls << QString() << Code::HostUnreachable;
}

void TestImapSessionDovecot::wrongPort()
{
    QFETCH(Security, security);
    QFETCH(QString, portKey);
    QFETCH(Code, code);
    ConnectionSettings s = settings(security);
    if (portKey.isEmpty()) {
        QTcpServer server; // a port that was free a moment ago
        QVERIFY(server.listen(QHostAddress::LocalHost));
        s.port = server.serverPort();
    } else {
        s.port = quint16(m_stack.value(portKey).toUInt());
        QVERIFY(s.port != 0);
    }
    ImapSession session;
    Captured<Capabilities> connected;
    session.connectToServer(s, connected.callback());
    QTRY_VERIFY_WITH_TIMEOUT(connected.done(), waitMs);
    QVERIFY2(connected.code() == code, qPrintable(u"code %1: %2"_s.arg(int(connected.code()))
                                                      .arg(QString::fromUtf8(connected.detail()))));
    QCOMPARE(session.state(), State::Disconnected);
}

void TestImapSessionDovecot::listFindsSent()
{
    const QString user = m_stack.addUniqueUser(u"session-list"_s, m_password);
    QVERIFY2(!user.isEmpty(), qPrintable(m_stack.errorString()));
    ImapSession session;
    open(session, user);
    if (QTest::currentTestFailed()) {
        return;
    }
    Captured<QList<ListResponse>> list;
    session.list(u"*"_s, list.callback());
    QTRY_VERIFY_WITH_TIMEOUT(list.done(), waitMs);
    QVERIFY2(list.ok(), list.detail().constData());
    bool inbox = false;
    QString sent;
    for (const ListResponse& mailbox : list.value()) {
        inbox = inbox || mailbox.name == u"INBOX"_s;
        if (mailbox.hasAttribute("\\Sent")) {
            sent = mailbox.name;
        }
    }
    QVERIFY(inbox);
    QCOMPARE(sent, m_stack.value(u"SENT_MAILBOX"_s));
}

void TestImapSessionDovecot::appendThenPipelinedFetch()
{
    const QString user = m_stack.addUniqueUser(u"session-fetch"_s, m_password);
    QVERIFY2(!user.isEmpty(), qPrintable(m_stack.errorString()));
    ImapSession session;
    open(session, user);
    if (QTest::currentTestFailed()) {
        return;
    }

    // APPENDs pipelined too (LITERAL+ from Dovecot: no round trip per message).
    constexpr int count = 30;
    QList<Captured<AppendResult>> appends(count);
    const QDateTime date = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (int i = 0; i < count; ++i) {
        session.append(u"INBOX"_s, message(i, user), {"\\Seen"}, date, appends[i].callback());
    }
    QTRY_VERIFY_WITH_TIMEOUT(appends.last().done(), waitMs);
    QSet<quint32> appendedUids;
    for (const auto& append : appends) {
        QVERIFY2(append.ok(), append.detail().constData());
        QVERIFY(append.value().uid.has_value());
        appendedUids.insert(*append.value().uid);
    }
    QCOMPARE(appendedUids.size(), count);

    Captured<SelectedMailbox> selected;
    session.select(u"INBOX"_s, {}, selected.callback());
    QTRY_VERIFY_WITH_TIMEOUT(selected.done(), waitMs);
    QVERIFY2(selected.ok(), selected.detail().constData());
    QCOMPARE(selected.value().exists, quint32(count));
    QVERIFY(selected.value().highestModSeq.has_value());

    Captured<SearchResult> search;
    session.uidSearch(ImapSession::sinceCriteria(QDate::currentDate().addDays(-2)),
                      search.callback());
    QTRY_VERIFY_WITH_TIMEOUT(search.done(), waitMs);
    QVERIFY2(search.ok(), search.detail().constData());
    QCOMPARE(search.value().count, quint64(count));

    // What the sync asks for, in three ranges at once.
    const QList<QByteArray> items{
        "UID",
        "FLAGS",
        "INTERNALDATE",
        "RFC822.SIZE",
        "ENVELOPE",
        "BODYSTRUCTURE",
        "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID REFERENCES IN-REPLY-TO DELIVERED-TO)]",
        "BODY.PEEK[1]"};
    QList<quint32> sorted(appendedUids.begin(), appendedUids.end());
    std::sort(sorted.begin(), sorted.end());
    QList<QList<quint32>> received(3);
    QList<Captured<StatusResponse>> fetched(3);
    for (int part = 0; part < 3; ++part) {
        FetchRequest request;
        request.uids = SequenceSet::range(sorted[part * 10], sorted[part * 10 + 9]);
        request.items = items;
        request.onMessage = [&received, part, &user](const FetchResponse& fetch) {
            received[part].append(fetch.uid.value_or(0));
            QVERIFY(fetch.envelope.has_value());
            QVERIFY(fetch.envelope->subject.startsWith("Quote "));
            QCOMPARE(fetch.envelope->to.value(0).email(), user.toUtf8());
            QVERIFY(fetch.body.has_value());
            QVERIFY(fetch.rfc822Size.value_or(0) > 0);
            QVERIFY(fetch.internalDate.isValid());
            QVERIFY(fetch.flags.value_or(QList<QByteArray>{}).contains("\\Seen"));
            const FetchSection* headers = fetch.section("", "HEADER.FIELDS");
            QVERIFY(headers && headers->data.contains("Message-ID: <quote-"));
            const FetchSection* text = fetch.section("1");
            QVERIFY(text && text->data.startsWith("Line 0 of quote"));
        };
        session.uidFetch(request, fetched[part].callback());
    }
    QCOMPARE(session.pendingCount(), 3); // all three in flight at once
    QTRY_VERIFY_WITH_TIMEOUT(fetched[0].done() && fetched[1].done() && fetched[2].done(), waitMs);
    QList<quint32> all;
    for (int part = 0; part < 3; ++part) {
        QVERIFY2(fetched[part].ok(), fetched[part].detail().constData());
        QCOMPARE(received[part], sorted.mid(part * 10, 10));
        all += received[part];
    }
    QCOMPARE(all, sorted); // each exactly once
}

void TestImapSessionDovecot::selectWithQresync()
{
    const QString user = m_stack.addUniqueUser(u"session-qresync"_s, m_password);
    QVERIFY2(!user.isEmpty(), qPrintable(m_stack.errorString()));
    ImapSession session;
    open(session, user);
    if (QTest::currentTestFailed()) {
        return;
    }
    QVERIFY(session.isEnabled("QRESYNC"));
    QList<Captured<AppendResult>> appends(5);
    for (int i = 0; i < 5; ++i) {
        session.append(u"INBOX"_s, message(i, user), {}, {}, appends[i].callback());
    }
    QTRY_VERIFY_WITH_TIMEOUT(appends.last().done(), waitMs);
    QVERIFY(appends.last().ok());

    Captured<SelectedMailbox> first;
    session.select(u"INBOX"_s, {}, first.callback());
    QTRY_VERIFY_WITH_TIMEOUT(first.done(), waitMs);
    QVERIFY2(first.ok(), first.detail().constData());
    const quint32 uidValidity = first.value().uidValidity;
    const quint64 modSeq = first.value().highestModSeq.value_or(0);
    QVERIFY(uidValidity != 0);
    QVERIFY(modSeq != 0);
    QList<quint32> uids;
    for (const auto& append : appends) {
        uids.append(append.value().uid.value_or(0));
    }

    // Another client flags one message and expunges another.
    TestImapClient other(m_stack);
    QVERIFY2(other.connectToServer(TestImapClient::Security::ImplicitTls),
             qPrintable(other.errorString()));
    QVERIFY2(other.login(user, m_password), qPrintable(other.errorString()));
    QVERIFY(other.select(u"INBOX"_s));
    QVERIFY(other.command("UID STORE " + QByteArray::number(uids[1]) + " +FLAGS (\\Flagged)").ok());
    QVERIFY(other.command("UID STORE " + QByteArray::number(uids[3]) + " +FLAGS (\\Deleted)").ok());
    QVERIFY(other.command("EXPUNGE").ok());
    other.logout();

    // Selecting again with what we knew reports exactly those changes (and [CLOSED] first,
    // since INBOX was selected).
    SelectOptions options;
    options.qresync = QresyncParameters{uidValidity, modSeq, SequenceSet::fromSorted(uids)};
    Captured<SelectedMailbox> again;
    session.select(u"INBOX"_s, options, again.callback());
    QTRY_VERIFY_WITH_TIMEOUT(again.done(), waitMs);
    QVERIFY2(again.ok(), again.detail().constData());
    const SelectedMailbox& mailbox = again.value();
    QCOMPARE(mailbox.uidValidity, uidValidity);
    QVERIFY(mailbox.highestModSeq.value_or(0) > modSeq);
    QCOMPARE(mailbox.exists, quint32(4));
    QCOMPARE(mailbox.vanished.toByteArray(), QByteArray::number(uids[3]));
    QCOMPARE(mailbox.changed.size(), 1);
    QCOMPARE(mailbox.changed[0].uid, std::optional<quint32>(uids[1]));
    QVERIFY(mailbox.changed[0].flags->contains("\\Flagged"));

    // The same question as a fetch: CHANGEDSINCE with VANISHED.
    FetchRequest request;
    request.uids = SequenceSet::range(1, SequenceSet::Star);
    request.items = {"UID", "FLAGS"};
    request.changedSince = modSeq;
    request.vanished = true;
    QList<quint32> changed;
    SequenceSet vanished;
    request.onMessage = [&changed](const FetchResponse& f) {
        changed.append(f.uid.value_or(0));
    };
    request.onVanished = [&vanished](const SequenceSet& set) {
        vanished = set;
    };
    Captured<StatusResponse> fetched;
    session.uidFetch(request, fetched.callback());
    QTRY_VERIFY_WITH_TIMEOUT(fetched.done(), waitMs);
    QVERIFY2(fetched.ok(), fetched.detail().constData());
    QCOMPARE(changed, QList<quint32>{uids[1]});
    QCOMPARE(vanished.toByteArray(), QByteArray::number(uids[3]));
}

void TestImapSessionDovecot::idleSeesAppendFromSecondSession()
{
    const QString user = m_stack.addUniqueUser(u"session-idle"_s, m_password);
    QVERIFY2(!user.isEmpty(), qPrintable(m_stack.errorString()));
    ImapSession watcher;
    open(watcher, user);
    ImapSession writer;
    open(writer, user, Security::StartTls);
    if (QTest::currentTestFailed()) {
        return;
    }
    Captured<SelectedMailbox> selected;
    watcher.select(u"INBOX"_s, {}, selected.callback());
    QTRY_VERIFY_WITH_TIMEOUT(selected.done(), waitMs);
    QVERIFY(selected.ok());
    QCOMPARE(selected.value().exists, quint32(0));

    QList<MailboxEvent> events;
    Captured<StatusResponse> idled;
    watcher.idle([&events](const MailboxEvent& event) { events.append(event); }, idled.callback());
    QTRY_VERIFY_WITH_TIMEOUT(watcher.isIdling(), waitMs);

    QElapsedTimer clock;
    clock.start();
    Captured<AppendResult> appended;
    writer.append(u"INBOX"_s, message(1, user), {}, {}, appended.callback());
    const auto sawExists = [&events] {
        for (const MailboxEvent& event : events) {
            if (const auto* exists = std::get_if<ExistsResponse>(&event);
                exists && exists->count == 1) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(sawExists(), waitMs);
    qInfo("IDLE reported the APPEND after %lld ms", qint64(clock.elapsed()));
    QVERIFY(appended.ok());

    watcher.stopIdle();
    QTRY_VERIFY_WITH_TIMEOUT(idled.done(), waitMs);
    QVERIFY2(idled.ok(), idled.detail().constData());
    QVERIFY(!watcher.isIdling());

    // The session is usable right after IDLE.
    Captured<SearchResult> search;
    watcher.uidSearch("ALL", search.callback());
    QTRY_VERIFY_WITH_TIMEOUT(search.done(), waitMs);
    QCOMPARE(search.value().count, quint64(1));
}

THREADLINE_MAILSTACK_TEST_MAIN(TestImapSessionDovecot)
#include "tst_imap_session_dovecot.moc"
