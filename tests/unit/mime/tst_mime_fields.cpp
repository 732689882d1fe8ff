// Structured header fields: parameters (RFC 2045/2231), addresses and message ids
// (RFC 5322 §3.4, §3.6.4), dates (§3.3, §4.3) and the header block itself (§2.2).
#include "mime/AddressParser.h"
#include "mime/ContentDisposition.h"
#include "mime/ContentType.h"
#include "mime/HeaderBlock.h"
#include "mime/MessageDate.h"
#include "mime/MessageIds.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace threadline::mime;

namespace {

// "[name]<email>" per address, joined by ", ": readable in a failed comparison.
QString flat(const AddressList& list)
{
    QStringList out;
    for (const Address& a : list)
        out.append(u'[' + a.name + u"]<" + a.email + u'>');
    return out.join(u", ");
}

QString flat(const HeaderBlock& block)
{
    QStringList out;
    for (qsizetype i = 0; i < block.size(); ++i)
        out.append(QString::fromUtf8(block.nameAt(i)) + u'=' + QString::fromUtf8(block.valueAt(i)));
    return out.join(u'|');
}

QString iso(const QDateTime& dt)
{
    return dt.isValid() ? dt.toString(Qt::ISODate) : QString();
}

} // namespace

class TestMimeFields final : public QObject
{
    Q_OBJECT

private slots:
    void contentType_data();
    void contentType();
    void fileName_data();
    void fileName();
    void encodeParameter_data();
    void encodeParameter();
    void addresses_data();
    void addresses();
    void addressNormalized();
    void addressListIsLinear();
    void messageIds_data();
    void messageIds();
    void messageIdSingle_data();
    void messageIdSingle();
    void dates_data();
    void dates();
    void formatDate_data();
    void formatDate();
    void headerBlock_data();
    void headerBlock();
    void headerLookup();
};

void TestMimeFields::contentType_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("mimeType");
    QTest::addColumn<QByteArray>("parameter");
    QTest::addColumn<QString>("expected");

    QTest::newRow("charset") << "text/plain; charset=utf-8"_ba
                             << "text/plain"_ba
                             << "charset"_ba << u"utf-8"_s;
    QTest::newRow("case and quotes") << "TEXT/HTML; CHARSET=\"ISO-8859-1\""_ba
                                     << "text/html"_ba
                                     << "charset"_ba << u"ISO-8859-1"_s;
    QTest::newRow("comment after value") << "text/plain; charset=us-ascii (Plain text)"_ba
                                         << "text/plain"_ba
                                         << "charset"_ba << u"us-ascii"_s;
    QTest::newRow("no spaces") << "text/plain;charset=utf-8;format=flowed"_ba
                               << "text/plain"_ba
                               << "format"_ba << u"flowed"_s;
    QTest::newRow("missing semicolon") << "text/plain charset=utf-8"_ba
                                       << "text/plain"_ba
                                       << "charset"_ba << u"utf-8"_s;
    QTest::newRow("missing semicolon between params")
        << "text/plain; charset=utf-8 format=flowed"_ba
        << "text/plain"_ba
        << "format"_ba << u"flowed"_s;
    QTest::newRow("boundary") << "multipart/mixed; boundary=\"----=_Part_0_1.2\""_ba
                              << "multipart/mixed"_ba
                              << "boundary"_ba << u"----=_Part_0_1.2"_s;
    QTest::newRow("folded") << "multipart/alternative;\tboundary=simple"_ba
                            << "multipart/alternative"_ba
                            << "boundary"_ba << u"simple"_s;
    QTest::newRow("comments everywhere")
        << "multipart/mixed (a) ; (b) boundary (c) = (d) \"xyz\" (e)"_ba
        << "multipart/mixed"_ba
        << "boundary"_ba << u"xyz"_s;
    QTest::newRow("spaces around slash") << "text / html"_ba
                                         << "text/html"_ba
                                         << "charset"_ba << QString();
    QTest::newRow("escaped quote") << "application/pdf; name=\"a\\\"b.pdf\""_ba
                                   << "application/pdf"_ba
                                   << "name"_ba << u"a\"b.pdf"_s;
    QTest::newRow("unterminated quote") << "application/pdf; name=\"abc.pdf"_ba
                                        << "application/pdf"_ba
                                        << "name"_ba << u"abc.pdf"_s;
    QTest::newRow("attribute without value") << "application/pdf; name; x=1"_ba
                                             << "application/pdf"_ba
                                             << "x"_ba << u"1"_s;
    QTest::newRow("first duplicate wins") << "text/plain; charset=utf-8; charset=latin1"_ba
                                          << "text/plain"_ba
                                          << "charset"_ba << u"utf-8"_s;
    // RFC 2231 §3, §4, §4.1 examples.
    QTest::newRow("rfc2231 continuation")
        << "message/external-body; access-type=URL; URL*0=\"ftp://\"; "
           "URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\""_ba
        << "message/external-body"_ba
        << "url"_ba << u"ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"_s;
    QTest::newRow("rfc2231 charset")
        << "application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A"_ba
        << "application/x-stuff"_ba
        << "title"_ba << u"This is ***fun***"_s;
    QTest::newRow("rfc2231 mixed sections")
        << "application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20; "
           "title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\""_ba
        << "application/x-stuff"_ba
        << "title"_ba << u"This is even more ***fun*** isn't it!"_s;
    QTest::newRow("rfc2231 out of order")
        << "application/pdf; name*1*=%A9.pdf; name*0*=UTF-8''R%C3"_ba
        << "application/pdf"_ba
        << "name"_ba << u"Ré.pdf"_s;
    QTest::newRow("rfc2231 japanese split in a character")
        << "application/pdf; name*0*=UTF-8''%E6%97; name*1*=%A5%E6%9C%AC.pdf"_ba
        << "application/pdf"_ba
        << "name"_ba << u"日本.pdf"_s;
    QTest::newRow("rfc2231 no charset") << "application/pdf; name*=''plain.txt"_ba
                                        << "application/pdf"_ba
                                        << "name"_ba << u"plain.txt"_s;
    QTest::newRow("rfc2231 no quotes at all") << "application/pdf; name*=plain%20x.txt"_ba
                                              << "application/pdf"_ba
                                              << "name"_ba << u"plain x.txt"_s;
    QTest::newRow("empty") << QByteArray() << "text/plain"_ba
                           << "charset"_ba << QString();
    QTest::newRow("garbage") << ";;;=="_ba
                             << "text/plain"_ba
                             << "charset"_ba << QString();
    QTest::newRow("text alone") << "text"_ba
                                << "text/plain"_ba
                                << "charset"_ba << QString();
    QTest::newRow("type alone") << "image; name=x.png"_ba
                                << "text/plain"_ba
                                << "name"_ba << u"x.png"_s;
}

void TestMimeFields::contentType()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, mimeType);
    QFETCH(QByteArray, parameter);
    QFETCH(QString, expected);
    const ContentType type = ContentType::parse(value);
    QCOMPARE(type.mimeType(), mimeType);
    QCOMPARE(type.parameters().value(parameter), expected);
}

void TestMimeFields::fileName_data()
{
    QTest::addColumn<QByteArray>("disposition");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("type");

    QTest::newRow("filename") << "attachment; filename=a.pdf"_ba
                              << "application/pdf; name=b.pdf"_ba << u"a.pdf"_s << "attachment"_ba;
    QTest::newRow("name fallback")
        << "attachment"_ba
        << "application/pdf; name=b.pdf"_ba << u"b.pdf"_s << "attachment"_ba;
    QTest::newRow("no disposition") << QByteArray() << "application/pdf; name*=UTF-8''%C3%A9.pdf"_ba
                                    << u"é.pdf"_s << QByteArray();
    QTest::newRow("filename* preferred")
        << "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''r%C3%A9el.pdf"_ba
        << "application/pdf"_ba << u"réel.pdf"_s << "attachment"_ba;
    QTest::newRow("french utf-8 2231")
        << "attachment; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf"_ba
        << "application/pdf"_ba << u"Résumé.pdf"_s << "attachment"_ba;
    QTest::newRow("french latin1 2231")
        << "Attachment; filename*=iso-8859-1'fr'r%E9sum%E9.pdf"_ba
        << "application/pdf"_ba << u"résumé.pdf"_s << "attachment"_ba;
    QTest::newRow("encoded-word in quotes")
        << "attachment; filename=\"=?UTF-8?B?UsOpc3Vtw6kucGRm?=\""_ba
        << "application/pdf"_ba << u"Résumé.pdf"_s << "attachment"_ba;
    QTest::newRow("raw utf-8") << "attachment; filename=\"R\xc3\xa9sum\xc3\xa9.pdf\""_ba
                               << "application/pdf"_ba << u"Résumé.pdf"_s << "attachment"_ba;
    QTest::newRow("raw latin1") << "attachment; filename=\"r\xe9sum\xe9.pdf\""_ba
                                << "application/pdf"_ba << u"résumé.pdf"_s << "attachment"_ba;
    QTest::newRow("unquoted with spaces")
        << "attachment; filename=my file.pdf; size=10"_ba
        << "application/pdf"_ba << u"my file.pdf"_s << "attachment"_ba;
    QTest::newRow("windows path") << "attachment; filename=\"C:\\\\Users\\\\x\\\\evil.exe\""_ba
                                  << "application/octet-stream"_ba << u"evil.exe"_s
                                  << "attachment"_ba;
    QTest::newRow("relative path") << "attachment; filename=\"../../etc/passwd\""_ba
                                   << "text/plain"_ba << u"passwd"_s << "attachment"_ba;
    QTest::newRow("dot dot") << "attachment; filename=\"..\""_ba
                             << "text/plain"_ba << QString() << "attachment"_ba;
    QTest::newRow("inline") << "INLINE; filename=logo.png"_ba
                            << "image/png"_ba << u"logo.png"_s << "inline"_ba;
}

void TestMimeFields::fileName()
{
    QFETCH(QByteArray, disposition);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, fileName);
    QFETCH(QByteArray, type);
    const ContentDisposition parsed = ContentDisposition::parse(disposition);
    QCOMPARE(parsed.type(), type);
    QCOMPARE(ContentDisposition::fileNameFor(parsed, ContentType::parse(contentType)), fileName);
}

void TestMimeFields::encodeParameter_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("token") << u"report.pdf"_s << "filename=report.pdf"_ba;
    QTest::newRow("needs quotes") << u"my report (v2).pdf"_s
                                  << "filename=\"my report (v2).pdf\""_ba;
    QTest::newRow("escapes") << u"a\"b\\c"_s << "filename=\"a\\\"b\\\\c\""_ba;
    QTest::newRow("utf-8") << u"Résumé.pdf"_s << "filename*=UTF-8''R%C3%A9sum%C3%A9.pdf"_ba;
    QTest::newRow("long utf-8 sections")
        << u"Présentation des résultats trimestriels — version définitive.pdf"_s
        << "filename*0*=UTF-8''Pr%C3%A9sentation%20des%20r%C3%A9sultats%20trimestrie;"
           "filename*1*=ls%20%E2%80%94%20version%20d%C3%A9finitive.pdf"_ba;
}

void TestMimeFields::encodeParameter()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    const QList<QByteArray> pieces = ParameterList::encode("filename", value);
    QCOMPARE(pieces.join(';'), encoded);
    // And it reads back.
    const ContentDisposition parsed =
        ContentDisposition::parse(QByteArray("attachment; " + pieces.join("; ")));
    QCOMPARE(parsed.fileName(), value);
}

void TestMimeFields::addresses_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("bare") << "j@x.org"_ba << u"[]<j@x.org>"_s;
    QTest::newRow("angle") << "<j@x.org>"_ba << u"[]<j@x.org>"_s;
    QTest::newRow("name") << "John Doe <j@x.org>"_ba << u"[John Doe]<j@x.org>"_s;
    QTest::newRow("quoted comma") << "\"Doe, John\" <j@x>"_ba << u"[Doe, John]<j@x>"_s;
    QTest::newRow("comment name") << "j@x (John)"_ba << u"[John]<j@x>"_s;
    QTest::newRow("comment after angle") << "<j@x> (John)"_ba << u"[John]<j@x>"_s;
    QTest::newRow("comment in phrase ignored") << "John (Sales) <j@x>"_ba << u"[John]<j@x>"_s;
    QTest::newRow("nested comment")
        << "j@x (John (the boss) Smith)"_ba << u"[John (the boss) Smith]<j@x>"_s;
    QTest::newRow("list") << "John Doe <j@x>, \"Smith, A\" <a@y>,b@z"_ba
                          << u"[John Doe]<j@x>, [Smith, A]<a@y>, []<b@z>"_s;
    QTest::newRow("empty entries") << "a@x,,b@y, ,c@z,"_ba << u"[]<a@x>, []<b@y>, []<c@z>"_s;
    QTest::newRow("encoded name") << "=?UTF-8?Q?Jos=C3=A9?= <jose@x>"_ba << u"[José]<jose@x>"_s;
    QTest::newRow("encoded name in quotes")
        << "\"=?UTF-8?Q?Jos=C3=A9?=\" <jose@x>"_ba << u"[José]<jose@x>"_s;
    QTest::newRow("adjacent encoded words")
        << "=?UTF-8?Q?Jos=C3=A9?= =?UTF-8?Q?_P=C3=A9rez?= <jp@x>"_ba << u"[José Pérez]<jp@x>"_s;
    QTest::newRow("encoded latin1 name")
        << "=?iso-8859-1?q?H=E9l=E8ne?= <h@x>"_ba << u"[Hélène]<h@x>"_s;
    QTest::newRow("encoded iso-2022-jp name")
        << "=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?= <k@x.jp>"_ba << u"[こんにちは]<k@x.jp>"_s;
    QTest::newRow("raw utf-8 name") << "Jos\xc3\xa9 <j@x>"_ba << u"[José]<j@x>"_s;
    QTest::newRow("raw latin1 name") << "Jos\xe9 <j@x>"_ba << u"[José]<j@x>"_s;
    QTest::newRow("escaped quote")
        << "\"John \\\"JD\\\" Doe\" <j@x>"_ba << u"[John \"JD\" Doe]<j@x>"_s;
    QTest::newRow("escaped quotes in several quoted strings")
        << "\"A \\\"x\\\"\" \"B \\\"y\\\"\" \"C\\\\z\" <abc@x>, \"D \\\"w\\\"\" <d@y>"_ba
        << u"[A \"x\" B \"y\" C\\z]<abc@x>, [D \"w\"]<d@y>"_s;
    QTest::newRow("name needing tidying") << "  \"  Jean   Dupont \" <j@x>, '\u00e9' <k@y>"_ba
                                          << u"[Jean Dupont]<j@x>, [\u00e9]<k@y>"_s;
    QTest::newRow("single quotes") << "'John Doe' <j@x>"_ba << u"[John Doe]<j@x>"_s;
    QTest::newRow("dot in name") << "John Q. Public <jq@x>"_ba << u"[John Q. Public]<jq@x>"_s;
    QTest::newRow("group") << "Team: a@x, B <b@y>;, c@z"_ba << u"[]<a@x>, [B]<b@y>, []<c@z>"_s;
    QTest::newRow("empty group") << "undisclosed-recipients:;"_ba << QString();
    QTest::newRow("empty group spaced") << "Undisclosed recipients: ;"_ba << QString();
    QTest::newRow("group unterminated") << "Team: a@x, b@y"_ba << u"[]<a@x>, []<b@y>"_s;
    QTest::newRow("route") << "Jo <@relay.example,@other:j@x>"_ba << u"[Jo]<j@x>"_s;
    QTest::newRow("spaces around at") << "j @ x . org"_ba << u"[]<j@x.org>"_s;
    QTest::newRow("quoted local part") << "\"john doe\"@x.org"_ba << u"[]<\"john doe\"@x.org>"_s;
    QTest::newRow("mailto") << "<mailto:j@x>"_ba << u"[]<j@x>"_s;
    QTest::newRow("missing comma") << "<a@x> <b@y>"_ba << u"[]<a@x>, []<b@y>"_s;
    QTest::newRow("unterminated angle") << "John <j@x, k@y"_ba << u"[John]<j@x>, []<k@y>"_s;
    QTest::newRow("unterminated quote") << "\"Doe, John <j@x>"_ba << u"[John]<j@x>"_s;
    QTest::newRow("unterminated comment") << "j@x (John"_ba << u"[(John]<j@x>"_s;
    QTest::newRow("name only") << "John Doe"_ba << QString();
    QTest::newRow("name and bare address") << "John Doe j@x"_ba << u"[John Doe]<j@x>"_s;
    QTest::newRow("case kept") << "John.Doe@Example.COM"_ba << u"[]<John.Doe@Example.COM>"_s;
    QTest::newRow("plus tag kept") << "j.d+crm@x.org"_ba << u"[]<j.d+crm@x.org>"_s;
    QTest::newRow("idn raw") << "<j@ex\xc3\xa4mple.fr>"_ba << u"[]<j@exämple.fr>"_s;
    QTest::newRow("garbage") << ",,,;;;:::<<>>\"\"()"_ba << QString();
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("folded") << "John\r\n Doe\r\n <j@x>,\r\n\tk@y"_ba
                            << u"[John Doe]<j@x>, []<k@y>"_s;
}

void TestMimeFields::addresses()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    QCOMPARE(flat(AddressParser::parseList(value)), expected);
}

void TestMimeFields::addressNormalized()
{
    const Address a = AddressParser::parseSingle("John <John.Doe+Tag@Example.COM>, other@x");
    QCOMPARE(a.email, u"John.Doe+Tag@Example.COM"_s);
    QCOMPARE(a.normalized(), u"john.doe+tag@example.com"_s);
    QCOMPARE(a.toDisplayString(), u"John <John.Doe+Tag@Example.COM>"_s);
    QCOMPARE(AddressParser::parseSingle("nobody"), Address());
}

void TestMimeFields::addressListIsLinear()
{
    // A 150-recipient header must parse in full: the 100-recipient rule counts them.
    QByteArray value;
    for (int i = 0; i < 150; ++i)
        value += "\"User " + QByteArray::number(i) + "\" <u" + QByteArray::number(i) + "@x.org>, ";
    QCOMPARE(AddressParser::parseList(value).size(), 150);

    for (const QByteArray& unit : {"((((("_ba, "\"\"\"\""_ba, "<<<<"_ba, "a@b,"_ba}) {
        QElapsedTimer timer;
        timer.start();
        AddressParser::parseList(unit.repeated(2000));
        const qint64 small = qMax<qint64>(timer.nsecsElapsed(), 1);
        timer.restart();
        AddressParser::parseList(unit.repeated(64000));
        const qint64 large = timer.nsecsElapsed();
        QVERIFY2(large < qMax<qint64>(small * 200, 300'000'000), unit.constData());
    }
}

void TestMimeFields::messageIds_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QStringList>("ids");

    QTest::newRow("one") << "<a@x>"_ba << QStringList{u"a@x"_s};
    QTest::newRow("two") << "<a@x> <b@y>"_ba << QStringList{u"a@x"_s, u"b@y"_s};
    QTest::newRow("no space") << "<a@x><b@y>"_ba << QStringList{u"a@x"_s, u"b@y"_s};
    QTest::newRow("folded") << "<a@x>\r\n <b@y>\r\n\t<c@z>"_ba
                            << QStringList{u"a@x"_s, u"b@y"_s, u"c@z"_s};
    QTest::newRow("junk between") << "<a@x> (John's message of \"Mon\") <b@y>"_ba
                                  << QStringList{u"a@x"_s, u"b@y"_s};
    QTest::newRow("phrase before")
        << "Your message of \"Mon, 1 Jan\" <a@x>"_ba << QStringList{u"a@x"_s};
    QTest::newRow("fake id in comment") << "(see <fake@x>) <a@x>"_ba << QStringList{u"a@x"_s};
    QTest::newRow("fake id in quotes") << "\"Re <fake@x>\" <a@x>"_ba << QStringList{u"a@x"_s};
    QTest::newRow("commas") << "<a@x>, <b@y>"_ba << QStringList{u"a@x"_s, u"b@y"_s};
    QTest::newRow("duplicates") << "<a@x> <b@y> <a@x>"_ba << QStringList{u"a@x"_s, u"b@y"_s};
    QTest::newRow("whitespace inside") << "<a@\r\n x>"_ba << QStringList{u"a@x"_s};
    QTest::newRow("double brackets") << "<<a@x>>"_ba << QStringList{u"a@x"_s};
    QTest::newRow("unterminated") << "<a@x> <b@y"_ba << QStringList{u"a@x"_s, u"b@y"_s};
    QTest::newRow("no at sign") << "<12345.abc>"_ba << QStringList{u"12345.abc"_s};
    QTest::newRow("no brackets") << "a@x b@y"_ba << QStringList{u"a@x"_s, u"b@y"_s};
    QTest::newRow("no brackets commas") << "a@x,b@y"_ba << QStringList{u"a@x"_s, u"b@y"_s};
    QTest::newRow("no brackets junk") << "see a@x. thanks"_ba << QStringList{u"a@x"_s};
    QTest::newRow("unterminated comment") << "(oops <a@x>"_ba << QStringList{u"a@x"_s};
    QTest::newRow("empty") << QByteArray() << QStringList();
    QTest::newRow("junk only") << "hello world"_ba << QStringList();
    QTest::newRow("long chain") << QByteArray("<m1@x> <m2@x> <m3@x> <m4@x> <m5@x> <m6@x> <m7@x> "
                                              "<m8@x> <m9@x> <m10@x> <m3@x> <m11@x>")
                                << QStringList{u"m1@x"_s, u"m2@x"_s,  u"m3@x"_s, u"m4@x"_s,
                                               u"m5@x"_s, u"m6@x"_s,  u"m7@x"_s, u"m8@x"_s,
                                               u"m9@x"_s, u"m10@x"_s, u"m11@x"_s};
}

void TestMimeFields::messageIds()
{
    QFETCH(QByteArray, value);
    QFETCH(QStringList, ids);
    QCOMPARE(MessageIds::parseList(value), ids);
}

void TestMimeFields::messageIdSingle_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("id");
    QTest::newRow("bracketed") << " <abc@x.org> "_ba << u"abc@x.org"_s;
    QTest::newRow("bare") << "abc@x.org"_ba << u"abc@x.org"_s;
    QTest::newRow("bare without at") << " 12345 "_ba << u"12345"_s;
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestMimeFields::messageIdSingle()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, id);
    QCOMPARE(MessageIds::parseSingle(value), id);
}

void TestMimeFields::dates_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("utc"); // empty: invalid

    QTest::newRow("rfc5322") << "Tue, 1 Jul 2003 10:52:37 +0200"_ba << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("two-digit day")
        << "Tue, 01 Jul 2003 10:52:37 -0000"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("negative offset")
        << "Mon, 30 Jun 2003 22:52:37 -0730"_ba << u"2003-07-01T06:22:37Z"_s;
    QTest::newRow("no day name") << "1 Jul 2003 10:52:37 +0200"_ba << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("no seconds") << "1 Jul 2003 10:52 +0200"_ba << u"2003-07-01T08:52:00Z"_s;
    QTest::newRow("two-digit year 20xx") << "1 Jul 03 10:52:37 GMT"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("two-digit year 19xx") << "1 Jul 99 10:52:37 GMT"_ba << u"1999-07-01T10:52:37Z"_s;
    QTest::newRow("three-digit year") << "1 Jul 103 10:52:37 UT"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("EST") << "1 Jul 2003 10:52:37 EST"_ba << u"2003-07-01T15:52:37Z"_s;
    QTest::newRow("PDT") << "1 Jul 2003 10:52:37 PDT"_ba << u"2003-07-01T17:52:37Z"_s;
    QTest::newRow("CEST") << "1 Jul 2003 10:52:37 CEST"_ba << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("military Z") << "1 Jul 2003 10:52:37 Z"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("military A is unknown")
        << "1 Jul 2003 10:52:37 A"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("unknown zone name")
        << "1 Jul 2003 10:52:37 XYZT"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("zone comment") << "Tue, 1 Jul 2003 10:52:37 +0200 (CEST)"_ba
                                  << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("no zone") << "Tue, 1 Jul 2003 10:52:37"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("colon zone") << "1 Jul 2003 10:52:37 +05:30"_ba << u"2003-07-01T05:22:37Z"_s;
    QTest::newRow("GMT+offset") << "Tue, 1 Jul 2003 10:52:37 GMT+0200"_ba
                                << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("UTC-5") << "Tue, 1 Jul 2003 10:52:37 UTC-5"_ba << u"2003-07-01T15:52:37Z"_s;
    QTest::newRow("asctime") << "Tue Jul  1 10:52:37 2003"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("iso") << "2003-07-01T10:52:37Z"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("iso offset") << "2003-07-01T10:52:37+02:00"_ba << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("iso date space time")
        << "2003-07-01 10:52:37 +0200"_ba << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("full month") << "1 July 2003 10:52:37 +0200"_ba << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("lowercase") << "tue, 1 jul 2003 10:52:37 +0200"_ba << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("folded") << "Tue,\r\n 1 Jul 2003\r\n\t10:52:37 +0200"_ba
                            << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("day with dot") << "Tue, 1. Jul 2003 10:52:37 +0200"_ba
                                  << u"2003-07-01T08:52:37Z"_s;
    QTest::newRow("fractional seconds")
        << "1 Jul 2003 10:52:37.250 +0000"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("leap second") << "31 Dec 2016 23:59:60 +0000"_ba << u"2016-12-31T23:59:59Z"_s;
    QTest::newRow("crosses the year")
        << "Wed, 1 Jan 2020 00:30:00 +0100"_ba << u"2019-12-31T23:30:00Z"_s;
    QTest::newRow("wrong day name kept")
        << "Fri, 1 Jul 2003 10:52:37 +0000"_ba << u"2003-07-01T10:52:37Z"_s;
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("garbage") << "garbage"_ba << QString();
    QTest::newRow("31 February") << "31 Feb 2003 10:00:00 +0000"_ba << QString();
    QTest::newRow("hour 25") << "1 Jul 2003 25:00:00 +0000"_ba << QString();
    QTest::newRow("unknown month") << "1 Foo 2003 10:00:00 +0000"_ba << QString();
    QTest::newRow("no time") << "1 Jul 2003"_ba << QString();
    QTest::newRow("two years") << "1 Jul 2003 2004 10:00:00"_ba << QString();
    QTest::newRow("huge numbers") << "99999999999 Jul 99999999999 10:00:00"_ba << QString();
}

void TestMimeFields::dates()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, utc);
    const QDateTime parsed = MessageDate::parse(value);
    QCOMPARE(iso(parsed), utc);
    if (parsed.isValid())
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
}

void TestMimeFields::formatDate_data()
{
    QTest::addColumn<QDateTime>("dateTime");
    QTest::addColumn<QByteArray>("formatted");
    QTest::newRow("plus one") << QDateTime(QDate(2025, 3, 4), QTime(10, 0), QTimeZone(3600))
                              << "Tue, 04 Mar 2025 10:00:00 +0100"_ba;
    QTest::newRow("minus 3:30") << QDateTime(QDate(2024, 12, 31), QTime(23, 5, 9),
                                             QTimeZone(-12600))
                                << "Tue, 31 Dec 2024 23:05:09 -0330"_ba;
    QTest::newRow("utc") << QDateTime(QDate(2003, 7, 1), QTime(8, 52, 37), QTimeZone::utc())
                         << "Tue, 01 Jul 2003 08:52:37 +0000"_ba;
}

void TestMimeFields::formatDate()
{
    QFETCH(QDateTime, dateTime);
    QFETCH(QByteArray, formatted);
    QCOMPARE(MessageDate::format(dateTime), formatted);
    QCOMPARE(MessageDate::parse(formatted), dateTime.toUTC());
}

void TestMimeFields::headerBlock_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("fields");
    QTest::addColumn<int>("bodyOffset"); // -1: the end
    QTest::addColumn<int>("malformed");

    QTest::newRow("simple") << "A: 1\r\nB: 2\r\n\r\nbody"_ba << u"A=1|B=2"_s << 14 << 0;
    QTest::newRow("lf only") << "A: 1\nB: 2\n\nbody"_ba << u"A=1|B=2"_s << 11 << 0;
    QTest::newRow("folded") << "Subject: a\r\n b\r\n\tc\r\n\r\n"_ba << u"Subject=a b\tc"_s << -1
                            << 0;
    QTest::newRow("empty first line") << "X:\r\n   y\r\n\r\n"_ba << u"X=y"_s << -1 << 0;
    QTest::newRow("trailing whitespace") << "A:   1  \t\r\n\r\n"_ba << u"A=1"_s << -1 << 0;
    QTest::newRow("no space after colon") << "A:1\r\n\r\n"_ba << u"A=1"_s << -1 << 0;
    QTest::newRow("space before colon") << "Subject : hi\r\n\r\n"_ba << u"Subject=hi"_s << -1 << 0;
    QTest::newRow("duplicates kept") << "To: a\r\nto: b\r\n\r\n"_ba << u"To=a|to=b"_s << -1 << 0;
    QTest::newRow("header only") << "A: 1\r\nB: 2"_ba << u"A=1|B=2"_s << -1 << 0;
    QTest::newRow("leading continuation") << " junk\r\nA: 1\r\n\r\n"_ba << u"A=1"_s << -1 << 1;
    QTest::newRow("missing empty line") << "A: 1\r\nthis is the body\r\n"_ba << u"A=1"_s << 6 << 1;
    // An mbox separator is the message parser's business: here it is no field.
    QTest::newRow("mbox from line")
        << "From x@y Mon Jan  1 00:00:00 2024\nA: 1\n\nb"_ba << QString() << 0 << 1;
    QTest::newRow("no headers") << "\r\nbody"_ba << QString() << 2 << 0;
    QTest::newRow("empty") << QByteArray() << QString() << -1 << 0;
    QTest::newRow("8-bit kept raw")
        << "Subject: caf\xc3\xa9\r\n\r\n"_ba << u"Subject=café"_s << -1 << 0;
    QTest::newRow("colon in value") << "X: a: b\r\n\r\n"_ba << u"X=a: b"_s << -1 << 0;
    QTest::newRow("bare cr kept in value") << "X: a\rb\r\n\r\n"_ba << u"X=a\rb"_s << -1 << 0;
}

void TestMimeFields::headerBlock()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, fields);
    QFETCH(int, bodyOffset);
    QFETCH(int, malformed);
    qsizetype offset = -2;
    const HeaderBlock block = HeaderBlock::parse(raw, &offset);
    QCOMPARE(flat(block), fields);
    QCOMPARE(offset, bodyOffset < 0 ? raw.size() : qsizetype(bodyOffset));
    QCOMPARE(block.malformedLines(), malformed);
}

void TestMimeFields::headerLookup()
{
    const HeaderBlock block = HeaderBlock::parse(
        "Received: one\r\nSubject: =?UTF-8?Q?caf=C3=A9?= \xe9t\xe9\r\nRECEIVED: two\r\n\r\n");
    QVERIFY(block.contains("received"));
    QVERIFY(!block.contains("receive"));
    QCOMPARE(block.value("received"), "one"_ba);
    QCOMPARE(block.values("Received"), (QList<QByteArray>{"one"_ba, "two"_ba}));
    QVERIFY(block.value("x-missing").isNull());
    QVERIFY(block.values("x-missing").isEmpty());
    DecodeIssues issues;
    QCOMPARE(block.text("subject", &issues), u"café été"_s);
    QVERIFY(issues.testFlag(DecodeIssue::RawEightBit));
    QCOMPARE(block.fields().size(), 3);
    QCOMPARE(block.fields().at(2), (HeaderField{"RECEIVED"_ba, "two"_ba}));

    // Fields beyond the limit are dropped, not kept without bound.
    QByteArray many;
    for (int i = 0; i < HeaderBlock::kMaxFields + 10; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    const HeaderBlock big = HeaderBlock::parse(QByteArray(many + "\r\n"));
    QCOMPARE(big.size(), HeaderBlock::kMaxFields);
    QVERIFY(big.truncated());
}

QTEST_GUILESS_MAIN(TestMimeFields)
#include "tst_mime_fields.moc"
