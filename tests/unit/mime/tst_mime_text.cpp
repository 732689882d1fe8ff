// Charsets, transfer encodings, RFC 2047 encoded-words and the HTML-to-text rendering.
#include "mime/Ascii.h"
#include "mime/Charset.h"
#include "mime/EncodedWords.h"
#include "mime/HeaderBlock.h"
#include "mime/HtmlToText.h"
#include "mime/TransferEncoding.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline::mime;

namespace {

int flags(DecodeIssues issues)
{
    return int(issues.toInt());
}

constexpr int kUnknown = int(DecodeIssue::UnknownCharset);
constexpr int kMalformed = int(DecodeIssue::MalformedEncodedWord);
constexpr int kRaw = int(DecodeIssue::RawEightBit);
constexpr int kInvalid = int(DecodeIssue::InvalidBytes);

// The value of the single field in `field` ("Name: value", maybe folded), unfolded and decoded.
QString readBack(const QByteArray& field)
{
    const HeaderBlock block = HeaderBlock::parse(QByteArray(field + "\r\n\r\n"));
    return block.size() == 1 ? EncodedWords::decode(block.valueAt(0)) : u"<bad block>"_s;
}

} // namespace

class TestMimeText final : public QObject
{
    Q_OBJECT

private slots:
    void charsetDecode_data();
    void charsetDecode();
    void quotedPrintableDecode_data();
    void quotedPrintableDecode();
    void base64Decode_data();
    void base64Decode();
    void base64LinesOfAnyLength_data();
    void base64LinesOfAnyLength();
    void asciiIndexOf_data();
    void asciiIndexOf();
    void quotedPrintableEncode_data();
    void quotedPrintableEncode();
    void encodeDecodeRoundTrip_data();
    void encodeDecodeRoundTrip();
    void estimateDecodedSize_data();
    void estimateDecodedSize();
    void encodedWordsDecode_data();
    void encodedWordsDecode();
    void encodedWordsHostileInputIsLinear_data();
    void encodedWordsHostileInputIsLinear();
    void encodeHeaderExact_data();
    void encodeHeaderExact();
    void encodeHeaderRoundTrip_data();
    void encodeHeaderRoundTrip();
    void htmlToText_data();
    void htmlToText();
    void decodeEntities_data();
    void decodeEntities();
};

void TestMimeText::charsetDecode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("issues");

    QTest::newRow("utf-8") << "Caf\xc3\xa9"_ba
                           << "utf-8"_ba << u"Café"_s << 0;
    QTest::newRow("utf8 label") << "Caf\xc3\xa9"_ba
                                << "UTF8"_ba << u"Café"_s << 0;
    QTest::newRow("quoted label") << "Caf\xc3\xa9"_ba
                                  << "\"utf-8\""_ba << u"Café"_s << 0;
    QTest::newRow("label with spaces") << "Caf\xc3\xa9"_ba
                                       << " UTF-8 "_ba << u"Café"_s << 0;
    QTest::newRow("utf-8 invalid") << "Caf\xe9"_ba
                                   << "utf-8"_ba << u"Caf\uFFFD"_s << kInvalid;
    QTest::newRow("iso-8859-1 french") << "\xc0 bient\xf4t, \xe9l\xe8ve"_ba
                                       << "iso-8859-1"_ba << u"À bientôt, élève"_s << 0;
    QTest::newRow("iso-8859-1 read as windows-1252") << "\x80"_ba
                                                     << "ISO-8859-1"_ba << u"€"_s << 0;
    QTest::newRow("windows-1252 quotes") << "\x93hi\x94 \x96 ok"_ba
                                         << "windows-1252"_ba << u"“hi” – ok"_s << 0;
    QTest::newRow("iso-8859-15 euro") << "\xa4"_ba
                                      << "iso-8859-15"_ba << u"€"_s << 0;
    QTest::newRow("us-ascii plain") << "hello"_ba
                                    << "us-ascii"_ba << u"hello"_s << 0;
    QTest::newRow("us-ascii carrying utf-8") << "Caf\xc3\xa9"_ba
                                             << "us-ascii"_ba << u"Café"_s << 0;
    QTest::newRow("us-ascii carrying latin1") << "Caf\xe9"_ba
                                              << "us-ascii"_ba << u"Café"_s << kRaw;
    QTest::newRow("no charset, utf-8") << "\xe2\x82\xac"_ba
                                       << ""_ba << u"€"_s << 0;
    QTest::newRow("no charset, latin1") << "\xe9t\xe9"_ba
                                        << ""_ba << u"été"_s << kRaw;
    QTest::newRow("unknown charset, utf-8") << "\xc3\xa9"_ba
                                            << "x-unknown"_ba << u"é"_s << kUnknown;
    QTest::newRow("unknown charset, latin1") << "\xe9"_ba
                                             << "x-bogus-42"_ba << u"é"_s << kUnknown;
    QTest::newRow("koi8-r") << "\xf0\xd2\xc9\xd7\xc5\xd4 \xcd\xc9\xd2"_ba
                            << "koi8-r"_ba << u"Привет мир"_s << 0;
    QTest::newRow("iso-2022-jp") << "\x1b$B$3$s$K$A$O\x1b(B"_ba
                                 << "ISO-2022-JP"_ba << u"こんにちは"_s << 0;
    QTest::newRow("gb18030") << "\xd6\xd0\xce\xc4"_ba
                             << "GB18030"_ba << u"中文"_s << 0;
    QTest::newRow("gb2312 label") << "\xd6\xd0\xce\xc4"_ba
                                  << "gb2312"_ba << u"中文"_s << 0;
    QTest::newRow("shift_jis") << "\x93\xfa\x96{"_ba
                               << "Shift_JIS"_ba << u"日本"_s << 0;
    QTest::newRow("windows-1251") << "\xcf\xf0\xe8"_ba
                                  << "windows-1251"_ba << u"При"_s << 0;
    QTest::newRow("empty input") << QByteArray() << "utf-8"_ba << QString() << 0;
    // windows-1252 skips eight ASCII bytes at a time: 0x80..0x9F at every offset of a word.
    QTest::newRow("windows-1252 long") << "\x80 The \x93quick\x94 brown fox\x85 \x9f"_ba
                                       << "cp1252"_ba << u"€ The “quick” brown fox… Ÿ"_s << 0;
    QTest::newRow("windows-1252 latin1 letters") << "caf\xe9 \xe0 la cr\xe8me \xbd\x8c"_ba
                                                 << "latin1"_ba << u"café à la crème ½Œ"_s << 0;
    QTest::newRow("windows-1252 undefined bytes")
        << "12345678\x81\x8d\x8f\x90\x9d"_ba
        << "windows-1252"_ba << u"12345678\u0081\u008d\u008f\u0090\u009d"_s << 0;
}

void TestMimeText::charsetDecode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, charset);
    QFETCH(QString, expected);
    QFETCH(int, issues);
    DecodeIssues found;
    QCOMPARE(Charset::decode(bytes, charset, &found), expected);
    QCOMPARE(flags(found), issues);
}

void TestMimeText::quotedPrintableDecode_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("decoded");
    QTest::addColumn<bool>("damaged");

    QTest::newRow("plain") << "hello"_ba
                           << "hello"_ba << false;
    QTest::newRow("escapes") << "caf=C3=A9"_ba
                             << "caf\xc3\xa9"_ba << false;
    QTest::newRow("lowercase hex") << "caf=c3=a9"_ba
                                   << "caf\xc3\xa9"_ba << false;
    QTest::newRow("equals sign") << "a=3Db"_ba
                                 << "a=b"_ba << false;
    QTest::newRow("soft break crlf") << "abc=\r\ndef"_ba
                                     << "abcdef"_ba << false;
    QTest::newRow("soft break lf") << "abc=\ndef"_ba
                                   << "abcdef"_ba << false;
    QTest::newRow("soft break then space") << "abc= \r\ndef"_ba
                                           << "abcdef"_ba << false;
    QTest::newRow("soft break at end") << "abc="_ba
                                       << "abc"_ba << false;
    QTest::newRow("hard breaks kept") << "a\r\nb\nc"_ba
                                      << "a\r\nb\nc"_ba << false;
    QTest::newRow("transport whitespace dropped") << "abc \t\r\ndef"_ba
                                                  << "abc\r\ndef"_ba << false;
    QTest::newRow("encoded trailing space") << "abc=20\r\n"_ba
                                            << "abc \r\n"_ba << false;
    QTest::newRow("bad escape kept") << "a=ZZb"_ba
                                     << "a=ZZb"_ba << true;
    QTest::newRow("half escape at end") << "a=4"_ba
                                        << "a=4"_ba << true;
    QTest::newRow("lone equals mid-line") << "1 = 2"_ba
                                          << "1 = 2"_ba << true;
    QTest::newRow("8-bit passed through") << "caf\xe9"_ba
                                          << "caf\xe9"_ba << false;
    QTest::newRow("empty") << QByteArray() << QByteArray() << false;
}

void TestMimeText::quotedPrintableDecode()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, decoded);
    QFETCH(bool, damaged);
    bool bad = false;
    QCOMPARE(TransferEncoding::decodeQuotedPrintable(encoded, &bad), decoded);
    QCOMPARE(bad, damaged);
}

void TestMimeText::base64Decode_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("decoded");
    QTest::addColumn<bool>("damaged");

    QTest::newRow("padded") << "Q2Fmw6k="_ba
                            << "Caf\xc3\xa9"_ba << false;
    QTest::newRow("missing padding") << "Q2Fmw6k"_ba
                                     << "Caf\xc3\xa9"_ba << false;
    QTest::newRow("line breaks") << "Q2Fm\r\nw6k=\r\n"_ba
                                 << "Caf\xc3\xa9"_ba << false;
    QTest::newRow("junk inside") << "Q2F*mw6k="_ba
                                 << "Caf\xc3\xa9"_ba << true;
    QTest::newRow("concatenated chunks") << "YQ==Yg=="_ba
                                         << "ab"_ba << false;
    QTest::newRow("url-safe alphabet") << "-_8="_ba
                                       << "\xfb\xff"_ba << false;
    QTest::newRow("dangling sextet") << "YWJjZA"_ba
                                     << "abcd"_ba << false;
    QTest::newRow("single sextet") << "YWJjZ"_ba
                                   << "abc"_ba << true;
    QTest::newRow("only junk") << "!!!"_ba << QByteArray() << true;
    QTest::newRow("empty") << QByteArray() << QByteArray() << false;
    QTest::newRow("padding only") << "===="_ba << QByteArray() << false;
    // Whole groups of four are decoded at once: breaks, junk and padding at other offsets.
    QTest::newRow("break inside a group") << "YW\r\nJjZGVm"_ba
                                          << "abcdef"_ba << false;
    QTest::newRow("lf only, odd lines") << "YWJjZ\nGVmZ2\nhp\n"_ba
                                        << "abcdefghi"_ba << false;
    QTest::newRow("space inside a group") << "YWJj ZGVm"_ba
                                          << "abcdef"_ba << false;
    QTest::newRow("junk after a group") << "YWJj*ZGVm"_ba
                                        << "abcdef"_ba << true;
    QTest::newRow("padding then more") << "YWI=YWJjZGVm"_ba
                                       << "ababcdef"_ba << false;
    QTest::newRow("padding inside a group") << "YW=JjZGVm"_ba
                                            << "a&6FV"_ba << false;
}

// Random data in lines of every length from 1 to 80, CRLF or LF: what real attachments
// look like, with breaks falling inside groups of four as well as between them.
void TestMimeText::base64LinesOfAnyLength_data()
{
    QTest::addColumn<QByteArray>("lineBreak");
    QTest::newRow("crlf") << "\r\n"_ba;
    QTest::newRow("lf") << "\n"_ba;
}

void TestMimeText::base64LinesOfAnyLength()
{
    QFETCH(QByteArray, lineBreak);
    QRandomGenerator random(2045);
    for (int length = 0; length < 200; ++length) {
        QByteArray data(length, Qt::Uninitialized);
        for (char& c : data)
            c = char(random.bounded(256));
        const QByteArray encoded = data.toBase64();
        const qsizetype lineLength = 1 + length % 80;
        QByteArray lines;
        for (qsizetype pos = 0; pos < encoded.size(); pos += lineLength)
            lines += encoded.mid(pos, lineLength) + lineBreak;
        bool bad = true;
        QCOMPARE(TransferEncoding::decodeBase64(lines, &bad), data);
        QVERIFY(!bad);
        QCOMPARE(TransferEncoding::estimateDecodedSize(lines, TransferEncoding::Kind::Base64),
                 qsizetype(length));
    }
}

void TestMimeText::asciiIndexOf_data()
{
    QTest::addColumn<QByteArray>("haystack");
    QTest::addColumn<QByteArray>("needle");
    QTest::addColumn<qsizetype>("from");

    QTest::newRow("found") << "ab=?cd?=ef"_ba
                           << "?="_ba << qsizetype(0);
    QTest::newRow("not found") << "ab=cd"_ba
                               << "=?"_ba << qsizetype(0);
    QTest::newRow("at the very end") << "abc=?"_ba
                                     << "=?"_ba << qsizetype(0);
    QTest::newRow("first byte last") << "abc="_ba
                                     << "=?"_ba << qsizetype(0);
    QTest::newRow("from past a match") << "=?a=?"_ba
                                       << "=?"_ba << qsizetype(1);
    QTest::newRow("from at the end") << "=?"_ba
                                     << "=?"_ba << qsizetype(2);
    QTest::newRow("needle longer") << "--a"_ba
                                   << "--abc"_ba << qsizetype(0);
    QTest::newRow("partial matches first") << "--b--bo\n--boundary"_ba
                                           << "--boundary"_ba << qsizetype(0);
    // Thousands of near misses: the search hands over to QByteArrayView::indexOf.
    QTest::newRow("hostile") << QByteArray(5000, '-') + "--boundary"
                             << "--boundary"_ba << qsizetype(3);
    QTest::newRow("hostile, absent") << QByteArray(5000, '-') << "--boundary"_ba << qsizetype(0);
}

void TestMimeText::asciiIndexOf()
{
    QFETCH(QByteArray, haystack);
    QFETCH(QByteArray, needle);
    QFETCH(qsizetype, from);
    QCOMPARE(Ascii::indexOf(haystack, needle, from),
             QByteArrayView(haystack).indexOf(needle, from));
}

void TestMimeText::base64Decode()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, decoded);
    QFETCH(bool, damaged);
    bool bad = false;
    QCOMPARE(TransferEncoding::decodeBase64(encoded, &bad), decoded);
    QCOMPARE(bad, damaged);
}

void TestMimeText::quotedPrintableEncode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("plain") << "hello world"_ba
                           << "hello world"_ba;
    QTest::newRow("utf-8") << "caf\xc3\xa9"_ba
                           << "caf=C3=A9"_ba;
    QTest::newRow("equals") << "a=b"_ba
                            << "a=3Db"_ba;
    QTest::newRow("trailing space") << "abc \nx"_ba
                                    << "abc=20\r\nx"_ba;
    QTest::newRow("trailing tab at end") << "abc\t"_ba
                                         << "abc=09"_ba;
    QTest::newRow("from line") << "From here\nFrom"_ba
                               << "=46rom here\r\nFrom"_ba;
    QTest::newRow("line endings") << "a\r\nb\rc\nd\n"_ba
                                  << "a\r\nb\r\nc\r\nd\r\n"_ba;
    QTest::newRow("empty lines") << "\n\n"_ba
                                 << "\r\n\r\n"_ba;
    QTest::newRow("long line") << QByteArray(80, 'a')
                               << QByteArray(75, 'a') + "=\r\n" + QByteArray(5, 'a');
    QTest::newRow("exactly 76") << QByteArray(76, 'a') << QByteArray(76, 'a');
    QTest::newRow("escape not split")
        << QByteArray(74, 'a') + "\xc3\xa9" << QByteArray(74, 'a') + "=\r\n=C3=A9";
}

void TestMimeText::quotedPrintableEncode()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, encoded);
    QCOMPARE(TransferEncoding::encodeQuotedPrintable(input), encoded);
}

void TestMimeText::encodeDecodeRoundTrip_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("size");
    for (int seed = 1; seed <= 12; ++seed)
        QTest::addRow("random %d", seed) << seed << seed * 397;
}

void TestMimeText::encodeDecodeRoundTrip()
{
    QFETCH(int, seed);
    QFETCH(int, size);
    QRandomGenerator random{quint32(seed)};
    QByteArray data(size, Qt::Uninitialized);
    for (char& c : data) {
        // Mostly text with CRLF line breaks, some binary: QP round trips exactly for text.
        const quint32 r = random.bounded(100);
        c = r < 80 ? char(random.bounded(32, 127)) : r < 85 ? ' ' : char(random.bounded(256));
        if (c == '\r' || c == '\n')
            c = 'x';
    }
    for (int i = 50; i < data.size(); i += 61)
        data.replace(i, 2, "\r\n");

    const QByteArray qp = TransferEncoding::encodeQuotedPrintable(data);
    for (const QByteArray& line : qp.split('\n')) {
        QVERIFY2(line.size() <= 77, line.constData()); // 76 plus the CR
        for (const char c : line)
            QVERIFY(static_cast<unsigned char>(c) < 0x80);
    }
    QCOMPARE(TransferEncoding::decodeQuotedPrintable(qp), data);
    QCOMPARE(TransferEncoding::estimateDecodedSize(qp, TransferEncoding::Kind::QuotedPrintable),
             data.size());

    const QByteArray b64 = TransferEncoding::encodeBase64Lines(data);
    for (const QByteArray& line : b64.split('\n'))
        QVERIFY(line.size() <= 77);
    QCOMPARE(TransferEncoding::decodeBase64(b64), data);
    QCOMPARE(TransferEncoding::estimateDecodedSize(b64, TransferEncoding::Kind::Base64),
             data.size());
}

void TestMimeText::estimateDecodedSize_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<qint64>("size");

    QTest::newRow("identity") << "abc\r\n"_ba
                              << "7bit"_ba << qint64(5);
    QTest::newRow("unknown is identity") << "abc"_ba
                                         << "x-uuencode"_ba << qint64(3);
    QTest::newRow("base64") << "YWJj\r\nZGVm\r\n"_ba
                            << "base64"_ba << qint64(6);
    QTest::newRow("base64 padded") << "YQ==\r\n"_ba
                                   << "BASE64"_ba << qint64(1);
    QTest::newRow("qp") << "a=3Db=\r\nc\r\n"_ba
                        << "quoted-printable"_ba << qint64(6);
    QTest::newRow("base64 odd lines, lf") << "YWJjZ\nGVmZ2\nhp\n"_ba
                                          << "base64"_ba << qint64(9);
    QTest::newRow("base64 junk and spaces") << "YW Jj*ZG\tVm\r\n"_ba
                                            << "base64"_ba << qint64(6);
    QTest::newRow("base64 padding mid-way") << "YWI=YWJj\r\n"_ba
                                            << "base64"_ba << qint64(5);
    QTest::newRow("base64 empty") << QByteArray() << "base64"_ba << qint64(0);
}

void TestMimeText::estimateDecodedSize()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, encoding);
    QFETCH(qint64, size);
    QCOMPARE(
        qint64(TransferEncoding::estimateDecodedSize(data, TransferEncoding::kindOf(encoding))),
        size);
}

void TestMimeText::encodedWordsDecode_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("issues");

    QTest::newRow("plain ascii") << "Hello world"_ba << u"Hello world"_s << 0;
    QTest::newRow("empty") << QByteArray() << QString() << 0;
    QTest::newRow("latin1 Q") << "=?ISO-8859-1?Q?Andr=E9?= Pirard"_ba << u"André Pirard"_s << 0;
    QTest::newRow("utf-8 B") << "=?UTF-8?B?Q2Fmw6k=?="_ba << u"Café"_s << 0;
    QTest::newRow("utf-8 B no padding") << "=?UTF-8?B?Q2Fmw6k?="_ba << u"Café"_s << 0;
    QTest::newRow("lowercase q") << "=?utf-8?q?caf=c3=a9?="_ba << u"café"_s << 0;
    QTest::newRow("french subject")
        << "Re: =?UTF-8?Q?R=C3=A9union_de_d=C3=A9cembre_=C3=A0_l'h=C3=B4tel?="_ba
        << u"Re: Réunion de décembre à l'hôtel"_s << 0;
    QTest::newRow("windows-1252") << "=?windows-1252?Q?=80_5?="_ba << u"€ 5"_s << 0;
    QTest::newRow("iso-2022-jp") << "=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?="_ba
                                 << u"こんにちは"_s << 0;
    QTest::newRow("koi8-r") << "=?KOI8-R?B?8NLJ18XU?="_ba << u"Привет"_s << 0;
    QTest::newRow("gb18030") << "=?GB18030?B?1tDOxA==?="_ba << u"中文"_s << 0;
    // RFC 2047 §8 examples.
    QTest::newRow("rfc2047 8 a") << "(=?ISO-8859-1?Q?a?=)"_ba << u"(a)"_s << 0;
    QTest::newRow("rfc2047 8 a b") << "(=?ISO-8859-1?Q?a?= b)"_ba << u"(a b)"_s << 0;
    QTest::newRow("rfc2047 8 ab") << "(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)"_ba << u"(ab)"_s << 0;
    QTest::newRow("rfc2047 8 ab spaces")
        << "(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)"_ba << u"(ab)"_s << 0;
    QTest::newRow("rfc2047 8 ab folded")
        << "(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)"_ba << u"(ab)"_s << 0;
    QTest::newRow("rfc2047 8 underscore") << "(=?ISO-8859-1?Q?a_b?=)"_ba << u"(a b)"_s << 0;
    QTest::newRow("rfc2047 8 two charsets")
        << "(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)"_ba << u"(a b)"_s << 0;
    QTest::newRow("character split across words")
        << "=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?="_ba << u"café"_s << 0;
    QTest::newRow("B split across words") << "=?UTF-8?B?w6k=?= =?utf-8?B?w6k=?="_ba << u"éé"_s << 0;
    QTest::newRow("space kept before text")
        << "=?UTF-8?Q?a?= b =?UTF-8?Q?c?="_ba << u"a b c"_s << 0;
    QTest::newRow("glued to text") << "Re:=?UTF-8?Q?caf=C3=A9?=!"_ba << u"Re:café!"_s << 0;
    QTest::newRow("language suffix") << "=?UTF-8*fr?Q?caf=C3=A9?="_ba << u"café"_s << 0;
    QTest::newRow("empty text") << "a =?utf-8?q?"
                                   "?= b"_ba
                                << u"a  b"_s << 0;
    QTest::newRow("line break inside") << "=?UTF-8?Q?a=0D=0Ab?="_ba << u"a  b"_s << 0;
    QTest::newRow("unknown charset kept")
        << "=?x-unknown?Q?abc?= d"_ba << u"=?x-unknown?Q?abc?= d"_s << kUnknown;
    QTest::newRow("unknown encoding kept")
        << "=?UTF-8?X?abc?="_ba << u"=?UTF-8?X?abc?="_s << kMalformed;
    QTest::newRow("unterminated kept") << "=?UTF-8?Q?abc"_ba << u"=?UTF-8?Q?abc"_s << kMalformed;
    QTest::newRow("space inside kept")
        << "=?UTF-8?Q?a b?="_ba << u"=?UTF-8?Q?a b?="_s << kMalformed;
    QTest::newRow("bad base64 kept")
        << "=?UTF-8?B?@@@@?="_ba << u"=?UTF-8?B?@@@@?="_s << kMalformed;
    QTest::newRow("no charset") << "=?"
                                   "?Q?abc?="_ba
                                << u"=?"
                                   "?Q?abc?="_s
                                << 0;
    QTest::newRow("lone marker") << "what =? no"_ba << u"what =? no"_s << 0;
    QTest::newRow("raw utf-8") << "Caf\xc3\xa9 cr\xc3\xa8me"_ba << u"Café crème"_s << 0;
    QTest::newRow("raw latin1") << "Caf\xe9"_ba << u"Café"_s << kRaw;
    QTest::newRow("raw latin1 and word") << "\xe9t\xe9 =?UTF-8?Q?=C3=A0?="_ba << u"été à"_s << kRaw;
    QTest::newRow("bad Q escape decoded leniently") << "=?UTF-8?Q?a=ZZ?="_ba << u"a=ZZ"_s << 0;
    QTest::newRow("invalid utf-8 in word") << "=?UTF-8?Q?a=E9?="_ba << u"a\uFFFD"_s << kInvalid;
}

void TestMimeText::encodedWordsDecode()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    QFETCH(int, issues);
    DecodeIssues found;
    QCOMPARE(EncodedWords::decode(raw, &found), expected);
    QCOMPARE(flags(found), issues);
}

void TestMimeText::encodedWordsHostileInputIsLinear_data()
{
    QTest::addColumn<QByteArray>("unit");
    QTest::newRow("markers") << "=?"_ba;
    QTest::newRow("open words") << "=?utf-8?q?"_ba;
    QTest::newRow("words without close") << "=?a?q?x "_ba;
    QTest::newRow("adjacent words") << "=?utf-8?q?a?= "_ba;
    QTest::newRow("long charset")
        << "=?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_ba;
}

void TestMimeText::encodedWordsHostileInputIsLinear()
{
    QFETCH(QByteArray, unit);
    const QByteArray small = unit.repeated(2000);
    const QByteArray large = unit.repeated(64000);
    QElapsedTimer timer;
    timer.start();
    EncodedWords::decode(small);
    const qint64 smallNs = qMax<qint64>(timer.nsecsElapsed(), 1);
    timer.restart();
    EncodedWords::decode(large);
    const qint64 largeNs = timer.nsecsElapsed();
    // 32 times the input: a quadratic decoder would take ~1000 times longer.
    QVERIFY2(largeNs < qMax<qint64>(smallNs * 200, 200'000'000),
             qPrintable(u"%1 ns vs %2 ns"_s.arg(largeNs).arg(smallNs)));
}

void TestMimeText::encodeHeaderExact_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("field");

    QTest::newRow("ascii") << "Subject"_ba << u"Hello world"_s << "Subject: Hello world"_ba;
    QTest::newRow("trimmed") << "Subject"_ba << u"  Hello  "_s << "Subject: Hello"_ba;
    // §4 allows either encoding; the shorter one is written.
    QTest::newRow("Q shorter") << "Subject"_ba << u"Mérignac-Sud ouvert"_s
                               << "Subject: =?UTF-8?Q?M=C3=A9rignac-Sud?= ouvert"_ba;
    QTest::newRow("B shorter") << "Subject"_ba << u"Café ouvert"_s
                               << "Subject: =?UTF-8?B?Q2Fmw6k=?= ouvert"_ba;
    QTest::newRow("run of words") << "Subject"_ba << u"À bientôt Marie"_s
                                  << "Subject: =?UTF-8?B?w4AgYmllbnTDtHQ=?= Marie"_ba;
    QTest::newRow("japanese B") << "Subject"_ba << u"日本語"_s
                                << "Subject: =?UTF-8?B?5pel5pys6Kqe?="_ba;
    QTest::newRow("looks encoded")
        << "Subject"_ba << u"=?x?="_s << "Subject: =?UTF-8?B?PT94Pz0=?="_ba;
    QTest::newRow("line break removed") << "Subject"_ba << u"a\r\nb"_s << "Subject: a  b"_ba;
    QTest::newRow("empty") << "Subject"_ba << QString() << "Subject: "_ba;
}

void TestMimeText::encodeHeaderExact()
{
    QFETCH(QByteArray, name);
    QFETCH(QString, text);
    QFETCH(QByteArray, field);
    QCOMPARE(EncodedWords::encodeHeader(name, text), field);
}

void TestMimeText::encodeHeaderRoundTrip_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("short") << u"Bonjour"_s;
    QTest::newRow("long ascii")
        << u"This is a rather long subject line that goes on and on and on about the quarterly "
           "numbers and the next meeting with the customer"_s;
    QTest::newRow("long french")
        << u"Réunion de suivi : présentation des résultats trimestriels, échéancier révisé et "
           "décisions à prendre avant la fin de l'année fiscale"_s;
    QTest::newRow("long japanese")
        << u"来週の会議の議題について確認させていただきたいことがございます。"
           "ご都合のよい日時をお知らせください。"_s;
    QTest::newRow("emoji") << u"🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 party 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉"_s;
    QTest::newRow("mixed") << u"Devis n°42 — version finale (signée) pour Müller & Söhne GmbH"_s;
    QTest::newRow("double spaces kept") << u"a  b   c"_s;
    QTest::newRow("encoded-looking text") << u"see =?utf-8?q?x?= literally"_s;
    QTest::newRow("long unbreakable word") << QString(120, u'x');
    QTest::newRow("very long word") << QString(1200, u'y');
    QTest::newRow("many accented words")
        << u"Quelques mots accentués, répétés : été, été, été, été, été, été, été, été"_s;
}

void TestMimeText::encodeHeaderRoundTrip()
{
    QFETCH(QString, text);
    const QByteArray field = EncodedWords::encodeHeader("Subject", text);
    for (const QByteArray& line : field.split('\n')) {
        const QByteArray trimmed = line.endsWith('\r') ? line.chopped(1) : line;
        // 76 is the rule for lines holding encoded-words; a plain word may exceed it.
        QVERIFY2(trimmed.size() <= 76 || !trimmed.contains("=?"), trimmed.constData());
        QVERIFY2(trimmed.size() <= 998, trimmed.constData());
        for (const char c : trimmed)
            QVERIFY(static_cast<unsigned char>(c) < 0x80 && c != '\r');
    }
    QCOMPARE(readBack(field), text);
}

void TestMimeText::htmlToText_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("text");

    QTest::newRow("simple") << u"<p>Hello <b>world</b></p>"_s << u"Hello world"_s;
    QTest::newRow("paragraphs") << u"<p>a</p><p>b</p>"_s << u"a\n\nb"_s;
    QTest::newRow("br") << u"a<br>b<br/>c"_s << u"a\nb\nc"_s;
    QTest::newRow("uppercase") << u"<P>A</P><BR>B"_s << u"A\nB"_s;
    QTest::newRow("entities") << u"&amp; &lt;x&gt; &eacute;&#233;&#xE9; &quot;q&quot;"_s
                              << u"& <x> ééé \"q\""_s;
    QTest::newRow("nbsp collapses") << u"a&nbsp;&nbsp; b"_s << u"a b"_s;
    QTest::newRow("whitespace collapses") << u"  a \n\t b  "_s << u"a b"_s;
    QTest::newRow("script and style")
        << u"<style>p{color:red}</style><script>if (a<b) alert(1)</script>Hi"_s << u"Hi"_s;
    QTest::newRow("head")
        << u"<html><head><title>T</title><meta charset=utf-8></head><body>B</body></html>"_s
        << u"B"_s;
    QTest::newRow("comment") << u"a<!-- <p>hidden</p> -->b"_s << u"ab"_s;
    QTest::newRow("doctype") << u"<!DOCTYPE html><p>x</p>"_s << u"x"_s;
    QTest::newRow("not a tag") << u"a < b and c > d"_s << u"a < b and c > d"_s;
    QTest::newRow("quoted >") << u"<a title=\"x>y\" href='z'>link</a>"_s << u"link"_s;
    QTest::newRow("list") << u"<ul><li>one</li><li>two</li></ul>"_s << u"- one\n- two"_s;
    QTest::newRow("table") << u"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"_s
                           << u"a b\nc"_s;
    QTest::newRow("pre") << u"<pre>a\n  b</pre>c"_s << u"a\n  b\nc"_s;
    QTest::newRow("unclosed tag") << u"text <p class=\"x"_s << u"text"_s;
    QTest::newRow("unclosed script") << u"a<script>never closed"_s << u"a"_s;
    QTest::newRow("unknown entity") << u"&bogus; &amp"_s << u"&bogus; &amp"_s;
    QTest::newRow("numeric extremes") << u"&#0;&#x110000;&#150;&#128512;"_s << u"\uFFFD\uFFFD–😀"_s;
    QTest::newRow("blockquote reply")
        << u"<div>Thanks!</div><blockquote><div>On Monday, Jo wrote:</div>Hi</blockquote>"_s
        << u"Thanks!\n\nOn Monday, Jo wrote:\nHi"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestMimeText::htmlToText()
{
    QFETCH(QString, html);
    QFETCH(QString, text);
    QCOMPARE(HtmlToText::convert(html), text);
}

void TestMimeText::decodeEntities_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("decoded");
    QTest::newRow("named") << u"Ren&eacute; &amp; Zo&euml;"_s << u"René & Zoë"_s;
    QTest::newRow("case matters") << u"&Eacute;&eacute;"_s << u"Éé"_s;
    QTest::newRow("unterminated numeric") << u"&#65 B"_s << u"A B"_s;
    QTest::newRow("unterminated named kept") << u"&amp B"_s << u"&amp B"_s;
    QTest::newRow("lone ampersand") << u"a & b"_s << u"a & b"_s;
}

void TestMimeText::decodeEntities()
{
    QFETCH(QString, text);
    QFETCH(QString, decoded);
    QCOMPARE(HtmlToText::decodeEntities(text), decoded);
}

QTEST_GUILESS_MAIN(TestMimeText)
#include "tst_mime_text.moc"
