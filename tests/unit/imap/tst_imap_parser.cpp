// Parser rows: one per server response. "dovecot" rows are byte-exact Dovecot 2.3.19 output
// (tests/data/imap/dovecot/ holds the full traces); "rfc" rows are RFC examples; "quirk" rows
// are deviations seen from other servers.

#include "ImapTestPrinters.h"
#include "imap/ResponseFramer.h"
#include "imap/ResponseParser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <ctime>

using namespace threadline::imap;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray nil; // a NIL string is a null QByteArray

using S = StatusResponse::Status;
using K = ResponseCode::Kind;

Response status(QByteArray tag, S status, QString text, ResponseCode code = {})
{
    return StatusResponse{std::move(tag), status, std::move(code), std::move(text)};
}

ResponseCode code(K kind, QByteArray name, quint64 number = 0)
{
    ResponseCode c;
    c.kind = kind;
    c.name = std::move(name);
    c.number = number;
    return c;
}

ResponseCode codeWithAtoms(K kind, QByteArray name, QList<QByteArray> atoms)
{
    ResponseCode c = code(kind, std::move(name));
    c.atoms = std::move(atoms);
    return c;
}

SequenceSet uids(std::initializer_list<SequenceRange> ranges)
{
    SequenceSet set;
    for (const SequenceRange& r : ranges) {
        set.append(r.first, r.last);
    }
    return set;
}

Address addr(QByteArray name, QByteArray mailbox, QByteArray host)
{
    return Address{std::move(name), nil, std::move(mailbox), std::move(host)};
}

BodyPart leaf(QByteArray type, QByteArray subtype, BodyPart::Parameters parameters,
              QByteArray encoding, quint64 size, quint64 lines = 0)
{
    BodyPart part;
    part.type = std::move(type);
    part.subtype = std::move(subtype);
    part.parameters = std::move(parameters);
    part.encoding = std::move(encoding);
    part.size = size;
    part.lines = lines;
    return part;
}

BodyPart multipart(QByteArray subtype, std::vector<BodyPart> children,
                   BodyPart::Parameters parameters = {})
{
    BodyPart part;
    part.type = "multipart";
    part.subtype = std::move(subtype);
    part.children = std::move(children);
    part.parameters = std::move(parameters);
    return part;
}

FetchResponse fetch(quint32 sequenceNumber, std::optional<quint32> uid = std::nullopt)
{
    FetchResponse f;
    f.sequenceNumber = sequenceNumber;
    f.uid = uid;
    return f;
}

FetchSection section(QByteArray part, QByteArray text, QByteArray data,
                     std::optional<quint32> origin = std::nullopt)
{
    FetchSection s;
    s.part = std::move(part);
    s.text = std::move(text);
    s.data = std::move(data);
    s.origin = origin;
    return s;
}

ListResponse listResponse(QList<QByteArray> attributes, QChar delimiter, QByteArray encoded,
                          QString name, ListResponse::Kind kind = ListResponse::Kind::List)
{
    return ListResponse{kind, std::move(attributes), delimiter, std::move(encoded),
                        std::move(name)};
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

QString dovecotTraceDir()
{
    return qEnvironmentVariable("THREADLINE_SOURCE_DIR") + u"/tests/data/imap/dovecot"_s;
}

QList<QByteArray> frameAll(const QByteArray& stream)
{
    ResponseFramer framer;
    framer.feed(stream);
    QList<QByteArray> out;
    while (auto response = framer.next()) {
        out.append(*response);
    }
    return out;
}

} // namespace

class TestImapParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void greeting_data();
    void greeting();
    void emptyMailboxSelect();
    void nilVersusEmpty();
    void eightBitKeptAsBytes();
    void dovecotTraces_data();
    void dovecotTraces();
    void partAt_data();
    void partAt();
    void fetchSectionLookup();
    void speedOfFlagResync();
    void speedOfEnvelopeAndStructure();
};

void TestImapParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Response>("expected");

    // --- status responses and codes ---
    QTest::newRow("dovecot greeting with capability code")
        << QByteArray("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ "
                      "AUTH=PLAIN AUTH=LOGIN] Dovecot (Debian) ready.\r\n")
        << status({}, S::Ok, u"Dovecot (Debian) ready."_s,
                  codeWithAtoms(K::Capability, "CAPABILITY",
                                {"IMAP4REV1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE",
                                 "LITERAL+", "AUTH=PLAIN", "AUTH=LOGIN"}));
    QTest::newRow("dovecot tagged ok without code")
        << QByteArray("a2 OK Logged in\r\n") << status("a2", S::Ok, u"Logged in"_s);
    QTest::newRow("dovecot read-write")
        << QByteArray("a10 OK [READ-WRITE] Select completed (0.005 + 0.000 + 0.004 secs).\r\n")
        << status("a10", S::Ok, u"Select completed (0.005 + 0.000 + 0.004 secs)."_s,
                  code(K::ReadWrite, "READ-WRITE"));
    QTest::newRow("dovecot read-only")
        << QByteArray("a44 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).\r\n")
        << status("a44", S::Ok, u"Examine completed (0.001 + 0.000 secs)."_s,
                  code(K::ReadOnly, "READ-ONLY"));
    QTest::newRow("dovecot uidvalidity")
        << QByteArray("* OK [UIDVALIDITY 1795746537] UIDs valid\r\n")
        << status({}, S::Ok, u"UIDs valid"_s, code(K::UidValidity, "UIDVALIDITY", 1795746537));
    QTest::newRow("dovecot uidnext of empty mailbox")
        << QByteArray("* OK [UIDNEXT 1] Predicted next UID\r\n")
        << status({}, S::Ok, u"Predicted next UID"_s, code(K::UidNext, "UIDNEXT", 1));
    QTest::newRow("dovecot highestmodseq")
        << QByteArray("* OK [HIGHESTMODSEQ 1] Highest\r\n")
        << status({}, S::Ok, u"Highest"_s, code(K::HighestModSeq, "HIGHESTMODSEQ", 1));
    QTest::newRow("rfc7162 highestmodseq 63-bit")
        << QByteArray("* OK [HIGHESTMODSEQ 9223372036854775807] Highest\r\n")
        << status({}, S::Ok, u"Highest"_s,
                  code(K::HighestModSeq, "HIGHESTMODSEQ", 9223372036854775807ull));
    QTest::newRow("rfc7162 nomodseq")
        << QByteArray("* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences\r\n")
        << status({}, S::Ok, u"Sorry, this mailbox format doesn't support modsequences"_s,
                  code(K::NoModSeq, "NOMODSEQ"));
    QTest::newRow("rfc3501 unseen")
        << QByteArray("* OK [UNSEEN 12] Message 12 is first unseen\r\n")
        << status({}, S::Ok, u"Message 12 is first unseen"_s, code(K::Unseen, "UNSEEN", 12));
    QTest::newRow("dovecot permanentflags")
        << QByteArray("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1 "
                      "\\*)] Flags permitted.\r\n")
        << status({}, S::Ok, u"Flags permitted."_s,
                  codeWithAtoms(K::PermanentFlags, "PERMANENTFLAGS",
                                {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft",
                                 "$Label1", "\\*"}));
    QTest::newRow("dovecot permanentflags empty (read-only)")
        << QByteArray("* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n")
        << status({}, S::Ok, u"Read-only mailbox."_s,
                  codeWithAtoms(K::PermanentFlags, "PERMANENTFLAGS", {}));
    QTest::newRow("dovecot closed")
        << QByteArray("* OK [CLOSED] Previous mailbox closed.\r\n")
        << status({}, S::Ok, u"Previous mailbox closed."_s, code(K::Closed, "CLOSED"));
    {
        ResponseCode c = code(K::AppendUid, "APPENDUID", 1795746536);
        c.uids = uids({{1, 1}});
        QTest::newRow("dovecot appenduid")
            << QByteArray("a12 OK [APPENDUID 1795746536 1] Append completed (0.004 + 0.000 + "
                          "0.003 secs).\r\n")
            << status("a12", S::Ok, u"Append completed (0.004 + 0.000 + 0.003 secs)."_s, c);
    }
    {
        ResponseCode c = code(K::AppendUid, "APPENDUID", 38505);
        c.uids = uids({{3955, 3960}});
        QTest::newRow("rfc4315 appenduid multiappend set")
            << QByteArray("A003 OK [APPENDUID 38505 3955:3960] MULTIAPPEND completed\r\n")
            << status("A003", S::Ok, u"MULTIAPPEND completed"_s, c);
    }
    {
        ResponseCode c = code(K::CopyUid, "COPYUID", 1795746538);
        c.uids = uids({{1, 3}});
        c.destinationUids = uids({{1, 3}});
        QTest::newRow("dovecot copyuid")
            << QByteArray("a38 OK [COPYUID 1795746538 1:3 1:3] Copy completed (0.003 + 0.000 + "
                          "0.002 secs).\r\n")
            << status("a38", S::Ok, u"Copy completed (0.003 + 0.000 + 0.002 secs)."_s, c);
    }
    {
        ResponseCode c = code(K::CopyUid, "COPYUID", 38505);
        c.uids = uids({{304, 304}, {319, 320}});
        c.destinationUids = uids({{3956, 3958}});
        QTest::newRow("rfc4315 copyuid sets")
            << QByteArray("A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n")
            << status("A004", S::Ok, u"Done"_s, c);
    }
    {
        ResponseCode c = code(K::CopyUid, "COPYUID", 1795746538);
        c.uids = uids({{5, 5}});
        c.destinationUids = uids({{4, 4}});
        QTest::newRow("dovecot untagged copyuid of MOVE")
            << QByteArray("* OK [COPYUID 1795746538 5 4] Moved UIDs.\r\n")
            << status({}, S::Ok, u"Moved UIDs."_s, c);
    }
    {
        ResponseCode c = code(K::Modified, "MODIFIED");
        c.uids = uids({{1, 5}});
        QTest::newRow("dovecot modified")
            << QByteArray(
                   "a32 OK [MODIFIED 1:5] Conditional store failed (0.001 + 0.000 secs).\r\n")
            << status("a32", S::Ok, u"Conditional store failed (0.001 + 0.000 secs)."_s, c);
    }
    QTest::newRow("dovecot authenticationfailed")
        << QByteArray("b1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")
        << status("b1", S::No, u"Authentication failed."_s,
                  code(K::AuthenticationFailed, "AUTHENTICATIONFAILED"));
    QTest::newRow("dovecot no without code")
        << QByteArray("a46 NO Mailbox doesn't exist: Nonexistent (0.001 + 0.000 secs).\r\n")
        << status("a46", S::No, u"Mailbox doesn't exist: Nonexistent (0.001 + 0.000 secs)."_s);
    QTest::newRow("dovecot bad")
        << QByteArray(
               "a45 BAD Error in IMAP command FOO: Unknown command (0.001 + 0.000 secs).\r\n")
        << status("a45", S::Bad,
                  u"Error in IMAP command FOO: Unknown command (0.001 + 0.000 secs)."_s);
    QTest::newRow("dovecot sasl abort")
        << QByteArray("b3 BAD Authentication aborted by client.\r\n")
        << status("b3", S::Bad, u"Authentication aborted by client."_s);
    QTest::newRow("rfc3501 trycreate")
        << QByteArray("A003 NO [TRYCREATE] No such mailbox\r\n")
        << status("A003", S::No, u"No such mailbox"_s, code(K::TryCreate, "TRYCREATE"));
    QTest::newRow("rfc3501 alert")
        << QByteArray("* OK [ALERT] System shutdown in 10 minutes\r\n")
        << status({}, S::Ok, u"System shutdown in 10 minutes"_s, code(K::Alert, "ALERT"));
    QTest::newRow("rfc5530 overquota")
        << QByteArray("A1 NO [OVERQUOTA] Sorry\r\n")
        << status("A1", S::No, u"Sorry"_s, code(K::OverQuota, "OVERQUOTA"));
    QTest::newRow("rfc5530 unavailable")
        << QByteArray("a1 NO [UNAVAILABLE] User's backend down for maintenance\r\n")
        << status("a1", S::No, u"User's backend down for maintenance"_s,
                  code(K::Unavailable, "UNAVAILABLE"));
    QTest::newRow("rfc5530 privacyrequired")
        << QByteArray("c1 NO [PRIVACYREQUIRED] Connection offers no privacy\r\n")
        << status("c1", S::No, u"Connection offers no privacy"_s,
                  code(K::PrivacyRequired, "PRIVACYREQUIRED"));
    QTest::newRow("rfc3501 badcharset with list")
        << QByteArray("A1 NO [BADCHARSET (UTF-8 \"ISO-8859-1\")] charset not supported\r\n")
        << status("A1", S::No, u"charset not supported"_s,
                  codeWithAtoms(K::BadCharset, "BADCHARSET", {"UTF-8", "ISO-8859-1"}));
    {
        ResponseCode c = code(K::Other, "REFERRAL");
        c.text = "imap://user;AUTH=*@SERVER2/";
        QTest::newRow("rfc2221 unknown code keeps its text")
            << QByteArray("A001 NO [REFERRAL imap://user;AUTH=*@SERVER2/] Remote Server\r\n")
            << status("A001", S::No, u"Remote Server"_s, c);
    }
    QTest::newRow("gmail webalert-like unknown code without args")
        << QByteArray("* NO [WEBALERT] Web login required\r\n")
        << status({}, S::No, u"Web login required"_s, code(K::Other, "WEBALERT"));
    QTest::newRow("dovecot bye") << QByteArray("* BYE Logging out\r\n")
                                 << status({}, S::Bye, u"Logging out"_s);
    QTest::newRow("rfc3501 preauth")
        << QByteArray("* PREAUTH IMAP4rev1 server logged in as Smith\r\n")
        << status({}, S::PreAuth, u"IMAP4rev1 server logged in as Smith"_s);
    QTest::newRow("quirk status without text")
        << QByteArray("a1 OK\r\n") << status("a1", S::Ok, {});
    QTest::newRow("quirk code without text")
        << QByteArray("* OK [READ-WRITE]\r\n")
        << status({}, S::Ok, {}, code(K::ReadWrite, "READ-WRITE"));
    QTest::newRow("quirk lower-case status and code")
        << QByteArray("* ok [uidnext 7] next\r\n")
        << status({}, S::Ok, u"next"_s, code(K::UidNext, "UIDNEXT", 7));
    QTest::newRow("quirk bare LF line end")
        << QByteArray("a1 OK done\n") << status("a1", S::Ok, u"done"_s);
    QTest::newRow("quirk utf-8 in text")
        << QByteArray("a1 NO Passwort falsch \xe2\x80\x93 bitte pr\xc3\xbc"
                      "fen\r\n")
        << status("a1", S::No, u"Passwort falsch – bitte prüfen"_s);

    // --- continuation requests ---
    QTest::newRow("dovecot sasl empty challenge")
        << QByteArray("+ \r\n") << Response(ContinuationRequest{""});
    QTest::newRow("dovecot sasl LOGIN challenge")
        << QByteArray("+ VXNlcm5hbWU6\r\n") << Response(ContinuationRequest{"VXNlcm5hbWU6"});
    QTest::newRow("dovecot literal ok")
        << QByteArray("+ OK\r\n") << Response(ContinuationRequest{"OK"});
    QTest::newRow("dovecot idling")
        << QByteArray("+ idling\r\n") << Response(ContinuationRequest{"idling"});
    QTest::newRow("quirk bare plus") << QByteArray("+\r\n") << Response(ContinuationRequest{""});

    // --- capability, enabled ---
    QTest::newRow("dovecot capability after login")
        << QByteArray("* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT "
                      "SORT=DISPLAY CONDSTORE QRESYNC ESEARCH SPECIAL-USE LITERAL+ MOVE\r\n")
        << Response(CapabilityResponse{{"IMAP4REV1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE",
                                        "IDLE", "SORT", "SORT=DISPLAY", "CONDSTORE", "QRESYNC",
                                        "ESEARCH", "SPECIAL-USE", "LITERAL+", "MOVE"}});
    QTest::newRow("quirk capability trailing space")
        << QByteArray("* CAPABILITY IMAP4rev1 \r\n") << Response(CapabilityResponse{{"IMAP4REV1"}});
    QTest::newRow("dovecot enabled") << QByteArray("* ENABLED QRESYNC CONDSTORE\r\n")
                                     << Response(EnabledResponse{{"QRESYNC", "CONDSTORE"}});

    // --- LIST / LSUB ---
    QTest::newRow("dovecot list special-use sent")
        << QByteArray("* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n")
        << Response(listResponse({"\\HasNoChildren", "\\Sent"}, u'/', "Sent", u"Sent"_s));
    QTest::newRow("dovecot list inbox")
        << QByteArray("* LIST (\\HasNoChildren) \"/\" INBOX\r\n")
        << Response(listResponse({"\\HasNoChildren"}, u'/', "INBOX", u"INBOX"_s));
    QTest::newRow("dovecot list subscribed special-use")
        << QByteArray("* LIST (\\Subscribed \\HasNoChildren \\Drafts) \"/\" Drafts\r\n")
        << Response(listResponse({"\\Subscribed", "\\HasNoChildren", "\\Drafts"}, u'/', "Drafts",
                                 u"Drafts"_s));
    QTest::newRow("dovecot list modified utf-7")
        << QByteArray("* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe/&IKw--&AMk-t&AOk-\r\n")
        << Response(listResponse({"\\HasNoChildren"}, u'/', "Entw&APw-rfe/&IKw--&AMk-t&AOk-",
                                 u"Entwürfe/€-Été"_s));
    QTest::newRow("dovecot list quoted name with escapes and ampersand")
        << QByteArray("* LIST (\\HasNoChildren) \"/\" \"R&-D \\\"x\\\"\"\r\n")
        << Response(listResponse({"\\HasNoChildren"}, u'/', "R&-D \"x\"", u"R&D \"x\""_s));
    QTest::newRow("dovecot list noselect")
        << QByteArray("* LIST (\\Noselect \\HasChildren) \"/\" Entw&APw-rfe\r\n")
        << Response(
               listResponse({"\\Noselect", "\\HasChildren"}, u'/', "Entw&APw-rfe", u"Entwürfe"_s));
    QTest::newRow("dovecot list-status empty attributes")
        << QByteArray("* LIST () \"/\" Sent\r\n")
        << Response(listResponse({}, u'/', "Sent", u"Sent"_s));
    QTest::newRow("rfc3501 list nil delimiter")
        << QByteArray("* LIST (\\Noselect) NIL \"\"\r\n")
        << Response(listResponse({"\\Noselect"}, QChar(), "", QString()));
    QTest::newRow("rfc3501 list backslash delimiter")
        << QByteArray("* LIST () \"\\\\\" \"Foo\\\\Bar\"\r\n")
        << Response(listResponse({}, u'\\', "Foo\\Bar", u"Foo\\Bar"_s));
    QTest::newRow("rfc3501 mutf7 example")
        << QByteArray("* LIST () \"/\" ~peter/mail/&U,BTFw-/&ZeVnLIqe-\r\n")
        << Response(listResponse({}, u'/', "~peter/mail/&U,BTFw-/&ZeVnLIqe-",
                                 u"~peter/mail/台北/日本語"_s));
    QTest::newRow("quirk lower-case inbox")
        << QByteArray("* LIST (\\HasNoChildren) \".\" inbox\r\n")
        << Response(listResponse({"\\HasNoChildren"}, u'.', "inbox", u"INBOX"_s));
    QTest::newRow("quirk mailbox name as literal")
        << QByteArray("* LIST () \"/\" {9}\r\nOdd\"Name)\r\n")
        << Response(listResponse({}, u'/', "Odd\"Name)", u"Odd\"Name)"_s));
    QTest::newRow("rfc6855 raw utf-8 name") << QByteArray("* LIST () \"/\" \"Entw\xc3\xbc"
                                                          "rfe\"\r\n")
                                            << Response(listResponse({}, u'/',
                                                                     "Entw\xc3\xbc"
                                                                     "rfe",
                                                                     u"Entwürfe"_s));
    QTest::newRow("rfc5258 list-extended childinfo")
        << QByteArray("* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n")
        << Response(listResponse({"\\Subscribed"}, u'/', "Foo", u"Foo"_s));
    QTest::newRow("gmail xlist")
        << QByteArray("* XLIST (\\HasNoChildren \\Sent) \"/\" \"[Gmail]/Sent Mail\"\r\n")
        << Response(listResponse({"\\HasNoChildren", "\\Sent"}, u'/', "[Gmail]/Sent Mail",
                                 u"[Gmail]/Sent Mail"_s));
    QTest::newRow("dovecot lsub") << QByteArray("* LSUB (\\Sent) \"/\" Sent\r\n")
                                  << Response(listResponse({"\\Sent"}, u'/', "Sent", u"Sent"_s,
                                                           ListResponse::Kind::Lsub));

    // --- STATUS ---
    {
        MailboxStatusResponse s;
        s.encodedName = "Trash";
        s.name = u"Trash"_s;
        s.messages = 0;
        s.recent = 0;
        s.uidNext = 1;
        s.uidValidity = 1795746538;
        s.unseen = 0;
        s.highestModSeq = 1;
        QTest::newRow("dovecot status of empty mailbox")
            << QByteArray("* STATUS Trash (MESSAGES 0 RECENT 0 UIDNEXT 1 UIDVALIDITY 1795746538 "
                          "UNSEEN 0 HIGHESTMODSEQ 1)\r\n")
            << Response(s);
    }
    {
        MailboxStatusResponse s;
        s.encodedName = "R&-D \"x\"";
        s.name = u"R&D \"x\""_s;
        s.messages = 0;
        s.uidNext = 1;
        QTest::newRow("dovecot list-status quoted name")
            << QByteArray("* STATUS \"R&-D \\\"x\\\"\" (MESSAGES 0 UIDNEXT 1)\r\n") << Response(s);
    }
    {
        MailboxStatusResponse s;
        s.encodedName = "INBOX";
        s.name = u"INBOX"_s;
        s.messages = 3;
        s.size = 123456;
        QTest::newRow("rfc8438 size and unknown items skipped")
            << QByteArray("* STATUS INBOX (MESSAGES 3 SIZE 123456 APPENDLIMIT NIL X-FOO (1 2))\r\n")
            << Response(s);
    }

    // --- mailbox size and flags ---
    QTest::newRow("dovecot flags")
        << QByteArray("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n")
        << Response(FlagsResponse{{"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"}});
    QTest::newRow("dovecot empty mailbox exists")
        << QByteArray("* 0 EXISTS\r\n") << Response(ExistsResponse{0});
    QTest::newRow("dovecot empty mailbox recent")
        << QByteArray("* 0 RECENT\r\n") << Response(RecentResponse{0});
    QTest::newRow("rfc3501 exists")
        << QByteArray("* 23 EXISTS\r\n") << Response(ExistsResponse{23});
    QTest::newRow("rfc3501 expunge")
        << QByteArray("* 3 EXPUNGE\r\n") << Response(ExpungeResponse{3});

    // --- VANISHED ---
    QTest::newRow("dovecot vanished") << QByteArray("* VANISHED 2,4\r\n")
                                      << Response(VanishedResponse{false, uids({{2, 2}, {4, 4}})});
    QTest::newRow("dovecot vanished earlier")
        << QByteArray("* VANISHED (EARLIER) 2,4\r\n")
        << Response(VanishedResponse{true, uids({{2, 2}, {4, 4}})});
    QTest::newRow("rfc7162 vanished earlier ranges")
        << QByteArray("* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n")
        << Response(VanishedResponse{
               true, uids({{41, 41}, {43, 116}, {118, 118}, {120, 211}, {214, 540}})});
    QTest::newRow("vanished whole uid space stays one range")
        << QByteArray("* VANISHED (EARLIER) 1:4294967294\r\n")
        << Response(VanishedResponse{true, uids({{1, 4294967294u}})});

    // --- SEARCH / ESEARCH ---
    QTest::newRow("dovecot search")
        << QByteArray("* SEARCH 1 2 3 4 5\r\n") << Response(SearchResponse{{1, 2, 3, 4, 5}, {}});
    QTest::newRow("dovecot search empty")
        << QByteArray("* SEARCH\r\n") << Response(SearchResponse{});
    QTest::newRow("dovecot search modseq") << QByteArray("* SEARCH 1 2 3 4 5 (MODSEQ 12)\r\n")
                                           << Response(SearchResponse{{1, 2, 3, 4, 5}, 12});
    QTest::newRow("quirk search trailing space")
        << QByteArray("* SEARCH 7 \r\n") << Response(SearchResponse{{7}, {}});
    {
        EsearchResponse e;
        e.tag = "a35";
        e.uid = true;
        e.min = 1;
        e.max = 5;
        e.all = uids({{1, 5}});
        e.count = 5;
        QTest::newRow("dovecot esearch")
            << QByteArray("* ESEARCH (TAG \"a35\") UID MIN 1 MAX 5 ALL 1:5 COUNT 5\r\n")
            << Response(e);
    }
    {
        EsearchResponse e;
        e.tag = "a36";
        e.uid = true;
        e.count = 0;
        QTest::newRow("dovecot esearch nothing found")
            << QByteArray("* ESEARCH (TAG \"a36\") UID COUNT 0\r\n") << Response(e);
    }
    {
        EsearchResponse e;
        e.tag = "A285";
        e.uid = true;
        e.min = 7;
        e.modSeq = 3528;
        QTest::newRow("rfc7162 esearch modseq")
            << QByteArray("* ESEARCH (TAG \"A285\") UID MIN 7 MODSEQ 3528\r\n") << Response(e);
    }
    {
        EsearchResponse e;
        e.all = uids({{2, 2}, {10, 15}, {21, 21}});
        e.count = 8;
        QTest::newRow("rfc4731 esearch without tag and unknown data")
            << QByteArray("* ESEARCH ALL 2,10:15,21 COUNT 8 PARTIAL (1:10 2,10:15)\r\n")
            << Response(e);
    }

    // --- FETCH: flags, dates, sizes ---
    {
        FetchResponse f = fetch(1, 1);
        f.flags = QList<QByteArray>{"\\Seen", "\\Recent", "$Label1"};
        f.internalDate = QDateTime(QDate(2026, 11, 27), QTime(2, 28, 54), Qt::UTC);
        f.rfc822Size = 320;
        f.modSeq = 3;
        QTest::newRow("dovecot fetch uid flags internaldate size modseq")
            << QByteArray("* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent $Label1) INTERNALDATE "
                          "\"27-Nov-2026 02:28:54 +0000\" RFC822.SIZE 320 MODSEQ (3))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(1, 1);
        f.modSeq = 12;
        f.flags = QList<QByteArray>{"\\Flagged", "\\Seen", "\\Recent", "$Label1"};
        QTest::newRow("dovecot store echo")
            << QByteArray(
                   "* 1 FETCH (UID 1 MODSEQ (12) FLAGS (\\Flagged \\Seen \\Recent $Label1))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(2, 3);
        f.flags = QList<QByteArray>{};
        QTest::newRow("fetch empty flags")
            << QByteArray("* 2 FETCH (UID 3 FLAGS ())\r\n") << Response(f);
    }
    {
        FetchResponse f = fetch(12);
        f.flags = QList<QByteArray>{"\\Seen"};
        f.internalDate = QDateTime(QDate(1996, 7, 17), QTime(9, 44, 25), Qt::UTC);
        f.rfc822Size = 4286;
        QTest::newRow("rfc3501 fetch with offset date and space-padded day")
            << QByteArray("* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
                          "RFC822.SIZE 4286)\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(3);
        f.internalDate = QDateTime(QDate(2024, 3, 7), QTime(8, 0, 0), Qt::UTC);
        QTest::newRow("rfc3501 date-day-fixed with leading space")
            << QByteArray("* 3 FETCH (INTERNALDATE \" 7-Mar-2024 09:00:00 +0100\")\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(5, 9);
        f.flags = QList<QByteArray>{"\\Seen", "\\Answered"};
        QTest::newRow("quirk system flags in other case are normalised")
            << QByteArray("* 5 FETCH (UID 9 FLAGS (\\SEEN \\answered))\r\n") << Response(f);
    }
    {
        FetchResponse f = fetch(4, 44);
        QTest::newRow("quirk double spaces")
            << QByteArray("* 4 FETCH  (UID  44 )\r\n") << Response(f);
    }
    {
        FetchResponse f = fetch(1, 10);
        f.flags = QList<QByteArray>{"\\Seen"};
        QTest::newRow("gmail extension items are skipped")
            << QByteArray(
                   "* 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-MSGID 1278455344230334865 "
                   "X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\") UID 10 "
                   "FLAGS (\\Seen) EMAILID (M6d99ac3275bb4e) BINARY.SIZE[1] 17 "
                   "PREVIEW {5}\r\nhello)\r\n")
            << Response(f);
    }

    // --- FETCH: ENVELOPE ---
    {
        FetchResponse f = fetch(1, 1);
        Envelope e;
        e.date = "Mon, 7 Feb 1994 21:52:25 -0800";
        e.subject = "afternoon meeting";
        const Address fred = addr("Fred Foobar", "foobar", "Blurdybloop.example");
        e.from = {fred};
        e.sender = {fred};
        e.replyTo = {fred};
        e.to = {addr(nil, "mooch", "owatagu.siam.edu.example")};
        e.messageId = "<B27397-0100000@Blurdybloop.example>";
        f.envelope = e;
        QTest::newRow("dovecot envelope (rfc3501 example message)")
            << QByteArray(
                   "* 1 FETCH (UID 1 ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" \"afternoon "
                   "meeting\" ((\"Fred Foobar\" NIL \"foobar\" \"Blurdybloop.example\")) "
                   "((\"Fred Foobar\" NIL \"foobar\" \"Blurdybloop.example\")) ((\"Fred Foobar\" "
                   "NIL \"foobar\" \"Blurdybloop.example\")) ((NIL NIL \"mooch\" "
                   "\"owatagu.siam.edu.example\")) NIL NIL NIL "
                   "\"<B27397-0100000@Blurdybloop.example>\"))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(2, 2);
        Envelope e;
        e.date = "Tue, 12 Mar 2024 10:00:00 +0100";
        e.subject = "=?UTF-8?B?UXVhcnRhbHNiZXJpY2h0IMOcYmVyc2ljaHQ=?=";
        const Address rene = addr("=?UTF-8?Q?Ren=C3=A9_Dupont?=", "rene", "example.test");
        e.from = {rene};
        e.sender = {rene};
        e.replyTo = {addr(nil, "sales", "example.test")};
        e.to = {addr(nil, "Team", nil), addr(nil, "alice", "example.test"),
                addr("Bob \"B\" Jones", "bob", "example.test"), addr(nil, nil, nil),
                addr(nil, "carol", "example.test")};
        e.cc = {addr(nil, "undisclosed-recipients", nil), addr(nil, nil, nil)};
        e.inReplyTo = "<prev-1@example.test>";
        e.messageId = "<multi-1@example.test>";
        f.envelope = e;
        QTest::newRow("dovecot envelope group syntax and literal name")
            << QByteArray("* 2 FETCH (UID 2 ENVELOPE (\"Tue, 12 Mar 2024 10:00:00 +0100\" "
                          "\"=?UTF-8?B?UXVhcnRhbHNiZXJpY2h0IMOcYmVyc2ljaHQ=?=\" "
                          "((\"=?UTF-8?Q?Ren=C3=A9_Dupont?=\" NIL \"rene\" \"example.test\")) "
                          "((\"=?UTF-8?Q?Ren=C3=A9_Dupont?=\" NIL \"rene\" \"example.test\")) "
                          "((NIL NIL \"sales\" \"example.test\")) ((NIL NIL \"Team\" NIL)(NIL NIL "
                          "\"alice\" \"example.test\")({13}\r\nBob \"B\" Jones NIL \"bob\" "
                          "\"example.test\")(NIL NIL NIL NIL)(NIL NIL \"carol\" \"example.test\")) "
                          "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL "
                          "\"<prev-1@example.test>\" \"<multi-1@example.test>\"))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(3, 3);
        Envelope e;
        e.date = "Thu, 14 Mar 2024 08:00:00 +0000";
        e.subject = "Gr\xc3\xbc\xc3\x9f"
                    "e aus K\xc3\xb6ln";
        const Address juergen = addr("J\xc3\xbcrgen M\xc3\xbcller", "juergen", "example.test");
        e.from = {juergen};
        e.sender = {juergen};
        e.replyTo = {juergen};
        e.to = {addr(nil, "kunde", "example.test")};
        e.messageId = "<8bit-1@example.test>";
        f.envelope = e;
        QTest::newRow("dovecot envelope 8-bit header as literals")
            << QByteArray(
                   "* 3 FETCH (UID 3 ENVELOPE (\"Thu, 14 Mar 2024 08:00:00 +0000\" {17}\r\n"
                   "Gr\xc3\xbc\xc3\x9f"
                   "e aus K\xc3\xb6ln (("
                   "{15}\r\nJ\xc3\xbcrgen M\xc3\xbcller NIL "
                   "\"juergen\" \"example.test\")) (({15}\r\nJ\xc3\xbcrgen M\xc3\xbcller NIL "
                   "\"juergen\" \"example.test\")) (({15}\r\nJ\xc3\xbcrgen M\xc3\xbcller NIL "
                   "\"juergen\" \"example.test\")) ((NIL NIL \"kunde\" \"example.test\")) NIL "
                   "NIL NIL \"<8bit-1@example.test>\"))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(4, 4);
        Envelope e;
        e.subject = "";
        const Address nobody = addr(nil, "nobody", "example.test");
        e.from = {nobody};
        e.sender = {nobody};
        e.replyTo = {nobody};
        f.envelope = e;
        QTest::newRow("dovecot envelope without date and message-id")
            << QByteArray(
                   "* 4 FETCH (UID 4 ENVELOPE (NIL \"\" ((NIL NIL \"nobody\" \"example.test\")) "
                   "((NIL NIL \"nobody\" \"example.test\")) ((NIL NIL \"nobody\" "
                   "\"example.test\")) NIL NIL NIL NIL NIL))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(5, 5);
        Envelope e;
        e.subject = "line with \"quotes\" and \\\\ backslash";
        const Address q = addr("Quote \\ backslash", "q", "example.test");
        e.from = {q};
        e.sender = {q};
        e.replyTo = {q};
        e.to = {addr("Semi; colon", "s", "example.test")};
        f.envelope = e;
        QTest::newRow("dovecot envelope quotes and backslashes as literals")
            << QByteArray("* 5 FETCH (UID 5 ENVELOPE (NIL {35}\r\nline with \"quotes\" and \\\\ "
                          "backslash (({17}\r\nQuote \\ backslash NIL \"q\" \"example.test\")) "
                          "(({17}\r\nQuote \\ backslash NIL \"q\" \"example.test\")) (({17}\r\n"
                          "Quote \\ backslash NIL \"q\" \"example.test\")) ((\"Semi; colon\" NIL "
                          "\"s\" \"example.test\")) NIL NIL NIL NIL))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(9);
        f.envelope = Envelope{};
        QTest::newRow("envelope NIL everywhere")
            << QByteArray("* 9 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(9);
        Envelope e;
        e.subject = "x";
        e.from = {Address{"A", "@relay.example", "a", "example.test"}};
        f.envelope = e;
        QTest::newRow("envelope with source route and escaped quote")
            << QByteArray("* 9 FETCH (ENVELOPE (NIL \"x\" ((\"A\" \"@relay.example\" \"a\" "
                          "\"example.test\")) NIL NIL NIL NIL NIL NIL NIL))\r\n")
            << Response(f);
    }

    // --- FETCH: BODYSTRUCTURE and BODY ---
    {
        FetchResponse f = fetch(1, 1);
        f.body = leaf("text", "plain", {{"charset", "us-ascii"}}, "7bit", 55, 1);
        QTest::newRow("dovecot bodystructure text/plain")
            << QByteArray("* 1 FETCH (UID 1 BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" "
                          "\"us-ascii\") NIL NIL \"7bit\" 55 1 NIL NIL NIL NIL))\r\n")
            << Response(f);
        QTest::newRow("dovecot body (non-extensible) text/plain")
            << QByteArray(
                   "* 1 FETCH (UID 1 BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL "
                   "NIL \"7bit\" 55 1))\r\n")
            << Response(f);
    }
    {
        BodyPart plain = leaf("text", "plain", {{"charset", "utf-8"}}, "quoted-printable", 14, 0);
        BodyPart html = leaf("text", "html", {{"charset", "utf-8"}}, "8bit", 17, 0);
        BodyPart alternative = multipart("alternative", {plain, html}, {{"boundary", "inner"}});
        BodyPart pdf = leaf("application", "pdf", {{"name", "Bericht Q1.pdf"}}, "base64", 20);
        pdf.id = "<pdf1@example.test>";
        pdf.description = "Quarterly report";
        pdf.disposition = "attachment";
        pdf.dispositionParameters = {{"filename", "Bericht Q1.pdf"}, {"size", "12"}};
        pdf.language = {"de", "en"};
        pdf.location = "http://example.test/b.pdf";
        BodyPart message = leaf("message", "rfc822", {}, "7bit", 156, 6);
        Envelope inner;
        inner.date = "Wed, 13 Mar 2024 09:00:00 +0000";
        inner.subject = "forwarded";
        inner.from = inner.sender = inner.replyTo = {addr(nil, "inner", "example.test")};
        inner.to = {addr(nil, "rene", "example.test")};
        inner.messageId = "<inner-1@example.test>";
        message.envelope = inner;
        message.children = {leaf("text", "plain", {{"charset", "us-ascii"}}, "7bit", 10, 0)};
        FetchResponse f = fetch(2, 2);
        f.body = multipart("mixed", {alternative, pdf, message}, {{"boundary", "outer"}});
        QTest::newRow("dovecot bodystructure nested multipart with attachment and message/rfc822")
            << QByteArray(
                   "* 2 FETCH (UID 2 BODYSTRUCTURE (((\"text\" \"plain\" (\"charset\" \"utf-8\") "
                   "NIL "
                   "NIL \"quoted-printable\" 14 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" "
                   "\"utf-8\") NIL NIL \"8bit\" 17 0 NIL NIL NIL NIL) \"alternative\" "
                   "(\"boundary\" "
                   "\"inner\") NIL NIL NIL)(\"application\" \"pdf\" (\"name\" \"Bericht Q1.pdf\") "
                   "\"<pdf1@example.test>\" \"Quarterly report\" \"base64\" 20 NIL (\"attachment\" "
                   "(\"filename\" \"Bericht Q1.pdf\" \"size\" \"12\")) (\"de\" \"en\") "
                   "\"http://example.test/b.pdf\")(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 156 "
                   "(\"Wed, 13 Mar 2024 09:00:00 +0000\" \"forwarded\" ((NIL NIL \"inner\" "
                   "\"example.test\")) ((NIL NIL \"inner\" \"example.test\")) ((NIL NIL \"inner\" "
                   "\"example.test\")) ((NIL NIL \"rene\" \"example.test\")) NIL NIL NIL "
                   "\"<inner-1@example.test>\") (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL "
                   "NIL \"7bit\" 10 0 NIL NIL NIL NIL) 6 NIL NIL NIL NIL) \"mixed\" (\"boundary\" "
                   "\"outer\") NIL NIL NIL))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(4, 4);
        f.body =
            leaf("text", "plain", {{"charset", "weird name"}, {"format", "flowed"}}, "7bit", 61, 1);
        QTest::newRow("dovecot bodystructure parameter with space")
            << QByteArray(
                   "* 4 FETCH (UID 4 BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"weird "
                   "name\" \"format\" \"flowed\") NIL NIL \"7bit\" 61 1 NIL NIL NIL NIL))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(12);
        BodyPart plain = leaf("text", "plain", {{"charset", "US-ASCII"}}, "7bit", 1152, 23);
        BodyPart gif = leaf("text", "plain", {{"charset", "US-ASCII"}, {"name", "cc.diff"}},
                            "base64", 4554, 73);
        gif.id = "<960723163407.20117h@cac.washington.edu>";
        gif.description = "Compiler diff";
        f.body = multipart("mixed", {plain, gif});
        QTest::newRow("rfc3501 body example, upper-case types")
            << QByteArray(
                   "* 12 FETCH (BODY ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL "
                   "\"7BIT\" 1152 23)(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" "
                   "\"cc.diff\") \"<960723163407.20117h@cac.washington.edu>\" \"Compiler "
                   "diff\" \"BASE64\" 4554 73) \"MIXED\"))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(7);
        BodyPart part = leaf("text", "plain", {{"charset", "utf-8"}}, "8bit", 17, 1);
        part.description = "multi\r\nline";
        part.disposition = "inline";
        part.dispositionParameters = {{"filename", "n\xc3\xa4me.txt"}};
        f.body = part;
        QTest::newRow("literals inside bodystructure")
            << QByteArray("* 7 FETCH (BODYSTRUCTURE ({4}\r\ntext {5}\r\nplain (\"charset\" {5}\r\n"
                          "utf-8) NIL {11}\r\nmulti\r\nline \"8bit\" 17 1 NIL ({6}\r\ninline "
                          "(\"filename\" {9}\r\nn\xc3\xa4me.txt)) NIL NIL))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(8);
        BodyPart part;
        f.body = part;
        QTest::newRow("bodystructure NIL everywhere")
            << QByteArray(
                   "* 8 FETCH (BODYSTRUCTURE (NIL NIL NIL NIL NIL NIL 0 NIL NIL NIL NIL))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(4902);
        BodyPart status = leaf("message", "delivery-status", {}, "7bit", 324);
        f.body = multipart("report", {status});
        QTest::newRow("quirk message/delivery-status without lines")
            << QByteArray(
                   "* 4902 FETCH (BODY ((\"MESSAGE\" \"DELIVERY-STATUS\" NIL NIL NIL \"7BIT\" "
                   "324) \"REPORT\"))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(3);
        BodyPart image = leaf("image", "png", {}, "base64", 2048);
        image.md5 = "Q2hlY2sgSW50ZWdyaXR5IQ==";
        image.disposition = "inline";
        image.language = {"en"};
        f.body = multipart("related", {image}, {{"type", "text/html"}});
        f.body->disposition = "INLINE"; // kept as sent
        QTest::newRow("extension data: md5, single language, extra extensions skipped")
            << QByteArray(
                   "* 3 FETCH (BODYSTRUCTURE ((\"image\" \"png\" () NIL NIL \"base64\" 2048 "
                   "\"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"inline\" NIL) \"en\" NIL 42 (\"x\" (1 2)) "
                   "NIL) \"related\" (\"type\" \"text/html\") (\"INLINE\" NIL) NIL NIL "
                   "\"future\"))\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(6);
        BodyPart rfc822 = leaf("message", "rfc822", {}, "7bit", 500, 12);
        rfc822.envelope = Envelope{};
        rfc822.children = {
            multipart("mixed", {leaf("text", "plain", {}, "7bit", 10, 1),
                                leaf("application", "octet-stream", {}, "base64", 99)})};
        f.body = rfc822;
        QTest::newRow("top-level message/rfc822 with multipart inside")
            << QByteArray(
                   "* 6 FETCH (BODYSTRUCTURE (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 500 "
                   "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ((\"TEXT\" \"PLAIN\" NIL NIL NIL "
                   "\"7BIT\" 10 1)(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 99) "
                   "\"MIXED\") 12))\r\n")
            << Response(f);
    }

    // --- FETCH: body sections ---
    {
        FetchResponse f = fetch(2, 2);
        FetchSection s =
            section("", "HEADER.FIELDS",
                    "In-Reply-To: <prev-1@example.test>\r\nReferences: <root@example.test> "
                    "<prev-1@example.test>\r\n\r\n");
        s.headerFields = {"REFERENCES", "IN-REPLY-TO", "DELIVERED-TO", "X-ORIGINAL-TO"};
        f.sections = {s};
        QTest::newRow("dovecot header.fields literal")
            << QByteArray(
                   "* 2 FETCH (UID 2 BODY[HEADER.FIELDS (REFERENCES IN-REPLY-TO DELIVERED-TO "
                   "X-ORIGINAL-TO)] {93}\r\nIn-Reply-To: <prev-1@example.test>\r\nReferences: "
                   "<root@example.test> <prev-1@example.test>\r\n\r\n)\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(1, 1);
        FetchSection s = section("", "HEADER.FIELDS", "\r\n");
        s.headerFields = {"REFERENCES", "IN-REPLY-TO"};
        f.sections = {s};
        QTest::newRow("dovecot header.fields none present")
            << QByteArray(
                   "* 1 FETCH (UID 1 BODY[HEADER.FIELDS (References \"In-Reply-To\")] {2}\r\n"
                   "\r\n)\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(2, 2);
        f.sections = {section("1.1", "", "Hall=C3=B6chen"),
                      section("1.2", "", "<p>Ha", 0),
                      section("3", "HEADER", "Date: x\r\n\r\n"),
                      section("2", "MIME", "Content-Type: application/pdf\r\n\r\n"),
                      section("", "TEXT", "ontent-Type: multipa", 10),
                      section("99", "", "")};
        QTest::newRow("dovecot parts, origins, mime, empty literal")
            << QByteArray(
                   "* 2 FETCH (UID 2 BODY[1.1] {14}\r\nHall=C3=B6chen BODY[1.2]<0> {5}\r\n<p>Ha "
                   "BODY[3.HEADER] {11}\r\nDate: x\r\n\r\n BODY[2.MIME] {33}\r\nContent-Type: "
                   "application/pdf\r\n\r\n BODY[TEXT]<10> {20}\r\nontent-Type: multipa "
                   "BODY[99] {0}\r\n)\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(3, 3);
        const QByteArray message = "Subject: Gr\xc3\xbc\xc3\x9f"
                                   "e\r\n\r\nSch\xc3\xb6ne Gr\xc3\xbc\xc3\x9f"
                                   "e\r\n";
        f.sections = {section("", "", message), section("", "HEADER", "Subject: x\r\n\r\n")};
        QTest::newRow("dovecot body[] and rfc822.header, 8-bit")
            << QByteArray("* 3 FETCH (UID 3 BODY[] {" + QByteArray::number(message.size()) +
                          "}\r\n" + message + " RFC822.HEADER {14}\r\nSubject: x\r\n\r\n)\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(3, 3);
        FetchSection s = section("1", "",
                                 "Sch\xc3\xb6ne Gr\xc3\xbc\xc3\x9f"
                                 "e\r\n");
        s.binary = true;
        f.sections = {s};
        QTest::newRow("dovecot binary section")
            << QByteArray("* 3 FETCH (UID 3 BINARY[1] {17}\r\nSch\xc3\xb6ne Gr\xc3\xbc\xc3\x9f"
                          "e\r\n "
                          "BINARY.SIZE[1] 17)\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(3);
        FetchSection s = section("2", "", QByteArray("\x00\x01\x02", 3));
        s.binary = true;
        f.sections = {s};
        QTest::newRow("rfc3516 literal8 with NUL bytes")
            << (QByteArray("* 3 FETCH (BINARY[2] ~{3}\r\n") + QByteArray("\x00\x01\x02", 3) +
                ")\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(5);
        f.sections = {section("1", "", nil), section("", "TEXT", "quoted \"body\"")};
        QTest::newRow("section NIL and quoted")
            << QByteArray("* 5 FETCH (BODY[1] NIL BODY[TEXT] \"quoted \\\"body\\\"\")\r\n")
            << Response(f);
    }
    {
        FetchResponse f = fetch(6);
        f.sections = {section("", "", "whole")};
        QTest::newRow("rfc822 item")
            << QByteArray("* 6 FETCH (RFC822 {5}\r\nwhole)\r\n") << Response(f);
    }
    {
        FetchResponse f = fetch(6);
        FetchSection s = section("1", "HEADER.FIELDS.NOT", "X: y\r\n\r\n");
        s.headerFields = {"SUBJECT", "FROM"};
        f.sections = {s};
        QTest::newRow("header.fields.not of a part, literal field name")
            << QByteArray("* 6 FETCH (BODY[1.HEADER.FIELDS.NOT ({7}\r\nSubject From)] {8}\r\nX: "
                          "y\r\n\r\n)\r\n")
            << Response(f);
    }

    // --- untagged data without a type ---
    QTest::newRow("dovecot id") << QByteArray("* ID (\"name\" \"Dovecot\")\r\n")
                                << Response(UnknownResponse{std::nullopt, "ID",
                                                            "(\"name\" \"Dovecot\")"});
    QTest::newRow("dovecot namespace")
        << QByteArray("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n")
        << Response(UnknownResponse{std::nullopt, "NAMESPACE", "((\"\" \"/\")) NIL NIL"});
    QTest::newRow("unknown numbered")
        << QByteArray("* 5 XFOO bar\r\n") << Response(UnknownResponse{5, "XFOO", "bar"});
}

void TestImapParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(Response, expected);
    const Result<Response> result = ResponseParser::parse(input);
    if (!result) {
        QFAIL(toString(result.error()));
    }
    QCOMPARE(result.value(), expected);
}

void TestImapParser::errors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<ParseError::Code>("code");
    using C = ParseError::Code;

    QTest::newRow("empty") << QByteArray("") << C::Malformed;
    QTest::newRow("only crlf") << QByteArray("\r\n") << C::Malformed;
    QTest::newRow("star alone") << QByteArray("*\r\n") << C::Malformed;
    QTest::newRow("tag without status") << QByteArray("a1 FOO bar\r\n") << C::Malformed;
    QTest::newRow("tag with plus") << QByteArray("a+1 OK x\r\n") << C::Malformed;
    QTest::newRow("unterminated fetch") << QByteArray("* 1 FETCH (UID 1\r\n") << C::Malformed;
    QTest::newRow("fetch without list") << QByteArray("* 1 FETCH UID 1\r\n") << C::Malformed;
    QTest::newRow("uid not a number") << QByteArray("* 1 FETCH (UID x)\r\n") << C::Malformed;
    QTest::newRow("number overflow") << QByteArray("* 4294967296 EXISTS\r\n") << C::Malformed;
    QTest::newRow("modseq overflow")
        << QByteArray("* OK [HIGHESTMODSEQ 9223372036854775808] x\r\n") << C::Malformed;
    QTest::newRow("uidvalidity missing number")
        << QByteArray("* OK [UIDVALIDITY] x\r\n") << C::Malformed;
    QTest::newRow("code not closed") << QByteArray("* OK [ALERT x\r\n") << C::Malformed;
    QTest::newRow("literal past end")
        << QByteArray("* 1 FETCH (BODY[] {10}\r\nabc)\r\n") << C::Malformed;
    QTest::newRow("literal size missing")
        << QByteArray("* 1 FETCH (BODY[] {}\r\n)\r\n") << C::Malformed;
    QTest::newRow("quoted with CR")
        << QByteArray("* 1 FETCH (BODY[] \"a\rb\")\r\n") << C::Malformed;
    QTest::newRow("quoted unterminated") << QByteArray("* 1 FETCH (BODY[] \"abc") << C::Malformed;
    QTest::newRow("trailing data") << QByteArray("a1 OK x\r\ngarbage") << C::Malformed;
    QTest::newRow("CR without LF") << QByteArray("* 3 EXISTS\rx") << C::Malformed;
    QTest::newRow("exists with junk") << QByteArray("* 3 EXISTS now\r\n") << C::Malformed;
    QTest::newRow("envelope too short")
        << QByteArray("* 1 FETCH (ENVELOPE (NIL NIL))\r\n") << C::Malformed;
    QTest::newRow("vanished without set") << QByteArray("* VANISHED (EARLIER)\r\n") << C::Malformed;
    QTest::newRow("vanished bad keyword") << QByteArray("* VANISHED (LATER) 1\r\n") << C::Malformed;
    QTest::newRow("odd body parameters")
        << QByteArray(
               "* 1 FETCH (BODY (\"text\" \"plain\" (\"charset\") NIL NIL \"7bit\" 1 1))\r\n")
        << C::Malformed;
    QTest::newRow("section not closed")
        << QByteArray("* 1 FETCH (BODY[1 {1}\r\nx)\r\n") << C::Malformed;

    QByteArray deep = "* 1 FETCH (BODYSTRUCTURE ";
    for (int i = 0; i < 200; ++i) {
        deep += '(';
    }
    QTest::newRow("nesting too deep") << deep << C::NestingTooDeep;
    QByteArray deepSkip = "* 1 FETCH (X-FOO ";
    for (int i = 0; i < 200; ++i) {
        deepSkip += '(';
    }
    QTest::newRow("nesting too deep in skipped data") << deepSkip << C::NestingTooDeep;
    QTest::newRow("literal above limit in parser")
        << QByteArray("* 1 FETCH (BODY[] {99999999999999999999}\r\n") << C::LiteralTooLarge;

    QTest::newRow("pop3 greeting") << QByteArray("+OK Dovecot ready.\r\n") << C::Pop3Greeting;
    QTest::newRow("pop3 error greeting") << QByteArray("-ERR go away\r\n") << C::Pop3Greeting;
    QTest::newRow("smtp greeting")
        << QByteArray("220 mail.example.test ESMTP Postfix (Debian/GNU)\r\n") << C::SmtpGreeting;
    QTest::newRow("smtp multi-line greeting")
        << QByteArray("220-mail.example.test ESMTP\r\n") << C::SmtpGreeting;
}

void TestImapParser::errors()
{
    QFETCH(QByteArray, input);
    QFETCH(ParseError::Code, code);
    const Result<Response> result = ResponseParser::parse(input);
    if (result) {
        QFAIL(toString(result.value()));
    }
    QCOMPARE(result.error().code, code);
    QVERIFY(!result.error().message.isEmpty());
    QVERIFY(result.error().offset >= 0);
}

void TestImapParser::greeting_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<ParseError::Code>("code");
    using C = ParseError::Code;

    QTest::newRow("dovecot")
        << QByteArray("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ "
                      "AUTH=PLAIN AUTH=LOGIN] Dovecot (Debian) ready.\r\n")
        << true << C::Malformed;
    QTest::newRow("preauth") << QByteArray("* PREAUTH logged in\r\n") << true << C::Malformed;
    QTest::newRow("bye") << QByteArray("* BYE Too many connections\r\n") << true << C::Malformed;
    QTest::newRow("dovecot pop3") << QByteArray("+OK Dovecot (Debian) ready.\r\n") << false
                                  << C::Pop3Greeting;
    QTest::newRow("postfix smtp") << QByteArray(
                                         "220 mail.example.test ESMTP Postfix (Debian/GNU)\r\n")
                                  << false << C::SmtpGreeting;
    QTest::newRow("exchange smtp multi-line")
        << QByteArray("220-mx.example.test Microsoft ESMTP MAIL Service ready\r\n") << false
        << C::SmtpGreeting;
    QTest::newRow("bare 220") << QByteArray("220\r\n") << false << C::SmtpGreeting;
    QTest::newRow("tagged") << QByteArray("a1 OK hello\r\n") << false << C::NotAGreeting;
    QTest::newRow("untagged no") << QByteArray("* NO go away\r\n") << false << C::NotAGreeting;
    QTest::newRow("capability") << QByteArray("* CAPABILITY IMAP4rev1\r\n") << false
                                << C::NotAGreeting;
    QTest::newRow("http") << QByteArray("HTTP/1.1 400 Bad Request\r\n") << false << C::Malformed;
}

void TestImapParser::greeting()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, valid);
    QFETCH(ParseError::Code, code);
    const Result<StatusResponse> result = ResponseParser::parseGreeting(input);
    QCOMPARE(result.hasValue(), valid);
    if (!valid) {
        QCOMPARE(result.error().code, code);
    }
}

void TestImapParser::emptyMailboxSelect()
{
    // The whole answer to SELECT of an empty mailbox, as Dovecot sent it, in order.
    const QList<QByteArray> responses =
        frameAll(readFile(dovecotTraceDir() + u"/select-empty.trace"_s));
    QList<Response> parsed;
    for (const QByteArray& response : responses) {
        const Result<Response> r = ResponseParser::parse(response);
        QVERIFY(r);
        parsed.append(r.value());
    }
    const QList<Response> expected{
        FlagsResponse{{"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"}},
        status({}, S::Ok, u"Flags permitted."_s,
               codeWithAtoms(K::PermanentFlags, "PERMANENTFLAGS",
                             {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\*"})),
        ExistsResponse{0},
        RecentResponse{0},
        status({}, S::Ok, u"UIDs valid"_s, code(K::UidValidity, "UIDVALIDITY", 1795746537)),
        status({}, S::Ok, u"Predicted next UID"_s, code(K::UidNext, "UIDNEXT", 1)),
        status({}, S::Ok, u"Highest"_s, code(K::HighestModSeq, "HIGHESTMODSEQ", 1)),
        status("a10", S::Ok, u"Select completed (0.005 + 0.000 + 0.004 secs)."_s,
               code(K::ReadWrite, "READ-WRITE")),
    };
    QCOMPARE(parsed.size(), expected.size());
    for (qsizetype i = 0; i < parsed.size(); ++i) {
        QCOMPARE(parsed[i], expected[i]);
    }
    QCOMPARE(responseTag(parsed.last()), QByteArray("a10"));
    QVERIFY(responseTag(parsed.first()).isEmpty());
}

void TestImapParser::nilVersusEmpty()
{
    const Result<Response> result =
        ResponseParser::parse("* 4 FETCH (ENVELOPE (NIL \"\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                              "BODY[1] \"\" BODY[2] NIL)\r\n");
    QVERIFY(result);
    const auto& f = std::get<FetchResponse>(result.value());
    QVERIFY(f.envelope->date.isNull());
    QVERIFY(!f.envelope->subject.isNull());
    QVERIFY(f.envelope->subject.isEmpty());
    QVERIFY(!f.section("1")->data.isNull());
    QVERIFY(f.section("2")->data.isNull());
    QVERIFY(!f.section("3"));

    const Result<Response> group =
        ResponseParser::parse("* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL ((NIL NIL \"Team\" "
                              "NIL)(NIL NIL \"a\" \"b.example\")"
                              "(NIL NIL NIL NIL)) NIL NIL NIL NIL))\r\n");
    QVERIFY(group);
    const QList<Address>& to = std::get<FetchResponse>(group.value()).envelope->to;
    QCOMPARE(to.size(), 3);
    QVERIFY(to[0].isGroupStart());
    QVERIFY(!to[1].isGroupStart() && !to[1].isGroupEnd());
    QCOMPARE(to[1].email(), QByteArray("a@b.example"));
    QVERIFY(to[2].isGroupEnd());
}

void TestImapParser::eightBitKeptAsBytes()
{
    // Latin-1 bytes that are not valid UTF-8 must come through untouched.
    const QByteArray subject = "Gr\xfc\xdf"
                               "e";
    const QByteArray body("\xff\xfe\x80\x00", 4);
    const QByteArray input = "* 1 FETCH (ENVELOPE (NIL \"" + subject +
                             "\" NIL NIL NIL NIL NIL NIL NIL NIL) BODY[] {4}\r\n" + body + ")\r\n";
    const Result<Response> result = ResponseParser::parse(input);
    QVERIFY(result);
    const auto& f = std::get<FetchResponse>(result.value());
    QCOMPARE(f.envelope->subject, subject);
    QCOMPARE(f.section("")->data, body);
}

void TestImapParser::dovecotTraces_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(dovecotTraceDir());
    const QStringList files = dir.entryList({u"*.trace"_s}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() > 30, qPrintable(dir.path()));
    for (const QString& file : files) {
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }
}

void TestImapParser::dovecotTraces()
{
    // Every response Dovecot sent in the captured sessions frames and parses; framing the
    // trace one byte at a time gives the same responses.
    QFETCH(QString, path);
    const QByteArray stream = readFile(path);
    QVERIFY(!stream.isEmpty());
    const QList<QByteArray> responses = frameAll(stream);
    QVERIFY(!responses.isEmpty());
    QCOMPARE(responses.join(), stream);
    for (const QByteArray& response : responses) {
        const Result<Response> parsed = ResponseParser::parse(response);
        QVERIFY2(parsed.hasValue(),
                 qPrintable(QString::fromUtf8(response.left(200)) + u" -> "_s +
                            QString::fromUtf8(parsed ? QByteArray() : toString(parsed.error()))));
    }

    ResponseFramer framer;
    QList<QByteArray> byteByByte;
    for (const char c : stream) {
        framer.feed(QByteArrayView(&c, 1));
        while (auto response = framer.next()) {
            byteByByte.append(*response);
        }
    }
    QVERIFY(!framer.hasError());
    QCOMPARE(byteByByte, responses);
}

void TestImapParser::partAt_data()
{
    QTest::addColumn<QByteArray>("section");
    QTest::addColumn<QByteArray>("expectedType"); // "" when no such part

    QTest::newRow("1: alternative") << QByteArray("1") << QByteArray("multipart/alternative");
    QTest::newRow("1.1") << QByteArray("1.1") << QByteArray("text/plain");
    QTest::newRow("1.2") << QByteArray("1.2") << QByteArray("text/html");
    QTest::newRow("2") << QByteArray("2") << QByteArray("application/pdf");
    QTest::newRow("3: the message/rfc822") << QByteArray("3") << QByteArray("message/rfc822");
    QTest::newRow("3.1: its single body") << QByteArray("3.1") << QByteArray("text/plain");
    QTest::newRow("3.2 absent") << QByteArray("3.2") << QByteArray();
    QTest::newRow("4 absent") << QByteArray("4") << QByteArray();
    QTest::newRow("0 invalid") << QByteArray("0") << QByteArray();
    QTest::newRow("trailing dot invalid") << QByteArray("1.") << QByteArray();
    QTest::newRow("letters invalid") << QByteArray("1.x") << QByteArray();
    QTest::newRow("2.1 of a leaf") << QByteArray("2.1") << QByteArray();
}

void TestImapParser::partAt()
{
    QFETCH(QByteArray, section);
    QFETCH(QByteArray, expectedType);
    const QByteArray trace = readFile(dovecotTraceDir() + u"/fetch-bodystructure.trace"_s);
    const QList<QByteArray> responses = frameAll(trace);
    QVERIFY(responses.size() > 2);
    const Result<Response> parsed = ResponseParser::parse(responses[1]);
    QVERIFY(parsed);
    const BodyPart& root = *std::get<FetchResponse>(parsed.value()).body;
    const BodyPart* part = root.partAt(section);
    if (expectedType.isEmpty()) {
        QVERIFY(!part);
    } else {
        QVERIFY(part);
        QCOMPARE(QByteArray(part->type + "/" + part->subtype), expectedType);
    }
    QCOMPARE(root.children[1].parameter("NAME"), QByteArray("Bericht Q1.pdf"));
    QCOMPARE(root.children[1].dispositionParameter("filename"), QByteArray("Bericht Q1.pdf"));
    QVERIFY(root.children[1].parameter("charset").isNull());

    // A single-part message has exactly part 1, itself.
    const Result<Response> single = ResponseParser::parse(responses[0]);
    const BodyPart& leafPart = *std::get<FetchResponse>(single.value()).body;
    QCOMPARE(leafPart.partAt("1"), &leafPart);
    QVERIFY(!leafPart.partAt("2"));
}

void TestImapParser::fetchSectionLookup()
{
    const Result<Response> parsed =
        ResponseParser::parse("* 1 FETCH (BODY[HEADER.FIELDS (X)] {2}\r\n\r\n BODY[1]<0> {1}\r\na "
                              "BODY[1.MIME] \"m\")\r\n");
    QVERIFY(parsed);
    const auto& f = std::get<FetchResponse>(parsed.value());
    QVERIFY(f.section("", "header.fields"));
    QCOMPARE(f.section("1")->data, QByteArray("a"));
    QCOMPARE(f.section("1")->origin, std::optional<quint32>(0));
    QCOMPARE(f.section("1", "MIME")->data, QByteArray("m"));
    QVERIFY(!f.section("2"));
}

void TestImapParser::speedOfFlagResync()
{
    // The sync parses 100,000 of these on a flags resync: frame and parse them all.
    constexpr int count = 100000;
    QByteArray stream;
    stream.reserve(count * 90);
    for (int i = 1; i <= count; ++i) {
        stream += "* " + QByteArray::number(i) + " FETCH (UID " + QByteArray::number(i + 1000) +
                  " FLAGS (\\Seen \\Answered $Label1) MODSEQ (" + QByteArray::number(i * 3) +
                  "))\r\n";
    }
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    ResponseFramer framer;
    int parsed = 0;
    quint64 uidSum = 0;
    for (qsizetype pos = 0; pos < stream.size(); pos += 65536) {
        framer.feed(
            QByteArrayView(stream).sliced(pos, qMin<qsizetype>(65536, stream.size() - pos)));
        while (auto response = framer.next()) {
            const Result<Response> r = ResponseParser::parse(*response);
            QVERIFY(r);
            uidSum += *std::get<FetchResponse>(r.value()).uid;
            ++parsed;
        }
    }
    const qint64 elapsed = timer.elapsed();
    const qint64 cpu = qint64(std::clock() - cpuStart) * 1000 / CLOCKS_PER_SEC;
    QCOMPARE(parsed, count);
    QCOMPARE(uidSum, quint64(count) * (count + 1) / 2 + quint64(count) * 1000);
    qInfo("framed and parsed %d FETCH responses (%lld bytes) in %lld ms (%lld ms CPU)", count,
          qint64(stream.size()), elapsed, cpu);
}

void TestImapParser::speedOfEnvelopeAndStructure()
{
    // The initial sync fetches ENVELOPE and BODYSTRUCTURE: time the heaviest Dovecot
    // responses of the traces (nested multipart, group syntax, literals), 20,000 of each.
    const QList<QByteArray> envelopes =
        frameAll(readFile(dovecotTraceDir() + u"/fetch-envelope.trace"_s));
    const QList<QByteArray> structures =
        frameAll(readFile(dovecotTraceDir() + u"/fetch-bodystructure.trace"_s));
    QVERIFY(envelopes.size() > 2 && structures.size() > 2);
    const QByteArray envelope = envelopes[1];
    const QByteArray structure = structures[1];
    constexpr int count = 20000;
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    qsizetype parts = 0;
    for (int i = 0; i < count; ++i) {
        const Result<Response> e = ResponseParser::parse(envelope);
        const Result<Response> b = ResponseParser::parse(structure);
        QVERIFY(e && b);
        parts += qsizetype(std::get<FetchResponse>(b.value()).body->children.size());
    }
    const qint64 elapsed = timer.elapsed();
    const qint64 cpu = qint64(std::clock() - cpuStart) * 1000 / CLOCKS_PER_SEC;
    QCOMPARE(parts, qsizetype(count) * 3);
    qInfo("parsed %d ENVELOPE and %d BODYSTRUCTURE responses (%lld bytes) in %lld ms (%lld ms CPU)",
          count, count, qint64(count) * (envelope.size() + structure.size()), elapsed, cpu);
}

QTEST_GUILESS_MAIN(TestImapParser)
#include "tst_imap_parser.moc"
