// ProtocolLog redaction: each row is a conversation (client and server bytes in order) and
// the log expected for each direction. Every row is replayed whole, one byte at a time, and
// split at every position; the log must be the same and must never contain a secret.

#include "imap/ProtocolLog.h"

#include <QTest>

using namespace threadline::imap;
using Direction = ProtocolLog::Direction;

namespace {

struct Event
{
    Direction direction;
    QByteArray bytes;
};

struct Log
{
    QByteArray sent;
    QByteArray received;
};

Event c(QByteArray bytes)
{
    return {Direction::Sent, std::move(bytes)};
}

Event s(QByteArray bytes)
{
    return {Direction::Received, std::move(bytes)};
}

// Replays the events, each cut into pieces of at most `chunk` bytes (0: whole), and with the
// first event also split at `splitAt` when given.
Log replay(const QList<Event>& events, qsizetype chunk)
{
    ProtocolLog log;
    Log out;
    for (const Event& e : events) {
        QByteArray& target = e.direction == Direction::Sent ? out.sent : out.received;
        const qsizetype step = chunk > 0 ? chunk : qMax<qsizetype>(1, e.bytes.size());
        for (qsizetype pos = 0; pos < e.bytes.size(); pos += step) {
            target += log.redact(
                e.direction, QByteArrayView(e.bytes).sliced(pos, qMin(step, e.bytes.size() - pos)));
        }
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(QList<Event>)

class TestImapProtocolLog : public QObject
{
    Q_OBJECT

private slots:
    void redaction_data();
    void redaction();
    void splitAnywhere();
};

void TestImapProtocolLog::redaction_data()
{
    QTest::addColumn<QList<Event>>("events");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<QList<QByteArray>>("secrets");

    QTest::newRow("login atoms") << QList<Event>{c("a1 LOGIN user hunter2\r\n"),
                                                 s("a1 OK Logged in\r\n")}
                                 << QByteArray("a1 LOGIN [redacted]\r\n")
                                 << QByteArray("a1 OK Logged in\r\n")
                                 << QList<QByteArray>{"hunter2", "user"};
    QTest::newRow("login lower-case, quoted")
        << QList<Event>{c("a1 login \"us er\" \"pa ss\\\"w\"\r\n"),
                        s("a1 NO [AUTHENTICATIONFAILED] x\r\n")}
        << QByteArray("a1 LOGIN [redacted]\r\n") << QByteArray("a1 NO [AUTHENTICATIONFAILED] x\r\n")
        << QList<QByteArray>{"pa ss", "us er"};
    QTest::newRow("login synchronizing literals")
        << QList<Event>{c("a2 LOGIN {4}\r\n"), s("+ OK\r\n"),    c("user {7}\r\n"),
                        s("+ OK\r\n"),         c("hunter2\r\n"), s("a2 OK Logged in\r\n")}
        << QByteArray("a2 LOGIN [redacted]\r\n")
        << QByteArray("+ OK\r\n+ OK\r\na2 OK Logged in\r\n")
        << QList<QByteArray>{"hunter2", "user"};
    QTest::newRow("login literal+ containing a line break")
        << QList<Event>{c("a3 LOGIN user {9+}\r\nhun\r\nter2\r\na4 NOOP\r\n"),
                        s("a3 OK\r\na4 OK\r\n")}
        << QByteArray("a3 LOGIN [redacted]\r\na4 NOOP\r\n") << QByteArray("a3 OK\r\na4 OK\r\n")
        << QList<QByteArray>{"hun", "ter2"};
    QTest::newRow("authenticate plain with continuation")
        << QList<Event>{c("b2 AUTHENTICATE PLAIN\r\n"), s("+ \r\n"), c("AHVzZXIAd3Jvbmc=\r\n"),
                        s("b2 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")}
        << QByteArray("b2 AUTHENTICATE PLAIN\r\n[redacted]\r\n")
        << QByteArray("+ [redacted]\r\nb2 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")
        << QList<QByteArray>{"AHVzZXIAd3Jvbmc="};
    QTest::newRow("authenticate plain sasl-ir")
        << QList<Event>{c("b4 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0\r\n"),
                        s("b4 OK [CAPABILITY IMAP4rev1] Logged in\r\n"), c("b5 LIST \"\" *\r\n")}
        << QByteArray("b4 AUTHENTICATE PLAIN [redacted]\r\nb5 LIST \"\" *\r\n")
        << QByteArray("b4 OK [CAPABILITY IMAP4rev1] Logged in\r\n")
        << QList<QByteArray>{"AHVzZXIAc2VjcmV0"};
    QTest::newRow("authenticate login two steps")
        << QList<Event>{c("b6 AUTHENTICATE LOGIN\r\n"),
                        s("+ VXNlcm5hbWU6\r\n"),
                        c("dXNlcg==\r\n"),
                        s("+ UGFzc3dvcmQ6\r\n"),
                        c("aHVudGVyMg==\r\n"),
                        s("b6 OK Logged in\r\n"),
                        c("b7 SELECT INBOX\r\n")}
        << QByteArray("b6 AUTHENTICATE LOGIN\r\n[redacted]\r\n[redacted]\r\nb7 SELECT INBOX\r\n")
        << QByteArray("+ [redacted]\r\n+ [redacted]\r\nb6 OK Logged in\r\n")
        << QList<QByteArray>{"dXNlcg==", "aHVudGVyMg=="};
    QTest::newRow("xoauth2 failure challenge answered with an empty line")
        << QList<Event>{c("b8 AUTHENTICATE XOAUTH2 dXNlcj11c2VyAWF1dGg9QmVhcmVyIHRvawEB\r\n"),
                        s("+ eyJzdGF0dXMiOiI0MDEifQ==\r\n"), c("\r\n"),
                        s("b8 NO [AUTHENTICATIONFAILED] x\r\n")}
        << QByteArray("b8 AUTHENTICATE XOAUTH2 [redacted]\r\n[redacted]\r\n")
        << QByteArray("+ [redacted]\r\nb8 NO [AUTHENTICATIONFAILED] x\r\n")
        << QList<QByteArray>{"dXNlcj11c2VyAWF1dGg9QmVhcmVyIHRvawEB", "eyJzdGF0dXMiOiI0MDEifQ=="};
    QTest::newRow("sasl cancelled")
        << QList<Event>{c("b3 AUTHENTICATE LOGIN\r\n"), s("+ VXNlcm5hbWU6\r\n"), c("*\r\n"),
                        s("b3 BAD Authentication aborted by client.\r\n"), c("b9 NOOP\r\n")}
        << QByteArray("b3 AUTHENTICATE LOGIN\r\n[redacted]\r\nb9 NOOP\r\n")
        << QByteArray("+ [redacted]\r\nb3 BAD Authentication aborted by client.\r\n")
        << QList<QByteArray>{};
    QTest::newRow("other traffic passes, literals not mistaken for commands")
        << QList<Event>{c("a5 APPEND Sent {29}\r\n"), s("+ OK\r\n"),
                        c("x LOGIN not a command\r\nbody\r\n\r\n"),
                        s("a5 OK [APPENDUID 1 2] done\r\n"),
                        s("* 1 FETCH (BODY[] {24}\r\nz AUTHENTICATE PLAIN x\r\n)\r\n")}
        << QByteArray("a5 APPEND Sent {29}\r\nx LOGIN not a command\r\nbody\r\n\r\n")
        << QByteArray("+ OK\r\na5 OK [APPENDUID 1 2] done\r\n* 1 FETCH (BODY[] {24}\r\nz "
                      "AUTHENTICATE PLAIN x\r\n)\r\n")
        << QList<QByteArray>{};
    QTest::newRow("idle continuation is not redacted")
        << QList<Event>{c("a6 IDLE\r\n"), s("+ idling\r\n"), s("* 3 EXISTS\r\n"), c("DONE\r\n"),
                        s("a6 OK Idle completed\r\n")}
        << QByteArray("a6 IDLE\r\nDONE\r\n")
        << QByteArray("+ idling\r\n* 3 EXISTS\r\na6 OK Idle completed\r\n") << QList<QByteArray>{};
}

void TestImapProtocolLog::redaction()
{
    QFETCH(QList<Event>, events);
    QFETCH(QByteArray, sent);
    QFETCH(QByteArray, received);
    QFETCH(QList<QByteArray>, secrets);

    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(7)}) {
        const Log log = replay(events, chunk);
        QCOMPARE(log.sent, sent);
        QCOMPARE(log.received, received);
        for (const QByteArray& secret : secrets) {
            QVERIFY2(!log.sent.contains(secret) && !log.received.contains(secret),
                     secret.constData());
        }
    }
}

void TestImapProtocolLog::splitAnywhere()
{
    // One write holding a LOGIN with literals split at every position in two.
    const QByteArray write = "a1 LOGIN {4+}\r\nuser {7+}\r\nhunter2\r\na2 SELECT INBOX\r\n";
    for (qsizetype split = 0; split <= write.size(); ++split) {
        ProtocolLog log;
        QByteArray out = log.redact(Direction::Sent, QByteArrayView(write).first(split));
        out += log.redact(Direction::Sent, QByteArrayView(write).sliced(split));
        QCOMPARE(out, QByteArray("a1 LOGIN [redacted]\r\na2 SELECT INBOX\r\n"));
    }
    ProtocolLog log;
    log.redact(Direction::Sent, "a1 AUTHENTICATE PLAIN\r\n");
    log.reset();
    QCOMPARE(log.redact(Direction::Sent, "a2 NOOP\r\n"), QByteArray("a2 NOOP\r\n"));
}

QTEST_GUILESS_MAIN(TestImapProtocolLog)
#include "tst_imap_protocollog.moc"
