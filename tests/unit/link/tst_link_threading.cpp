// Threading (RFC 5322 §3.6.4) on tricky header sets, through the same path as the sync:
// store, thread and link one batch at a time, or the whole row as one batch.
#include "LinkWorld.h"
#include "store/ThreadSubject.h"

#include <QTemporaryDir>

using namespace linktest;

namespace {

struct Spec
{
    QString key; // the Message-ID, or for id-less messages a name starting with '-'
    Mail mail;
};

// Thread groups as text, e.g. "a b | c": names in batch order within a group, groups in order
// of their first name.
QString groups(const World& world, const QList<Spec>& specs)
{
    QList<std::pair<qint64, QStringList>> threads;
    for (const Spec& spec : specs) {
        qint64 thread = 0;
        if (spec.key.startsWith(u'-')) {
            QSqlQuery query(world.db());
            query.prepare(u"SELECT thread_id FROM messages WHERE subject = ?"_s);
            query.addBindValue(spec.mail.record.subject);
            if (query.exec() && query.next())
                thread = query.value(0).toLongLong();
        } else {
            thread = world.threadOf(spec.key);
        }
        auto it = std::find_if(threads.begin(), threads.end(),
                               [thread](const auto& entry) { return entry.first == thread; });
        if (it == threads.end())
            threads.append({thread, {spec.key}});
        else if (!it->second.contains(spec.key))
            it->second.append(spec.key);
    }
    QStringList parts;
    for (const auto& [thread, names] : threads)
        parts << (thread == 0 ? u"(none) "_s : QString()) + names.join(u' ');
    return parts.join(u" | "_s);
}

QStringList manyIds(int count, const QString& prefix)
{
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids << u"%1%2@x.test"_s.arg(prefix).arg(i);
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(QList<Spec>)

class TestLinkThreading final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headers_data();
    void headers();
    void threadTakesTheRootSubjectAndCounts();
    void duplicateAcrossFoldersIsOneMessage();
    void subjectKey_data();
    void subjectKey();

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(u"t%1.sqlite"_s.arg(++m_counter)); }
};

void TestLinkThreading::headers_data()
{
    QTest::addColumn<QList<Spec>>("specs");
    QTest::addColumn<QString>("expected");

    const QString bob = u"bob@client.test"_s;
    const auto base = [&bob](const QString& id) {
        return Mail(id).from(bob).to({userAddress});
    };
    const auto reply = [&base](const QString& id) {
        return base(id).subject(u"Re: Quote"_s).on(1);
    };

    const QList<std::tuple<const char*, QList<Spec>, QString>> cases{
        {"in-reply-to",
         {{u"a"_s, base(u"a"_s)}, {u"b"_s, reply(u"b"_s).inReplyTo(u"<a>"_s)}},
         u"a b"_s},
        {"references only",
         {{u"a"_s, base(u"a"_s)}, {u"b"_s, reply(u"b"_s).references({u"a"_s})}},
         u"a b"_s},
        {"unrelated",
         {{u"a"_s, base(u"a"_s)}, {u"b"_s, base(u"b"_s).subject(u"Other"_s)}},
         u"a | b"_s},
        {"reply before parent",
         {{u"b"_s, reply(u"b"_s).inReplyTo(u"a"_s)}, {u"a"_s, base(u"a"_s)}},
         u"b a"_s},
        {"grandchild before parent",
         {{u"c"_s, reply(u"c"_s).references({u"a"_s, u"b"_s})},
          {u"a"_s, base(u"a"_s)},
          {u"b"_s, reply(u"b"_s).inReplyTo(u"a"_s)}},
         u"c a b"_s},
        {"siblings under a missing root",
         {{u"b"_s, reply(u"b"_s).inReplyTo(u"root"_s)},
          {u"c"_s, reply(u"c"_s).references({u"root"_s})}},
         u"b c"_s},
        {"two threads merge when the link arrives",
         {{u"a"_s, base(u"a"_s)},
          {u"c"_s, reply(u"c"_s).inReplyTo(u"b"_s)},
          {u"b"_s, reply(u"b"_s).inReplyTo(u"a"_s)}},
         u"a c b"_s},
        {"three threads merge",
         {{u"a"_s, base(u"a"_s)},
          {u"x"_s, base(u"x"_s).subject(u"Other"_s)},
          {u"c"_s, reply(u"c"_s).inReplyTo(u"b"_s)},
          {u"b"_s, reply(u"b"_s).references({u"a"_s, u"x"_s})}},
         u"a x c b"_s},
        // In one batch, a reference to a message placed earlier in it is answered from
        // memory: it must follow the merges that happened since.
        {"reply to a message whose thread merged away",
         {{u"a"_s, base(u"a"_s)},
          {u"x"_s, base(u"x"_s).subject(u"Other"_s)},
          {u"b"_s, reply(u"b"_s).references({u"a"_s, u"x"_s})},
          {u"d"_s, reply(u"d"_s).inReplyTo(u"x"_s)}},
         u"a x b d"_s},
        {"siblings under a missing root after their thread merged",
         {{u"a"_s, base(u"a"_s)},
          {u"b"_s, reply(u"b"_s).inReplyTo(u"root"_s)},
          {u"c"_s, reply(u"c"_s).references({u"root"_s, u"a"_s})},
          {u"d"_s, reply(u"d"_s).inReplyTo(u"root"_s)}},
         u"a b c d"_s},
        {"reply to a message placed before its thread merged",
         {{u"a"_s, base(u"a"_s)},
          {u"c"_s, reply(u"c"_s).inReplyTo(u"b"_s)},
          {u"b"_s, reply(u"b"_s).inReplyTo(u"a"_s)},
          {u"d"_s, reply(u"d"_s).references({u"c"_s})}},
         u"a c b d"_s},
        // The merge frees the newest thread's id; SQLite gives it to the next new thread, whose
        // reply must join that thread, not the one the freed id was merged into.
        {"a thread id freed by a merge and taken by a new thread",
         {{u"a"_s, base(u"a"_s)},
          {u"c"_s, reply(u"c"_s).inReplyTo(u"b"_s)},
          {u"b"_s, reply(u"b"_s).inReplyTo(u"a"_s)},
          {u"y"_s, base(u"y"_s).subject(u"Third"_s)},
          {u"z"_s, base(u"z"_s).subject(u"Re: Third"_s).on(1).inReplyTo(u"y"_s)}},
         u"a c b | y z"_s},
        {"missing Message-ID joins by In-Reply-To",
         {{u"a"_s, base(u"a"_s)},
          {u"-no-id"_s, reply(QString()).subject(u"-no-id"_s).inReplyTo(u"a"_s)}},
         u"a -no-id"_s},
        {"missing Message-ID and headers starts a thread",
         {{u"a"_s, base(u"a"_s)}, {u"-alone"_s, base(QString()).subject(u"-alone"_s)}},
         u"a | -alone"_s},
        {"broken references ignored",
         {{u"a"_s, base(u"a"_s)},
          {u"b"_s,
           base(u"b"_s).subject(u"Other"_s).references({u"<>"_s, u"not an id"_s, u"<a b>"_s})}},
         u"a | b"_s},
        {"broken references beside a good one",
         {{u"a"_s, base(u"a"_s)},
          {u"b"_s, reply(u"b"_s).references({u"<junk junk>"_s, u"<a>"_s, u"<"_s})}},
         u"a b"_s},
        {"angle brackets and spaces normalized",
         {{u"a"_s, base(u" <a> "_s)}, {u"b"_s, reply(u"b"_s).inReplyTo(u"  a"_s)}},
         u"a b"_s},
        {"self reference",
         {{u"a"_s, base(u"a"_s).references({u"a"_s})}, {u"b"_s, base(u"b"_s).subject(u"Other"_s)}},
         u"a | b"_s},
        {"cycle in references",
         {{u"a"_s, base(u"a"_s).references({u"b"_s})},
          {u"b"_s, reply(u"b"_s).references({u"a"_s})},
          {u"c"_s, reply(u"c"_s).references({u"b"_s, u"a"_s})}},
         u"a b c"_s},
        {"huge references, parent last",
         {{u"a"_s, base(u"a"_s)},
          {u"b"_s, reply(u"b"_s).references(manyIds(5000, u"lost"_s) + QStringList{u"a"_s})}},
         u"a b"_s},
        {"huge references, root first",
         {{u"a"_s, base(u"a"_s)},
          {u"b"_s, reply(u"b"_s).references(QStringList{u"a"_s} + manyIds(5000, u"lost"_s))}},
         u"a b"_s},
        {"subject fallback", {{u"a"_s, base(u"a"_s)}, {u"b"_s, reply(u"b"_s)}}, u"a b"_s},
        {"subject fallback from the user's reply",
         {{u"a"_s, base(u"a"_s)},
          {u"b"_s,
           Mail(u"b"_s).from(userAddress).to({bob}).subject(u"RE: quote"_s).on(2).outgoing()}},
         u"a b"_s},
        {"subject fallback with foreign prefixes",
         {{u"a"_s, base(u"a"_s)},
          {u"b"_s, reply(u"b"_s).subject(u"TR: AW: Réf : [EXT] Quote"_s)},
          {u"c"_s, reply(u"c"_s).subject(u"Re[2]: Fwd: quote"_s)}},
         u"a b c"_s},
        {"subject fallback needs a reply prefix",
         {{u"a"_s, base(u"a"_s)}, {u"b"_s, base(u"b"_s).on(1)}},
         u"a | b"_s},
        {"subject fallback needs the same participants",
         {{u"a"_s, base(u"a"_s)},
          {u"b"_s,
           Mail(u"b"_s).from(u"eve@other.test"_s).to({userAddress}).subject(u"Re: Quote"_s).on(1)}},
         u"a | b"_s},
        {"subject fallback within the time window",
         {{u"a"_s, base(u"a"_s)}, {u"b"_s, reply(u"b"_s).on(90)}},
         u"a | b"_s},
        {"subject fallback not for messages with headers",
         {{u"a"_s, base(u"a"_s)}, {u"b"_s, reply(u"b"_s).inReplyTo(u"unknown"_s)}},
         u"a | b"_s},
    };
    for (const auto& [name, specs, expected] : cases) {
        QTest::addRow("%s, one batch", name) << specs << expected;
        // Also one message per batch: the database, not the batch, must carry the state.
        QTest::addRow("%s, one by one", name) << specs << expected;
    }
}

void TestLinkThreading::headers()
{
    QFETCH(QList<Spec>, specs);
    QFETCH(QString, expected);
    World world(freshPath());
    const bool oneBatch = QByteArray(QTest::currentDataTag()).endsWith("one batch");
    if (oneBatch) {
        QList<Mail> mails;
        for (const Spec& spec : specs)
            mails << spec.mail;
        world.ingest(mails);
    } else {
        for (const Spec& spec : specs)
            world.ingest(spec.mail);
    }
    QCOMPARE(groups(world, specs), expected);
    // No thread is left behind by merges, and every message is counted once.
    QCOMPARE(world.count(u"SELECT count(*) FROM threads WHERE message_count = 0"_s), 0);
    QCOMPARE(world.count(u"SELECT sum(message_count) FROM threads"_s),
             world.count(u"SELECT count(*) FROM messages"_s));
    QCOMPARE(world.count(u"SELECT count(*) FROM messages WHERE thread_id IS NULL"_s), 0);
}

void TestLinkThreading::threadTakesTheRootSubjectAndCounts()
{
    World world(freshPath());
    world.ingest(Mail(u"r2"_s)
                     .from(u"bob@client.test"_s)
                     .subject(u"Re: Re: Devis"_s)
                     .on(3)
                     .references({u"r0"_s, u"r1"_s}));
    world.ingest(
        Mail(u"r1"_s).from(u"me@acme.test"_s).subject(u"RE: Devis"_s).on(2).inReplyTo(u"r0"_s));
    const qint64 thread = world.threadOf(u"r1"_s);
    auto summary = store::LinkRepository(world.db()).thread(thread);
    QVERIFY(summary && summary.value());
    QCOMPARE(summary.value()->messageCount, 2);
    QCOMPARE(summary.value()->subject, u"RE: Devis"_s);

    const auto result =
        world.ingest(Mail(u"r0"_s).from(u"zoe@client.test"_s, u"Zoë"_s).subject(u"Devis"_s).on(1));
    QCOMPARE(result.messages.size(), 1);
    QCOMPARE(result.messages.first().threadId, thread);
    QVERIFY(result.changes.threads.contains(thread));
    summary = store::LinkRepository(world.db()).thread(thread);
    QCOMPARE(summary.value()->subject, u"Devis"_s);
    QCOMPARE(summary.value()->messageCount, 3);
    QCOMPARE(summary.value()->firstDate, day(1));
    QCOMPARE(summary.value()->lastDate, day(3));
    QCOMPARE(summary.value()->participants, u"Zoë, me@acme.test, bob@client.test"_s);

    const auto messages = store::LinkRepository(world.db()).threadMessages(thread);
    QVERIFY(messages);
    QCOMPARE(messages.value().size(), 3);
    QCOMPARE(messages.value().at(0).messageId, u"r0"_s);
    QCOMPARE(messages.value().at(2).threadReason, store::ThreadReason::New);
    QCOMPARE(messages.value().at(1).threadReason, store::ThreadReason::ReplyChain);
}

void TestLinkThreading::duplicateAcrossFoldersIsOneMessage()
{
    World world(freshPath());
    const Mail mail =
        Mail(u"dup@acme.test"_s).from(userAddress).to({u"bob@client.test"_s}).cc({userAddress});
    const auto inbox = world.ingest(Mail(mail).in(u"INBOX"_s).uid(7));
    const auto sent = world.ingest(Mail(mail).in(u"Sent"_s).uid(3).outgoing());
    QVERIFY(inbox.messages.first().inserted);
    QVERIFY(!sent.messages.first().inserted);
    QCOMPARE(sent.messages.first().messageId, inbox.messages.first().messageId);
    QCOMPARE(sent.messages.first().threadId, inbox.messages.first().threadId);
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 1);
    QCOMPARE(world.count(u"SELECT count(*) FROM message_locations"_s), 2);
    QCOMPARE(world.count(u"SELECT message_count FROM threads"_s), 1);
    // The Sent copy says it is the user's: the message is outgoing whichever came first.
    QCOMPARE(world.count(u"SELECT is_outgoing FROM messages"_s), 1);
}

void TestLinkThreading::subjectKey_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("replyPrefix");
    QTest::newRow("plain") << u"Quote for May"_s << u"quote for may"_s << false;
    QTest::newRow("re") << u"Re: Quote for May"_s << u"quote for may"_s << true;
    QTest::newRow("RE no space") << u"RE:Quote"_s << u"quote"_s << true;
    QTest::newRow("re space colon") << u"Re : Quote"_s << u"quote"_s << true;
    QTest::newRow("counter") << u"Re[3]: Quote"_s << u"quote"_s << true;
    QTest::newRow("fwd") << u"Fwd: Quote"_s << u"quote"_s << true;
    QTest::newRow("fw") << u"FW: Quote"_s << u"quote"_s << true;
    QTest::newRow("french tr") << u"TR: Devis"_s << u"devis"_s << true;
    QTest::newRow("french ref") << u"Réf : Devis"_s << u"devis"_s << true;
    QTest::newRow("german aw wg") << u"AW: WG: Angebot"_s << u"angebot"_s << true;
    QTest::newRow("nordic sv") << u"SV: Tilbud"_s << u"tilbud"_s << true;
    QTest::newRow("tag then prefix") << u"[EXT] Re: Quote"_s << u"quote"_s << true;
    QTest::newRow("tag only") << u"[EXT] Quote"_s << u"quote"_s << false;
    QTest::newRow("tag alone kept") << u"[draft]"_s << u"[draft]"_s << false;
    QTest::newRow("spaces") << u"  Re:   big   quote "_s << u"big quote"_s << true;
    QTest::newRow("word starting like a prefix") << u"Report: May"_s << u"report: may"_s << false;
    QTest::newRow("empty") << QString() << QString() << false;
    QTest::newRow("only prefix") << u"Re:"_s << QString() << true;
}

void TestLinkThreading::subjectKey()
{
    QFETCH(QString, subject);
    QFETCH(QString, key);
    QFETCH(bool, replyPrefix);
    QCOMPARE(store::ThreadSubject::key(subject), key);
    QCOMPARE(store::ThreadSubject::hasReplyPrefix(subject), replyPrefix);
}

QTEST_GUILESS_MAIN(TestLinkThreading)
#include "tst_link_threading.moc"
