// The command side: CommandBuilder quoting and literals, sequence sets, modified UTF-7,
// IMAP dates and tags.

#include "imap/CommandBuilder.h"
#include "imap/InternalDate.h"
#include "imap/ModifiedUtf7.h"
#include "imap/ResponseParser.h"
#include "imap/SequenceSet.h"
#include "imap/TagGenerator.h"

#include <QTest>
#include <functional>

using namespace threadline::imap;
using namespace Qt::Literals::StringLiterals;

using Build = std::function<Command()>;
using Mode = CommandBuilder::LiteralMode;
Q_DECLARE_METATYPE(Build)

class TestImapCommands : public QObject
{
    Q_OBJECT

private slots:
    void commands_data();
    void commands();
    void sequenceSetFromSorted_data();
    void sequenceSetFromSorted();
    void sequenceSetSplit();
    void sequenceSetCountAndContains();
    void modifiedUtf7_data();
    void modifiedUtf7();
    void modifiedUtf7Decode_data();
    void modifiedUtf7Decode();
    void internalDate_data();
    void internalDate();
    void formatDates();
    void tags();
};

void TestImapCommands::commands_data()
{
    QTest::addColumn<Build>("build");
    QTest::addColumn<QList<QByteArray>>("segments");

    QTest::newRow("capability") << Build([] { return CommandBuilder("t1", "CAPABILITY").build(); })
                                << QList<QByteArray>{"t1 CAPABILITY\r\n"};
    QTest::newRow("login atoms") << Build([] {
        return CommandBuilder("t1", "LOGIN").astring("user").astring("secret").build();
    }) << QList<QByteArray>{"t1 LOGIN user secret\r\n"};
    QTest::newRow("login quoted with specials") << Build([] {
        return CommandBuilder("t2", "LOGIN")
            .astring("user@example.test")
            .astring("pa ss\"w\\rd(%*)")
            .build();
    }) << QList<QByteArray>{"t2 LOGIN user@example.test \"pa ss\\\"w\\\\rd(%*)\"\r\n"};
    QTest::newRow("empty string") << Build([] {
        return CommandBuilder("t3", "LOGIN").astring("").astring("x").build();
    }) << QList<QByteArray>{"t3 LOGIN \"\" x\r\n"};
    QTest::newRow("8-bit password, synchronizing literal") << Build([] {
        return CommandBuilder("t4", "LOGIN").astring("user").astring("p\xc3\xa4ss").build();
    }) << QList<QByteArray>{"t4 LOGIN user {5}\r\n", "p\xc3\xa4ss\r\n"};
    QTest::newRow("two literals, three segments") << Build([] {
        return CommandBuilder("t5", "LOGIN").string("\xc3\xbc").string("a\r\nb").build();
    }) << QList<QByteArray>{"t5 LOGIN {2}\r\n", "\xc3\xbc {4}\r\n", "a\r\nb\r\n"};
    QTest::newRow("literal+ keeps one segment") << Build([] {
        return CommandBuilder("t6", "LOGIN", Mode::NonSynchronizing)
            .astring("user")
            .astring("p\xc3\xa4ss")
            .build();
    }) << QList<QByteArray>{"t6 LOGIN user {5+}\r\np\xc3\xa4ss\r\n"};
    QTest::newRow("literal- small is non-synchronizing, large is not")
        << Build([] {
               return CommandBuilder("t7", "APPEND", Mode::NonSynchronizingUpTo4K)
                   .mailbox(u"Sent")
                   .literal(QByteArray(4096, 'a'))
                   .literal(QByteArray(4097, 'b'))
                   .build();
           })
        << QList<QByteArray>{"t7 APPEND Sent {4096+}\r\n" + QByteArray(4096, 'a') + " {4097}\r\n",
                             QByteArray(4097, 'b') + "\r\n"};
    QTest::newRow("append with flags, date and message")
        << Build([] {
               return CommandBuilder("t8", "APPEND", Mode::NonSynchronizing)
                   .mailbox(u"Sent")
                   .raw("(\\Seen)")
                   .dateTime(QDateTime(QDate(1994, 2, 7), QTime(21, 52, 25), Qt::OffsetFromUTC,
                                       -8 * 3600))
                   .literal("Subject: x\r\n\r\nhi\r\n")
                   .build();
           })
        << QList<QByteArray>{
               "t8 APPEND Sent (\\Seen) \"07-Feb-1994 21:52:25 -0800\" {18+}\r\nSubject: "
               "x\r\n\r\nhi\r\n\r\n"};
    QTest::newRow("select inbox in any case") << Build([] {
        return CommandBuilder("t9", "SELECT").mailbox(u"inbox").raw("(CONDSTORE)").build();
    }) << QList<QByteArray>{"t9 SELECT INBOX (CONDSTORE)\r\n"};
    QTest::newRow("select modified utf-7 name")
        << Build([] { return CommandBuilder("t10", "SELECT").mailbox(u"Entwürfe/€-Été").build(); })
        << QList<QByteArray>{"t10 SELECT Entw&APw-rfe/&IKw--&AMk-t&AOk-\r\n"};
    QTest::newRow("mailbox with space and ampersand") << Build([] {
        return CommandBuilder("t11", "STATUS")
            .mailbox(u"R&D \"x\"")
            .beginList()
            .atom("MESSAGES")
            .atom("UIDNEXT")
            .endList()
            .build();
    }) << QList<QByteArray>{"t11 STATUS \"R&-D \\\"x\\\"\" (MESSAGES UIDNEXT)\r\n"};
    QTest::newRow("uid fetch with sequence set and list")
        << Build([] {
               const QList<quint32> uids{1, 2, 3, 5, 8, 9, 10};
               return CommandBuilder("t12", "UID FETCH")
                   .sequenceSet(SequenceSet::fromSorted(uids))
                   .beginList()
                   .atom("UID")
                   .atom("FLAGS")
                   .atom("BODY.PEEK[HEADER.FIELDS (References In-Reply-To)]")
                   .endList()
                   .beginList()
                   .atom("CHANGEDSINCE")
                   .number(12345678901ull)
                   .atom("VANISHED")
                   .endList()
                   .build();
           })
        << QList<QByteArray>{
               "t12 UID FETCH 1:3,5,8:10 (UID FLAGS BODY.PEEK[HEADER.FIELDS (References "
               "In-Reply-To)]) (CHANGEDSINCE 12345678901 VANISHED)\r\n"};
    QTest::newRow("uid fetch to star") << Build([] {
        return CommandBuilder("t13", "UID FETCH")
            .sequenceSet(SequenceSet::range(42, SequenceSet::Star))
            .raw("(FLAGS)")
            .build();
    }) << QList<QByteArray>{"t13 UID FETCH 42:* (FLAGS)\r\n"};
    QTest::newRow("search since") << Build([] {
        return CommandBuilder("t14", "UID SEARCH")
            .atom("RETURN")
            .raw("(ALL)")
            .atom("SINCE")
            .date(QDate(2024, 3, 1))
            .build();
    }) << QList<QByteArray>{"t14 UID SEARCH RETURN (ALL) SINCE 1-Mar-2024\r\n"};
    QTest::newRow("search charset with utf-8 string")
        << Build([] {
               return CommandBuilder("t15", "UID SEARCH", Mode::NonSynchronizing)
                   .atom("CHARSET")
                   .atom("UTF-8")
                   .atom("SUBJECT")
                   .string("Grüße")
                   .build();
           })
        << QList<QByteArray>{"t15 UID SEARCH CHARSET UTF-8 SUBJECT {7+}\r\nGr\xc3\xbc\xc3\x9f"
                             "e\r\n"};
    QTest::newRow("nested empty list") << Build([] {
        return CommandBuilder("t16", "ENABLE").beginList().endList().atom("X").build();
    }) << QList<QByteArray>{"t16 ENABLE () X\r\n"};
    QTest::newRow("astring allows ] but not specials") << Build([] {
        return CommandBuilder("t17", "LIST")
            .astring("")
            .astring("[Gmail]/Sent")
            .astring("a*")
            .build();
    }) << QList<QByteArray>{"t17 LIST \"\" [Gmail]/Sent \"a*\"\r\n"};
}

void TestImapCommands::commands()
{
    QFETCH(Build, build);
    QFETCH(QList<QByteArray>, segments);
    const Command command = build();
    QCOMPARE(command.segments, segments);
    QCOMPARE(command.bytes(), segments.join());
    QVERIFY(!command.tag.isEmpty());
    QVERIFY(command.segments.first().startsWith(QByteArray(command.tag + " ")));
}

void TestImapCommands::sequenceSetFromSorted_data()
{
    QTest::addColumn<QList<quint32>>("numbers");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty") << QList<quint32>{} << QByteArray();
    QTest::newRow("one") << QList<quint32>{7} << QByteArray("7");
    QTest::newRow("run") << QList<quint32>{1, 2, 3} << QByteArray("1:3");
    QTest::newRow("mixed") << QList<quint32>{1, 2, 3, 5, 7, 8} << QByteArray("1:3,5,7:8");
    QTest::newRow("duplicates") << QList<quint32>{4, 4, 5, 5, 9} << QByteArray("4:5,9");
    QTest::newRow("max uid") << QList<quint32>{4294967293u, 4294967294u}
                             << QByteArray("4294967293:4294967294");
}

void TestImapCommands::sequenceSetFromSorted()
{
    QFETCH(QList<quint32>, numbers);
    QFETCH(QByteArray, expected);
    const SequenceSet set = SequenceSet::fromSorted(numbers);
    QCOMPARE(set.toByteArray(), expected);
    QCOMPARE(set.count(), quint64(QSet<quint32>(numbers.begin(), numbers.end()).size()));
    for (const quint32 n : numbers) {
        QVERIFY(set.contains(n));
    }
}

void TestImapCommands::sequenceSetSplit()
{
    QList<quint32> odd;
    for (quint32 i = 1; i < 20000; i += 2) {
        odd.append(i);
    }
    const SequenceSet set = SequenceSet::fromSorted(odd);
    const QList<SequenceSet> parts = set.split(1000);
    QVERIFY(parts.size() > 1);
    quint64 total = 0;
    QByteArray joined;
    for (const SequenceSet& part : parts) {
        QVERIFY(part.toByteArray().size() <= 1000);
        total += part.count();
        joined += (joined.isEmpty() ? "" : ",") + part.toByteArray();
    }
    QCOMPARE(total, set.count());
    QCOMPARE(joined, set.toByteArray());
    QCOMPARE(SequenceSet().split(10).size(), 0);
}

void TestImapCommands::sequenceSetCountAndContains()
{
    SequenceSet set;
    set.append(10, 5); // "10:5" is the range 5:10
    set.append(100, 100);
    QCOMPARE(set.ranges().first(), (SequenceRange{5, 10}));
    QCOMPARE(set.count(), quint64(7));
    QVERIFY(set.contains(5) && set.contains(10) && set.contains(100));
    QVERIFY(!set.contains(4) && !set.contains(11));
    QCOMPARE(SequenceSet::range(1, SequenceSet::Star).count(), quint64(4294967295u));
}

void TestImapCommands::modifiedUtf7_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("ascii") << u"Sent"_s << QByteArray("Sent");
    QTest::newRow("ampersand") << u"R&D"_s << QByteArray("R&-D");
    QTest::newRow("rfc3501 example")
        << u"~peter/mail/台北/日本語"_s << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    QTest::newRow("umlaut") << u"Entwürfe"_s << QByteArray("Entw&APw-rfe");
    QTest::newRow("dovecot created")
        << u"Entwürfe/€-Été"_s << QByteArray("Entw&APw-rfe/&IKw--&AMk-t&AOk-");
    QTest::newRow("russian sent") << u"Отправленные"_s
                                  << QByteArray("&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-");
    QTest::newRow("emoji surrogate pair") << u"Mail 📬"_s << QByteArray("Mail &2D3c7A-");
    QTest::newRow("control char") << u"a\tb"_s << QByteArray("a&AAk-b");
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestImapCommands::modifiedUtf7()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, encoded);
    QCOMPARE(ModifiedUtf7::encode(name), encoded);
    QCOMPARE(ModifiedUtf7::decode(encoded), name);
}

void TestImapCommands::modifiedUtf7Decode_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QString>("decoded");

    QTest::newRow("unterminated run falls back to bytes") << QByteArray("a&AOk") << u"a&AOk"_s;
    QTest::newRow("bad base64 falls back") << QByteArray("a&!!-") << u"a&!!-"_s;
    QTest::newRow("odd byte count falls back") << QByteArray("&AO-") << u"&AO-"_s;
    QTest::newRow("raw utf-8 (UTF8=ACCEPT)") << QByteArray("Entw\xc3\xbc"
                                                           "rfe")
                                             << u"Entwürfe"_s;
}

void TestImapCommands::modifiedUtf7Decode()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QString, decoded);
    QCOMPARE(ModifiedUtf7::decode(encoded), decoded);
}

void TestImapCommands::internalDate_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("dovecot") << QByteArray("27-Nov-2026 02:28:54 +0000")
                             << QDateTime(QDate(2026, 11, 27), QTime(2, 28, 54), Qt::UTC);
    QTest::newRow("negative offset") << QByteArray("17-Jul-1996 02:44:25 -0700")
                                     << QDateTime(QDate(1996, 7, 17), QTime(9, 44, 25), Qt::UTC);
    QTest::newRow("half-hour offset") << QByteArray("01-Jan-2024 05:30:00 +0530")
                                      << QDateTime(QDate(2024, 1, 1), QTime(0, 0, 0), Qt::UTC);
    QTest::newRow("space-padded day") << QByteArray(" 7-Mar-2024 09:00:00 +0100")
                                      << QDateTime(QDate(2024, 3, 7), QTime(8, 0, 0), Qt::UTC);
    QTest::newRow("one-digit day") << QByteArray("7-Mar-2024 09:00:00 +0100")
                                   << QDateTime(QDate(2024, 3, 7), QTime(8, 0, 0), Qt::UTC);
    QTest::newRow("lower-case month") << QByteArray("07-mar-2024 09:00:00 +0000")
                                      << QDateTime(QDate(2024, 3, 7), QTime(9, 0, 0), Qt::UTC);
    QTest::newRow("invalid month") << QByteArray("07-Foo-2024 09:00:00 +0000") << QDateTime();
    QTest::newRow("invalid day") << QByteArray("31-Feb-2024 09:00:00 +0000") << QDateTime();
    QTest::newRow("missing zone") << QByteArray("07-Mar-2024 09:00:00") << QDateTime();
    QTest::newRow("trailing junk") << QByteArray("07-Mar-2024 09:00:00 +0000x") << QDateTime();
    QTest::newRow("empty") << QByteArray() << QDateTime();
}

void TestImapCommands::internalDate()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = InternalDate::parse(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
    }
}

void TestImapCommands::formatDates()
{
    const QDateTime dt(QDate(1994, 2, 7), QTime(21, 52, 25), Qt::OffsetFromUTC, -8 * 3600);
    QCOMPARE(InternalDate::format(dt), QByteArray("07-Feb-1994 21:52:25 -0800"));
    QCOMPARE(InternalDate::parse(InternalDate::format(dt)), dt);
    const QDateTime utc(QDate(2024, 12, 31), QTime(23, 59, 59), Qt::UTC);
    QCOMPARE(InternalDate::format(utc), QByteArray("31-Dec-2024 23:59:59 +0000"));
    QCOMPARE(InternalDate::formatDate(QDate(2024, 3, 1)), QByteArray("1-Mar-2024"));
    QVERIFY(InternalDate::format(QDateTime()).isEmpty());
    QVERIFY(InternalDate::formatDate(QDate()).isEmpty());
}

void TestImapCommands::tags()
{
    TagGenerator tags;
    QCOMPARE(tags.next(), QByteArray("t1"));
    QCOMPARE(tags.next(), QByteArray("t2"));
    TagGenerator other("idle");
    QCOMPARE(other.next(), QByteArray("idle1"));
    // A generated tag parses back as the tag of a completion.
    const auto parsed = ResponseParser::parse(QByteArray(tags.next() + " OK done\r\n"));
    QVERIFY(parsed);
    QCOMPARE(responseTag(parsed.value()), QByteArray("t3"));
}

QTEST_GUILESS_MAIN(TestImapCommands)
#include "tst_imap_commands.moc"
