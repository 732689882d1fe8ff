// Incremental syncs against the stack's Dovecot after an initial one: new mail, flag changes,
// expunges (the self-cc INBOX copy, a skipped message), a UIDVALIDITY change (the Sent folder
// deleted and recreated) that keeps every link and decision, and the resync decision tree
// driven through stored states the server contradicts (UIDNEXT or HIGHESTMODSEQ going down,
// no mod-sequence, an interrupted initial listing). After each pass the export must equal
// the server's message set.

#include "MailStackTestMain.h"
#include "store/MessageRepository.h"
#include "sync/MatchPolicy.h"
#include "sync/Matcher.h"
#include "sync/RecipientLimit.h"
#include "tst_sync_fixture.h"

#include <QSqlQuery>

using namespace synctest;

class TestSyncIncremental final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newMail();
    void flagChanges();
    void expunges();
    void uidValidityChange();
    void decisionTree_data();
    void decisionTree();
    void sentFolderMoved();

private:
    RunResult sync();
    void checkConsistent();
    QJsonObject manifestMessage(const QString& folder, const QString& kind) const;
    QJsonObject exportedLocation(const QJsonObject& exported, const QString& folder, qint64 uid);

    SyncFixture m_fixture;
    Mailbox m_box;
    QString m_profile;
    test::TestImapClient* m_imap = nullptr;
};

void TestSyncIncremental::initTestCase()
{
    QVERIFY2(m_fixture.stack().isValid(), qPrintable(m_fixture.stack().errorString()));
    m_box = m_fixture.makeMailbox(u"sync-incr"_s, 120, u"incr"_s);
    QVERIFY(!m_box.user.isEmpty());
    m_profile = m_fixture.newProfile();
    QVERIFY(m_fixture.importCards(m_profile, m_box));
    const RunResult first = sync();
    QVERIFY(!first.error.isError());
    QVERIFY(first.summary.stored > 50);
    m_imap = m_fixture.imap(m_box);
}

RunResult TestSyncIncremental::sync()
{
    return m_fixture.runOnce(m_fixture.options(m_box, m_profile));
}

void TestSyncIncremental::checkConsistent()
{
    const QString problem = SyncFixture::consistencyProblem(SyncFixture::exportProfile(m_profile),
                                                            m_fixture.serverLocations(m_box));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QJsonObject TestSyncIncremental::manifestMessage(const QString& folder, const QString& kind) const
{
    for (const QJsonValue& value : m_box.messages()) {
        const QJsonObject m = value.toObject();
        if (m[u"folder"_s].toString() == folder &&
            m[u"kinds"_s].toVariant().toStringList().contains(kind))
            return m;
    }
    return {};
}

QJsonObject TestSyncIncremental::exportedLocation(const QJsonObject& exported,
                                                  const QString& folder, qint64 uid)
{
    for (const QJsonValue& value : exported[u"locations"_s].toArray()) {
        const QJsonObject l = value.toObject();
        if (l[u"folder"_s].toString() == folder && l[u"uid"_s].toInteger() == uid)
            return l;
    }
    return {};
}

void TestSyncIncremental::newMail()
{
    // A customer (with a card) replies to a thread of the sample mail.
    QJsonObject parent;
    for (const QJsonValue& value : m_box.messages()) {
        const QJsonObject m = value.toObject();
        if (m[u"folder"_s].toString() == u"INBOX"_s && m[u"sync_expected"_s].toBool() &&
            !m[u"card_emails"_s].toArray().isEmpty() && !m[u"is_bounce"_s].toBool() &&
            !m[u"coworker_only"_s].toBool()) {
            parent = m;
            break;
        }
    }
    QVERIFY(!parent.isEmpty());
    const QString id = u"new-mail-%1@customer.test"_s.arg(QCoreApplication::applicationPid());
    const QByteArray mail = plainMessage(id, parent[u"from"_s].toString(), m_box.user,
                                         u"Re: "_s + parent[u"subject"_s].toString(),
                                         {parent[u"message_id"_s].toString()});
    QVERIFY(
        m_imap->command("APPEND INBOX {" + QByteArray::number(mail.size()) + "+}\r\n" + mail).ok());

    const RunResult run = sync();
    QVERIFY(!run.error.isError());
    QCOMPARE(run.summary.stored, 1);
    QCOMPARE(run.summary.linked, 1);
    checkConsistent();

    const QJsonObject exported = SyncFixture::exportProfile(m_profile);
    qint64 parentThread = 0;
    qint64 newThread = 0;
    for (const QJsonValue& value : exported[u"messages"_s].toArray()) {
        const QJsonObject m = value.toObject();
        if (m[u"message_id"_s].toString() == parent[u"message_id"_s].toString())
            parentThread = m[u"thread_id"_s].toInteger();
        if (m[u"message_id"_s].toString() == id)
            newThread = m[u"thread_id"_s].toInteger();
    }
    QVERIFY(newThread > 0);
    QCOMPARE(newThread, parentThread);
}

void TestSyncIncremental::flagChanges()
{
    const QJsonObject first = manifestMessage(u"INBOX"_s, u"thread_root"_s);
    const QJsonObject second = manifestMessage(u"INBOX"_s, u"reply"_s);
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QVERIFY(m_imap->select(u"INBOX"_s));
    QVERIFY(m_imap
                ->command("UID STORE " + QByteArray::number(first[u"uid"_s].toInteger()) +
                          " +FLAGS.SILENT (\\Flagged $Customer)")
                .ok());
    QVERIFY(m_imap
                ->command("UID STORE " + QByteArray::number(second[u"uid"_s].toInteger()) +
                          " -FLAGS.SILENT (\\Seen)")
                .ok());

    const RunResult run = sync();
    QVERIFY(!run.error.isError());
    QCOMPARE(run.summary.fetched, 0);
    // QRESYNC (RFC 7162 §3.2.5): the SELECT reports exactly the two changed messages.
    QCOMPARE(run.summary.flagChanges, 2);
    const QJsonObject exported = SyncFixture::exportProfile(m_profile);
    const QStringList flagged =
        exportedLocation(exported, u"INBOX"_s, first[u"uid"_s].toInteger())[u"flags"_s]
            .toString()
            .split(u' ');
    QVERIFY(flagged.contains(u"\\Flagged"_s));
    QVERIFY(flagged.contains(u"$Customer"_s));
    const QStringList unseen =
        exportedLocation(exported, u"INBOX"_s, second[u"uid"_s].toInteger())[u"flags"_s]
            .toString()
            .split(u' ');
    QVERIFY(!unseen.contains(u"\\Seen"_s));
    checkConsistent();
}

void TestSyncIncremental::expunges()
{
    const QJsonObject selfCc = manifestMessage(u"INBOX"_s, u"self_cc"_s);
    const QJsonObject skipped = manifestMessage(u"INBOX"_s, u"over_100_recipients"_s);
    const QJsonObject plain = manifestMessage(u"INBOX"_s, u"newsletter"_s);
    QVERIFY(!selfCc.isEmpty() && !skipped.isEmpty() && !plain.isEmpty());
    QVERIFY(m_imap->select(u"INBOX"_s));
    const QByteArray uids = QByteArray::number(selfCc[u"uid"_s].toInteger()) + ',' +
                            QByteArray::number(skipped[u"uid"_s].toInteger()) + ',' +
                            QByteArray::number(plain[u"uid"_s].toInteger());
    QVERIFY(m_imap->command("UID STORE " + uids + " +FLAGS.SILENT (\\Deleted)").ok());
    QVERIFY(m_imap->command("UID EXPUNGE " + uids).ok());

    const RunResult run = sync();
    QVERIFY(!run.error.isError());
    QCOMPARE(run.summary.removed, 3);
    checkConsistent();

    const QJsonObject exported = SyncFixture::exportProfile(m_profile);
    bool selfCcKept = false;
    bool plainKept = false;
    for (const QJsonValue& value : exported[u"messages"_s].toArray()) {
        const QString id = value.toObject()[u"message_id"_s].toString();
        selfCcKept = selfCcKept || id == selfCc[u"message_id"_s].toString();
        plainKept = plainKept || id == plain[u"message_id"_s].toString();
    }
    QVERIFY2(selfCcKept, "the Sent copy keeps the self-cc message");
    QVERIFY2(!plainKept, "a message no synced folder holds is gone");
    QVERIFY(!SyncFixture::exportedSkipped(exported).contains(
        locationKey(u"INBOX"_s, skipped[u"uid"_s].toInteger())));
}

void TestSyncIncremental::uidValidityChange()
{
    // Decisions first: a thread detached from its card, another attached by hand.
    store::Database db(SyncFixture::databasePath(m_profile));
    QVERIFY(!db.open());
    const QJsonObject before = SyncFixture::exportProfile(m_profile);
    qint64 detachedCard = 0;
    qint64 detachedThread = 0;
    for (const QJsonValue& value : before[u"links"_s].toArray()) {
        const QJsonObject link = value.toObject();
        if (link[u"state"_s].toString() == u"attached"_s && link[u"message_id"_s].isNull()) {
            detachedCard = link[u"card_id"_s].toInteger();
            detachedThread = link[u"thread_id"_s].toInteger();
            break;
        }
    }
    QVERIFY(detachedThread > 0);
    sync::Matcher matcher(db.connection(), sync::MatchPolicy::forAccount(m_box.user));
    QVERIFY(matcher.detachThread(detachedCard, detachedThread));

    // The Sent folder is deleted and created again with its messages but one: new UIDs
    // under a new UIDVALIDITY (RFC 3501 §2.3.1.1).
    QVERIFY(m_imap->select(u"Sent"_s));
    const QList<qint64> uids = m_imap->uidSearch("ALL");
    QVERIFY(uids.size() > 3);
    QList<QByteArray> messages;
    for (qint64 uid : uids)
        messages.append(m_imap->fetchMessage(uid));
    messages.removeLast(); // not restored: its message must go
    const auto oldValidity = m_imap->command("STATUS Sent (UIDVALIDITY)");
    QVERIFY(m_imap->select(u"INBOX"_s));
    QVERIFY(m_imap->command("DELETE Sent").ok());
    QVERIFY(m_imap->command("CREATE Sent").ok());
    for (const QByteArray& message : std::as_const(messages)) {
        QVERIFY(
            m_imap
                ->command("APPEND Sent {" + QByteArray::number(message.size()) + "+}\r\n" + message)
                .ok());
    }
    const auto newValidity = m_imap->command("STATUS Sent (UIDVALIDITY)");
    QVERIFY(oldValidity.untagged.value(0).text != newValidity.untagged.value(0).text);

    const RunResult run = sync();
    QVERIFY2(!run.error.isError(), qPrintable(run.error.detail));
    QCOMPARE(run.summary.stored, 0);
    QCOMPARE(run.summary.relocated, messages.size() - run.summary.skippedTotal());
    checkConsistent();

    const QJsonObject after = SyncFixture::exportProfile(m_profile);
    // Nothing fetched twice, no link or decision lost: the message and link rows are the
    // same, but for the message that is gone.
    QHash<qint64, QJsonObject> beforeMessages;
    for (const QJsonValue& value : before[u"messages"_s].toArray())
        beforeMessages.insert(value.toObject()[u"id"_s].toInteger(), value.toObject());
    int kept = 0;
    for (const QJsonValue& value : after[u"messages"_s].toArray()) {
        const QJsonObject m = value.toObject();
        QVERIFY2(beforeMessages.contains(m[u"id"_s].toInteger()), "a message was stored again");
        QCOMPARE(m[u"thread_id"_s], beforeMessages.value(m[u"id"_s].toInteger())[u"thread_id"_s]);
        ++kept;
    }
    QCOMPARE(kept, before[u"messages"_s].toArray().size() - 1);
    bool stillDetached = false;
    for (const QJsonValue& value : after[u"links"_s].toArray()) {
        const QJsonObject link = value.toObject();
        if (link[u"card_id"_s].toInteger() == detachedCard &&
            link[u"thread_id"_s].toInteger() == detachedThread && link[u"message_id"_s].isNull())
            stillDetached = link[u"state"_s].toString() == u"detached"_s;
    }
    QVERIFY2(stillDetached, "the detach decision survived the UIDVALIDITY change");
}

void TestSyncIncremental::decisionTree_data()
{
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<bool>("relist"); // the folder is listed again (known messages relocated)
    QTest::newRow("UIDNEXT went down") << u"uidnext-down"_s << true;
    QTest::newRow("HIGHESTMODSEQ went down") << u"modseq-down"_s << false;
    QTest::newRow("no mod-sequence stored") << u"no-modseq"_s << false;
    QTest::newRow("HIGHESTMODSEQ unchanged, UIDNEXT moved") << u"uidnext-moved"_s << false;
    QTest::newRow("interrupted initial listing") << u"interrupted"_s << false;
}

void TestSyncIncremental::decisionTree()
{
    QFETCH(QString, tamper);
    QFETCH(bool, relist);
    // A change on the server the pass must catch whatever branch it takes.
    const QJsonObject target = manifestMessage(u"INBOX"_s, u"reply"_s);
    QVERIFY(m_imap->select(u"INBOX"_s));
    QVERIFY(m_imap
                ->command("UID STORE " + QByteArray::number(target[u"uid"_s].toInteger()) +
                          " +FLAGS.SILENT ($Tree-" + tamper.toLatin1() + ")")
                .ok());
    {
        store::Database db(SyncFixture::databasePath(m_profile));
        QVERIFY(!db.open());
        store::MessageRepository messages(db.connection());
        auto state = messages.folderState(u"INBOX"_s);
        QVERIFY(state && state.value());
        store::FolderState s = *state.value();
        if (tamper == u"uidnext-down"_s)
            s.uidNext += 1000; // the server's is now lower than what we stored
        else if (tamper == u"modseq-down"_s)
            s.highestModSeq += 1000;
        else if (tamper == u"no-modseq"_s)
            s.highestModSeq = 0;
        else if (tamper == u"uidnext-moved"_s)
            s.uidNext -= 1; // same HIGHESTMODSEQ, other UIDNEXT: the server contradicts itself
        else if (tamper == u"interrupted"_s)
            s.lastSync = QDateTime();
        QVERIFY(!messages.setFolderState(s));
    }
    const QJsonObject before = SyncFixture::exportProfile(m_profile);
    const RunResult run = sync();
    QVERIFY2(!run.error.isError(), qPrintable(run.error.detail));
    QCOMPARE(run.summary.stored, 0);
    if (relist)
        QVERIFY(run.summary.relocated > 10);
    checkConsistent();
    const QJsonObject after = SyncFixture::exportProfile(m_profile);
    QCOMPARE(after[u"messages"_s].toArray().size(), before[u"messages"_s].toArray().size());
    QCOMPARE(after[u"links"_s], before[u"links"_s]);
    const QStringList flags =
        exportedLocation(after, u"INBOX"_s, target[u"uid"_s].toInteger())[u"flags"_s]
            .toString()
            .split(u' ');
    QVERIFY2(flags.contains(u"$Tree-"_s + tamper), qPrintable(flags.join(u' ')));
    // And the state is sound again: the next pass has nothing to do.
    const RunResult again = sync();
    QVERIFY(!again.error.isError());
    QCOMPARE(again.summary.fetched, 0);
    QCOMPARE(again.summary.flagChanges, 0);
}

void TestSyncIncremental::sentFolderMoved()
{
    // The profile remembers a Sent folder the server no longer has (renamed, or another one
    // is marked \Sent now): the pass syncs the one LIST names and retires the old one.
    {
        store::Database db(SyncFixture::databasePath(m_profile));
        QVERIFY(!db.open());
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(u"UPDATE folder_state SET folder = 'Old Sent' WHERE folder = 'Sent'"_s));
        QVERIFY(query.exec(
            u"UPDATE message_locations SET folder = 'Old Sent' WHERE folder = 'Sent'"_s));
    }
    const QJsonObject before = SyncFixture::exportProfile(m_profile);
    const RunResult run = sync();
    QVERIFY2(!run.error.isError(), qPrintable(run.error.detail));
    QCOMPARE(run.summary.stored, 0); // every Sent message found again by its key
    QVERIFY(run.summary.relocated > 0);
    checkConsistent();
    const QJsonObject after = SyncFixture::exportProfile(m_profile);
    QCOMPARE(after[u"messages"_s], before[u"messages"_s]);
    QCOMPARE(after[u"links"_s], before[u"links"_s]);
    for (const QJsonValue& value : after[u"locations"_s].toArray())
        QVERIFY(value.toObject()[u"folder"_s].toString() != u"Old Sent"_s);
    const RunResult again = sync();
    QVERIFY(!again.error.isError());
    QCOMPARE(again.summary.fetched, 0);
}

THREADLINE_MAILSTACK_TEST_MAIN(TestSyncIncremental)
#include "tst_sync_incremental.moc"
