// ImapSession commands against a scripted server: SELECT/EXAMINE with QRESYNC and CONDSTORE,
// streaming UID FETCH, pipelining with answers out of order, untagged routing, literals split
// across reads, SEARCH/ESEARCH, LIST with SPECIAL-USE, STATUS, APPEND literals, IDLE.

#include "SessionHarness.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace threadline;
using namespace threadline::imap;
using namespace threadline::test;
using Code = net::ErrorCode;
using State = ImapSession::State;

namespace {

FetchRequest fetchOf(quint32 first, quint32 last, QList<quint32>* uids,
                     QList<QByteArray> items = {"FLAGS"})
{
    FetchRequest request;
    request.uids = SequenceSet::range(first, last);
    request.items = std::move(items);
    request.onMessage = [uids](const FetchResponse& fetch) {
        uids->append(fetch.uid.value_or(0));
    };
    return request;
}

} // namespace

class TestImapSessionCommands : public QObject
{
    Q_OBJECT

private slots:
    void select_data();
    void select();
    void selectAfterSelectRoutesOldMailboxNews();
    void selectFailureDeselects();
    void pipelinedFetchesOutOfOrder();
    void untaggedRouting();
    void literalSplitAcrossReads_data();
    void literalSplitAcrossReads();
    void fetchChangedSince();
    void search_data();
    void search();
    void pipelinedSearches();
    void listAndStatus_data();
    void listAndStatus();
    void append_data();
    void append();
    void literalHoldsBackOtherCommands();
    void alert();
    void idle();
    void idleRefresh();
    void commandDuringIdle();
    void idleUnsupported();
    void idleConnectionLost();
    void byeThenClose();
    void handlerMayAbort();
};

void TestImapSessionCommands::select_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<bool>("readOnly");
    QTest::addColumn<bool>("qresync");
    QTest::addColumn<QList<QByteArray>>("script"); // after the greeting and ENABLE
    QTest::addColumn<quint32>("uidValidity");
    QTest::addColumn<quint32>("uidNext");
    QTest::addColumn<quint64>("highestModSeq");
    QTest::addColumn<bool>("noModSeq");
    QTest::addColumn<quint32>("exists");
    QTest::addColumn<QByteArray>("vanished");
    QTest::addColumn<QList<quint32>>("changedUids");
    QTest::addColumn<bool>("expectReadOnly");

    // RFC 7162 §3.2.5.1's example, shortened.
    QTest::newRow("QRESYNC")
        << QByteArray("ENABLE CONDSTORE QRESYNC") << false << true
        << QList<QByteArray>{"C: t2 SELECT INBOX (QRESYNC (67890007 20050715194045000 "
                             "41,43:211,214:541))",
                             "S: * 314 EXISTS",
                             "S: * 15 RECENT",
                             "S: * OK [UIDVALIDITY 67890007] UIDVALIDITY",
                             "S: * OK [UIDNEXT 567] Predicted next UID",
                             "S: * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                             "S: * OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited",
                             "S: * OK [HIGHESTMODSEQ 20060128194045007] Highest",
                             "S: * VANISHED (EARLIER) 41,43:116,118,120:211,214:540",
                             "S: * 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) MODSEQ "
                             "(20060115194045000))",
                             "S: * 50 FETCH (UID 119 FLAGS (\\Draft $MDNSent) MODSEQ "
                             "(20060115194045308))",
                             "S: t2 OK [READ-WRITE] mailbox selected"}
        << quint32(67890007) << quint32(567) << quint64(20060128194045007) << false << quint32(314)
        << QByteArray("41,43:116,118,120:211,214:540") << QList<quint32>{117, 119} << false;
    QTest::newRow("CONDSTORE only")
        << QByteArray("CONDSTORE") << false << true
        << QList<QByteArray>{"C: t1 SELECT INBOX (CONDSTORE)", "S: * 3 EXISTS",
                             "S: * OK [UIDVALIDITY 5] x", "S: * OK [HIGHESTMODSEQ 715194045007] x",
                             "S: t1 OK [READ-WRITE] selected"}
        << quint32(5) << quint32(0) << quint64(715194045007) << false << quint32(3) << QByteArray()
        << QList<quint32>{} << false;
    QTest::newRow("neither: plain EXAMINE, NOMODSEQ, no UIDNEXT")
        << QByteArray("") << true << false
        << QList<QByteArray>{"C: t1 EXAMINE INBOX",
                             "S: * 0 EXISTS",
                             "S: * 0 RECENT",
                             "S: * OK [UIDVALIDITY 1] x",
                             "S: * OK [NOMODSEQ] Sorry",
                             "S: t1 OK [READ-ONLY] examined"}
        << quint32(1) << quint32(0) << quint64(0) << true << quint32(0) << QByteArray()
        << QList<quint32>{} << true;
    QTest::newRow("QRESYNC parameters ignored unless enabled")
        << QByteArray("QRESYNC") << false << true
        << QList<QByteArray>{"C: t1 SELECT INBOX (CONDSTORE)", "S: * 1 EXISTS",
                             "S: * OK [UIDVALIDITY 9] x", "S: t1 OK [READ-ONLY] selected"}
        << quint32(9) << quint32(0) << quint64(0) << false << quint32(1) << QByteArray()
        << QList<quint32>{} << true;
}

void TestImapSessionCommands::select()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(bool, readOnly);
    QFETCH(bool, qresync);
    QFETCH(QList<QByteArray>, script);
    QFETCH(quint32, uidValidity);
    QFETCH(quint32, uidNext);
    QFETCH(quint64, highestModSeq);
    QFETCH(bool, noModSeq);
    QFETCH(quint32, exists);
    QFETCH(QByteArray, vanished);
    QFETCH(QList<quint32>, changedUids);
    QFETCH(bool, expectReadOnly);

    const bool enable = capabilities.contains("ENABLE");
    if (enable) {
        script =
            QList<QByteArray>{"C: t1 ENABLE QRESYNC", "S: * ENABLED QRESYNC", "S: t1 OK"} + script;
    }
    script.prepend(preauthGreeting(capabilities));
    SessionHarness h(script);
    THREADLINE_CONNECT(h);
    if (enable) {
        Captured<Capabilities> login;
        h.session->authenticate({}, login.callback());
        QTRY_VERIFY(login.done());
    }

    SelectOptions options;
    options.readOnly = readOnly;
    if (qresync) {
        QresyncParameters parameters;
        parameters.uidValidity = 67890007;
        parameters.modSeq = 20050715194045000;
        parameters.knownUids.append(41, 41);
        parameters.knownUids.append(43, 211);
        parameters.knownUids.append(214, 541);
        options.qresync = parameters;
    }
    Captured<SelectedMailbox> selected;
    h.session->select(u"INBOX"_s, options, selected.callback());
    QTRY_VERIFY(selected.done());
    THREADLINE_SCRIPT_DONE(h);
    QVERIFY(selected.ok());
    const SelectedMailbox& mailbox = selected.result->value();
    QCOMPARE(mailbox.name, u"INBOX"_s);
    QCOMPARE(mailbox.uidValidity, uidValidity);
    QCOMPARE(mailbox.uidNext.value_or(0), uidNext);
    QCOMPARE(mailbox.highestModSeq.value_or(0), highestModSeq);
    QCOMPARE(mailbox.noModSeq, noModSeq);
    QCOMPARE(mailbox.exists, exists);
    QCOMPARE(mailbox.vanished.toByteArray(), vanished);
    QList<quint32> changed;
    for (const FetchResponse& fetch : mailbox.changed) {
        changed.append(fetch.uid.value_or(0));
    }
    QCOMPARE(changed, changedUids);
    QCOMPARE(mailbox.readOnly, expectReadOnly);
    QCOMPARE(h.session->state(), State::Selected);
    QCOMPARE(h.session->selectedMailbox(), u"INBOX"_s);
}

void TestImapSessionCommands::selectAfterSelectRoutesOldMailboxNews()
{
    // RFC 7162 §3.2.11: what comes before [CLOSED] still concerns the previous mailbox.
    SessionHarness h({preauthGreeting("ENABLE QRESYNC"), "C: t1 ENABLE QRESYNC",
                      "S: * ENABLED QRESYNC", "S: t1 OK", "C: t2 SELECT INBOX", "S: * 2 EXISTS",
                      "S: * OK [UIDVALIDITY 1] x", "S: t2 OK [READ-WRITE] x", "C: t3 SELECT Sent",
                      "S: * VANISHED 2", "S: * 1 FETCH (UID 1 FLAGS (\\Seen) MODSEQ (5))",
                      "S: * OK [CLOSED] Previous mailbox closed.", "S: * 7 EXISTS",
                      "S: * OK [UIDVALIDITY 2] x", "S: * 3 FETCH (UID 3 FLAGS () MODSEQ (9))",
                      "S: t3 OK [READ-WRITE] x"});
    THREADLINE_CONNECT(h);
    Captured<Capabilities> login;
    h.session->authenticate({}, login.callback());
    QTRY_VERIFY(login.done());
    QList<MailboxEvent> events;
    connect(h.session.get(), &ImapSession::mailboxEvent, this,
            [&events](const MailboxEvent& event) { events.append(event); });

    Captured<SelectedMailbox> inbox;
    h.session->select(u"INBOX"_s, {}, inbox.callback());
    QTRY_VERIFY(inbox.done());
    Captured<SelectedMailbox> sent;
    h.session->select(u"Sent"_s, {}, sent.callback());
    QTRY_VERIFY(sent.done());
    THREADLINE_SCRIPT_DONE(h);
    QVERIFY(sent.ok());
    QCOMPARE(sent.result->value().exists, quint32(7));
    QCOMPARE(sent.result->value().uidValidity, quint32(2));
    QCOMPARE(sent.result->value().changed.size(), 1);
    QCOMPARE(events.size(), 2);
    QVERIFY(std::holds_alternative<VanishedResponse>(events[0]));
    QCOMPARE(std::get<FetchResponse>(events[1]).uid, std::optional<quint32>(1));
}

void TestImapSessionCommands::selectFailureDeselects()
{
    SessionHarness h({preauthGreeting(""), "C: t1 SELECT INBOX", "S: t1 OK [READ-WRITE] x",
                      "C: t2 SELECT Nope", "S: t2 NO [NONEXISTENT] Mailbox doesn't exist: Nope"});
    THREADLINE_CONNECT(h);
    Captured<SelectedMailbox> inbox;
    h.session->select(u"INBOX"_s, {}, inbox.callback());
    QTRY_VERIFY(inbox.done());
    QCOMPARE(h.session->state(), State::Selected);
    Captured<SelectedMailbox> nope;
    h.session->select(u"Nope"_s, {}, nope.callback());
    QTRY_VERIFY(nope.done());
    QCOMPARE(nope.result->error().kind, SessionError::Kind::No);
    QCOMPARE(nope.result->error().response.code.kind, ResponseCode::Kind::NonExistent);
    QCOMPARE(h.session->state(), State::Authenticated);
    QVERIFY(h.session->selectedMailbox().isEmpty());
}

void TestImapSessionCommands::pipelinedFetchesOutOfOrder()
{
    // Three fetches, two in flight at a time; the server interleaves their data and answers
    // the second first. The third goes out as soon as one slot frees.
    SessionHarness h({preauthGreeting(""), "C: t1 UID FETCH 1:3 (UID FLAGS)",
                      "C: t2 UID FETCH 4:6 (UID FLAGS)", "S: * 1 FETCH (UID 1 FLAGS ())",
                      "S+ * 4 FETCH (UID 4 FLAGS (\\Seen))", "S: * 5 FETCH (UID 5 FLAGS ())",
                      "S: * 2 FETCH (UID 2 FLAGS ())", "S+ * 6 FETCH (UID 6 FLAGS ())",
                      "S: t2 OK Fetch completed.", "C: t3 UID FETCH 7:9 (UID FLAGS)",
                      "S: * 7 FETCH (UID 7 FLAGS ())", "S: * 3 FETCH (UID 3 FLAGS ())",
                      "S: t1 OK Fetch completed.", "S: t3 OK Fetch completed."});
    THREADLINE_CONNECT(h);
    h.session->setMaxInFlight(2);

    QList<quint32> uids[3];
    Captured<StatusResponse> done[3];
    QList<int> completionOrder;
    for (int i = 0; i < 3; ++i) {
        FetchRequest request =
            fetchOf(quint32(1 + 3 * i), quint32(3 + 3 * i), &uids[i], {"UID", "FLAGS"});
        h.session->uidFetch(request, [&, i](const SessionResult<StatusResponse>& result) {
            done[i].callback()(result);
            completionOrder.append(i);
        });
    }
    QCOMPARE(h.session->pendingCount(), 3);
    QTRY_COMPARE(completionOrder.size(), 3);
    THREADLINE_SCRIPT_DONE(h);
    QCOMPARE(completionOrder, (QList<int>{1, 0, 2}));
    QCOMPARE(uids[0], (QList<quint32>{1, 2, 3}));
    QCOMPARE(uids[1], (QList<quint32>{4, 5, 6}));
    QCOMPARE(uids[2], (QList<quint32>{7}));
    for (const auto& d : done) {
        QCOMPARE(d.calls, 1);
        QVERIFY(d.ok());
    }
    QCOMPARE(h.session->pendingCount(), 0);
}

void TestImapSessionCommands::untaggedRouting()
{
    // During a UID FETCH: new mail (EXISTS), a flag change without UID and one for a UID
    // outside the set are the mailbox's news, not the fetch's messages.
    SessionHarness h({preauthGreeting(""), "C: t1 UID FETCH 10:20 (FLAGS)",
                      "S: * 11 FETCH (UID 15 FLAGS (\\Seen))", "S: * 31 EXISTS",
                      "S: * 3 FETCH (FLAGS (\\Deleted))", "S: * 4 FETCH (UID 4 FLAGS ())",
                      "S: * 2 EXPUNGE", "S: * OK [ALERT] Quota almost full",
                      "S: * NAMESPACE ((\"\" \"/\")) NIL NIL", "S: * 12 FETCH (UID 16 FLAGS ())",
                      "S: t1 OK done"});
    THREADLINE_CONNECT(h);
    QList<MailboxEvent> events;
    connect(h.session.get(), &ImapSession::mailboxEvent, this,
            [&events](const MailboxEvent& event) { events.append(event); });
    QSignalSpy alerts(h.session.get(), &ImapSession::alert);

    QList<quint32> uids;
    Captured<StatusResponse> done;
    h.session->uidFetch(fetchOf(10, 20, &uids), done.callback());
    QTRY_VERIFY(done.done());
    THREADLINE_SCRIPT_DONE(h);
    QCOMPARE(uids, (QList<quint32>{15, 16}));
    QCOMPARE(events.size(), 4);
    QCOMPARE(std::get<ExistsResponse>(events[0]).count, quint32(31));
    QCOMPARE(std::get<FetchResponse>(events[1]).sequenceNumber, quint32(3));
    QCOMPARE(std::get<FetchResponse>(events[2]).uid, std::optional<quint32>(4));
    QCOMPARE(std::get<ExpungeResponse>(events[3]).sequenceNumber, quint32(2));
    QCOMPARE(alerts.count(), 1);
    QCOMPARE(alerts.first().first().toString(), u"Quota almost full"_s);
}

void TestImapSessionCommands::literalSplitAcrossReads_data()
{
    QTest::addColumn<QList<QByteArray>>("reads");
    const QByteArray body = "Subject: hi\r\n\r\nline one\r\nline two!!\r\n"; // 37 bytes
    QTest::newRow("whole") << QList<QByteArray>{"S: * 1 FETCH (UID 7 BODY[] {37}\r\n" + body + ")"};
    QTest::newRow("inside the literal")
        << QList<QByteArray>{"S| * 1 FETCH (UID 7 BODY[] {37}\r\nSubject: hi\r\n\r",
                             "S| \nline one\r\nli", "S: ne two!!\r\n)"};
    QTest::newRow("inside the announcement")
        << QList<QByteArray>{"S| * 1 FETCH (UID 7 BODY[] {3", "S| 7}\r", "S| \n" + body, "S: )"};
    QTest::newRow("byte by byte") << [&] {
        QList<QByteArray> reads;
        const QByteArray all = "* 1 FETCH (UID 7 BODY[] {37}\r\n" + body + ")\r\n";
        for (const char c : all) {
            reads.append("S| " + QByteArray(1, c));
        }
        return reads;
    }();
}

void TestImapSessionCommands::literalSplitAcrossReads()
{
    QFETCH(QList<QByteArray>, reads);
    QList<QByteArray> script{preauthGreeting(""), "C: t1 UID FETCH 7 (BODY.PEEK[])"};
    script += reads;
    script.append("S: t1 OK done");
    SessionHarness h(script);
    THREADLINE_CONNECT(h);

    QList<FetchResponse> messages;
    FetchRequest request;
    request.uids = SequenceSet::range(7, 7);
    request.items = {"BODY.PEEK[]"};
    request.onMessage = [&messages](const FetchResponse& fetch) {
        messages.append(fetch);
    };
    Captured<StatusResponse> done;
    h.session->uidFetch(request, done.callback());
    QTRY_VERIFY(done.done());
    QVERIFY2(done.ok(), done.detail().constData());
    THREADLINE_SCRIPT_DONE(h);
    QCOMPARE(messages.size(), 1);
    const FetchSection* section = messages[0].section("");
    QVERIFY(section);
    QCOMPARE(section->data, QByteArray("Subject: hi\r\n\r\nline one\r\nline two!!\r\n"));
}

void TestImapSessionCommands::fetchChangedSince()
{
    SessionHarness h({preauthGreeting("ENABLE QRESYNC"), "C: t1 ENABLE QRESYNC",
                      "S: * ENABLED QRESYNC", "S: t1 OK",
                      "C: t2 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)",
                      "S: * VANISHED (EARLIER) 300:310,405,411",
                      "S: * 1 FETCH (UID 4 MODSEQ (65402) FLAGS (\\Seen))", "S: t2 OK done"});
    THREADLINE_CONNECT(h);
    Captured<Capabilities> login;
    h.session->authenticate({}, login.callback());
    QTRY_VERIFY(login.done());

    QList<quint32> uids;
    SequenceSet vanished;
    FetchRequest request = fetchOf(1, SequenceSet::Star, &uids);
    request.changedSince = 12345;
    request.vanished = true;
    request.onVanished = [&vanished](const SequenceSet& set) {
        vanished = set;
    };
    Captured<StatusResponse> done;
    h.session->uidFetch(request, done.callback());
    QTRY_VERIFY(done.done());
    THREADLINE_SCRIPT_DONE(h);
    QCOMPARE(uids, (QList<quint32>{4}));
    QCOMPARE(vanished.toByteArray(), QByteArray("300:310,405,411"));
}

void TestImapSessionCommands::search_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::addColumn<QByteArray>("uids");
    QTest::addColumn<quint64>("count");

    QTest::newRow("SEARCH, unsorted with duplicates")
        << QByteArray("")
        << QList<QByteArray>{"C: t1 UID SEARCH SINCE 1-Feb-2024", "S: * SEARCH 10 5 3 4 4",
                             "S: t1 OK done"}
        << QByteArray("3:5,10") << quint64(4);
    QTest::newRow("SEARCH, nothing")
        << QByteArray("")
        << QList<QByteArray>{"C: t1 UID SEARCH SINCE 1-Feb-2024", "S: * SEARCH", "S: t1 OK done"}
        << QByteArray() << quint64(0);
    QTest::newRow("ESEARCH") << QByteArray("ESEARCH")
                             << QList<QByteArray>{"C: t1 UID SEARCH RETURN (ALL) SINCE 1-Feb-2024",
                                                  "S: * ESEARCH (TAG \"t1\") UID ALL 3:5,10",
                                                  "S: t1 OK done"}
                             << QByteArray("3:5,10") << quint64(4);
    QTest::newRow("ESEARCH, nothing")
        << QByteArray("ESEARCH")
        << QList<QByteArray>{"C: t1 UID SEARCH RETURN (ALL) SINCE 1-Feb-2024",
                             "S: * ESEARCH (TAG \"t1\") UID", "S: t1 OK done"}
        << QByteArray() << quint64(0);
}

void TestImapSessionCommands::search()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(QList<QByteArray>, script);
    QFETCH(QByteArray, uids);
    QFETCH(quint64, count);
    script.prepend(preauthGreeting(capabilities));
    SessionHarness h(script);
    THREADLINE_CONNECT(h);
    Captured<SearchResult> result;
    h.session->uidSearch(ImapSession::sinceCriteria(QDate(2024, 2, 1)), result.callback());
    QTRY_VERIFY(result.done());
    THREADLINE_SCRIPT_DONE(h);
    QVERIFY(result.ok());
    QCOMPARE(result.result->value().uids.toByteArray(), uids);
    QCOMPARE(result.result->value().count, count);
}

void TestImapSessionCommands::pipelinedSearches()
{
    // ESEARCH names its command: the second answer may come first.
    SessionHarness h({preauthGreeting("ESEARCH"), "C: t1 UID SEARCH RETURN (ALL) ALL",
                      "C: t2 UID SEARCH RETURN (ALL) UNSEEN", "S: * ESEARCH (TAG \"t2\") UID ALL 4",
                      "S: t2 OK", "S: * ESEARCH (TAG \"t1\") UID ALL 1:9", "S: t1 OK"});
    THREADLINE_CONNECT(h);
    Captured<SearchResult> all;
    Captured<SearchResult> unseen;
    h.session->uidSearch("ALL", all.callback());
    h.session->uidSearch("UNSEEN", unseen.callback());
    QTRY_VERIFY(all.done() && unseen.done());
    THREADLINE_SCRIPT_DONE(h);
    QCOMPARE(all.result->value().uids.toByteArray(), QByteArray("1:9"));
    QCOMPARE(unseen.result->value().uids.toByteArray(), QByteArray("4"));
}

void TestImapSessionCommands::listAndStatus_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<QByteArray>("listCommand");
    QTest::newRow("SPECIAL-USE") << QByteArray("SPECIAL-USE LIST-EXTENDED")
                                 << QByteArray("C: t1 LIST \"\" \"*\" RETURN (SPECIAL-USE)");
    QTest::newRow("plain LIST") << QByteArray("") << QByteArray("C: t1 LIST \"\" \"*\"");
}

void TestImapSessionCommands::listAndStatus()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(QByteArray, listCommand);
    SessionHarness h(
        {preauthGreeting(capabilities), listCommand, "C: t2 STATUS INBOX (MESSAGES UIDNEXT)",
         "S: * LIST (\\HasNoChildren) \"/\" INBOX", "S+ * LIST (\\HasNoChildren \\Sent) \"/\" Sent",
         "S+ * LIST (\\HasNoChildren) \"/\" \"Gel&APY-schte Elemente\"",
         "S: * STATUS INBOX (MESSAGES 3 UIDNEXT 44)", "S: t1 OK", "S: t2 OK"});
    THREADLINE_CONNECT(h);
    Captured<QList<ListResponse>> list;
    Captured<MailboxStatusResponse> status;
    h.session->list(u"*"_s, list.callback());
    h.session->status(u"INBOX"_s, {"MESSAGES", "UIDNEXT"}, status.callback());
    QTRY_VERIFY(list.done() && status.done());
    THREADLINE_SCRIPT_DONE(h);
    const QList<ListResponse>& mailboxes = list.result->value();
    QCOMPARE(mailboxes.size(), 3);
    QVERIFY(mailboxes[1].hasAttribute("\\Sent"));
    QCOMPARE(mailboxes[2].name, u"Gelöschte Elemente"_s);
    QCOMPARE(status.result->value().uidNext, std::optional<quint32>(44));
}

void TestImapSessionCommands::append_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<QList<QByteArray>>("script");
    const QByteArray message = "Subject: x\r\n\r\nbody\r\n"; // 20 bytes
    QTest::newRow("synchronising literal")
        << QByteArray("UIDPLUS")
        << QList<QByteArray>{"C: t1 APPEND Sent (\\Seen) \"07-Feb-2024 21:52:25 +0100\" {20}",
                             "S: + OK", "C: " + message,
                             "S: t1 OK [APPENDUID 38505 3955] APPEND completed"};
    QTest::newRow("LITERAL+")
        << QByteArray("UIDPLUS LITERAL+")
        << QList<QByteArray>{"C: t1 APPEND Sent (\\Seen) \"07-Feb-2024 21:52:25 +0100\" {20+}\r\n" +
                                 message,
                             "S: t1 OK [APPENDUID 38505 3955] APPEND completed"};
    QTest::newRow("LITERAL- small")
        << QByteArray("UIDPLUS LITERAL-")
        << QList<QByteArray>{"C: t1 APPEND Sent (\\Seen) \"07-Feb-2024 21:52:25 +0100\" {20+}\r\n" +
                                 message,
                             "S: t1 OK [APPENDUID 38505 3955] APPEND completed"};
}

void TestImapSessionCommands::append()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(QList<QByteArray>, script);
    script.prepend(preauthGreeting(capabilities));
    SessionHarness h(script);
    THREADLINE_CONNECT(h);
    Captured<AppendResult> appended;
    const QDateTime date(QDate(2024, 2, 7), QTime(21, 52, 25), QTimeZone(3600));
    h.session->append(u"Sent"_s, "Subject: x\r\n\r\nbody\r\n", {"\\Seen"}, date,
                      appended.callback());
    QTRY_VERIFY(appended.done());
    THREADLINE_SCRIPT_DONE(h);
    QVERIFY(appended.ok());
    QCOMPARE(appended.result->value().uidValidity, std::optional<quint32>(38505));
    QCOMPARE(appended.result->value().uid, std::optional<quint32>(3955));
}

void TestImapSessionCommands::literalHoldsBackOtherCommands()
{
    // Until the server asked for the literal and got it, nothing else may be written.
    SessionHarness h({preauthGreeting(""), "C: t1 APPEND INBOX {4}", "X: pause", "S: + go",
                      "C: abcd", "C: t2 NOOP", "S: t1 OK", "S: t2 OK"});
    THREADLINE_CONNECT(h);
    Captured<AppendResult> appended;
    Captured<StatusResponse> noop;
    h.session->append(u"INBOX"_s, "abcd", {}, {}, appended.callback());
    h.session->noop(noop.callback());
    QTRY_VERIFY(h.socket->isPaused());
    runQueuedWork();
    QCOMPARE(h.socket->allWritten().count("NOOP"), 0);
    h.socket->resume();
    QTRY_VERIFY(appended.done() && noop.done());
    THREADLINE_SCRIPT_DONE(h);
}

void TestImapSessionCommands::alert()
{
    SessionHarness h({"S: * OK [ALERT] System shutdown in 10 minutes", "C: t1 CAPABILITY",
                      "S: * CAPABILITY IMAP4rev1", "S: t1 OK"});
    QSignalSpy alerts(h.session.get(), &ImapSession::alert);
    THREADLINE_CONNECT(h);
    QCOMPARE(alerts.count(), 1);
}

void TestImapSessionCommands::idle()
{
    SessionHarness h({preauthGreeting("IDLE"), "C: t1 IDLE", "S: + idling", "S: * 4 EXISTS",
                      "S: * 2 EXPUNGE", "S+ * 3 FETCH (FLAGS (\\Seen))", "X: pause", "C: DONE",
                      "S: t1 OK IDLE terminated"});
    THREADLINE_CONNECT(h);
    QList<MailboxEvent> events;
    Captured<StatusResponse> done;
    h.session->idle([&events](const MailboxEvent& event) { events.append(event); },
                    done.callback());
    QTRY_COMPARE(events.size(), 3);
    QTRY_VERIFY(h.socket->isPaused());
    QVERIFY(h.session->isIdling());
    QCOMPARE(std::get<ExistsResponse>(events[0]).count, quint32(4));
    h.session->stopIdle();
    h.socket->resume();
    QTRY_VERIFY(done.done());
    THREADLINE_SCRIPT_DONE(h);
    QVERIFY(done.ok());
    QVERIFY(!h.session->isIdling());
    QCOMPARE(done.calls, 1);
}

void TestImapSessionCommands::idleRefresh()
{
    // Below RFC 2177's 29 minutes the session ends IDLE and starts it again by itself.
    SessionHarness h({preauthGreeting("IDLE"), "C: t1 IDLE", "S: + idling", "C: DONE",
                      "S: t1 OK IDLE terminated", "C: t2 IDLE", "S: + idling", "S: * 9 EXISTS",
                      "X: pause", "C: DONE", "S: t2 OK IDLE terminated"});
    h.settings.idleRefreshInterval = std::chrono::milliseconds(30);
    THREADLINE_CONNECT(h);
    QList<MailboxEvent> events;
    Captured<StatusResponse> done;
    h.session->idle([&events](const MailboxEvent& event) { events.append(event); },
                    done.callback());
    QTRY_VERIFY(h.socket->isPaused());
    QCOMPARE(events.size(), 1);
    QCOMPARE(done.calls, 0); // the refresh is invisible to the caller
    h.socket->resume();      // the next refresh sends DONE; stop meanwhile
    h.session->stopIdle();
    QTRY_VERIFY(done.done());
    THREADLINE_SCRIPT_DONE(h);
    QVERIFY(done.ok());
}

void TestImapSessionCommands::commandDuringIdle()
{
    SessionHarness h({preauthGreeting("IDLE"), "C: t1 IDLE", "S: + idling", "X: pause", "C: DONE",
                      "S: t1 OK IDLE terminated", "C: t2 UID SEARCH ALL", "S: * SEARCH 1",
                      "S: t2 OK"});
    THREADLINE_CONNECT(h);
    Captured<StatusResponse> idled;
    h.session->idle([](const MailboxEvent&) {}, idled.callback());
    QTRY_VERIFY(h.socket->isPaused());
    QTRY_VERIFY(h.session->isIdling());
    Captured<SearchResult> search;
    h.session->uidSearch("ALL", search.callback());
    h.socket->resume();
    QTRY_VERIFY(search.done());
    THREADLINE_SCRIPT_DONE(h);
    QVERIFY(idled.ok()); // IDLE ended normally so the search could go out
    QVERIFY(search.ok());
}

void TestImapSessionCommands::idleUnsupported()
{
    SessionHarness h({preauthGreeting("")});
    THREADLINE_CONNECT(h);
    Captured<StatusResponse> idled;
    h.session->idle([](const MailboxEvent&) {}, idled.callback());
    QTRY_VERIFY(idled.done());
    QCOMPARE(idled.result->error().kind, SessionError::Kind::Unsupported);
    THREADLINE_SCRIPT_DONE(h);
}

void TestImapSessionCommands::idleConnectionLost()
{
    SessionHarness h({preauthGreeting("IDLE"), "C: t1 IDLE", "S: + idling", "S: * 1 EXISTS",
                      "X: error 103 connection reset"});
    THREADLINE_CONNECT(h);
    int events = 0;
    Captured<StatusResponse> idled;
    h.session->idle([&events](const MailboxEvent&) { ++events; }, idled.callback());
    QTRY_VERIFY(idled.done());
    QCOMPARE(idled.code(), Code::ConnectionLost);
    QCOMPARE(events, 1);
    QVERIFY(!h.session->isIdling());
    runQueuedWork();
    QCOMPARE(idled.calls, 1);
}

void TestImapSessionCommands::byeThenClose()
{
    // The server's words explain the loss.
    SessionHarness h({preauthGreeting(""), "C: t1 NOOP",
                      "S: * BYE Server shutting down for maintenance", "X: close"});
    THREADLINE_CONNECT(h);
    QSignalSpy disconnected(h.session.get(), &ImapSession::disconnected);
    Captured<StatusResponse> noop;
    h.session->noop(noop.callback());
    QTRY_VERIFY(noop.done());
    QCOMPARE(noop.code(), Code::ConnectionLost);
    QCOMPARE(noop.result->error().error.detail, u"Server shutting down for maintenance"_s);
    QCOMPARE(disconnected.count(), 1);
}

void TestImapSessionCommands::handlerMayAbort()
{
    // Stopping from inside a streaming handler (the user pressed Stop mid-fetch): the rest of
    // the read is dropped, every call completes once, nothing is touched after it is freed.
    SessionHarness h({preauthGreeting(""), "C: t1 UID FETCH 1:5 (FLAGS)",
                      "C: t2 UID FETCH 6:9 (FLAGS)", "S: * 1 FETCH (UID 1 FLAGS ())",
                      "S+ * 2 FETCH (UID 2 FLAGS ())", "S+ * 6 FETCH (UID 6 FLAGS ())",
                      "S+ t1 OK done"});
    THREADLINE_CONNECT(h);
    QList<quint32> uids;
    FetchRequest first = fetchOf(1, 5, &uids);
    first.onMessage = [&](const FetchResponse& fetch) {
        uids.append(*fetch.uid);
        h.session->abort();
    };
    QList<quint32> others;
    Captured<StatusResponse> a;
    Captured<StatusResponse> b;
    h.session->uidFetch(first, a.callback());
    h.session->uidFetch(fetchOf(6, 9, &others), b.callback());
    QTRY_VERIFY(a.done() && b.done());
    QCOMPARE(uids, QList<quint32>{1});
    QVERIFY(others.isEmpty());
    QCOMPARE(a.code(), Code::ConnectionLost);
    QCOMPARE(b.code(), Code::ConnectionLost);
    runQueuedWork();
    QCOMPARE(a.calls + b.calls, 2);
    QCOMPARE(h.session->state(), State::Disconnected);
}

QTEST_GUILESS_MAIN(TestImapSessionCommands)
#include "tst_imap_session_commands.moc"
