// ResponseFramer: every row is framed whole, one byte at a time, split at every position
// into two chunks, and in pseudo-random chunks; all must give the same responses.

#include "imap/ResponseFramer.h"

#include <QRandomGenerator>
#include <QTest>

using namespace threadline::imap;

Q_DECLARE_METATYPE(threadline::imap::Limits)
Q_DECLARE_METATYPE(threadline::imap::ParseError::Code)

namespace {

struct Framed
{
    QList<QByteArray> responses;
    bool failed = false;
    ParseError::Code code = ParseError::Code::Malformed;
    qsizetype maxBuffered = 0;
    qsizetype bufferedAfterError = -1;
};

Framed frameChunks(const QList<QByteArrayView>& chunks, const Limits& limits = {})
{
    ResponseFramer framer(limits);
    Framed out;
    for (const QByteArrayView chunk : chunks) {
        framer.feed(chunk);
        out.maxBuffered = qMax(out.maxBuffered, framer.bufferedSize());
        while (auto response = framer.next()) {
            out.responses.append(*response);
        }
        if (framer.hasError()) {
            out.failed = true;
            out.code = framer.error().code;
            out.bufferedAfterError = framer.bufferedSize();
            break;
        }
    }
    return out;
}

QList<QByteArrayView> bytewise(QByteArrayView stream)
{
    QList<QByteArrayView> chunks;
    for (qsizetype i = 0; i < stream.size(); ++i) {
        chunks.append(stream.sliced(i, 1));
    }
    return chunks;
}

} // namespace

class TestImapFramer : public QObject
{
    Q_OBJECT

private slots:
    void framing_data();
    void framing();
    void limits_data();
    void limits();
    void lineExactlyAtLimit();
    void literalTooLargeFailsBeforeItsBytesArrive();
    void errorIsSticky();
    void incompleteResponseIsKept();
    void resetStartsOver();
};

void TestImapFramer::framing_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("expected");

    QTest::newRow("one line") << QByteArray("* OK ready\r\n")
                              << QList<QByteArray>{"* OK ready\r\n"};
    QTest::newRow("dovecot select")
        << QByteArray("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* 0 EXISTS\r\n"
                      "* 0 RECENT\r\n* OK [UIDVALIDITY 1795746537] UIDs valid\r\n"
                      "a10 OK [READ-WRITE] Select completed.\r\n")
        << QList<QByteArray>{"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
                             "* 0 EXISTS\r\n", "* 0 RECENT\r\n",
                             "* OK [UIDVALIDITY 1795746537] UIDs valid\r\n",
                             "a10 OK [READ-WRITE] Select completed.\r\n"};
    QTest::newRow("literal with CRLF and a fake announcement inside")
        << QByteArray("* 1 FETCH (BODY[] {22}\r\nline {3}\r\n* OK fake\r\n)\r\na1 OK\r\n")
        << QList<QByteArray>{"* 1 FETCH (BODY[] {22}\r\nline {3}\r\n* OK fake\r\n)\r\n",
                             "a1 OK\r\n"};
    QTest::newRow("several literals in one response")
        << QByteArray(
               "* 3 FETCH (ENVELOPE (NIL {2}\r\nab (({3}\r\nxyz NIL \"a\" \"b\")) NIL NIL NIL "
               "NIL NIL NIL NIL NIL) BODY[1] {0}\r\n)\r\n")
        << QList<QByteArray>{
               "* 3 FETCH (ENVELOPE (NIL {2}\r\nab (({3}\r\nxyz NIL \"a\" \"b\")) NIL "
               "NIL NIL NIL NIL NIL NIL NIL) BODY[1] {0}\r\n)\r\n"};
    QTest::newRow("literal at the very end of the line block")
        << QByteArray("* LIST () \"/\" {4}\r\nname\r\n")
        << QList<QByteArray>{"* LIST () \"/\" {4}\r\nname\r\n"};
    QTest::newRow("empty literal followed by literal")
        << QByteArray("* 1 FETCH (BODY[1] {0}\r\n BODY[2] {1}\r\nx)\r\n")
        << QList<QByteArray>{"* 1 FETCH (BODY[1] {0}\r\n BODY[2] {1}\r\nx)\r\n"};
    QTest::newRow("literal ending in LF only")
        << QByteArray("* 1 FETCH (BODY[] {2}\r\n\r\n)\r\n")
        << QList<QByteArray>{"* 1 FETCH (BODY[] {2}\r\n\r\n)\r\n"};
    static const char literal8[] = "* 1 FETCH (BINARY[1] ~{3}\r\n\0\1\2)\r\n";
    const QByteArray literal8Response(literal8, sizeof(literal8) - 1);
    QTest::newRow("literal8 with NUL bytes")
        << literal8Response << QList<QByteArray>{literal8Response};
    QTest::newRow("non-synchronizing form from a server")
        << QByteArray("* 1 FETCH (BODY[] {3+}\r\nabc)\r\n")
        << QList<QByteArray>{"* 1 FETCH (BODY[] {3+}\r\nabc)\r\n"};
    QTest::newRow("bare LF lines") << QByteArray("* 1 EXISTS\n* 2 EXISTS\n")
                                   << QList<QByteArray>{"* 1 EXISTS\n", "* 2 EXISTS\n"};
    QTest::newRow("braces that are not an announcement")
        << QByteArray("* OK {x}\r\n* OK {12\r\n* OK 12}\r\n* OK {}\r\n")
        << QList<QByteArray>{"* OK {x}\r\n", "* OK {12\r\n", "* OK 12}\r\n", "* OK {}\r\n"};
    QTest::newRow("continuation then data")
        << QByteArray("+ OK\r\na1 OK [APPENDUID 1 2] done\r\n")
        << QList<QByteArray>{"+ OK\r\n", "a1 OK [APPENDUID 1 2] done\r\n"};
    QTest::newRow("8-bit bytes") << QByteArray("* 1 FETCH (BODY[] {4}\r\n\xff\xfe\r\n)\r\n")
                                 << QList<QByteArray>{"* 1 FETCH (BODY[] {4}\r\n\xff\xfe\r\n)\r\n"};
}

void TestImapFramer::framing()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, expected);

    const Framed whole = frameChunks({stream});
    QVERIFY(!whole.failed);
    QCOMPARE(whole.responses, expected);

    const Framed bytes = frameChunks(bytewise(stream));
    QVERIFY(!bytes.failed);
    QCOMPARE(bytes.responses, expected);

    for (qsizetype split = 1; split < stream.size(); ++split) {
        const QByteArrayView view(stream);
        const Framed two = frameChunks({view.first(split), view.sliced(split)});
        QVERIFY(!two.failed);
        QCOMPARE(two.responses, expected);
    }

    QRandomGenerator random(42);
    for (int round = 0; round < 50; ++round) {
        QList<QByteArrayView> chunks;
        for (qsizetype pos = 0; pos < stream.size();) {
            const qsizetype size = qMin<qsizetype>(random.bounded(1, 9), stream.size() - pos);
            chunks.append(QByteArrayView(stream).sliced(pos, size));
            pos += size;
        }
        QCOMPARE(frameChunks(chunks).responses, expected);
    }
}

void TestImapFramer::limits_data()
{
    QTest::addColumn<Limits>("limits");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("responsesBefore");
    QTest::addColumn<ParseError::Code>("code");
    using C = ParseError::Code;

    Limits small;
    small.maxLineLength = 32;
    small.maxLiteralSize = 16;
    small.maxResponseSize = 64;

    QTest::newRow("line too long, terminated")
        << small << QByteArray("* OK short\r\n* OK " + QByteArray(40, 'x') + "\r\n") << 1
        << C::LineTooLong;
    QTest::newRow("line too long, never terminated")
        << small << QByteArray("* OK " + QByteArray(100, 'x')) << 0 << C::LineTooLong;
    QTest::newRow("line after a literal too long")
        << small << QByteArray("* 1 FETCH (BODY[] {2}\r\nab" + QByteArray(40, ' ') + ")\r\n") << 0
        << C::LineTooLong;
    QTest::newRow("literal too large")
        << small << QByteArray("* 1 FETCH (BODY[] {17}\r\n" + QByteArray(17, 'x') + ")\r\n") << 0
        << C::LiteralTooLarge;
    QTest::newRow("literal size with absurd digits")
        << Limits() << QByteArray("* 1 FETCH (BODY[] {99999999999999999999999999}\r\n") << 0
        << C::LiteralTooLarge;
    QTest::newRow("literals sum above response limit")
        << small
        << QByteArray("* 1 FETCH (BODY[1] {16}\r\n" + QByteArray(16, 'a') + " BODY[2] {16}\r\n" +
                      QByteArray(16, 'b') + " BODY[3] {16}\r\n" + QByteArray(16, 'c') + ")\r\n")
        << 0 << C::ResponseTooLarge;
    QTest::newRow("literal exactly at the limit is fine, next one fails")
        << small
        << QByteArray("* 1 FETCH (BODY[] {16}\r\n" + QByteArray(16, 'x') +
                      ")\r\n* 2 FETCH (BODY[] "
                      "{17}\r\n")
        << 1 << C::LiteralTooLarge;
}

void TestImapFramer::limits()
{
    QFETCH(Limits, limits);
    QFETCH(QByteArray, stream);
    QFETCH(int, responsesBefore);
    QFETCH(ParseError::Code, code);

    for (const QList<QByteArrayView>& chunks : {QList<QByteArrayView>{stream}, bytewise(stream)}) {
        const Framed framed = frameChunks(chunks, limits);
        QVERIFY(framed.failed);
        QCOMPARE(framed.code, code);
        QCOMPARE(framed.responses.size(), responsesBefore);
        QCOMPARE(framed.bufferedAfterError, 0); // the buffer is freed on error
        // Fed byte by byte, no more than a line (plus one byte) is ever held.
        if (chunks.size() > 1) {
            QVERIFY(framed.maxBuffered <= limits.maxResponseSize + 1);
        }
    }
}

void TestImapFramer::lineExactlyAtLimit()
{
    // Found by the fuzzer: a chunk ending between CR and LF must not count the CR as part of
    // the line, or the same stream passes in one chunk and fails in two.
    Limits limits;
    limits.maxLineLength = 8;
    const QByteArray stream = "* OK 123\r\n* OK 1234\r\n";
    for (qsizetype split = 1; split < stream.size(); ++split) {
        const QByteArrayView view(stream);
        const Framed framed = frameChunks({view.first(split), view.sliced(split)}, limits);
        QCOMPARE(framed.responses, QList<QByteArray>{"* OK 123\r\n"});
        QVERIFY(framed.failed);
        QCOMPARE(framed.code, ParseError::Code::LineTooLong);
    }
}

void TestImapFramer::literalTooLargeFailsBeforeItsBytesArrive()
{
    // A hostile server announces 1 GiB: the framer refuses at the announcement and holds no
    // more than the line.
    ResponseFramer framer;
    framer.feed("* 1 FETCH (BODY[] {1073741824}\r\n");
    QVERIFY(!framer.next());
    QVERIFY(framer.hasError());
    QCOMPARE(framer.error().code, ParseError::Code::LiteralTooLarge);
    QCOMPARE(framer.error().offset, qsizetype(32));
    QCOMPARE(framer.bufferedSize(), 0);
}

void TestImapFramer::errorIsSticky()
{
    Limits limits;
    limits.maxLineLength = 8;
    ResponseFramer framer(limits);
    framer.feed("* OK this line is too long\r\n");
    QVERIFY(!framer.next());
    QVERIFY(framer.hasError());
    framer.feed("* OK\r\n");
    QVERIFY(!framer.next());
    QVERIFY(framer.hasError());
    QCOMPARE(framer.bufferedSize(), 0);
}

void TestImapFramer::incompleteResponseIsKept()
{
    ResponseFramer framer;
    framer.feed("* 1 FETCH (BODY[] {10}\r\n01234");
    QVERIFY(!framer.next());
    QVERIFY(!framer.hasError());
    QCOMPARE(framer.bufferedSize(), 29);
    framer.feed("56789)\r");
    QVERIFY(!framer.next());
    framer.feed("\n* 2 EXI");
    QCOMPARE(framer.next(), std::optional<QByteArray>("* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n"));
    QVERIFY(!framer.next());
    QCOMPARE(framer.bufferedSize(), 7);
    framer.feed("STS\r\n");
    QCOMPARE(framer.next(), std::optional<QByteArray>("* 2 EXISTS\r\n"));
    QCOMPARE(framer.bufferedSize(), 0);
}

void TestImapFramer::resetStartsOver()
{
    Limits limits;
    limits.maxLineLength = 8;
    ResponseFramer framer(limits);
    framer.feed("* OK this line is too long\r\n");
    QVERIFY(!framer.next());
    QVERIFY(framer.hasError());
    framer.reset();
    QVERIFY(!framer.hasError());
    framer.feed("* OK\r\n");
    QCOMPARE(framer.next(), std::optional<QByteArray>("* OK\r\n"));
}

QTEST_GUILESS_MAIN(TestImapFramer)
#include "tst_imap_framer.moc"
