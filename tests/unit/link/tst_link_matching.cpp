// The linking rules (DESIGN.md sync rules 5–10), each against a real store: matching by
// address, deals through threads, sticky detach, dropbox, blocklist, coworkers, adding a
// card, lead conversion, and what the card and Untracked views then list.
#include "LinkWorld.h"

#include <QTemporaryDir>

using namespace linktest;

namespace {

// Cards every matching row starts from. The user is me@acme.test.
struct Cards
{
    explicit Cards(World& world)
        : bob(world.contact(u"Bob"_s, {u"bob@client.test"_s}))
        , carol(world.lead(u"Carol"_s, {u"carol+sales@prospect.test"_s}))
        , dave(world.contact(u"Dave"_s, {u"dave@acme.test"_s}))
        , erin(world.contact(u"Erin"_s, {u"erin@blocked.test"_s}))
        , gina(world.lead(u"Gina"_s, {u"gina@eu.blocked.test"_s}))
        , mallory(world.contact(u"Mallory"_s, {u"mallory@client.test"_s}))
        , me(world.contact(u"Me"_s, {userAddress}))
        , bobLead(world.lead(u"Bob again"_s, {u"BOB@client.test"_s}))
    {}

    QString namesOf(const QList<qint64>& ids) const
    {
        const std::pair<qint64, const char16_t*> names[] = {
            {bob, u"Bob"},   {carol, u"Carol"},     {dave, u"Dave"}, {erin, u"Erin"},
            {gina, u"Gina"}, {mallory, u"Mallory"}, {me, u"Me"},     {bobLead, u"Bob again"},
        };
        QStringList result;
        for (const auto& [id, name] : names) {
            if (ids.contains(id))
                result << QString::fromUtf16(name);
        }
        return result.join(u", "_s);
    }

    qint64 bob, carol, dave, erin, gina, mallory, me, bobLead;
};

QList<qint64> linkedCards(const World& world, qint64 threadId, QString* origins)
{
    QList<qint64> ids;
    QStringList originKeys;
    const auto links = store::LinkRepository(world.db()).threadLinks(threadId);
    for (const store::ThreadCardLink& link : links.value()) {
        if (link.state != store::LinkState::Attached)
            continue;
        ids << link.cardId;
        if (!originKeys.contains(store::linkOriginKey(link.origin)))
            originKeys << store::linkOriginKey(link.origin);
    }
    *origins = originKeys.join(u',');
    return ids;
}

} // namespace

class TestLinkMatching final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data();
    void rules();
    void sentCopyBccLinksToo();
    void blocklistEditAppliesToTheNextBatch();
    void detachedDealStaysDetachedWhenAReplyArrives();
    void detachedContactStaysDetachedWhenAReplyArrives();
    void detachedMessageStaysHidden();
    void reattachIsOneCall();
    void dealFollowsItsThread();
    void dealWithOneMessageGetsReplies();
    void mergedThreadsKeepTheDetachedDecision();
    void addingACardLinksStoredMail();
    void addingAndRemovingAnAddress();
    void leadConversionMovesLinksAndDecisions();
    void expungedThreadComesBackWithItsDecision();
    void untrackedListsUnlinkedCorrespondents();
    void cardThreadsPageNewestFirst();

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(u"m%1.sqlite"_s.arg(++m_counter)); }
};

void TestLinkMatching::rules_data()
{
    QTest::addColumn<Mail>("mail");
    QTest::addColumn<bool>("publicDomainAccount");
    QTest::addColumn<QString>("cards");
    QTest::addColumn<QString>("origin");

    const QString bob = u"bob@client.test"_s;
    const QString stranger = u"sam@elsewhere.test"_s;
    const QString dropbox = u"me+crm@acme.test"_s;
    const QString personal = u"me.personal@gmail.test"_s;

    QTest::newRow("from a contact")
        << Mail(u"m"_s).from(bob).to({userAddress}) << false << u"Bob, Bob again"_s << u"address"_s;
    QTest::newRow("to, case differs") << Mail(u"m"_s).from(userAddress).to({u"BOB@Client.TEST"_s})
                                      << false << u"Bob, Bob again"_s << u"address"_s;
    QTest::newRow("cc") << Mail(u"m"_s).from(stranger).to({userAddress}).cc({bob}) << false
                        << u"Bob, Bob again"_s << u"address"_s;
    QTest::newRow("bcc") << Mail(u"m"_s).from(userAddress).to({stranger}).bcc({bob}) << false
                         << u"Bob, Bob again"_s << u"address"_s;
    QTest::newRow("plus tag as written")
        << Mail(u"m"_s).from(userAddress).to({u"carol+sales@prospect.test"_s}) << false
        << u"Carol"_s << u"address"_s;
    QTest::newRow("plus tag not stripped")
        << Mail(u"m"_s).from(userAddress).to({u"carol@prospect.test"_s}) << false << QString()
        << QString();
    QTest::newRow("dots kept") << Mail(u"m"_s).from(u"bo.b@client.test"_s).to({userAddress})
                               << false << QString() << QString();
    QTest::newRow("reply-to does not link")
        << Mail(u"m"_s).from(stranger).replyTo(bob).to({userAddress}) << false << QString()
        << QString();
    QTest::newRow("own address on a card")
        << Mail(u"m"_s).from(userAddress).to({stranger}) << false << QString() << QString();
    QTest::newRow("coworkers only") << Mail(u"m"_s).from(userAddress).to({u"dave@acme.test"_s})
                                    << false << QString() << QString();
    QTest::newRow("coworker from a subdomain")
        << Mail(u"m"_s).from(u"dave@acme.test"_s).to({u"zed@paris.acme.test"_s, userAddress})
        << false << QString() << QString();
    QTest::newRow("coworker with a customer")
        << Mail(u"m"_s).from(userAddress).to({u"dave@acme.test"_s}).cc({bob}) << false
        << u"Bob, Dave, Bob again"_s << u"address"_s;
    QTest::newRow("coworker rule off for a public-domain account")
        << Mail(u"m"_s).from(u"me@gmail.com"_s).to({u"dave@acme.test"_s}) << true << u"Dave"_s
        << u"address"_s;
    QTest::newRow("blocklisted address keeps the whole message off")
        << Mail(u"m"_s).from(userAddress).to({bob}).cc({u"Mallory@client.test"_s}) << false
        << QString() << QString();
    QTest::newRow("blocklisted domain (stored blocklist)")
        << Mail(u"m"_s).from(u"erin@blocked.test"_s).to({userAddress}) << false << QString()
        << QString();
    QTest::newRow("blocklisted subdomain")
        << Mail(u"m"_s).from(u"gina@eu.blocked.test"_s).to({userAddress}) << false << QString()
        << QString();
    QTest::newRow("dropbox by delivery")
        << Mail(u"m"_s).from(personal).to({bob}).deliveredTo(dropbox) << false
        << u"Bob, Bob again"_s << u"dropbox"_s;
    QTest::newRow("dropbox in bcc") << Mail(u"m"_s).from(userAddress).to({bob}).bcc({dropbox})
                                    << false << u"Bob, Bob again"_s << u"dropbox"_s;
    QTest::newRow("dropbox links recipients only")
        << Mail(u"m"_s).from(bob).to({u"carol+sales@prospect.test"_s}).deliveredTo(dropbox) << false
        << u"Carol"_s << u"dropbox"_s;
    QTest::newRow("dropbox to coworkers only")
        << Mail(u"m"_s).from(personal).to({u"dave@acme.test"_s}).deliveredTo(dropbox) << false
        << QString() << QString();
}

void TestLinkMatching::rules()
{
    QFETCH(Mail, mail);
    QFETCH(bool, publicDomainAccount);
    QFETCH(QString, cards);
    QFETCH(QString, origin);

    World world(freshPath());
    if (publicDomainAccount) {
        world.policy = sync::MatchPolicy::forAccount(u"me@gmail.com"_s);
        QVERIFY(world.policy.ownDomain().isEmpty());
    }
    world.policy.blockAddress(u"mallory@client.test"_s);
    QSqlQuery block(world.db());
    QVERIFY(block.exec(u"INSERT INTO blocklist VALUES ('blocked.test', 'domain')"_s));
    const Cards people(world);

    const auto result = world.ingest(mail);
    const qint64 thread = result.messages.first().threadId;
    QString origins;
    const QList<qint64> linked = linkedCards(world, thread, &origins);
    QCOMPARE(people.namesOf(linked), cards);
    QCOMPARE(origins, origin);
    // The change set names exactly the cards that got the thread.
    QCOMPARE(
        people.namesOf(QList<qint64>(result.changes.cards.cbegin(), result.changes.cards.cend())),
        cards);
    if (origin == u"dropbox") {
        QCOMPARE(world.count(u"SELECT is_dropbox + is_outgoing FROM messages"_s), 2);
    }
}

void TestLinkMatching::sentCopyBccLinksToo()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    const Mail mail =
        Mail(u"s1"_s).from(userAddress).to({u"sam@elsewhere.test"_s}).cc({userAddress});
    world.ingest(Mail(mail).in(u"INBOX"_s));
    QVERIFY(world.cardThreads(bob).isEmpty());
    // The Sent copy carries the Bcc the INBOX copy could not show.
    const auto sent = world.ingest(Mail(mail).bcc({u"bob@client.test"_s}).in(u"Sent"_s).outgoing());
    QVERIFY(sent.messages.first().addressesAdded);
    QCOMPARE(world.cardThreads(bob), QList<qint64>{world.threadOf(u"s1"_s)});
    QVERIFY(sent.changes.cards.contains(bob));
}

// The matcher remembers what the policy says of each address for one batch only: the user's
// blocklist edits between batches apply to the next one, both ways.
void TestLinkMatching::blocklistEditAppliesToTheNextBatch()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    const auto mail = [](const QString& id) {
        return Mail(id).from(u"bob@client.test"_s).to({userAddress}).subject(id);
    };
    world.ingest(mail(u"first"_s));
    QVERIFY(world.cardShows(bob, u"first"_s));

    QSqlQuery edit(world.db());
    QVERIFY(edit.exec(u"INSERT INTO blocklist VALUES ('bob@client.test', 'address')"_s));
    world.ingest(mail(u"second"_s));
    QVERIFY(!world.cardShows(bob, u"second"_s));

    QVERIFY(edit.exec(u"DELETE FROM blocklist"_s));
    world.ingest(mail(u"third"_s));
    QVERIFY(world.cardShows(bob, u"third"_s));
}

// The failure hosted CRMs document: a detached thread comes back to the deal with the next
// reply. Here the deal keeps the decision while the contact, linked by address, shows it.
void TestLinkMatching::detachedDealStaysDetachedWhenAReplyArrives()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    const qint64 deal = world.deal(u"Bob's renewal"_s);
    world.ingest(Mail(u"q1"_s).from(u"bob@client.test"_s).to({userAddress}).subject(u"Renewal"_s));
    const qint64 thread = world.threadOf(u"q1"_s);
    sync::Matcher matcher = world.matcher();
    QVERIFY(matcher.attachThread(deal, thread).value().cards.contains(deal));
    QCOMPARE(world.cardThreads(deal), QList<qint64>{thread});
    QVERIFY(matcher.detachThread(deal, thread).value().cards.contains(deal));
    QVERIFY(world.cardThreads(deal).isEmpty());

    const auto reply = world.ingest(Mail(u"q2"_s)
                                        .from(u"bob@client.test"_s)
                                        .to({userAddress})
                                        .subject(u"Re: Renewal"_s)
                                        .on(1)
                                        .inReplyTo(u"q1"_s));
    QCOMPARE(reply.messages.first().threadId, thread);
    // Run the matcher again as a later sync would: still nothing for the deal.
    QVERIFY(world.matcher().linkMessages({world.message(u"q2"_s)}));
    QVERIFY(world.cardThreads(deal).isEmpty());
    QVERIFY(!world.cardShows(deal, u"q2"_s));
    QCOMPARE(world.cardThreads(deal, store::LinkRepository::Filter::Detached),
             QList<qint64>{thread});
    QVERIFY(world.cardShows(bob, u"q2"_s));
    QVERIFY(world.cardShows(bob, u"q1"_s));
}

void TestLinkMatching::detachedContactStaysDetachedWhenAReplyArrives()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    world.ingest(Mail(u"p1"_s).from(u"bob@client.test"_s).to({userAddress}));
    const qint64 thread = world.threadOf(u"p1"_s);
    QCOMPARE(world.cardThreads(bob), QList<qint64>{thread});
    QVERIFY(world.matcher().detachThread(bob, thread));
    world.ingest(
        Mail(u"p2"_s).from(u"bob@client.test"_s).to({userAddress}).on(1).inReplyTo(u"p1"_s));
    world.ingest(Mail(u"p3"_s)
                     .from(userAddress)
                     .to({u"bob@client.test"_s})
                     .on(2)
                     .references({u"p1"_s, u"p2"_s}));
    QVERIFY(world.matcher().linkCard(bob));
    QVERIFY(world.cardThreads(bob).isEmpty());
    const auto detached = store::LinkRepository(world.db())
                              .cardThreads(bob, 10, {}, store::LinkRepository::Filter::Detached);
    QCOMPARE(detached.value().size(), 1);
    QCOMPARE(detached.value().first().origin, store::LinkOrigin::Address);
    QCOMPARE(detached.value().first().thread.messageCount, 3);
}

void TestLinkMatching::detachedMessageStaysHidden()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    world.ingest(Mail(u"h1"_s).from(u"bob@client.test"_s).to({userAddress}));
    world.ingest(
        Mail(u"h2"_s).from(userAddress).to({u"bob@client.test"_s}).on(1).inReplyTo(u"h1"_s));
    const auto changes = world.matcher().detachMessage(bob, world.message(u"h2"_s));
    QVERIFY(changes && changes.value().cards.contains(bob));
    world.ingest(
        Mail(u"h3"_s).from(u"bob@client.test"_s).to({userAddress}).on(2).inReplyTo(u"h2"_s));
    QVERIFY(world.cardShows(bob, u"h1"_s));
    QVERIFY(!world.cardShows(bob, u"h2"_s));
    QVERIFY(world.cardShows(bob, u"h3"_s));
    // One click back.
    QVERIFY(world.matcher().attachMessage(bob, world.message(u"h2"_s)));
    QVERIFY(world.cardShows(bob, u"h2"_s));
}

void TestLinkMatching::reattachIsOneCall()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    world.ingest(Mail(u"r1"_s).from(u"bob@client.test"_s).to({userAddress}));
    const qint64 thread = world.threadOf(u"r1"_s);
    sync::Matcher matcher = world.matcher();
    QVERIFY(!matcher.detachThread(bob, thread).value().isEmpty());
    QVERIFY(matcher.detachThread(bob, thread).value().isEmpty()); // already so
    QVERIFY(!matcher.attachThread(bob, thread).value().isEmpty());
    const auto rows = store::LinkRepository(world.db()).cardThreads(bob, 10);
    QCOMPARE(rows.value().size(), 1);
    QCOMPARE(rows.value().first().state, store::LinkState::Attached);
    QCOMPARE(rows.value().first().origin, store::LinkOrigin::Manual);
    QVERIFY(matcher.attachThread(bob, thread).value().isEmpty()); // already so
}

void TestLinkMatching::dealFollowsItsThread()
{
    World world(freshPath());
    const qint64 deal = world.deal(u"Deal"_s);
    world.ingest(Mail(u"d1"_s).from(u"sam@elsewhere.test"_s).to({userAddress}).subject(u"Offer"_s));
    const qint64 thread = world.threadOf(u"d1"_s);
    QVERIFY(world.matcher().attachThread(deal, thread));
    // A reply by References, and one with no header at all found by subject.
    world.ingest(Mail(u"d2"_s)
                     .from(userAddress)
                     .to({u"sam@elsewhere.test"_s})
                     .subject(u"Re: Offer"_s)
                     .on(1)
                     .references({u"d1"_s}));
    world.ingest(Mail(u"d3"_s)
                     .from(u"sam@elsewhere.test"_s)
                     .to({userAddress})
                     .subject(u"RE: Offer"_s)
                     .on(2));
    QVERIFY(world.cardShows(deal, u"d2"_s));
    QVERIFY(world.cardShows(deal, u"d3"_s));
    const auto messages = store::LinkRepository(world.db()).threadMessages(thread, deal);
    QCOMPARE(messages.value().size(), 3);
    QCOMPARE(messages.value().at(1).threadReason, store::ThreadReason::ReplyChain);
    QCOMPARE(messages.value().at(2).threadReason, store::ThreadReason::Subject);
    // Deals never link by address on their own.
    QCOMPARE(world.count(u"SELECT count(*) FROM links WHERE origin <> 'manual'"_s), 0);
}

void TestLinkMatching::dealWithOneMessageGetsReplies()
{
    World world(freshPath());
    const qint64 deal = world.deal(u"Deal"_s);
    world.ingest(Mail(u"o1"_s).from(u"sam@elsewhere.test"_s).to({userAddress}));
    world.ingest(
        Mail(u"o2"_s).from(userAddress).to({u"sam@elsewhere.test"_s}).on(1).inReplyTo(u"o1"_s));
    QVERIFY(world.matcher().attachMessage(deal, world.message(u"o2"_s)));
    QVERIFY(world.cardShows(deal, u"o2"_s));
    QVERIFY(!world.cardShows(deal, u"o1"_s));
    const auto reply = world.ingest(
        Mail(u"o3"_s).from(u"sam@elsewhere.test"_s).to({userAddress}).on(2).inReplyTo(u"o2"_s));
    QVERIFY(reply.changes.cards.contains(deal));
    QVERIFY(world.cardShows(deal, u"o3"_s));
    QCOMPARE(world.count(u"SELECT count(*) FROM links WHERE origin = 'reply' AND detail = 'o2'"_s),
             1);
    const auto row = store::LinkRepository(world.db()).cardThreads(deal, 10);
    QCOMPARE(row.value().size(), 1);
    QVERIFY(!row.value().first().wholeThread);
    // Detaching that reply sticks too: the matcher running again does not bring it back.
    QVERIFY(world.matcher().detachMessage(deal, world.message(u"o3"_s)));
    QVERIFY(world.matcher().linkMessages({world.message(u"o3"_s)}));
    QVERIFY(!world.cardShows(deal, u"o3"_s));
}

void TestLinkMatching::mergedThreadsKeepTheDetachedDecision()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    world.ingest(Mail(u"x"_s).from(u"bob@client.test"_s).to({userAddress}));
    world.ingest(Mail(u"y"_s)
                     .from(u"bob@client.test"_s)
                     .to({userAddress})
                     .subject(u"Re: Quote"_s)
                     .on(2)
                     .inReplyTo(u"p"_s));
    const qint64 kept = world.threadOf(u"x"_s);
    const qint64 detached = world.threadOf(u"y"_s);
    QVERIFY(kept != detached);
    QVERIFY(world.matcher().detachThread(bob, detached));
    // p answers x and is answered by y: the two threads are one conversation.
    const auto result = world.ingest(
        Mail(u"p"_s).from(userAddress).to({u"bob@client.test"_s}).on(1).references({u"x"_s}));
    QCOMPARE(world.threadOf(u"x"_s), world.threadOf(u"y"_s));
    QVERIFY(result.changes.removedThreads.contains(detached));
    QVERIFY(result.changes.cards.contains(bob));
    QVERIFY(world.cardThreads(bob).isEmpty());
    QCOMPARE(world.cardThreads(bob, store::LinkRepository::Filter::Detached), QList<qint64>{kept});
    QCOMPARE(world.count(u"SELECT count(*) FROM links"_s), 1);
}

void TestLinkMatching::addingACardLinksStoredMail()
{
    World world(freshPath());
    world.ingest(Mail(u"a1"_s).from(u"new@prospect.test"_s).to({userAddress}));
    world.ingest(
        Mail(u"a2"_s).from(userAddress).to({u"New@Prospect.test"_s}).subject(u"Other"_s).on(3));
    world.ingest(Mail(u"a3"_s)
                     .from(u"new@prospect.test"_s)
                     .to({u"dave@acme.test"_s})
                     .cc({u"mallory@blocked.test"_s})
                     .subject(u"Blocked"_s));
    QSqlQuery block(world.db());
    QVERIFY(block.exec(u"INSERT INTO blocklist VALUES ('blocked.test', 'domain')"_s));
    const qint64 lead = world.lead(u"New"_s, {u"new@prospect.test"_s});
    QVERIFY(world.cardThreads(lead).isEmpty());
    const auto changes = world.matcher().linkCard(lead);
    QVERIFY(changes);
    QCOMPARE(changes.value().cards, QSet<qint64>{lead});
    QCOMPARE(changes.value().threads.size(), 2);
    const auto rows = store::LinkRepository(world.db()).cardThreads(lead, 10);
    QCOMPARE(rows.value().size(), 2);
    QCOMPARE(rows.value().first().thread.subject, u"Other"_s); // newest first
    QCOMPARE(rows.value().first().origin, store::LinkOrigin::Address);
    QCOMPARE(rows.value().first().detail, u"new@prospect.test"_s);
}

void TestLinkMatching::addingAndRemovingAnAddress()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    world.ingest(Mail(u"b1"_s).from(u"bob@home.test"_s).to({userAddress}));
    world.ingest(Mail(u"b2"_s).from(u"bob@home.test"_s).to({userAddress}).subject(u"Second"_s));
    QVERIFY(world.cardThreads(bob).isEmpty());
    store::CardRepository cards(world.db());
    QVERIFY(!cards.addEmail(bob, crm::EmailAddress(u"Bob@Home.test"_s)));
    QCOMPARE(world.matcher().linkCard(bob).value().threads.size(), 2);
    QCOMPARE(world.cardThreads(bob).size(), 2);
    QVERIFY(world.matcher().detachThread(bob, world.threadOf(u"b2"_s)));
    QVERIFY(!cards.removeEmail(bob, crm::EmailAddress(u"bob@home.test"_s)));
    const auto changes = world.matcher().linkCard(bob);
    QCOMPARE(changes.value().threads, QSet<qint64>{world.threadOf(u"b1"_s)});
    QVERIFY(world.cardThreads(bob).isEmpty());
    // The decision outlives the address.
    QCOMPARE(world.cardThreads(bob, store::LinkRepository::Filter::Detached),
             QList<qint64>{world.threadOf(u"b2"_s)});
}

void TestLinkMatching::leadConversionMovesLinksAndDecisions()
{
    World world(freshPath());
    const qint64 lead = world.lead(u"Lia"_s, {u"lia@prospect.test"_s});
    world.ingest(Mail(u"l1"_s).from(u"lia@prospect.test"_s).to({userAddress}));
    world.ingest(
        Mail(u"l2"_s).from(u"lia@prospect.test"_s).to({userAddress}).subject(u"Private"_s));
    QVERIFY(world.matcher().detachThread(lead, world.threadOf(u"l2"_s)));
    // Conversion: the contact gets the lead's addresses, then its links.
    const qint64 contact = world.contact(u"Lia"_s, {u"lia@prospect.test"_s});
    QVERIFY(!store::CardRepository(world.db()).markConverted(lead, contact));
    const auto moved = world.matcher().moveLinks(lead, contact);
    QVERIFY(moved);
    QCOMPARE(moved.value().cards, (QSet<qint64>{lead, contact}));
    QVERIFY(world.matcher().linkCard(contact));
    QCOMPARE(world.cardThreads(contact), QList<qint64>{world.threadOf(u"l1"_s)});
    QCOMPARE(world.cardThreads(contact, store::LinkRepository::Filter::Detached),
             QList<qint64>{world.threadOf(u"l2"_s)});
    QCOMPARE(world.count(u"SELECT count(*) FROM links WHERE card_id = %1"_s.arg(lead)), 0);
    // New mail goes to the contact only.
    world.ingest(Mail(u"l3"_s).from(u"lia@prospect.test"_s).to({userAddress}).subject(u"New"_s));
    QVERIFY(world.cardThreads(contact).contains(world.threadOf(u"l3"_s)));
    QCOMPARE(world.count(u"SELECT count(*) FROM links WHERE card_id = %1"_s.arg(lead)), 0);
}

void TestLinkMatching::expungedThreadComesBackWithItsDecision()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    world.ingest(Mail(u"e1"_s).from(u"bob@client.test"_s).to({userAddress}).uid(10));
    const qint64 thread = world.threadOf(u"e1"_s);
    QVERIFY(world.matcher().detachThread(bob, thread));
    // Deleted on the server (moved to a folder that does not sync)...
    const auto removed = store::MessageRepository(world.db()).removeLocations(u"INBOX"_s, {10});
    QVERIFY(removed);
    QCOMPARE(world.count(u"SELECT count(*) FROM messages"_s), 0);
    QVERIFY(removed.value().cards.contains(bob));
    QCOMPARE(world.count(u"SELECT count(*) FROM threads"_s), 1); // held by the decision
    QVERIFY(world.cardThreads(bob, store::LinkRepository::Filter::All).isEmpty());
    // ...then moved back, and answered: same thread, still detached.
    world.ingest(Mail(u"e1"_s).from(u"bob@client.test"_s).to({userAddress}).uid(11));
    world.ingest(
        Mail(u"e2"_s).from(u"bob@client.test"_s).to({userAddress}).on(1).inReplyTo(u"e1"_s));
    QCOMPARE(world.threadOf(u"e1"_s), thread);
    QCOMPARE(world.threadOf(u"e2"_s), thread);
    QVERIFY(world.cardThreads(bob).isEmpty());

    // A thread without decisions goes with its last message, links and all.
    world.ingest(
        Mail(u"f1"_s).from(u"bob@client.test"_s).to({userAddress}).subject(u"Gone"_s).uid(20));
    const qint64 gone = world.threadOf(u"f1"_s);
    QCOMPARE(world.cardThreads(bob), QList<qint64>{gone});
    const auto purged = store::MessageRepository(world.db()).removeLocations(u"INBOX"_s, {20});
    QVERIFY(purged.value().removedThreads.contains(gone));
    QVERIFY(world.cardThreads(bob).isEmpty());
}

void TestLinkMatching::untrackedListsUnlinkedCorrespondents()
{
    World world(freshPath());
    world.contact(u"Bob"_s, {u"bob@client.test"_s});
    world.ingest(Mail(u"u1"_s).from(u"bob@client.test"_s).to({userAddress}).on(1));
    world.ingest(Mail(u"u2"_s)
                     .from(u"sam@elsewhere.test"_s, u"Sam"_s)
                     .to({userAddress})
                     .subject(u"Hello"_s)
                     .on(2));
    world.ingest(Mail(u"u3"_s)
                     .from(userAddress)
                     .to({u"tom@elsewhere.test"_s})
                     .cc({userAddress})
                     .subject(u"Offer"_s)
                     .on(3)
                     .outgoing());
    world.ingest(Mail(u"u4"_s)
                     .from(u"sam@elsewhere.test"_s, u"Sam S."_s)
                     .to({userAddress})
                     .subject(u"Again"_s)
                     .on(4));
    store::LinkRepository links(world.db());
    auto senders = links.untrackedSenders(10, 0, world.policy.ownAddresses());
    QVERIFY(senders);
    QCOMPARE(senders.value().size(), 2);
    QCOMPARE(senders.value().at(0).email, u"sam@elsewhere.test"_s);
    QCOMPARE(senders.value().at(0).name, u"Sam S."_s);
    QCOMPARE(senders.value().at(0).threadCount, 2);
    QCOMPARE(senders.value().at(1).email, u"tom@elsewhere.test"_s);
    QCOMPARE(links.untrackedThreads(u"Sam@Elsewhere.test"_s, 10).value().size(), 2);
    QCOMPARE(links.untrackedThreads(QString(), 10).value().size(), 3);

    // "Add as lead": the sender's mail leaves the Untracked list at once.
    const qint64 sam = world.lead(u"Sam"_s, {u"sam@elsewhere.test"_s});
    QVERIFY(world.matcher().linkCard(sam));
    senders = links.untrackedSenders(10, 0, world.policy.ownAddresses());
    QCOMPARE(senders.value().size(), 1);
    QCOMPARE(senders.value().first().email, u"tom@elsewhere.test"_s);
    // "Attach to card…" from the Untracked view.
    QVERIFY(world.matcher().attachThread(sam, world.threadOf(u"u3"_s)));
    QVERIFY(links.untrackedSenders(10).value().isEmpty());
    QVERIFY(links.untrackedThreads(QString(), 10).value().isEmpty());
}

void TestLinkMatching::cardThreadsPageNewestFirst()
{
    World world(freshPath());
    const qint64 bob = world.contact(u"Bob"_s, {u"bob@client.test"_s});
    QList<Mail> mails;
    for (int i = 0; i < 250; ++i) {
        // Pairs of threads share a date: the id breaks the tie, the cursor must too.
        mails << Mail(u"c%1"_s.arg(i))
                     .from(u"bob@client.test"_s)
                     .to({userAddress})
                     .subject(u"Thread %1"_s.arg(i))
                     .on(i / 2);
    }
    world.ingest(mails);
    store::LinkRepository links(world.db());
    QCOMPARE(links.cardThreadCount(bob).value(), 250);
    QList<qint64> seen;
    std::optional<store::ThreadCursor> cursor;
    QDateTime previous;
    for (int page = 0; page < 4; ++page) {
        const auto rows = links.cardThreads(bob, 100, cursor);
        QVERIFY(rows);
        QCOMPARE(rows.value().size(), page < 2 ? 100 : page == 2 ? 50 : 0);
        for (const store::CardThread& row : rows.value()) {
            QVERIFY(!seen.contains(row.thread.id));
            QVERIFY(!previous.isValid() || row.thread.lastDate <= previous);
            previous = row.thread.lastDate;
            seen << row.thread.id;
            cursor = store::ThreadCursor::after(row.thread);
        }
    }
    QCOMPARE(seen.size(), 250);
}

QTEST_GUILESS_MAIN(TestLinkMatching)
#include "tst_link_matching.moc"
