// MessageParser on sample messages (tests/data/mime) and on hostile input.
#include "mime/Charset.h"
#include "mime/MessageParser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace threadline::mime;

namespace {

QByteArray sample(const QString& name)
{
    QFile file(QStringLiteral(THREADLINE_MIME_DATA) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing sample %s", qPrintable(name));
    return file.readAll();
}

QString flat(const AddressList& list)
{
    QStringList out;
    for (const Address& a : list)
        out.append(u'[' + a.name + u"]<" + a.email + u'>');
    return out.join(u", ");
}

QString flat(const QList<Attachment>& list)
{
    QStringList out;
    for (const Attachment& a : list) {
        out.append(a.fileName + u'|' + QString::fromLatin1(a.mimeType) + u'|' +
                   QString::number(a.size) + u'|' + a.partPath +
                   (a.isInline ? u"|inline"_s : QString()));
    }
    return out.join(u"; ");
}

QString codeName(ParseProblem::Code code)
{
    using Code = ParseProblem::Code;
    switch (code) {
    case Code::MalformedHeaderLine:
        return u"MalformedHeaderLine"_s;
    case Code::TooManyHeaderFields:
        return u"TooManyHeaderFields"_s;
    case Code::UnknownCharset:
        return u"UnknownCharset"_s;
    case Code::InvalidCharsetBytes:
        return u"InvalidCharsetBytes"_s;
    case Code::MalformedEncodedWord:
        return u"MalformedEncodedWord"_s;
    case Code::UndeclaredEightBit:
        return u"UndeclaredEightBit"_s;
    case Code::InvalidDate:
        return u"InvalidDate"_s;
    case Code::MissingBoundary:
        return u"MissingBoundary"_s;
    case Code::UnterminatedMultipart:
        return u"UnterminatedMultipart"_s;
    case Code::EmptyMultipart:
        return u"EmptyMultipart"_s;
    case Code::DepthLimitExceeded:
        return u"DepthLimitExceeded"_s;
    case Code::PartLimitExceeded:
        return u"PartLimitExceeded"_s;
    case Code::DamagedTransferEncoding:
        return u"DamagedTransferEncoding"_s;
    case Code::UnknownTransferEncoding:
        return u"UnknownTransferEncoding"_s;
    case Code::TextTruncated:
        return u"TextTruncated"_s;
    }
    return u"?"_s;
}

QString flat(const QList<ParseProblem>& problems)
{
    QStringList out;
    for (const ParseProblem& p : problems)
        out.append(codeName(p.code) + u'@' + p.partPath);
    return out.join(u", ");
}

// A multipart nested `depth` times around a text part.
QByteArray nested(int depth)
{
    QByteArray head = "Subject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n";
    QByteArray tail;
    for (int i = 0; i < depth; ++i) {
        const QByteArray b = "b" + QByteArray::number(i);
        const QByteArray inner = i + 1 < depth
                                     ? "multipart/mixed; boundary=b" + QByteArray::number(i + 1)
                                     : "text/plain"_ba;
        head += "--" + b + "\r\nContent-Type: " + inner + "\r\n\r\n";
        tail.prepend("\r\n--" + b + "--\r\n");
    }
    return head + "deep text" + tail;
}

} // namespace

class TestMimeParser final : public QObject
{
    Q_OBJECT

private slots:
    void samples_data();
    void samples();
    void hostile_data();
    void hostile();
    void depthLimit_data();
    void depthLimit();
    void partLimit();
    void textLimit();
    void headersOnly();
    void partContent_data();
    void partContent();
    void decodeText_data();
    void decodeText();
    void decodeTextLineBreaks_data();
    void decodeTextLineBreaks();
    void mutatedSamplesNeverCrash();
    void benchmarkHeaders();
};

void TestMimeParser::samples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("from");
    QTest::addColumn<int>("recipients");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QStringList>("references");
    QTest::addColumn<QStringList>("deliveredTo");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html"); // a piece the HTML must hold; empty: no HTML
    QTest::addColumn<QString>("attachments");
    QTest::addColumn<QString>("problems");

    QTest::newRow("french latin1 qp")
        << u"french-latin1-qp.eml"_s << u"Re: Devis n°42 à valider avant fin février"_s
        << u"[Hélène Château]<Helene.Chateau@Exemple.FR>"_s << 2 << u"2024-03-05T08:13:58Z"_s
        << u"20240305091358.GA1234@exemple.fr"_s
        << QStringList{u"rdv-1@threadline.test"_s, u"devis-42@threadline.test"_s}
        << QStringList{u"vendeur+crm@threadline.test"_s}
        << u"Bonjour Jean,\n\nLe devis n°42 me convient. Pourriez-vous préciser le délai de "
           "livraison ?\n\nÀ bientôt,\nHélène\n"_s
        << QString() << QString() << u"UndeclaredEightBit@"_s;
    QTest::newRow("french utf-8 alternative")
        << u"french-utf8-alternative.eml"_s << u"Réunion d’hier"_s
        << u"[Zoë Martin]<zoe@exemple.fr>"_s << 1 << u"2024-03-06T18:02:11Z"_s
        << u"alt-1@exemple.fr"_s << QStringList() << QStringList()
        << u"Bonjour Jean,\n\nMerci pour la réunion d’hier\u00a0!"_s
        << u"<p>Merci pour la réunion d’hier&nbsp;!</p>"_s << QString() << QString();
    QTest::newRow("japanese iso-2022-jp")
        << u"japanese-iso2022jp.eml"_s << u"お見積もり"_s << u"[山田太郎]<yamada@example.jp>"_s << 1
        << u"2024-03-07T01:00:00Z"_s << u"jp-1@example.jp"_s << QStringList() << QStringList()
        << u"山田さん\n\nお見積もりをお送りします。\nよろしくお願いします。\n"_s << QString()
        << QString() << QString();
    QTest::newRow("mixed attachments")
        << u"mixed-attachments.eml"_s << u"Contrat et plans"_s
        << u"[Doe, John]<john.doe@client.example>"_s << 4 << u"2024-03-08T21:45:00Z"_s
        << u"mixed-1@client.example"_s << QStringList() << QStringList()
        << u"Voici le contrat signé et les plans."_s << u"<p>Voici le contrat signé"_s
        << u"|image/png|1032|1.2.2|inline; Contrat signé — version "
           u"finale.pdf|application/pdf|3016|2; "
           "Plans révisés.eml|message/rfc822|162|3|inline"_s
        << QString();
    QTest::newRow("broken base64")
        << u"broken-base64.eml"_s << u"broken base64"_s << u"[]<sender@example.com>"_s << 1
        << u"2024-03-09T08:00:00Z"_s << u"b64@example.com"_s << QStringList() << QStringList()
        << u"Bonjour, voici le texte décodé malgré les dégâts"_s << QString() << QString()
        << u"DamagedTransferEncoding@1"_s;
    QTest::newRow("unterminated multipart")
        << u"unterminated-multipart.eml"_s << u"cut short"_s << u"[]<sender@example.com>"_s << 1
        << u"2024-03-09T08:00:00Z"_s << u"cut@example.com"_s << QStringList() << QStringList()
        << u"first part\nsecond part, and then the message stops\n"_s << QString() << QString()
        << u"UnterminatedMultipart@"_s;
    QTest::newRow("missing boundary")
        << u"missing-boundary.eml"_s << u"no boundary"_s << u"[]<sender@example.com>"_s << 1
        << u"2024-03-09T08:00:00Z"_s << QString() << QStringList() << QStringList()
        << u"found anyway"_s << QString() << u"data.bin|application/octet-stream|4|2"_s
        << u"MissingBoundary@"_s;
    QTest::newRow("eight-bit headers")
        << u"eight-bit-headers.eml"_s << u"Réunion à l'hôtel"_s
        << u"[François Pérez]<francois@exemple.fr>"_s << 1 << u"2024-03-10T10:11:11Z"_s
        << u"8bit@exemple.fr"_s << QStringList() << QStringList()
        << u"Corps sans en-tête MIME, en latin1 : déjà vu.\n"_s << QString() << QString()
        << u"UndeclaredEightBit@, UndeclaredEightBit@, UndeclaredEightBit@1"_s;
    QTest::newRow("dsn bounce")
        << u"dsn-bounce.eml"_s << u"Undelivered Mail Returned to Sender"_s
        << u"[Mail Delivery System]<MAILER-DAEMON@threadline.test>"_s << 1
        << u"2024-03-11T09:00:01Z"_s << u"20240311090001.AB12@threadline.test"_s << QStringList()
        << QStringList()
        << u"This is the mail system at host threadline.test.\n\nI'm sorry to have to inform you "
           "that your message could not\nbe delivered to one or more recipients.\n\n"
           "<nobody@example.test>: host 127.0.0.1[127.0.0.1] said: 550 5.1.1\n"
           "    <nobody@example.test> User doesn't exist: nobody@example.test\n"_s
        << QString() << u"|message/delivery-status|244|2; |text/rfc822-headers|110|3"_s
        << QString();
    QTest::newRow("apple mail inline")
        << u"apple-mail-inline.eml"_s << u"Photo du chantier"_s << u"[Client]<client@example.org>"_s
        << 1 << u"2024-03-12T13:00:00Z"_s << u"apple-1@example.org"_s << QStringList()
        << QStringList() << u"Avant :\nAprès la pose."_s << QString()
        << u"chantier.jpg|image/jpeg|51|2|inline"_s << QString();
    QTest::newRow("html only, lf, meta charset")
        << u"html-only-lf.eml"_s << u"Newsletter"_s << u"[]<news@example.com>"_s << 1
        << u"2024-03-13T07:30:00Z"_s << u"news-1@example.com"_s << QStringList() << QStringList()
        << u"Offre spéciale\n\n“Prix” réduits & livraison offerte."_s
        << u"<h1>Offre spéciale</h1>"_s << QString() << QString();
    QTest::newRow("many recipients")
        << u"many-recipients.eml"_s << u"Annonce"_s << u"[]<bulk@example.com>"_s << 110
        << u"2024-03-14T10:00:00Z"_s << u"bulk-1@example.com"_s << QStringList() << QStringList()
        << u"Hello everyone.\n"_s << QString() << QString() << QString();
}

void TestMimeParser::samples()
{
    QFETCH(QString, file);
    QFETCH(QString, subject);
    QFETCH(QString, from);
    QFETCH(int, recipients);
    QFETCH(QString, date);
    QFETCH(QString, messageId);
    QFETCH(QStringList, references);
    QFETCH(QStringList, deliveredTo);
    QFETCH(QString, text);
    QFETCH(QString, html);
    QFETCH(QString, attachments);
    QFETCH(QString, problems);

    const ParsedMessage message = MessageParser::parse(sample(file));
    QCOMPARE(message.subject, subject);
    QCOMPARE(flat(message.from), from);
    QCOMPARE(int(message.recipientCount()), recipients);
    QCOMPARE(message.date.toString(Qt::ISODate), date);
    QCOMPARE(message.messageId, messageId);
    QCOMPARE(message.references, references);
    QCOMPARE(message.deliveredTo, deliveredTo);
    QCOMPARE(message.textBody, text);
    if (html.isEmpty())
        QVERIFY2(message.htmlBody.isEmpty(), qPrintable(message.htmlBody));
    else
        QVERIFY2(message.htmlBody.contains(html), qPrintable(message.htmlBody));
    QCOMPARE(flat(message.attachments), attachments);
    QCOMPARE(flat(message.problems), problems);
}

void TestMimeParser::hostile_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("attachments");
    QTest::addColumn<QString>("problems");

    QTest::newRow("empty") << QByteArray() << QString() << QString() << QString();
    QTest::newRow("no headers") << "just some text\r\nand more"_ba << u"just some text\nand more"_s
                                << QString() << u"MalformedHeaderLine@"_s;
    QTest::newRow("mbox from line")
        << "From x@y Mon Jan  1 00:00:00 2024\nSubject: s\n\nFrom here on\n"_ba
        << u"From here on\n"_s << QString() << QString();
    QTest::newRow("header only") << "Subject: x\r\nFrom: a@b"_ba << QString() << QString()
                                 << QString();
    QTest::newRow("only empty line") << "\r\n"_ba << QString() << QString() << QString();
    QTest::newRow("no content-type, 8-bit utf-8")
        << "Subject: x\r\n\r\nd\xc3\xa9j\xc3\xa0"_ba << u"déjà"_s << QString() << QString();
    QTest::newRow("unknown charset")
        << "Content-Type: text/plain; charset=x-martian\r\n\r\ncaf\xc3\xa9"_ba << u"café"_s
        << QString() << u"UnknownCharset@1"_s;
    QTest::newRow("invalid utf-8") << "Content-Type: text/plain; charset=utf-8\r\n\r\ncaf\xe9"_ba
                                   << u"caf\uFFFD"_s << QString() << u"InvalidCharsetBytes@1"_s;
    QTest::newRow("unknown transfer encoding")
        << "Content-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644"_ba
        << u"begin 644"_s << QString() << u"UnknownTransferEncoding@1"_s;
    QTest::newRow("bad qp")
        << "Content-Transfer-Encoding: quoted-printable\r\n\r\n100% = done =XY"_ba
        << u"100% = done =XY"_s << QString() << u"DamagedTransferEncoding@1"_s;
    QTest::newRow("invalid date") << "Date: not a date\r\n\r\nx"_ba << u"x"_s << QString()
                                  << u"InvalidDate@"_s;
    QTest::newRow("malformed encoded word") << "Subject: =?utf-8?Q?broken\r\n\r\nx"_ba << u"x"_s
                                            << QString() << u"MalformedEncodedWord@"_s;
    QTest::newRow("text attachment is not body")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nbody\r\n--b\r\n"
           "Content-Type: text/plain\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\n"
           "notes\r\n--b--\r\n"_ba
        << u"body"_s << u"notes.txt|text/plain|5|2"_s << QString();
    QTest::newRow("named text part without disposition")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nbody\r\n--b\r\n"
           "Content-Type: text/plain; name=log.txt\r\n\r\nlog\r\n--b--\r\n"_ba
        << u"body"_s << u"log.txt|text/plain|3|2"_s << QString();
    QTest::newRow("calendar part is an attachment")
        << "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\r\ninvite\r\n--b\r\n"
           "Content-Type: text/calendar; method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\n--b--\r\n"_ba
        << u"invite"_s << u"|text/calendar|15|2"_s << QString();
    QTest::newRow("part without headers or empty line")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nhello\r\n--b--\r\n"_ba
        << u"hello"_s << QString() << QString();
    QTest::newRow("longer boundary is not a delimiter")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--bx\r\ntwo\r\n--b--"_ba
        << u"one\n--bx\ntwo"_s << QString() << QString();
    QTest::newRow("transport padding after delimiter")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b  \t\r\n\r\none\r\n--b-- trailing\r\n"_ba
        << u"one"_s << QString() << QString();
    QTest::newRow("boundary with spaces")
        << "Content-Type: multipart/mixed; boundary=\"a b\"\r\n\r\n--a b\r\n\r\none\r\n--a b--\r\n"_ba
        << u"one"_s << QString() << QString();
    QTest::newRow("mixed line endings")
        << "Content-Type: multipart/mixed; boundary=b\n\n--b\r\n\r\none\n--b\nContent-Type: text/plain\r\n\ntwo\r\n--b--\n"_ba
        << u"one\ntwo"_s << QString() << QString();
    QTest::newRow("no delimiter at all")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\nnothing here"_ba << QString()
        << QString() << u"EmptyMultipart@"_s;
    QTest::newRow("missing boundary, no guess")
        << "Content-Type: multipart/mixed\r\n\r\nplain words"_ba << u"plain words"_s << QString()
        << u"MissingBoundary@"_s;
    QTest::newRow("header-only fetch of a multipart")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n"_ba << QString() << QString()
        << QString();
    QTest::newRow("close delimiter only")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b--\r\n"_ba << QString() << QString()
        << u"EmptyMultipart@"_s;
    QTest::newRow("html only alternative")
        << "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Bonjour&nbsp;<i>vous</i></p>\r\n--b--"_ba
        << u"Bonjour vous"_s << QString() << QString();
    QTest::newRow("digest defaults to message/rfc822")
        << "Content-Type: multipart/digest; boundary=b\r\n\r\n--b\r\n\r\nSubject: one\r\n\r\nx\r\n"
           "--b\r\n\r\nSubject: two\r\n\r\ny\r\n--b--"_ba
        << QString() << u"one.eml|message/rfc822|17|1; two.eml|message/rfc822|17|2"_s << QString();
    QTest::newRow("related with start")
        << "Content-Type: multipart/related; boundary=b; start=\"<root@x>\"\r\n\r\n--b\r\n"
           "Content-Type: image/gif\r\nContent-ID: <img@x>\r\n\r\nGIF\r\n--b\r\n"
           "Content-Type: text/html\r\nContent-ID: <root@x>\r\n\r\n<b>root</b>\r\n--b--"_ba
        << u"root"_s << u"|image/gif|3|1|inline"_s << QString();
    QTest::newRow("message/rfc822 body not recursed")
        << "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner text"_ba << QString()
        << u"inner.eml|message/rfc822|28|1"_s << QString();
    QTest::newRow("signed")
        << "Content-Type: multipart/signed; boundary=s; "
           "protocol=\"application/pgp-signature\"\r\n\r\n"
           "--s\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n--s\r\n"
           "Content-Type: application/pgp-signature; name=signature.asc\r\n\r\n-----BEGIN PGP-----\r\n--s--"_ba
        << u"signed text"_s << u"signature.asc|application/pgp-signature|19|2"_s << QString();
    QTest::newRow("base64 attachment missing padding")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b\r\n"
           "Content-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n"
           "Content-Disposition: attachment; filename=a.zip\r\n\r\nUEsDBA\r\n--b--"_ba
        << u"x"_s << u"a.zip|application/zip|4|2"_s << QString();
    QTest::newRow("junk header line in part")
        << "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n"
           "junk line\r\nmore\r\n--b--"_ba
        << u"junk line\nmore"_s << QString() << u"MalformedHeaderLine@1"_s;
    QTest::newRow("binary garbage")
        << QByteArray("\x00\x01\x02\xff\xfe:\r\n\r\n\x00\x00", 12) << u"\u0001\u0002ÿþ:\n\n"_s
        << QString() << u"MalformedHeaderLine@, UndeclaredEightBit@1"_s;
}

void TestMimeParser::hostile()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, text);
    QFETCH(QString, attachments);
    QFETCH(QString, problems);
    const ParsedMessage message = MessageParser::parse(raw);
    QCOMPARE(message.textBody, text);
    QCOMPARE(flat(message.attachments), attachments);
    QCOMPARE(flat(message.problems), problems);
}

void TestMimeParser::depthLimit_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("textFound");
    QTest::newRow("10") << 10 << true;
    QTest::newRow("32") << 32 << true;
    QTest::newRow("33") << 33 << false;
    QTest::newRow("2000") << 2000 << false;
}

void TestMimeParser::depthLimit()
{
    QFETCH(int, depth);
    QFETCH(bool, textFound);
    const ParsedMessage message = MessageParser::parse(nested(depth));
    QCOMPARE(message.subject, u"deep"_s);
    QCOMPARE(message.textBody == u"deep text"_s, textFound);
    QCOMPARE(message.hasProblem(ParseProblem::Code::DepthLimitExceeded), !textFound);
    QVERIFY(!message.hasProblem(ParseProblem::Code::UnterminatedMultipart));
}

void TestMimeParser::partLimit()
{
    QByteArray raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
    for (int i = 0; i < 50; ++i)
        raw += "--b\r\nContent-Type: image/png\r\n\r\nx\r\n";
    raw += "--b--\r\n";
    MessageParser::Options options;
    options.maxParts = 10;
    const ParsedMessage limited = MessageParser::parse(raw, options);
    QCOMPARE(limited.attachments.size(), 9); // the multipart itself counts as one part
    QVERIFY(limited.hasProblem(ParseProblem::Code::PartLimitExceeded));
    QCOMPARE(MessageParser::parse(raw).attachments.size(), 50);
}

void TestMimeParser::textLimit()
{
    const QByteArray raw = "Content-Type: text/plain\r\n\r\n" + QByteArray(5000, 'a');
    MessageParser::Options options;
    options.maxTextSize = 1000;
    const ParsedMessage message = MessageParser::parse(raw, options);
    QCOMPARE(message.textBody, QString(1000, u'a'));
    QCOMPARE(flat(message.problems), u"TextTruncated@1"_s);
    QCOMPARE(MessageParser::parse(raw).textBody.size(), 5000);
}

void TestMimeParser::headersOnly()
{
    MessageParser::Options options;
    options.decodeText = false;
    const ParsedMessage message = MessageParser::parse(sample(u"mixed-attachments.eml"_s), options);
    QCOMPARE(message.subject, u"Contrat et plans"_s);
    QVERIFY(message.textBody.isEmpty());
    QVERIFY(message.htmlBody.isEmpty());
    QCOMPARE(message.attachments.size(), 3);
    QCOMPARE(flat(message.replyTo), u"[]<achats@client.example>"_s);
    QCOMPARE(flat(message.bcc), u"[]<archive@client.example>"_s);
    QCOMPARE(flat(message.cc), u"[The Boss]<boss@client.example>"_s);
}

void TestMimeParser::partContent_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("start");
    QTest::addColumn<QByteArray>("contentType");

    QTest::newRow("pdf") << u"mixed-attachments.eml"_s << u"2"_s << true << "%PDF-1.4"_ba
                         << "application/pdf; name=\"contrat.pdf\""_ba;
    QTest::newRow("nested png") << u"mixed-attachments.eml"_s << u"1.2.2"_s << true << "\x89PNG"_ba
                                << "image/png"_ba;
    QTest::newRow("nested text") << u"mixed-attachments.eml"_s << u"1.1"_s << true
                                 << "Voici le contrat sign\xc3\xa9"_ba
                                 << "text/plain; charset=utf-8"_ba;
    QTest::newRow("forwarded message")
        << u"mixed-attachments.eml"_s << u"3"_s << true << "From: someone@else.example"_ba
        << "message/rfc822"_ba;
    QTest::newRow("delivery status")
        << u"dsn-bounce.eml"_s << u"2"_s << true << "Reporting-MTA: dns; threadline.test"_ba
        << "message/delivery-status"_ba;
    QTest::newRow("single part body")
        << u"broken-base64.eml"_s << u"1"_s << true << "Bonjour, voici"_ba
        << "text/plain; charset=utf-8"_ba;
    QTest::newRow("no such part") << u"mixed-attachments.eml"_s << u"9"_s << false << QByteArray()
                                  << QByteArray();
    QTest::newRow("too deep") << u"mixed-attachments.eml"_s << u"2.1"_s << false << QByteArray()
                              << QByteArray();
    QTest::newRow("bad path") << u"mixed-attachments.eml"_s << u"x.0"_s << false << QByteArray()
                              << QByteArray();
}

void TestMimeParser::partContent()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(bool, found);
    QFETCH(QByteArray, start);
    QFETCH(QByteArray, contentType);
    HeaderBlock headers;
    bool ok = !found;
    const QByteArray content = MessageParser::partContent(sample(file), path, &headers, &ok);
    QCOMPARE(ok, found);
    QVERIFY2(content.startsWith(start), content.left(40).constData());
    if (found)
        QCOMPARE(headers.value("content-type"), contentType);
}

void TestMimeParser::decodeText_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<bool>("html");
    QTest::addColumn<QString>("text");

    QTest::newRow("qp latin1") << "=E9t=E9\r\n"_ba
                               << "quoted-printable"_ba
                               << "iso-8859-1"_ba << false << u"été\n"_s;
    QTest::newRow("base64 utf-8") << "w6l0w6k="_ba
                                  << "BASE64"_ba
                                  << "utf-8"_ba << false << u"été"_s;
    QTest::newRow("cr only") << "a\rb\r\nc"_ba
                             << "7bit"_ba
                             << ""_ba << false << u"a\nb\nc"_s;
    QTest::newRow("nul removed, cr at the end")
        << QByteArray("a\0b\r\n\0\r\r\nc\r", 11) << "8bit"_ba
        << "utf-8"_ba << false << u"ab\n\n\nc\n"_s;
    // Without NULs, line breaks are rewritten in place line by line.
    QTest::newRow("crlf lines, blank line, lone cr")
        << "one\r\ntwo\r\n\r\nthree\rfour\r\n"_ba
        << "7bit"_ba
        << "utf-8"_ba << false << u"one\ntwo\n\nthree\nfour\n"_s;
    QTest::newRow("nul before the first cr") << QByteArray("a\0b\r\nc", 7) << "8bit"_ba
                                             << ""_ba << false << u"ab\nc"_s;
    QTest::newRow("qp escapes, soft breaks, bad escape")
        << "a=3Db =\r\nc=E9=\r\n=ZZd=\r\n"_ba
        << "Quoted-Printable"_ba
        << "iso-8859-1"_ba << false << u"a=b cé=ZZd"_s;
    QTest::newRow("clean text unchanged") << "a\nb"_ba
                                          << ""_ba
                                          << ""_ba << false << u"a\nb"_s;
    QTest::newRow("html meta charset")
        << "<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>"_ba
        << "8bit"_ba
        << ""_ba << true << u"<meta charset=\"koi8-r\"><p>Привет</p>"_s;
    QTest::newRow("declared charset beats meta")
        << "<meta charset=\"koi8-r\">\xc3\xa9"_ba
        << ""_ba
        << "utf-8"_ba << true << u"<meta charset=\"koi8-r\">é"_s;
}

void TestMimeParser::decodeText()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, charset);
    QFETCH(bool, html);
    QFETCH(QString, text);
    QCOMPARE(MessageParser::decodeText(content, encoding, charset, html), text);
}

// decodeText() rewrites line breaks in the bytes when the charset allows it: the result must
// be what decoding first and rewriting the text gives, broken UTF-8 and NULs included.
void TestMimeParser::decodeTextLineBreaks_data()
{
    QTest::addColumn<QByteArray>("charset");
    QTest::newRow("utf-8") << "utf-8"_ba;
    QTest::newRow("none") << ""_ba;
    QTest::newRow("us-ascii") << "us-ascii"_ba;
    QTest::newRow("iso-8859-1") << "iso-8859-1"_ba;
    QTest::newRow("koi8-r (decoded, then rewritten)") << "koi8-r"_ba;
    QTest::newRow("unknown") << "x-unknown"_ba;
}

void TestMimeParser::decodeTextLineBreaks()
{
    QFETCH(QByteArray, charset);
    static const QByteArray pieces[] = {
        "a"_ba,        "\r"_ba,   "\n"_ba,   "\r\n"_ba, " "_ba,      "\xc3\xa9"_ba, "\xc3"_ba,
        "\xe2\x82"_ba, "\x85"_ba, "\xa9"_ba, "text"_ba, "\r\r\n"_ba, "\n\r"_ba};
    QRandomGenerator random(5322);
    for (int round = 0; round < 400; ++round) {
        QByteArray bytes;
        const int count = random.bounded(12);
        for (int i = 0; i < count; ++i)
            bytes += pieces[random.bounded(int(std::size(pieces)))];
        if (round % 4 == 3)
            bytes.insert(random.bounded(bytes.size() + 1), '\0');
        // The reference: decode, then CRLF and CR to LF, NULs dropped.
        QString expected = Charset::decode(bytes, charset);
        expected.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n').remove(QChar(u'\0'));
        QCOMPARE(MessageParser::decodeText(bytes, "8bit", charset), expected);
        QCOMPARE(MessageParser::decodeText(bytes.toBase64(), "base64", charset), expected);
    }
}

void TestMimeParser::mutatedSamplesNeverCrash()
{
    // Cheap in-process fuzzing: damaged copies of every sample must parse without crashing
    // (run under THREADLINE_SANITIZE=ON to also catch memory errors).
    const QStringList files{u"french-latin1-qp.eml"_s,   u"french-utf8-alternative.eml"_s,
                            u"japanese-iso2022jp.eml"_s, u"mixed-attachments.eml"_s,
                            u"dsn-bounce.eml"_s,         u"apple-mail-inline.eml"_s,
                            u"missing-boundary.eml"_s,   u"many-recipients.eml"_s};
    const QByteArray specials = "\r\n-=?<>\"():;,\\ \t*'%";
    QRandomGenerator random(20240305);
    int parsed = 0;
    for (const QString& file : files) {
        const QByteArray original = sample(file);
        for (int round = 0; round < 300; ++round) {
            QByteArray raw = original;
            const int edits = int(random.bounded(1, 12));
            for (int e = 0; e < edits && !raw.isEmpty(); ++e) {
                const qsizetype at = qsizetype(random.bounded(quint32(raw.size())));
                switch (random.bounded(5)) {
                case 0:
                    raw[at] = char(random.bounded(256));
                    break;
                case 1:
                    raw[at] = specials[random.bounded(specials.size())];
                    break;
                case 2:
                    raw.truncate(at);
                    break;
                case 3:
                    raw.insert(at, raw.mid(at, random.bounded(200)));
                    break;
                default:
                    raw.remove(at, random.bounded(50));
                    break;
                }
            }
            const ParsedMessage message = MessageParser::parse(raw);
            parsed += message.subject.size() >= 0 ? 1 : 0;
        }
    }
    QCOMPARE(parsed, int(files.size()) * 300);
}

void TestMimeParser::benchmarkHeaders()
{
    // What the sync does 100,000 times: parse a typical header block (decodeText off).
    QByteArray header;
    header += "Return-Path: <sender@example.com>\r\nDelivered-To: vendeur@threadline.test\r\n";
    for (int i = 0; i < 4; ++i)
        header += "Received: from relay" + QByteArray::number(i) +
                  ".example.com (relay.example.com "
                  "[192.0.2.1])\r\n\tby mx.threadline.test (Postfix) with ESMTPS id 4F2A1\r\n\t"
                  "for <vendeur@threadline.test>; Tue,  5 Mar 2024 09:14:03 +0100 (CET)\r\n";
    header += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;\r\n\t"
              "h=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\t"
              "b=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR\r\n"
              "From: =?UTF-8?Q?H=C3=A9l=C3=A8ne_Ch=C3=A2teau?= <helene@example.com>\r\n"
              "To: \"Vendeur, Jean\" <vendeur@threadline.test>, Achats <achats@example.com>\r\n"
              "Cc: boss@example.com (The Boss)\r\n"
              "Subject: =?UTF-8?Q?Re=3A_Devis_n=C2=B042_=C3=A0_valider?=\r\n"
              "Date: Tue, 5 Mar 2024 09:13:58 +0100\r\n"
              "Message-ID: <20240305091358.GA1234@example.com>\r\n"
              "In-Reply-To: <devis-42@threadline.test>\r\n"
              "References: <rdv-1@threadline.test> <rdv-2@threadline.test>\r\n"
              " <devis-42@threadline.test>\r\n"
              "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"=_b\"\r\n\r\n";
    MessageParser::Options options;
    options.decodeText = false;
    constexpr int kCount = 20000;
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock(); // CPU time: steadier on a busy machine
    qsizetype checksum = 0;
    for (int i = 0; i < kCount; ++i) {
        const ParsedMessage message = MessageParser::parse(header, options);
        checksum += message.references.size() + message.recipientCount();
    }
    const double cpuMs = double(std::clock() - cpuStart) * 1000.0 / CLOCKS_PER_SEC;
    const qint64 ms = timer.elapsed();
    QCOMPARE(checksum, qsizetype(kCount) * 6);
    qInfo("parsed %d header blocks (%lld bytes each): %lld ms wall, %.0f ms CPU; "
          "%.0f ms CPU per 100,000",
          kCount, qlonglong(header.size()), qlonglong(ms), cpuMs, cpuMs * 100000.0 / kCount);
    QVERIFY(ms < 60000);
}

QTEST_GUILESS_MAIN(TestMimeParser)
#include "tst_mime_parser.moc"
