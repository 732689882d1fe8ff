// The sync engine's decisions without a server (data-driven): the resync decision tree
// (Trojitá's cases: UIDVALIDITY change, HIGHESTMODSEQ or UIDNEXT going down, missing UIDNEXT,
// QRESYNC or CONDSTORE or neither), the folder policy (SPECIAL-USE, names in several
// languages, subfolders never), the recipient limit, fetch chunking and grouping, which body
// parts are text, and the backoff delays.

#include "imap/BodyPart.h"
#include "imap/FetchResponse.h"
#include "sync/Backoff.h"
#include "sync/FetchPlanner.h"
#include "sync/FolderPolicy.h"
#include "sync/MessageAssembler.h"
#include "sync/RecipientLimit.h"
#include "sync/ResyncPlan.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline;
using Plan = sync::ResyncPlan;

Q_DECLARE_METATYPE(sync::ResyncPlan::Reason)
Q_DECLARE_METATYPE(sync::ResyncPlan::Flags)
Q_DECLARE_METATYPE(sync::ResyncPlan::Expunges)

namespace {

imap::BodyPart leaf(QByteArray type, QByteArray subtype, QByteArray disposition = {},
                    QByteArray fileName = {})
{
    imap::BodyPart part;
    part.type = std::move(type);
    part.subtype = std::move(subtype);
    part.encoding = "quoted-printable";
    part.parameters = {{"charset", "utf-8"}};
    part.disposition = std::move(disposition);
    if (!fileName.isEmpty())
        part.dispositionParameters = {{"filename", fileName}};
    part.size = 780;
    return part;
}

imap::BodyPart multipart(QByteArray subtype, std::vector<imap::BodyPart> children)
{
    imap::BodyPart part;
    part.type = "multipart";
    part.subtype = std::move(subtype);
    part.children = std::move(children);
    return part;
}

imap::ListResponse mailbox(const QString& name, QList<QByteArray> attributes = {},
                           QChar delimiter = u'/')
{
    imap::ListResponse list;
    list.name = name;
    list.encodedName = name.toUtf8();
    list.attributes = std::move(attributes);
    list.delimiter = delimiter;
    return list;
}

} // namespace

class TestSyncLogic final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resyncPlan_data();
    void resyncPlan();
    void folderPolicy_data();
    void folderPolicy();
    void recipientLimit();
    void chunks_data();
    void chunks();
    void partFetches();
    void splitBySize();
    void chunksToStart();
    void textParts_data();
    void textParts();
    void bodyCombination();
    void backoff();
};

void TestSyncLogic::resyncPlan_data()
{
    QTest::addColumn<bool>("stored");
    QTest::addColumn<quint32>("storedValidity");
    QTest::addColumn<quint32>("storedUidNext");
    QTest::addColumn<quint64>("storedModSeq");
    QTest::addColumn<bool>("initialDone");
    QTest::addColumn<quint32>("validity");
    QTest::addColumn<quint32>("uidNext"); // 0: the server sent none
    QTest::addColumn<quint64>("modSeq");  // 0: none (no CONDSTORE, or NOMODSEQ)
    QTest::addColumn<bool>("qresync");
    QTest::addColumn<Plan::Reason>("reason");
    QTest::addColumn<bool>("forget");
    QTest::addColumn<Plan::Flags>("flags");
    QTest::addColumn<Plan::Expunges>("expunges");
    QTest::addColumn<bool>("searchNew");
    QTest::addColumn<quint32>("newFrom");

    using R = Plan::Reason;
    using F = Plan::Flags;
    using E = Plan::Expunges;
    QTest::newRow("first sync") << false << 0u << 0u << quint64(0) << false << 7u << 100u
                                << quint64(50) << true << R::FirstSync << false << F::None
                                << E::None << true << 1u;
    QTest::newRow("UIDVALIDITY changed")
        << true << 7u << 100u << quint64(50) << true << 8u << 100u << quint64(50) << true
        << R::UidValidityChanged << true << F::None << E::None << true << 1u;
    QTest::newRow("UIDVALIDITY missing")
        << true << 7u << 100u << quint64(50) << true << 0u << 100u << quint64(50) << false
        << R::UidValidityChanged << true << F::None << E::None << true << 1u;
    QTest::newRow("UIDNEXT went down")
        << true << 7u << 100u << quint64(50) << true << 7u << 90u << quint64(60) << true
        << R::UidNextWentDown << true << F::None << E::None << true << 1u;
    QTest::newRow("nothing changed")
        << true << 7u << 100u << quint64(50) << true << 7u << 100u << quint64(50) << true
        << R::Unchanged << false << F::None << E::None << false << 100u;
    QTest::newRow("changed, QRESYNC")
        << true << 7u << 100u << quint64(50) << true << 7u << 104u << quint64(58) << true
        << R::Changed << false << F::FromSelect << E::FromSelect << true << 100u;
    QTest::newRow("changed, CONDSTORE only")
        << true << 7u << 100u << quint64(50) << true << 7u << 100u << quint64(58) << false
        << R::Changed << false << F::ChangedSince << E::UidSearch << false << 100u;
    QTest::newRow("no CONDSTORE: full flag scan")
        << true << 7u << 100u << quint64(0) << true << 7u << 100u << quint64(0) << false
        << R::NoModSeq << false << F::FullScan << E::FromScan << false << 100u;
    QTest::newRow("NOMODSEQ now") << true << 7u << 100u << quint64(50) << true << 7u << 101u
                                  << quint64(0) << false << R::NoModSeq << false << F::FullScan
                                  << E::FromScan << true << 100u;
    QTest::newRow("HIGHESTMODSEQ went down")
        << true << 7u << 100u << quint64(50) << true << 7u << 100u << quint64(40) << true
        << R::ModSeqWentDown << false << F::FullScan << E::FromScan << false << 100u;
    QTest::newRow("HIGHESTMODSEQ same, UIDNEXT moved")
        << true << 7u << 100u << quint64(50) << true << 7u << 103u << quint64(50) << true
        << R::ModSeqInconsistent << false << F::FullScan << E::FromScan << true << 100u;
    QTest::newRow("UIDNEXT missing")
        << true << 7u << 100u << quint64(50) << true << 7u << 0u << quint64(55) << true
        << R::Changed << false << F::FromSelect << E::FromSelect << true << 100u;
    QTest::newRow("UIDNEXT and HIGHESTMODSEQ missing")
        << true << 7u << 100u << quint64(50) << true << 7u << 0u << quint64(0) << false
        << R::NoModSeq << false << F::FullScan << E::FromScan << true << 100u;
    QTest::newRow("interrupted initial listing")
        << true << 7u << 40u << quint64(50) << false << 7u << 100u << quint64(50) << true
        << R::ResumeInitial << false << F::None << E::None << true << 40u;
    QTest::newRow("interrupted, changes since")
        << true << 7u << 40u << quint64(50) << false << 7u << 100u << quint64(52) << true
        << R::ResumeInitial << false << F::FromSelect << E::FromSelect << true << 40u;
    QTest::newRow("interrupted before the first batch")
        << true << 7u << 1u << quint64(50) << false << 7u << 100u << quint64(52) << true
        << R::ResumeInitial << false << F::None << E::None << true << 1u;
}

void TestSyncLogic::resyncPlan()
{
    QFETCH(bool, stored);
    QFETCH(quint32, storedValidity);
    QFETCH(quint32, storedUidNext);
    QFETCH(quint64, storedModSeq);
    QFETCH(bool, initialDone);
    QFETCH(quint32, validity);
    QFETCH(quint32, uidNext);
    QFETCH(quint64, modSeq);
    QFETCH(bool, qresync);

    std::optional<store::FolderState> state;
    if (stored) {
        state = store::FolderState{
            u"INBOX"_s,     store::FolderState::Role::Inbox,
            storedValidity, storedUidNext,
            storedModSeq,   initialDone ? QDateTime::currentDateTimeUtc() : QDateTime()};
    }
    imap::SelectedMailbox selected;
    selected.uidValidity = validity;
    if (uidNext)
        selected.uidNext = uidNext;
    if (modSeq)
        selected.highestModSeq = modSeq;
    else
        selected.noModSeq = true;
    const Plan plan = Plan::decide(state, selected, qresync, true);

    QTEST(plan.reason, "reason");
    QTEST(plan.forgetUids, "forget");
    QTEST(plan.flags, "flags");
    QTEST(plan.expunges, "expunges");
    QTEST(plan.searchNew, "searchNew");
    QTEST(plan.newFrom, "newFrom");
    if (plan.flags == Plan::Flags::ChangedSince)
        QCOMPARE(plan.changedSince, storedModSeq);
    QCOMPARE(plan.initial, !stored || !initialDone || plan.forgetUids);
}

void TestSyncLogic::folderPolicy_data()
{
    QTest::addColumn<QList<imap::ListResponse>>("mailboxes");
    QTest::addColumn<QString>("sent");
    QTest::addColumn<QString>("foundBy");

    QTest::newRow("special-use wins over a name")
        << QList<imap::ListResponse>{mailbox(u"INBOX"_s), mailbox(u"Sent"_s),
                                     mailbox(u"Gesendete Objekte"_s, {"\\Sent"})}
        << u"Gesendete Objekte"_s << u"special-use"_s;
    QTest::newRow("English") << QList<imap::ListResponse>{mailbox(u"INBOX"_s),
                                                          mailbox(u"Sent Items"_s)}
                             << u"Sent Items"_s << u"name"_s;
    QTest::newRow("French") << QList<imap::ListResponse>{mailbox(u"INBOX"_s),
                                                         mailbox(u"Éléments envoyés"_s),
                                                         mailbox(u"Brouillons"_s)}
                            << u"Éléments envoyés"_s << u"name"_s;
    QTest::newRow("German") << QList<imap::ListResponse>{mailbox(u"Gesendet"_s)} << u"Gesendet"_s
                            << u"name"_s;
    QTest::newRow("Spanish, Italian, Dutch")
        << QList<imap::ListResponse>{mailbox(u"Inviati"_s), mailbox(u"Enviados"_s),
                                     mailbox(u"Verzonden"_s)}
        << u"Enviados"_s << u"name"_s;
    QTest::newRow("under INBOX (Courier)")
        << QList<imap::ListResponse>{mailbox(u"INBOX"_s, {}, u'.'),
                                     mailbox(u"INBOX.Sent"_s, {}, u'.')}
        << u"INBOX.Sent"_s << u"name"_s;
    QTest::newRow("a subfolder named Sent is not it")
        << QList<imap::ListResponse>{mailbox(u"Projects/Sent"_s), mailbox(u"Archive/Sent Items"_s)}
        << QString() << QString();
    QTest::newRow("\\Noselect is skipped")
        << QList<imap::ListResponse>{mailbox(u"Sent"_s, {"\\Noselect", "\\Sent"}),
                                     mailbox(u"Sent Messages"_s)}
        << u"Sent Messages"_s << u"name"_s;
    QTest::newRow("none") << QList<imap::ListResponse>{mailbox(u"INBOX"_s), mailbox(u"Drafts"_s)}
                          << QString() << QString();
}

void TestSyncLogic::folderPolicy()
{
    QFETCH(QList<imap::ListResponse>, mailboxes);
    QFETCH(QString, sent);
    QFETCH(QString, foundBy);
    const sync::FolderPolicy::Folders folders = sync::FolderPolicy::choose(mailboxes);
    QCOMPARE(folders.sent.value_or(QString()), sent);
    QCOMPARE(folders.sentFoundBy, foundBy);
    QCOMPARE(folders.inbox, u"INBOX"_s);
    QVERIFY(sync::FolderPolicy::isSynced(folders, u"INBOX"_s));
    QVERIFY(!sync::FolderPolicy::isSynced(folders, u"Projects"_s));
    QVERIFY(!sync::FolderPolicy::isSynced(folders, u"Drafts"_s));
}

void TestSyncLogic::recipientLimit()
{
    imap::Envelope envelope;
    for (int i = 0; i < 60; ++i)
        envelope.to.append({{}, {}, "to" + QByteArray::number(i), "x.test"});
    for (int i = 0; i < 40; ++i)
        envelope.cc.append({{}, {}, "cc" + QByteArray::number(i), "x.test"});
    QCOMPARE(sync::RecipientLimit::count(envelope), 100);
    QVERIFY(!sync::RecipientLimit::exceeds(envelope)); // exactly 100 syncs
    // A group's markers are not recipients (RFC 3501 §7.4.2).
    envelope.bcc.append({{}, {}, "team", {}});
    envelope.bcc.append(imap::Address{});
    QCOMPARE(sync::RecipientLimit::count(envelope), 100);
    envelope.bcc.append({{}, {}, "one-more", "x.test"});
    QVERIFY(sync::RecipientLimit::exceeds(envelope));
    QCOMPARE(sync::RecipientLimit::skippedReason(), u"too-many-recipients"_s);
}

void TestSyncLogic::chunks_data()
{
    QTest::addColumn<imap::SequenceSet>("uids");
    QTest::addColumn<int>("perChunk");
    QTest::addColumn<QList<QByteArray>>("expected");
    QTest::newRow("one range") << imap::SequenceSet::range(1, 10) << 4
                               << QList<QByteArray>{"1:4", "5:8", "9:10"};
    imap::SequenceSet sparse;
    sparse.append(1, 3);
    sparse.append(7, 7);
    sparse.append(10, 12);
    QTest::newRow("sparse") << sparse << 3 << QList<QByteArray>{"1:3", "7,10:11", "12"};
    imap::SequenceSet unordered;
    unordered.append(20, 22);
    unordered.append(1, 2);
    unordered.append(2, 3);
    QTest::newRow("unordered, overlapping") << unordered << 10 << QList<QByteArray>{"1:3,20:22"};
    QTest::newRow("empty") << imap::SequenceSet() << 250 << QList<QByteArray>{};
}

void TestSyncLogic::chunks()
{
    QFETCH(imap::SequenceSet, uids);
    QFETCH(int, perChunk);
    QFETCH(QList<QByteArray>, expected);
    QList<QByteArray> wire;
    for (const imap::SequenceSet& chunk : sync::FetchPlanner::chunks(uids, perChunk))
        wire.append(chunk.toByteArray());
    QCOMPARE(wire, expected);
}

void TestSyncLogic::partFetches()
{
    const auto fetches = sync::FetchPlanner::partFetches(
        {{3, {"1"}}, {4, {"1.1", "1.2"}}, {5, {"1"}}, {6, {}}, {7, {"1.1", "1.2"}}, {9, {"1"}}});
    QCOMPARE(fetches.size(), 2);
    QCOMPARE(fetches[0].uids.toByteArray(), QByteArray("3,5,9"));
    QCOMPARE(fetches[0].sections, QList<QByteArray>{"1"});
    QCOMPARE(fetches[1].uids.toByteArray(), QByteArray("4,7"));
    QCOMPARE(sync::FetchPlanner::sectionItem("1.2"), QByteArray("BODY.PEEK[1.2]<0.8388608>"));
    QVERIFY(sync::FetchPlanner::metadataItems(true).contains("MODSEQ"));
    QVERIFY(!sync::FetchPlanner::metadataItems(false).contains("MODSEQ"));
}

void TestSyncLogic::splitBySize()
{
    imap::SequenceSet chunk;
    chunk.append(1, 6);
    chunk.append(9, 10);
    imap::SequenceSet large;
    large.append(2, 3);
    large.append(10, 40);
    const auto [whole, twoSteps] = sync::FetchPlanner::splitBySize(chunk, large);
    QCOMPARE(whole.toByteArray(), QByteArray("1,4:6,9"));
    QCOMPARE(twoSteps.toByteArray(), QByteArray("2:3,10"));

    const auto [none, all] = sync::FetchPlanner::splitBySize(
        chunk, imap::SequenceSet::range(1, imap::SequenceSet::Star));
    QVERIFY(none.isEmpty());
    QCOMPARE(all.toByteArray(), QByteArray("1:6,9:10"));
    const auto [everything, nothing] = sync::FetchPlanner::splitBySize(chunk, {});
    QCOMPARE(everything.toByteArray(), QByteArray("1:6,9:10"));
    QVERIFY(nothing.isEmpty());

    QCOMPARE(sync::FetchPlanner::largerKey(131072), QByteArray("LARGER 131072"));
    const QList<QByteArray> items = sync::FetchPlanner::wholeMessageItems(true);
    QVERIFY(items.contains("BODY.PEEK[]") && items.contains("MODSEQ") && items.contains("UID") &&
            items.contains("FLAGS") && items.contains("RFC822.SIZE"));
    QVERIFY(!sync::FetchPlanner::wholeMessageItems(false).contains("MODSEQ"));
}

void TestSyncLogic::chunksToStart()
{
    constexpr qint64 mib = 1024 * 1024;
    using sync::FetchPlanner;
    // Idle: the window opens whole, and one chunk at least.
    QCOMPARE(FetchPlanner::chunksToStart(0, 16, 0, 64 * mib), 16);
    QCOMPARE(FetchPlanner::chunksToStart(0, 0, 0, 64 * mib), 1);
    // Busy: what the chunk count leaves.
    QCOMPARE(FetchPlanner::chunksToStart(3, 16, mib, 64 * mib), 13);
    QCOMPARE(FetchPlanner::chunksToStart(16, 16, mib, 64 * mib), 0);
    QCOMPARE(FetchPlanner::chunksToStart(20, 16, 0, 64 * mib), 0);
    // The text waiting for the store is at its limit: nothing more until a commit.
    QCOMPARE(FetchPlanner::chunksToStart(3, 16, 64 * mib, 64 * mib), 0);
    QCOMPARE(FetchPlanner::chunksToStart(1, 16, 65 * mib, 64 * mib), 0);
}

void TestSyncLogic::textParts_data()
{
    QTest::addColumn<imap::BodyPart>("body");
    QTest::addColumn<QList<QByteArray>>("sections");
    QTest::addColumn<QStringList>("attachments");

    QTest::newRow("single part") << leaf("text", "plain") << QList<QByteArray>{"1"}
                                 << QStringList{};
    QTest::newRow("alternative") << multipart("alternative",
                                              {leaf("text", "plain"), leaf("text", "html")})
                                 << QList<QByteArray>{"1", "2"} << QStringList{};
    QTest::newRow("mixed with a PDF")
        << multipart("mixed",
                     {multipart("alternative", {leaf("text", "plain"), leaf("text", "html")}),
                      leaf("application", "pdf", "attachment", "devis.pdf")})
        << QList<QByteArray>{"1.1", "1.2"} << QStringList{u"2 devis.pdf application/pdf"_s};
    QTest::newRow("a text attachment is listed, not shown")
        << multipart("mixed",
                     {leaf("text", "plain"), leaf("text", "plain", "attachment", "notes.txt")})
        << QList<QByteArray>{"1"} << QStringList{u"2 notes.txt text/plain"_s};
    QTest::newRow("inline text with a file name is shown")
        << multipart("mixed", {leaf("text", "plain"), leaf("text", "plain", "inline", "log.txt")})
        << QList<QByteArray>{"1", "2"} << QStringList{};
    QTest::newRow("related: images listed")
        << multipart("related", {leaf("text", "html"), leaf("image", "png", "inline", "logo.png")})
        << QList<QByteArray>{"1"} << QStringList{u"2 logo.png image/png"_s};
}

void TestSyncLogic::textParts()
{
    QFETCH(imap::BodyPart, body);
    QFETCH(QList<QByteArray>, sections);
    QFETCH(QStringList, attachments);
    QCOMPARE(sync::MessageAssembler::sections(sync::MessageAssembler::textParts(body)), sections);
    QStringList listed;
    for (const auto& a : sync::MessageAssembler::attachments(body))
        listed.append(u"%1 %2 %3"_s.arg(a.partPath, a.fileName, a.mimeType));
    QCOMPARE(listed, attachments);
}

void TestSyncLogic::bodyCombination()
{
    // RFC 2231 continuations and charset in BODYSTRUCTURE parameters are decoded.
    imap::BodyPart pdf = leaf("application", "pdf", "attachment");
    pdf.dispositionParameters = {{"filename*0*", "utf-8''Devis%20"},
                                 {"filename*1*", "%C3%A9t%C3%A9.pdf"}};
    const imap::BodyPart body = multipart(
        "mixed", {multipart("alternative", {leaf("text", "plain"), leaf("text", "html")}), pdf});
    const auto attachments = sync::MessageAssembler::attachments(body);
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments[0].fileName, u"Devis été.pdf"_s);

    QHash<QByteArray, QByteArray> texts{{"1.1", "Bonjour =C3=A9t=C3=A9=\r\n !\r\n"},
                                        {"1.2", "<p>Bonjour <b>=C3=A9t=C3=A9</b></p>"}};
    const auto decoded = sync::MessageAssembler::body(body, texts);
    QCOMPARE(decoded.text, u"Bonjour été !\n"_s);
    QVERIFY(decoded.hasHtml);
    QVERIFY(decoded.html.contains(u"<b>été</b>"_s));
    // HTML only: the text is rendered from it.
    texts.remove("1.1");
    QVERIFY(sync::MessageAssembler::body(body, texts).text.contains(u"Bonjour été"_s));
}

void TestSyncLogic::backoff()
{
    sync::Backoff backoff(std::chrono::milliseconds(1000), std::chrono::milliseconds(8000));
    QList<qint64> delays;
    for (int i = 0; i < 6; ++i)
        delays.append(backoff.next().count());
    // ±20 % around 1, 2, 4, 8, 8, 8 seconds.
    const qint64 bases[] = {1000, 2000, 4000, 8000, 8000, 8000};
    for (int i = 0; i < 6; ++i) {
        QVERIFY2(delays[i] >= bases[i] * 8 / 10 &&
                     delays[i] <= qMin<qint64>(bases[i] * 12 / 10, 8000),
                 qPrintable(QString::number(delays[i])));
    }
    backoff.reset();
    QVERIFY(backoff.next().count() <= 1200);
}

QTEST_GUILESS_MAIN(TestSyncLogic)
#include "tst_sync_logic.moc"
