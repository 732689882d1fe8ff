// The initial sync against the stack's Dovecot, checked against mailgen's manifest: every
// INBOX/Sent message once (the self-cc pair: one message, two locations), Projects never
// opened, >100-recipient mail skipped with its reason, flags, threads and links as the
// manifest says; a second pass changes nothing; small messages fetched whole and large ones
// in two steps store the same; the history window.

#include "MailStackTestMain.h"
#include "sync/RecipientLimit.h"
#include "tst_sync_fixture.h"

#include <QHash>
#include <QMultiHash>
#include <QSqlQuery>

using namespace synctest;

class TestSyncInitial final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initialSync();
    void secondPassChangesNothing();
    void fetchPathsAgree_data();
    void fetchPathsAgree();
    void historyWindow();
    void tinyMemoryBudgetKeepsEveryMessage();

private:
    SyncFixture m_fixture;
    Mailbox m_box;
    QString m_profile;
    QJsonObject m_export;
};

void TestSyncInitial::initTestCase()
{
    QVERIFY2(m_fixture.stack().isValid(), qPrintable(m_fixture.stack().errorString()));
}

void TestSyncInitial::initialSync()
{
    m_box = m_fixture.makeMailbox(u"sync-initial"_s, 120);
    QVERIFY(!m_box.user.isEmpty());
    m_profile = m_fixture.newProfile();
    QVERIFY(m_fixture.importCards(m_profile, m_box));

    const RunResult run = m_fixture.runOnce(m_fixture.options(m_box, m_profile));
    QVERIFY2(run.finished, "no finished()");
    QVERIFY2(!run.error.isError(),
             qPrintable(u"error %1: %2"_s.arg(int(run.error.code)).arg(run.error.detail)));
    QVERIFY(run.states.contains(sync::SyncState::Connecting));
    QVERIFY(run.states.contains(sync::SyncState::Syncing));

    m_export = SyncFixture::exportProfile(m_profile);
    const QJsonObject counts = m_box.manifest[u"counts"_s].toObject();

    // Every INBOX/Sent message present once; Projects absent; skipped ones recorded.
    QCOMPARE(SyncFixture::exportedLocations(m_export), m_box.expectedLocations());
    QCOMPARE(SyncFixture::exportedSkipped(m_export), m_box.expectedSkipped());
    QCOMPARE(m_export[u"messages"_s].toArray().size(),
             counts[u"sync_expected_unique_message_ids"_s].toInt());
    const QString problem =
        SyncFixture::consistencyProblem(m_export, m_fixture.serverLocations(m_box));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QCOMPARE(run.summary.stored, counts[u"sync_expected_unique_message_ids"_s].toInt());
    {
        // A single pass finishes with the search index caught up: every stored message is in
        // it, each with its own subject, and the queue the index took them from is emptied.
        store::Database db(SyncFixture::databasePath(m_profile));
        QVERIFY(!db.open());
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(u"SELECT (SELECT count(*) FROM messages), "
                           "(SELECT count(*) FROM search.message_fts f JOIN messages m "
                           "ON m.id = f.rowid AND m.subject = f.subject), "
                           "(SELECT count(*) FROM search_queue)"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(1).toInt(), query.value(0).toInt());
        QCOMPARE(query.value(2).toInt(), 0);
    }
    QCOMPARE(run.summary.skipped.value(sync::RecipientLimit::skippedReason()),
             m_box.expectedSkipped().size());
    QCOMPARE(run.summary.linked + run.summary.untracked, run.summary.stored);

    // The manifest's truth per message.
    QHash<QString, QJsonObject> stored; // message-id -> exported message
    for (const QJsonValue& value : m_export[u"messages"_s].toArray())
        stored.insert(value.toObject()[u"message_id"_s].toString(), value.toObject());
    QHash<QString, QJsonObject> locations;
    for (const QJsonValue& value : m_export[u"locations"_s].toArray()) {
        const QJsonObject l = value.toObject();
        locations.insert(locationKey(l[u"folder"_s].toString(), l[u"uid"_s].toInteger()), l);
    }
    QHash<QString, QJsonObject> skipped;
    for (const QJsonValue& value : m_export[u"skipped"_s].toArray()) {
        const QJsonObject s = value.toObject();
        skipped.insert(locationKey(s[u"folder"_s].toString(), s[u"uid"_s].toInteger()), s);
    }

    QHash<QString, qint64> cardOf; // lower-cased address -> card id
    for (const QString& kind : {u"leads"_s, u"contacts"_s}) {
        for (const QJsonValue& card : m_export[kind].toArray()) {
            for (const QJsonValue& email : card.toObject()[u"emails"_s].toArray())
                cardOf.insert(email.toString().toLower(), card.toObject()[u"id"_s].toInteger());
        }
    }
    QHash<qint64, QSet<qint64>> linkedCards; // thread -> cards with an attached thread link
    for (const QJsonValue& value : m_export[u"links"_s].toArray()) {
        const QJsonObject link = value.toObject();
        if (link[u"state"_s].toString() == u"attached"_s && link[u"message_id"_s].isNull())
            linkedCards[link[u"thread_id"_s].toInteger()].insert(link[u"card_id"_s].toInteger());
    }

    QHash<QString, qint64> threadOfKey;
    QHash<qint64, QString> keyOfThread;
    QHash<qint64, QSet<qint64>> expectedCards;
    for (const QJsonValue& value : m_box.messages()) {
        const QJsonObject m = value.toObject();
        const QString folder = m[u"folder"_s].toString();
        const QString where = locationKey(folder, m[u"uid"_s].toInteger());
        const QString id = m[u"message_id"_s].toString();
        const QStringList kinds = m[u"kinds"_s].toVariant().toStringList();
        if (folder == u"Projects"_s) {
            QVERIFY2(!locations.contains(where) && !skipped.contains(where), qPrintable(where));
            continue;
        }
        if (!m[u"sync_expected"_s].toBool()) {
            QVERIFY2(skipped.contains(where), qPrintable(where));
            const QJsonObject s = skipped.value(where);
            QCOMPARE(s[u"reason"_s].toString(), sync::RecipientLimit::skippedReason());
            QCOMPARE(s[u"recipient_count"_s].toInt(), m[u"recipient_count"_s].toInt());
            QCOMPARE(s[u"sender"_s].toString().toLower(), m[u"from"_s].toString().toLower());
            QVERIFY2(!stored.contains(id) || id.isEmpty(), qPrintable(id));
            continue;
        }
        QVERIFY2(stored.contains(id), qPrintable(u"%1 (%2) not stored"_s.arg(id, where)));
        const QJsonObject message = stored.value(id);
        const QJsonObject location = locations.value(where);
        QCOMPARE(location[u"message_id"_s].toInteger(), message[u"id"_s].toInteger());
        QCOMPARE(message[u"subject"_s].toString(), m[u"subject"_s].toString());
        QCOMPARE(message[u"from_email"_s].toString().toLower(), m[u"from"_s].toString().toLower());
        bool attachment = false;
        for (const QJsonValue& a : m[u"attachments"_s].toArray())
            attachment = attachment || !a.toObject()[u"inline"_s].toBool();
        if (attachment)
            QVERIFY2(message[u"has_attachments"_s].toInt() == 1, qPrintable(where));

        // Flags: Maildir letters S, R, F are \Seen, \Answered, \Flagged.
        const QString letters = m[u"flags"_s].toString();
        const QStringList flags = location[u"flags"_s].toString().split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(flags.contains(u"\\Seen"_s), letters.contains(u'S'));
        QCOMPARE(flags.contains(u"\\Answered"_s), letters.contains(u'R'));
        QCOMPARE(flags.contains(u"\\Flagged"_s), letters.contains(u'F'));

        // Threads: one per conversation root (the orphan reply may join its subject's).
        const qint64 thread = message[u"thread_id"_s].toInteger();
        QVERIFY(thread > 0);
        const QString key = m[u"thread_key"_s].toString();
        if (!kinds.contains(u"orphan_reply"_s)) {
            if (threadOfKey.contains(key))
                QVERIFY2(threadOfKey.value(key) == thread,
                         qPrintable(u"%1 not in the thread of %2"_s.arg(id, key)));
            threadOfKey.insert(key, thread);
            if (keyOfThread.contains(thread))
                QVERIFY2(keyOfThread.value(thread) == key,
                         qPrintable(u"threads %1 and %2 merged"_s.arg(key, keyOfThread[thread])));
            keyOfThread.insert(thread, key);
        }
        // Links: every card owning an address of the message shows its thread.
        for (const QJsonValue& email : m[u"card_emails"_s].toArray()) {
            const qint64 card = cardOf.value(email.toString().toLower());
            QVERIFY2(card > 0, qPrintable(email.toString()));
            expectedCards[thread].insert(card);
        }
    }
    QSet<qint64> threads;
    for (const QJsonValue& value : m_export[u"messages"_s].toArray())
        threads.insert(value.toObject()[u"thread_id"_s].toInteger());
    for (qint64 thread : std::as_const(threads)) {
        QVERIFY2(linkedCards.value(thread) == expectedCards.value(thread),
                 qPrintable(u"thread %1 (%2): cards %3, expected %4"_s.arg(thread)
                                .arg(keyOfThread.value(thread))
                                .arg(linkedCards.value(thread).size())
                                .arg(expectedCards.value(thread).size())));
    }
    // The self-cc message: one message, two locations.
    int selfCc = 0;
    for (const QJsonValue& value : m_box.messages()) {
        if (value.toObject()[u"kinds"_s].toVariant().toStringList().contains(u"self_cc"_s))
            ++selfCc;
    }
    QVERIFY(selfCc >= 2);
}

void TestSyncInitial::secondPassChangesNothing()
{
    QVERIFY(!m_export.isEmpty());
    const RunResult run = m_fixture.runOnce(m_fixture.options(m_box, m_profile));
    QVERIFY(!run.error.isError());
    QCOMPARE(run.summary.fetched, 0);
    QCOMPARE(run.summary.stored, 0);
    QCOMPARE(run.summary.removed, 0);
    QCOMPARE(run.summary.flagChanges, 0);
    QCOMPARE(SyncFixture::exportProfile(m_profile), m_export);
}

void TestSyncInitial::fetchPathsAgree_data()
{
    QTest::addColumn<quint32>("wholeMessageBytes");
    // Every message in two steps (ENVELOPE, BODYSTRUCTURE, header fields, then text parts).
    QTest::newRow("two steps") << quint32(0);
    // Messages with an attachment in two steps, the others whole: chunks mixing both.
    QTest::newRow("mixed") << quint32(4096);
}

// What the store keeps of each message beyond the export, by storage key.
struct StoredContent
{
    QHash<QString, QStringList> texts;                             // text and HTML
    QHash<QString, QList<std::pair<QString, qint64>>> attachments; // "part|name|type", size
};

static StoredContent storedContent(const QString& profile)
{
    StoredContent out;
    store::Database db(SyncFixture::databasePath(profile));
    if (db.open())
        return out;
    QSqlQuery query(db.connection());
    query.exec(u"SELECT message_key, body_text, coalesce(body_html, '<none>'), parse_problems "
               "FROM messages"_s);
    while (query.next()) {
        // A message the two readings disagree on is damaged (a header line that is none, a
        // multipart never closed): each path says so in parse_problems; its text is not
        // compared.
        const bool damaged = !query.value(3).toString().isEmpty();
        out.texts.insert(query.value(0).toString(),
                         damaged
                             ? QStringList{u"<damaged>"_s}
                             : QStringList{query.value(1).toString(), query.value(2).toString()});
    }
    query.exec(u"SELECT m.message_key, a.part, a.filename, a.mime_type, a.size FROM attachments a "
               "JOIN messages m ON m.id = a.message_id ORDER BY m.message_key, a.part"_s);
    while (query.next()) {
        out.attachments[query.value(0).toString()].append(
            {u"%1|%2|%3"_s.arg(query.value(1).toString(), query.value(2).toString(),
                               query.value(3).toString()),
             query.value(4).toLongLong()});
    }
    return out;
}

void TestSyncInitial::fetchPathsAgree()
{
    QFETCH(quint32, wholeMessageBytes);
    QVERIFY(!m_export.isEmpty());
    const QString profile = m_fixture.newProfile();
    QVERIFY(m_fixture.importCards(profile, m_box));
    sync::SyncOptions options = m_fixture.options(m_box, profile);
    options.wholeMessageBytes = wholeMessageBytes;
    const RunResult run = m_fixture.runOnce(options);
    QVERIFY(!run.error.isError());
    QCOMPARE(run.summary.stored,
             m_box.manifest[u"counts"_s].toObject()[u"sync_expected_unique_message_ids"_s].toInt());

    // The same rows, ids included (chunks commit in UID order either way), but for what the
    // paths report of damaged messages.
    QJsonObject exported = SyncFixture::exportProfile(profile);
    QJsonObject expected = m_export;
    for (QJsonObject* side : {&exported, &expected}) {
        QJsonArray messages;
        for (const QJsonValue& value : (*side)[u"messages"_s].toArray()) {
            QJsonObject m = value.toObject();
            m.remove(u"parse_problems"_s);
            messages.append(m);
        }
        side->insert(u"messages"_s, messages);
    }
    for (const QString& table :
         {u"messages"_s, u"threads"_s, u"locations"_s, u"links"_s, u"skipped"_s}) {
        const QJsonArray got = exported[table].toArray();
        const QJsonArray want = expected[table].toArray();
        QCOMPARE(got.size(), want.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QVERIFY2(got[i] == want[i],
                     qPrintable(u"%1 row %2:\n%3\n%4"_s.arg(table).arg(i).arg(
                         QString::fromUtf8(QJsonDocument(got[i].toObject()).toJson()),
                         QString::fromUtf8(QJsonDocument(want[i].toObject()).toJson()))));
        }
    }
    const StoredContent content = storedContent(profile);
    const StoredContent expectedContent = storedContent(m_profile);
    QCOMPARE(content.texts.size(), expectedContent.texts.size());
    for (auto it = expectedContent.texts.cbegin(); it != expectedContent.texts.cend(); ++it) {
        QVERIFY2(content.texts.contains(it.key()), qPrintable(it.key()));
        if (it.value() == QStringList{u"<damaged>"_s} ||
            content.texts.value(it.key()) == QStringList{u"<damaged>"_s})
            continue;
        QVERIFY2(content.texts.value(it.key()) == it.value(),
                 qPrintable(u"%1:\n%2\n----\n%3"_s.arg(
                     it.key(), content.texts.value(it.key()).join(u"\n====\n"_s),
                     it.value().join(u"\n====\n"_s))));
    }
    QCOMPARE(content.attachments.keys().size(), expectedContent.attachments.keys().size());
    int attachments = 0;
    for (auto it = expectedContent.attachments.cbegin(); it != expectedContent.attachments.cend();
         ++it) {
        const auto got = content.attachments.value(it.key());
        QCOMPARE(got.size(), it.value().size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].first, it.value()[i].first);
            // Sizes are estimates, from the encoded size (BODYSTRUCTURE) or from the data (a
            // whole message): within 1 %.
            QVERIFY2(
                qAbs(got[i].second - it.value()[i].second) <= it.value()[i].second / 100 + 2,
                qPrintable(
                    u"%1: %2 / %3"_s.arg(it.key()).arg(got[i].second).arg(it.value()[i].second)));
            ++attachments;
        }
    }
    QVERIFY(attachments > 0);
}

void TestSyncInitial::historyWindow()
{
    // Mail dated up to now, synced with a 60-day window: only what arrived since is stored.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Mailbox box =
        m_fixture.makeMailbox(u"sync-window"_s, 60, u"window"_s,
                              {u"--now"_s, now.toString(Qt::ISODate), u"--days"_s, u"200"_s});
    QVERIFY(!box.user.isEmpty());
    const QString profile = m_fixture.newProfile();
    sync::SyncOptions options = m_fixture.options(box, profile);
    options.account.historyDays = 60;
    const RunResult run = m_fixture.runOnce(options);
    QVERIFY(!run.error.isError());

    // SEARCH SINCE compares dates (RFC 3501 §6.4.4), in the server's time zone.
    const QDate since = QDate::currentDate().addDays(-60);
    QSet<QString> expected;
    QSet<QString> expectedSkipped;
    int borderline = 0;
    for (const QJsonValue& value : box.messages()) {
        const QJsonObject m = value.toObject();
        if (m[u"folder"_s].toString() == u"Projects"_s)
            continue;
        const QDate day = QDateTime::fromString(m[u"internaldate"_s].toString(), Qt::ISODate)
                              .toLocalTime()
                              .date();
        if (qAbs(day.daysTo(since)) <= 1) {
            ++borderline;
            continue;
        }
        if (day < since)
            continue;
        (m[u"sync_expected"_s].toBool() ? expected : expectedSkipped)
            .insert(locationKey(m[u"folder"_s].toString(), m[u"uid"_s].toInteger()));
    }
    const QJsonObject exported = SyncFixture::exportProfile(profile);
    QSet<QString> stored = SyncFixture::exportedLocations(exported);
    QVERIFY(!expected.isEmpty());
    QVERIFY2(stored.contains(expected), "a message inside the window is missing");
    QVERIFY2(stored.size() <= expected.size() + borderline,
             qPrintable(u"%1 stored, %2 expected"_s.arg(stored.size()).arg(expected.size())));
    QVERIFY(stored.size() < box.expectedLocations().size());
}

void TestSyncInitial::tinyMemoryBudgetKeepsEveryMessage()
{
    // With room for one byte of text waiting for the store, a chunk starts only when no
    // fetched one waits for its commit (FetchPlanner::chunksToStart, tst_sync_logic): past the
    // first 16, chunks of two messages start as commits free the window. The pass still
    // stores every message once, the same as with the default window.
    QVERIFY(!m_export.isEmpty());
    const QString profile = m_fixture.newProfile();
    QVERIFY(m_fixture.importCards(profile, m_box));
    sync::SyncOptions options = m_fixture.options(m_box, profile);
    options.chunkSize = 2;
    options.maxWaitingBytes = 1;
    const RunResult run = m_fixture.runOnce(options);
    QVERIFY2(!run.error.isError(), qPrintable(run.error.detail));
    const QJsonObject exported = SyncFixture::exportProfile(profile);
    QCOMPARE(SyncFixture::exportedLocations(exported), m_box.expectedLocations());
    QCOMPARE(SyncFixture::exportedSkipped(exported), m_box.expectedSkipped());
    QCOMPARE(exported[u"messages"_s].toArray().size(), m_export[u"messages"_s].toArray().size());
    const QString problem =
        SyncFixture::consistencyProblem(exported, m_fixture.serverLocations(m_box));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

THREADLINE_MAILSTACK_TEST_MAIN(TestSyncInitial)
#include "tst_sync_initial.moc"
