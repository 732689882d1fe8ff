// MessageBuilder, and the round trip builder → parser.
#include "mime/AddressParser.h"
#include "mime/HeaderWriter.h"
#include "mime/MessageBuilder.h"
#include "mime/MessageParser.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace threadline::mime;

Q_DECLARE_METATYPE(threadline::mime::AddressList)
Q_DECLARE_METATYPE(QList<threadline::mime::OutgoingAttachment>)

namespace {

QString flat(const AddressList& list)
{
    QStringList out;
    for (const Address& a : list)
        out.append(u'[' + a.name + u"]<" + a.email + u'>');
    return out.join(u", ");
}

QString chopNewlines(QString text)
{
    while (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}

// Every line ends in CRLF, none is longer than `limit` (headers) or 998 (anywhere).
void verifyWireFormat(const QByteArray& raw)
{
    QVERIFY(raw.endsWith("\r\n"));
    const qsizetype headerEnd = raw.indexOf("\r\n\r\n");
    QVERIFY(headerEnd > 0);
    qsizetype pos = 0;
    while (pos < raw.size()) {
        const qsizetype lf = raw.indexOf('\n', pos);
        QVERIFY2(lf > pos && raw[lf - 1] == '\r', "bare LF");
        const QByteArray line = raw.mid(pos, lf - 1 - pos);
        QVERIFY2(!line.contains('\r'), "bare CR");
        QVERIFY2(line.size() <= 998, line.left(80).constData());
        if (pos < headerEnd) {
            // RFC 5322 §2.1.1 "SHOULD" 78; our folding aims at 76.
            QVERIFY2(line.size() <= 78, line.constData());
            for (const char c : line)
                QVERIFY2(static_cast<unsigned char>(c) < 0x80, line.constData());
        }
        pos = lf + 1;
    }
}

} // namespace

class TestMimeBuilder final : public QObject
{
    Q_OBJECT

private slots:
    void golden();
    void roundTrip_data();
    void roundTrip();
    void reply_data();
    void reply();
    void bcc();
    void headerInjection();
    void messageIds();
    void extraHeaders();
    void addressField_data();
    void addressField();
};

void TestMimeBuilder::golden()
{
    MessageBuilder builder;
    builder.setFrom({u"Jean Vendeur"_s, u"jean@threadline.test"_s});
    builder.setTo({{u"Doe, John"_s, u"john@client.example"_s}});
    builder.setSubject(u"Devis n°42"_s);
    builder.setDate(QDateTime(QDate(2025, 3, 4), QTime(10, 0), QTimeZone(3600)));
    builder.setMessageId(u"abc123@threadline.test"_s);
    builder.setTextBody(u"Bonjour,\nvoici le devis révisé.\n"_s);
    const QByteArray expected = "Date: Tue, 04 Mar 2025 10:00:00 +0100\r\n"
                                "From: Jean Vendeur <jean@threadline.test>\r\n"
                                "To: \"Doe, John\" <john@client.example>\r\n"
                                "Subject: Devis =?UTF-8?B?bsKwNDI=?=\r\n"
                                "Message-ID: <abc123@threadline.test>\r\n"
                                "MIME-Version: 1.0\r\n"
                                "Content-Type: text/plain; charset=UTF-8\r\n"
                                "Content-Transfer-Encoding: quoted-printable\r\n"
                                "\r\n"
                                "Bonjour,\r\n"
                                "voici le devis r=C3=A9vis=C3=A9.\r\n"_ba;
    QCOMPARE(builder.build(), expected);
}

void TestMimeBuilder::roundTrip_data()
{
    QTest::addColumn<Address>("from");
    QTest::addColumn<AddressList>("to");
    QTest::addColumn<AddressList>("cc");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html");
    QTest::addColumn<QList<OutgoingAttachment>>("attachments");

    const Address jean{u"Jean Vendeur"_s, u"jean@threadline.test"_s};
    QByteArray binary;
    for (int i = 0; i < 5000; ++i)
        binary += char(i * 7 + i / 13);

    QTest::newRow("plain ascii") << jean << AddressList{{QString(), u"a@x.org"_s}} << AddressList()
                                 << u"Hello"_s << u"Hi there."_s << QString()
                                 << QList<OutgoingAttachment>();
    QTest::newRow("french") << Address{u"Hélène Château"_s, u"helene@exemple.fr"_s}
                            << AddressList{{u"Doe, John"_s, u"john@client.example"_s},
                                           {u"Zoë"_s, u"zoe@x.fr"_s}}
                            << AddressList{{u"Service \"Achats\""_s, u"achats@x.fr"_s}}
                            << u"Re: Réunion de décembre à l'hôtel — ordre du jour"_s
                            << u"Bonjour à tous,\n\nÀ bientôt !\nHélène"_s << QString()
                            << QList<OutgoingAttachment>();
    QTest::newRow("japanese") << Address{u"山田太郎"_s, u"yamada@example.jp"_s}
                              << AddressList{{u"佐藤花子"_s, u"sato@example.jp"_s}} << AddressList()
                              << u"来週の会議の議題について確認させていただきたいことがございます"_s
                              << u"山田です。\nよろしくお願いします。"_s << QString()
                              << QList<OutgoingAttachment>();
    QTest::newRow("long lines and traps")
        << jean << AddressList{{QString(), u"a@x.org"_s}} << AddressList() << QString(300, u'x')
        << QString(u"From the start\n.\n..\nTrailing spaces   \n\tTabbed\n"_s +
                   QString(2000, u'é') + u"\nend"_s)
        << QString() << QList<OutgoingAttachment>();
    QTest::newRow("html alternative")
        << jean << AddressList{{u"Client"_s, u"c@x.org"_s}} << AddressList() << u"Offre"_s
        << u"Prix réduits"_s << u"<p>Prix <b>réduits</b></p>"_s << QList<OutgoingAttachment>();
    QTest::newRow("attachments")
        << jean << AddressList{{u"Client"_s, u"c@x.org"_s}} << AddressList() << u"Pièces"_s
        << u"Voir pièces jointes."_s << u"<p>Voir pièces jointes.</p>"_s
        << QList<OutgoingAttachment>{
               {u"contrat.pdf"_s, "application/pdf"_ba, "%PDF-1.4 tiny"_ba},
               {u"Résumé des échanges — version définitive et signée par les deux parties.txt"_s,
                "text/plain"_ba, "caf\xc3\xa9\r\n"_ba},
               {u"données.bin"_s, QByteArray(), binary},
               {u"見積書.xlsx"_s, "bogus type"_ba, "PK\x03\x04"_ba},
               {QString(), "image/png"_ba, "\x89PNG"_ba}};
    QTest::newRow("empty body") << jean << AddressList{{QString(), u"a@x.org"_s}} << AddressList()
                                << QString() << QString() << QString()
                                << QList<OutgoingAttachment>();
}

void TestMimeBuilder::roundTrip()
{
    QFETCH(Address, from);
    QFETCH(AddressList, to);
    QFETCH(AddressList, cc);
    QFETCH(QString, subject);
    QFETCH(QString, text);
    QFETCH(QString, html);
    QFETCH(QList<OutgoingAttachment>, attachments);

    MessageBuilder builder;
    builder.setFrom(from);
    builder.setTo(to);
    builder.setCc(cc);
    builder.setSubject(subject);
    builder.setTextBody(text);
    builder.setHtmlBody(html);
    for (const OutgoingAttachment& attachment : attachments)
        builder.addAttachment(attachment);
    const QDateTime date(QDate(2025, 3, 4), QTime(10, 0, 5), QTimeZone(-18000));
    builder.setDate(date);
    const QByteArray raw = builder.build();
    verifyWireFormat(raw);

    const ParsedMessage parsed = MessageParser::parse(raw);
    QCOMPARE(flat(parsed.problems.isEmpty() ? AddressList() : AddressList{{u"problem"_s, {}}}),
             QString());
    QCOMPARE(flat(parsed.from), flat({from}));
    QCOMPARE(flat(parsed.to), flat(to));
    QCOMPARE(flat(parsed.cc), flat(cc));
    QCOMPARE(parsed.subject, subject);
    QCOMPARE(parsed.date, date.toUTC());
    QCOMPARE(parsed.messageId, builder.messageId());
    QCOMPARE(chopNewlines(parsed.textBody), chopNewlines(text));
    QCOMPARE(parsed.textFromHtml, false);
    QCOMPARE(chopNewlines(parsed.htmlBody), chopNewlines(html));
    QCOMPARE(parsed.attachments.size(), attachments.size());
    for (qsizetype i = 0; i < attachments.size(); ++i) {
        const Attachment& got = parsed.attachments[i];
        QCOMPARE(got.fileName, attachments[i].fileName);
        QCOMPARE(got.size, qint64(attachments[i].data.size()));
        QCOMPARE(got.partPath, QString::number(i + 2));
        const QByteArray type =
            attachments[i].mimeType.contains('/') && !attachments[i].mimeType.contains(' ')
                ? attachments[i].mimeType
                : "application/octet-stream"_ba;
        QCOMPARE(got.mimeType, type);
        bool found = false;
        QCOMPARE(MessageParser::partContent(raw, got.partPath, nullptr, &found),
                 attachments[i].data);
        QVERIFY(found);
    }
}

void TestMimeBuilder::reply_data()
{
    QTest::addColumn<QString>("parentId");
    QTest::addColumn<QStringList>("parentReferences");
    QTest::addColumn<QStringList>("parentInReplyTo");
    QTest::addColumn<QStringList>("inReplyTo");
    QTest::addColumn<QStringList>("references");

    QTest::newRow("first reply") << u"p@x"_s << QStringList() << QStringList()
                                 << QStringList{u"p@x"_s} << QStringList{u"p@x"_s};
    QTest::newRow("chain") << u"p@x"_s << QStringList{u"a@x"_s, u"b@x"_s} << QStringList{u"b@x"_s}
                           << QStringList{u"p@x"_s} << QStringList{u"a@x"_s, u"b@x"_s, u"p@x"_s};
    QTest::newRow("parent without references")
        << u"p@x"_s << QStringList() << QStringList{u"b@x"_s} << QStringList{u"p@x"_s}
        << QStringList{u"b@x"_s, u"p@x"_s};
    QTest::newRow("parent id already listed")
        << u"p@x"_s << QStringList{u"p@x"_s, u"a@x"_s} << QStringList() << QStringList{u"p@x"_s}
        << QStringList{u"a@x"_s, u"p@x"_s};
    QTest::newRow("long chain folds")
        << u"p@x"_s
        << QStringList{u"aaaaaaaaaaaaaaaaaaaaaaaaaa@x.example"_s,
                       u"bbbbbbbbbbbbbbbbbbbbbbbbbbbbb@x.example"_s,
                       u"cccccccccccccccccccccccccccccc@x.example"_s,
                       u"ddddddddddddddddddddddd@x.example"_s}
        << QStringList() << QStringList{u"p@x"_s}
        << QStringList{u"aaaaaaaaaaaaaaaaaaaaaaaaaa@x.example"_s,
                       u"bbbbbbbbbbbbbbbbbbbbbbbbbbbbb@x.example"_s,
                       u"cccccccccccccccccccccccccccccc@x.example"_s,
                       u"ddddddddddddddddddddddd@x.example"_s, u"p@x"_s};
}

void TestMimeBuilder::reply()
{
    QFETCH(QString, parentId);
    QFETCH(QStringList, parentReferences);
    QFETCH(QStringList, parentInReplyTo);
    QFETCH(QStringList, inReplyTo);
    QFETCH(QStringList, references);
    MessageBuilder builder;
    builder.setFrom({QString(), u"me@threadline.test"_s});
    builder.setTo({{QString(), u"you@x.org"_s}});
    builder.setSubject(u"Re: Devis"_s);
    builder.setReplyParent(parentId, parentReferences, parentInReplyTo);
    const QByteArray raw = builder.build();
    verifyWireFormat(raw);
    const ParsedMessage parsed = MessageParser::parse(raw);
    QCOMPARE(parsed.inReplyTo, inReplyTo);
    QCOMPARE(parsed.references, references);
}

void TestMimeBuilder::bcc()
{
    MessageBuilder builder;
    builder.setFrom({QString(), u"me@threadline.test"_s});
    builder.setTo({{QString(), u"A@x.org"_s}, {QString(), u"b@x.org"_s}});
    builder.setCc({{QString(), u"a@X.org"_s}, {QString(), u"c@x.org"_s}});
    builder.setBcc({{QString(), u"hidden@x.org"_s}});
    QCOMPARE(flat(builder.envelopeRecipients()),
             u"[]<A@x.org>, []<b@x.org>, []<c@x.org>, []<hidden@x.org>"_s);
    QVERIFY(MessageParser::parse(builder.build()).bcc.isEmpty());
    builder.setWriteBccHeader(true);
    QCOMPARE(flat(MessageParser::parse(builder.build()).bcc), u"[]<hidden@x.org>"_s);
}

void TestMimeBuilder::headerInjection()
{
    MessageBuilder builder;
    builder.setFrom({u"Evil\r\nBcc: victim@x.org"_s, u"me@threadline.test"_s});
    builder.setTo({{QString(), u"a@x.org\r\nX-Injected: 1"_s}});
    builder.setSubject(u"Hello\r\nBcc: victim@x.org\nX-Other: 2"_s);
    builder.addHeader("X-Note", u"line1\r\nX-Injected: 3"_s);
    const QByteArray raw = builder.build();
    verifyWireFormat(raw);
    const ParsedMessage parsed = MessageParser::parse(raw);
    QVERIFY(!parsed.headers.contains("bcc"));
    QVERIFY(!parsed.headers.contains("x-injected"));
    QVERIFY(!parsed.headers.contains("x-other"));
    QCOMPARE(parsed.subject, u"Hello  Bcc: victim@x.org X-Other: 2"_s);
}

void TestMimeBuilder::messageIds()
{
    QSet<QString> seen;
    const QRegularExpression shape(u"^[0-9a-f]{32}@threadline\\.test$"_s);
    for (int i = 0; i < 1000; ++i) {
        const QString id = MessageBuilder::generateMessageId(u"threadline.test"_s);
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 1000);
    QVERIFY(MessageBuilder::generateMessageId(u"exämple.fr"_s).endsWith(u"@xn--exmple-cua.fr"));
    QVERIFY(MessageBuilder::generateMessageId(QString()).endsWith(u"@threadline.invalid"));
    QVERIFY(MessageBuilder::generateMessageId(u"bad domain>"_s).endsWith(u"@threadline.invalid"));

    MessageBuilder builder;
    builder.setFrom({QString(), u"me@threadline.test"_s});
    QVERIFY(builder.messageId().isEmpty());
    builder.build();
    QVERIFY(builder.messageId().endsWith(u"@threadline.test"));
    QVERIFY(builder.date().isValid());
}

void TestMimeBuilder::extraHeaders()
{
    MessageBuilder builder;
    builder.setFrom({QString(), u"me@threadline.test"_s});
    builder.addHeader("X-Mailer", u"Threadline 0.1"_s);
    builder.addHeader("Bad Name", u"ignored"_s);
    builder.addHeader("X-Comment", u"Déjà vu"_s);
    const ParsedMessage parsed = MessageParser::parse(builder.build());
    QCOMPARE(parsed.headers.value("x-mailer"), "Threadline 0.1"_ba);
    QCOMPARE(parsed.headers.text("x-comment"), u"Déjà vu"_s);
    QVERIFY(!parsed.headers.contains("bad name"));
}

void TestMimeBuilder::addressField_data()
{
    QTest::addColumn<Address>("address");
    QTest::addColumn<QByteArray>("field");

    QTest::newRow("bare") << Address{QString(), u"a@x.org"_s} << "To: a@x.org"_ba;
    QTest::newRow("atoms") << Address{u"John Doe"_s, u"j@x.org"_s} << "To: John Doe <j@x.org>"_ba;
    QTest::newRow("comma quoted") << Address{u"Doe, John"_s, u"j@x.org"_s}
                                  << "To: \"Doe, John\" <j@x.org>"_ba;
    QTest::newRow("quote escaped")
        << Address{u"Jo \"JD\" Doe"_s, u"j@x.org"_s} << "To: \"Jo \\\"JD\\\" Doe\" <j@x.org>"_ba;
    QTest::newRow("dot quoted") << Address{u"John Q. Public"_s, u"j@x.org"_s}
                                << "To: \"John Q. Public\" <j@x.org>"_ba;
    QTest::newRow("encoded") << Address{u"Zoë"_s, u"z@x.org"_s}
                             << "To: =?UTF-8?Q?Zo=C3=AB?= <z@x.org>"_ba;
    QTest::newRow("idn domain") << Address{QString(), u"j@exämple.fr"_s}
                                << "To: j@xn--exmple-cua.fr"_ba;
    QTest::newRow("local part quoted")
        << Address{QString(), u"john doe@x.org"_s} << "To: \"john doe\"@x.org"_ba;
}

void TestMimeBuilder::addressField()
{
    QFETCH(Address, address);
    QFETCH(QByteArray, field);
    HeaderWriter writer("To");
    writer.addAddress(address, false);
    QCOMPARE(writer.result(), field);
    const Address back = AddressParser::parseSingle(field.mid(4));
    QCOMPARE(back.name, address.name);
}

QTEST_GUILESS_MAIN(TestMimeBuilder)
#include "tst_mime_builder.moc"
