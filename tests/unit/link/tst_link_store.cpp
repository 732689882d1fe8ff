// The mail side of the store as the IMAP sync uses it: one row per message, locations,
// expunge, UIDVALIDITY change, flags, skipped records, folder state, and the message view.
#include "LinkWorld.h"
#include "cli/JsonExporter.h"
#include "store/SearchIndex.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace linktest;

class TestLinkStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizeId_data();
    void normalizeId();
    void digestKeyIsStable();
    void threadingIdsAreBounded();
    void threadingIdsWithoutDuplicates();
    void lowercase_data();
    void lowercase();
    void messageRoundTrip();
    void batchIsAtomic();
    void expungeKeepsMessageWhileAnotherFolderHoldsIt();
    void uidValidityChangeRekeys();
    void flagsAndFolderState();
    void skippedMessages();
    void exportCarriesLocationsAndLinks();

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(u"s%1.sqlite"_s.arg(++m_counter)); }
};

void TestLinkStore::normalizeId_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("bracketed") << u"<a.b@x.test>"_s << u"a.b@x.test"_s;
    QTest::newRow("bare") << u"a@x.test"_s << u"a@x.test"_s;
    QTest::newRow("padded") << u"  <a@x.test>  "_s << u"a@x.test"_s;
    QTest::newRow("half open") << u"<a@x.test"_s << u"a@x.test"_s;
    QTest::newRow("case kept") << u"<ABC@X.test>"_s << u"ABC@X.test"_s;
    QTest::newRow("empty brackets") << u"<>"_s << QString();
    QTest::newRow("space inside") << u"<a b@x.test>"_s << QString();
    QTest::newRow("two ids") << u"<a@x><b@x>"_s << QString();
    QTest::newRow("too long") << u"<%1@x>"_s.arg(QString(1000, u'a')) << QString();
}

void TestLinkStore::normalizeId()
{
    QFETCH(QString, written);
    QFETCH(QString, normalized);
    QCOMPARE(store::MessageRecord::normalizeId(written), normalized);
}

void TestLinkStore::digestKeyIsStable()
{
    Mail a;
    a.from(u"bob@client.test"_s).to({userAddress});
    Mail b = a;
    b.location.uid = 99;        // another copy, another UID
    b.record.textBody = u"x"_s; // bodies are not part of the key
    QCOMPARE(a.record.storageKey(), b.record.storageKey());
    QVERIFY(a.record.storageKey().startsWith(u"digest:"_s));
    Mail c = a;
    c.subject(u"Other"_s);
    QVERIFY(a.record.storageKey() != c.record.storageKey());

    World world(freshPath());
    world.ingest(a);
    const auto again = world.ingest(b);
    QVERIFY(!again.messages.first().inserted);
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 1);
    QCOMPARE(world.count(u"SELECT count(*) FROM message_locations"_s), 2);
}

void TestLinkStore::threadingIdsAreBounded()
{
    store::MessageRecord record;
    record.messageId = u"self@x"_s;
    for (int i = 0; i < 500; ++i)
        record.references << u"<r%1@x>"_s.arg(i);
    record.references << u"<self@x>"_s << u"<r3@x>"_s;
    record.inReplyTo = {u"<r499@x>"_s, u"<irt@x>"_s};
    const QStringList ids = store::MessageRepository::threadingIds(record);
    QCOMPARE(ids.size(), store::MessageRepository::maxReferences);
    QCOMPARE(ids.first(), u"r0@x"_s);
    QCOMPARE(ids.last(), u"irt@x"_s);
    QVERIFY(!ids.contains(u"self@x"_s));
    QCOMPARE(ids.count(u"r499@x"_s), 1);
}

void TestLinkStore::threadingIdsWithoutDuplicates()
{
    // A short list, checked without a set: the same answer as a long one.
    store::MessageRecord record;
    record.messageId = u"<self@x>"_s;
    record.references = {u"<a@x>"_s, u"<b@x>"_s, u"a@x"_s, u"<self@x>"_s};
    record.inReplyTo = {u"<b@x>"_s, u"<c@x>"_s};
    QCOMPARE(store::MessageRepository::threadingIds(record),
             (QStringList{u"a@x"_s, u"b@x"_s, u"c@x"_s}));
}

void TestLinkStore::lowercase_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("lowercase ascii") << u"bob@client.test"_s;
    QTest::newRow("uppercase ascii") << u"Bob@CLIENT.test"_s;
    QTest::newRow("accents") << u"zoë@café.test"_s;
    QTest::newRow("uppercase accents") << u"ZOË@CAFÉ.test"_s;
    QTest::newRow("sharp s and dotted I") << u"straße İ"_s;
    QTest::newRow("outside the BMP") << u"𐐀@x.test"_s;
    QTest::newRow("empty") << u""_s;
    QTest::newRow("null") << QString();
}

void TestLinkStore::lowercase()
{
    QFETCH(QString, text);
    const QString lowered = store::MessageRecord::lowercase(text);
    QCOMPARE(lowered, text.toLower());
    QCOMPARE(lowered.isNull(), text.toLower().isNull());
}

void TestLinkStore::messageRoundTrip()
{
    World world(freshPath());
    Mail mail(u"<rt@x.test>"_s);
    mail.from(u"bob@client.test"_s, u"Bob Dupont"_s)
        .to({userAddress})
        .cc({u"a@x.test"_s, u"b@x.test"_s})
        .subject(u"Devis"_s);
    mail.record.htmlBody = u"<p>Bonjour</p>"_s;
    mail.record.textBody = u"Bonjour"_s;
    mail.record.attachments = {{u"2"_s, u"devis.pdf"_s, u"application/pdf"_s, 12345}};
    mail.record.parseProblems = {u"bad-charset"_s};
    mail.location.flags = {u"\\Seen"_s, u"$Label1"_s};
    mail.location.modSeq = 77;
    const auto result = world.ingest(mail);
    const qint64 id = result.messages.first().messageId;
    store::MessageRepository messages(world.db());
    const auto loaded = messages.message(id);
    QVERIFY(loaded && loaded.value());
    const store::MessageRecord& record = *loaded.value();
    QCOMPARE(record.messageId, u"rt@x.test"_s);
    QCOMPARE(record.subject, u"Devis"_s);
    QCOMPARE(record.date, day(0));
    QCOMPARE(record.htmlBody.value_or(QString()), u"<p>Bonjour</p>"_s);
    QCOMPARE(record.addresses.size(), 4);
    QCOMPARE(record.addresses.first().name, u"Bob Dupont"_s);
    QCOMPARE(record.addressesOf(store::MessageRecord::Role::Cc).at(1).email, u"b@x.test"_s);
    QCOMPARE(record.attachments.size(), 1);
    QCOMPARE(record.attachments.first().fileName, u"devis.pdf"_s);
    QCOMPARE(record.parseProblems, QStringList{u"bad-charset"_s});
    const auto locations = messages.locations(id);
    QCOMPARE(locations.value().size(), 1);
    QCOMPARE(locations.value().first().flags, mail.location.flags);
    QCOMPARE(locations.value().first().modSeq, quint64(77));
    // Queued for the search index in the same transaction, and searchable once indexed.
    QCOMPARE(world.count(u"SELECT message_id FROM search_queue"_s), id);
    QVERIFY(!store::SearchIndex(world.db()).catchUpAll());
    QCOMPARE(
        world.count(u"SELECT rowid FROM search.message_fts WHERE message_fts MATCH 'dupont'"_s),
        id);
    QVERIFY(!messages.message(id + 1000).value().has_value());
}

void TestLinkStore::batchIsAtomic()
{
    World world(freshPath());
    store::MessageRepository messages(world.db());
    // A UID seen twice in one batch (the server reused it: a missed UIDVALIDITY change)
    // belongs to the last message; the one it displaced is an orphan until purged.
    Mail displaced(u"displaced@x"_s);
    Mail current(u"current@x"_s);
    current.location = displaced.location;
    QVERIFY(messages.storeBatch(
        {{displaced.record, displaced.location}, {current.record, current.location}}));
    QCOMPARE(world.count(u"SELECT count(*) FROM message_locations"_s), 1);
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 2);
    const auto purged = messages.purgeOrphans();
    QVERIFY(purged);
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 1);
    QCOMPARE(world.message(u"displaced@x"_s), 0);

    // A failing statement rolls the whole batch back.
    QSqlQuery query(world.db());
    QVERIFY(query.exec(u"CREATE TRIGGER fail_on_boom BEFORE INSERT ON messages "
                       "WHEN new.message_key = 'boom@x' BEGIN SELECT RAISE(ABORT, 'boom'); END"_s));
    Mail first(u"first@x"_s);
    Mail boom(u"boom@x"_s);
    first.location.uid = 50;
    boom.location.uid = 51;
    QVERIFY(!messages.storeBatch({{first.record, first.location}, {boom.record, boom.location}}));
    QCOMPARE(world.message(u"first@x"_s), 0);
    QCOMPARE(world.count(u"SELECT count(*) FROM message_locations WHERE uid = 50"_s), 0);
}

void TestLinkStore::expungeKeepsMessageWhileAnotherFolderHoldsIt()
{
    World world(freshPath());
    const Mail mail = Mail(u"two@x"_s).from(userAddress).to({u"bob@client.test"_s});
    world.ingest(Mail(mail).in(u"INBOX"_s).uid(5));
    world.ingest(Mail(mail).in(u"Sent"_s).uid(6));
    QVERIFY(!store::SearchIndex(world.db()).catchUpAll());
    QCOMPARE(world.count(u"SELECT count(*) FROM search.message_fts"_s), 1);
    store::MessageRepository messages(world.db());
    auto changes = messages.removeLocations(u"INBOX"_s, {5, 999});
    QVERIFY(changes);
    QVERIFY(changes.value().isEmpty());
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 1);
    QCOMPARE(messages.uids(u"Sent"_s).value(), QList<quint32>{6});
    QVERIFY(messages.uids(u"INBOX"_s).value().isEmpty());
    const qint64 thread = world.threadOf(u"two@x"_s);
    changes = messages.removeLocations(u"Sent"_s, {6});
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 0);
    QCOMPARE(changes.value().removedThreads, QSet<qint64>{thread});
    // The deletion is queued, and the next catch-up takes it out of the index.
    QVERIFY(!store::SearchIndex(world.db()).catchUpAll());
    QCOMPARE(world.count(u"SELECT count(*) FROM search.message_fts"_s), 0);
}

void TestLinkStore::uidValidityChangeRekeys()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    QList<Mail> mails;
    for (int i = 0; i < 5; ++i)
        mails << Mail(u"v%1@x"_s.arg(i))
                     .from(u"bob@client.test"_s)
                     .to({userAddress})
                     .subject(u"T%1"_s.arg(i))
                     .uid(100 + i);
    world.ingest(mails);
    QVERIFY(world.matcher().detachThread(bob, world.threadOf(u"v0@x"_s)));
    store::MessageRepository messages(world.db());
    QVERIFY(!messages.recordSkipped(
        {u"INBOX"_s, 1, 200, u"too-many-recipients"_s, day(0), u"x@y"_s, u"s"_s, 150}));

    // UIDVALIDITY changed: UIDs are void, messages stay visible meanwhile.
    QCOMPARE(messages.forgetFolderUids(u"INBOX"_s).value(), 5);
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 5);
    QVERIFY(messages.skipped().value().isEmpty());
    // The folder is listed again under new UIDs: known ids get their new location without a
    // body fetch; v4 is gone from the server; n5 is new.
    QList<std::pair<QString, store::MessageLocation>> listed;
    for (int i = 0; i < 4; ++i)
        listed.append(
            {u"v%1@x"_s.arg(i), store::MessageLocation{u"INBOX"_s, 2, quint32(i + 1), {}, 0}});
    listed.append({u"n5@x"_s, store::MessageLocation{u"INBOX"_s, 2, 5, {}, 0}});
    const auto unknown = messages.addLocations(listed);
    QCOMPARE(unknown.value(), QStringList{u"n5@x"_s});
    Mail fresh =
        Mail(u"n5@x"_s).from(u"bob@client.test"_s).to({userAddress}).subject(u"New"_s).uid(5);
    fresh.location.uidValidity = 2;
    world.ingest(fresh);
    const auto purged = messages.purgeOrphans();
    QVERIFY(purged);
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 5);
    QCOMPARE(world.message(u"v4@x"_s), 0);
    QCOMPARE(messages.uids(u"INBOX"_s).value(), (QList<quint32>{1, 2, 3, 4, 5}));
    QCOMPARE(world.count(u"SELECT count(DISTINCT uidvalidity) FROM message_locations"_s), 1);
    // The decision taken before the change still holds.
    QVERIFY(!world.cardThreads(bob).contains(world.threadOf(u"v0@x"_s)));
    QCOMPARE(world.cardThreads(bob).size(), 4);
}

void TestLinkStore::flagsAndFolderState()
{
    World world(freshPath());
    world.ingest(Mail(u"f@x"_s).uid(9));
    store::MessageRepository messages(world.db());
    QVERIFY(!messages.updateFlags({{u"INBOX"_s, 1, 9, {u"\\Seen"_s, u"\\Flagged"_s}, 42},
                                   {u"INBOX"_s, 1, 4242, {u"\\Seen"_s}, 43}}));
    const auto locations = messages.locations(world.message(u"f@x"_s));
    QCOMPARE(locations.value().first().flags, (QStringList{u"\\Seen"_s, u"\\Flagged"_s}));
    QCOMPARE(locations.value().first().modSeq, quint64(42));

    QVERIFY(!messages.folderState(u"INBOX"_s).value().has_value());
    const store::FolderState state{
        u"Sent"_s, store::FolderState::Role::Sent, 1700000000u, 321u, 9876543210ull, day(2)};
    QVERIFY(!messages.setFolderState(state));
    QCOMPARE(messages.folderState(u"Sent"_s).value().value(), state);
    store::FolderState next = state;
    next.uidNext = 400;
    QVERIFY(!messages.setFolderState(next));
    QCOMPARE(messages.folderState(u"Sent"_s).value()->uidNext, 400u);
}

void TestLinkStore::skippedMessages()
{
    World world(freshPath());
    store::MessageRepository messages(world.db());
    const store::SkippedMessage skipped{
        u"INBOX"_s, 3, 17, u"too-many-recipients"_s, day(1), u"news@x.test"_s, u"Big list"_s, 250};
    QVERIFY(!messages.recordSkipped(skipped));
    QVERIFY(!messages.recordSkipped(skipped)); // a resync records it again: still one
    const auto rows = messages.skipped(u"INBOX"_s);
    QCOMPARE(rows.value().size(), 1);
    QCOMPARE(rows.value().first().recipientCount, 250);
    QCOMPARE(rows.value().first().date, day(1));
    QCOMPARE(rows.value().first().sender, u"news@x.test"_s);
    QVERIFY(messages.skipped(u"Sent"_s).value().isEmpty());
}

void TestLinkStore::exportCarriesLocationsAndLinks()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    const qint64 deal = world.deal(u"Deal"_s);
    world.ingest(Mail(u"x1@x"_s).from(u"bob@client.test"_s).to({userAddress}).uid(4));
    QVERIFY(world.matcher().attachThread(deal, world.threadOf(u"x1@x"_s)));
    QVERIFY(world.matcher().detachThread(deal, world.threadOf(u"x1@x"_s)));
    const auto exported = cli::JsonExporter(world.db()).exportAll();
    QVERIFY(exported);
    const QJsonArray links = exported.value()[u"links"_s].toArray();
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.at(0)[u"card_id"_s].toInteger(), bob);
    QCOMPARE(links.at(0)[u"origin"_s].toString(), u"address"_s);
    QCOMPARE(links.at(0)[u"state"_s].toString(), u"attached"_s);
    QCOMPARE(links.at(0)[u"detail"_s].toString(), u"bob@client.test"_s);
    QCOMPARE(links.at(1)[u"card_id"_s].toInteger(), deal);
    QCOMPARE(links.at(1)[u"origin"_s].toString(), u"manual"_s);
    QCOMPARE(links.at(1)[u"state"_s].toString(), u"detached"_s);
    QVERIFY(links.at(1)[u"message_id"_s].isNull());
    const QJsonObject location = exported.value()[u"locations"_s].toArray().at(0).toObject();
    QCOMPARE(location[u"folder"_s].toString(), u"INBOX"_s);
    QCOMPARE(location[u"uid"_s].toInteger(), 4);
    const QJsonObject message = exported.value()[u"messages"_s].toArray().at(0).toObject();
    QCOMPARE(message[u"thread_reason"_s].toString(), u"new"_s);
}

QTEST_GUILESS_MAIN(TestLinkStore)
#include "tst_link_store.moc"
