// store::SearchIndex and SearchIndexer: the mail's full-text index in its own file, fed from
// the store's search_queue. New, changed and deleted messages reach it; a reused message id
// is indexed as its new message; a lost index file is built again from the store; the indexer
// works while the store's writer holds its lock, and the queue is emptied only of what the
// index has handled, and the window's read-only attachment never waits for the indexer.
#include "SqlTestHelpers.h"
#include "store/Database.h"
#include "store/MessageRepository.h"
#include "store/SearchIndex.h"
#include "store/SearchIndexer.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace threadline::store;

using threadline::test::exec;
using threadline::test::scalar;

class TestSearchIndex final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storedMailIsQueuedThenIndexed();
    void changesAndDeletionsFollow();
    void reusedIdIsIndexedAsTheNewMessage();
    void lostIndexIsBuiltAgain();
    void mergesSixteenSegmentsAtATime();
    void writersDoNotAttachIt();
    void windowEditsDoNotWaitForTheIndexer();
    void indexesWhileTheStoreIsLocked();
    void pruneKeepsWhatIsNotIndexed();
    void indexerThreadCatchesUp();

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(u"db%1.sqlite"_s.arg(++m_counter)); }
};

namespace {

// Stores one message per subject (body "text of <subject>") in INBOX, from uid `firstUid`.
QList<qint64> store(const QSqlDatabase& db, const QStringList& subjects, quint32 firstUid = 1)
{
    MessageRepository::Batch batch;
    for (const QString& subject : subjects) {
        MessageRecord record;
        record.messageId = subject + u"@x.test"_s;
        record.subject = subject;
        record.textBody = u"text of "_s + subject;
        MessageLocation location;
        location.folder = u"INBOX"_s;
        location.uidValidity = 1;
        location.uid = firstUid++;
        batch.append({record, location});
    }
    const auto stored = MessageRepository(db).storeBatch(batch);
    QList<qint64> ids;
    if (stored) {
        for (const StoredMessage& message : stored.value())
            ids << message.messageId;
    }
    return ids;
}

// How many indexed messages match the FTS5 expression.
int hits(const QSqlDatabase& db, const QString& match)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT count(*) FROM search.message_fts WHERE message_fts MATCH ?"_s);
    query.addBindValue(match);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace

void TestSearchIndex::storedMailIsQueuedThenIndexed()
{
    Database db(freshPath());
    QVERIFY(!db.open());
    const QList<qint64> ids = store(db.connection(), {u"devis"_s, u"facture"_s});
    QCOMPARE(ids.size(), 2);
    // Queued in the storing transaction, not yet searchable.
    QCOMPARE(
        scalar(db.connection(), u"SELECT group_concat(message_id) FROM search_queue"_s).toString(),
        u"%1,%2"_s.arg(ids.at(0)).arg(ids.at(1)));
    QCOMPARE(hits(db.connection(), u"devis"_s), 0);

    SearchIndex index(db.connection());
    const Result<int> first = index.catchUp();
    QVERIFY(first);
    QCOMPARE(first.value(), 2);
    QCOMPARE(hits(db.connection(), u"devis"_s), 1);
    QCOMPARE(hits(db.connection(), u"text"_s), 2);
    // Caught up: nothing more to do, and the queue is handled up to its end.
    QCOMPARE(index.catchUp().value(), 0);
    QCOMPARE(scalar(db.connection(), u"SELECT queue_seq FROM search.index_state"_s).toLongLong(),
             scalar(db.connection(), u"SELECT max(seq) FROM search_queue"_s).toLongLong());
}

void TestSearchIndex::changesAndDeletionsFollow()
{
    Database db(freshPath());
    QVERIFY(!db.open());
    const QList<qint64> ids = store(db.connection(), {u"devis"_s, u"facture"_s});
    SearchIndex index(db.connection());
    QVERIFY(!index.catchUpAll());

    QVERIFY(exec(db.connection(),
                 u"UPDATE messages SET subject = 'commande' WHERE id = %1"_s.arg(ids.at(0))));
    QVERIFY(exec(db.connection(), u"DELETE FROM messages WHERE id = %1"_s.arg(ids.at(1))));
    QVERIFY(!index.catchUpAll());
    QCOMPARE(hits(db.connection(), u"subject:devis"_s), 0);
    QCOMPARE(hits(db.connection(), u"subject:commande"_s), 1);
    QCOMPARE(hits(db.connection(), u"facture"_s), 0);
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM search.message_fts"_s).toInt(), 1);
}

void TestSearchIndex::reusedIdIsIndexedAsTheNewMessage()
{
    Database db(freshPath());
    QVERIFY(!db.open());
    const QList<qint64> first = store(db.connection(), {u"devis"_s, u"facture"_s});
    SearchIndex index(db.connection());
    QVERIFY(!index.catchUpAll());
    // SQLite gives the next row the highest id plus one: a deleted last message's id returns.
    QVERIFY(exec(db.connection(), u"DELETE FROM messages WHERE id = %1"_s.arg(first.at(1))));
    const QList<qint64> second = store(db.connection(), {u"relance"_s}, 10);
    QCOMPARE(second, QList<qint64>{first.at(1)});
    QVERIFY(!index.catchUpAll());
    QCOMPARE(hits(db.connection(), u"facture"_s), 0);
    QCOMPARE(hits(db.connection(), u"relance"_s), 1);
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM search.message_fts"_s).toInt(), 2);
}

void TestSearchIndex::lostIndexIsBuiltAgain()
{
    const QString path = freshPath();
    {
        Database db(path);
        QVERIFY(!db.open());
        (void)store(db.connection(), {u"devis"_s, u"facture"_s, u"relance"_s});
        QVERIFY(!SearchIndex(db.connection()).catchUpAll());
        QVERIFY(SearchIndex(db.connection()).pruneQueue());
        QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM search_queue"_s).toInt(), 0);
    }
    // The index is a cache: deleted, it comes back from the store, queue emptied or not.
    const QString indexPath = SearchIndex::databasePathFor(path);
    QVERIFY(QFile::exists(indexPath));
    QVERIFY(QFile::remove(indexPath));
    QFile::remove(indexPath + u"-wal"_s);
    QFile::remove(indexPath + u"-shm"_s);
    Database db(path);
    QVERIFY(!db.open());
    QCOMPARE(hits(db.connection(), u"devis"_s), 0);
    // Stored while it is rebuilt: indexed too.
    (void)store(db.connection(), {u"commande"_s}, 10);
    QVERIFY(!SearchIndex(db.connection()).catchUpAll());
    QCOMPARE(hits(db.connection(), u"text"_s), 4);
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM search.message_fts"_s).toInt(), 4);
    QVERIFY(scalar(db.connection(), u"SELECT built_to_id FROM search.index_state"_s).isNull());
}

void TestSearchIndex::mergesSixteenSegmentsAtATime()
{
    const QString path = freshPath();
    const auto automerge = [](const QSqlDatabase& db) {
        return scalar(db, u"SELECT v FROM search.message_fts_config WHERE k = 'automerge'"_s)
            .toInt();
    };
    {
        Database db(path);
        QVERIFY(!db.open());
        QCOMPARE(automerge(db.connection()), 16);
    }
    // An index made with FTS5's default (4) gets the policy when next opened.
    const QString indexPath = SearchIndex::databasePathFor(path);
    sqlite3* handle = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(indexPath).constData(), &handle), SQLITE_OK);
    QCOMPARE(sqlite3_exec(handle,
                          "INSERT INTO message_fts (message_fts, rank) VALUES ('automerge', 4)",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    // While another connection writes the index, the store opens all the same (the policy
    // waits for a later open) and keeps its usual busy timeout.
    QCOMPARE(sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    {
        Database busy(path);
        QVERIFY(!busy.open());
        QCOMPARE(automerge(busy.connection()), 4);
        QCOMPARE(scalar(busy.connection(), u"PRAGMA busy_timeout"_s).toInt(),
                 Database::busyTimeoutMs);
    }
    QCOMPARE(sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(handle);
    Database db(path);
    QVERIFY(!db.open());
    QCOMPARE(automerge(db.connection()), 16);
    (void)store(db.connection(), {u"devis"_s});
    QVERIFY(!SearchIndex(db.connection()).catchUpAll());
    QCOMPARE(hits(db.connection(), u"devis"_s), 1);
}

void TestSearchIndex::writersDoNotAttachIt()
{
    const QString path = freshPath();
    Database reader(path);
    QVERIFY(!reader.open());
    Database writer(path, Database::Search::NotAttached);
    QVERIFY(!writer.open());
    auto schemas = [](const QSqlDatabase& db) {
        QSqlQuery query(db);
        QStringList names;
        query.exec(u"PRAGMA database_list"_s);
        while (query.next()) {
            if (query.value(1).toString() != u"temp"_s)
                names << query.value(1).toString();
        }
        return names;
    };
    QCOMPARE(schemas(reader.connection()), (QStringList{u"main"_s, u"search"_s}));
    QCOMPARE(schemas(writer.connection()), QStringList{u"main"_s});
}

void TestSearchIndex::windowEditsDoNotWaitForTheIndexer()
{
    const QString path = freshPath();
    Database indexer(path);
    QVERIFY(!indexer.open());
    (void)store(indexer.connection(), {u"devis"_s});
    Database window(path, Database::Search::AttachedReadOnly);
    QVERIFY(!window.open());
    // The indexer in the middle of a transaction of the index file.
    QVERIFY(exec(indexer.connection(), u"BEGIN"_s));
    QVERIFY(exec(indexer.connection(), u"INSERT INTO search.message_fts (rowid, subject) "
                                       "VALUES (99, 'relance')"_s));
    // The window's edit takes the store's lock only (an index attached for writing would
    // wait for the indexer, then fail after Database::busyTimeoutMs), and it still searches.
    QVERIFY(exec(window.connection(), u"BEGIN IMMEDIATE"_s));
    QVERIFY(exec(window.connection(),
                 u"INSERT INTO cards (kind, name, created_at, updated_at) VALUES "
                 "('lead', 'Zoë', 1, 1)"_s));
    QVERIFY(exec(window.connection(), u"COMMIT"_s));
    QVERIFY(exec(indexer.connection(), u"COMMIT"_s));
    QCOMPARE(hits(window.connection(), u"relance"_s), 1);
    // Read-only indeed.
    QVERIFY(!exec(window.connection(), u"DELETE FROM search.message_fts"_s));
}

void TestSearchIndex::indexesWhileTheStoreIsLocked()
{
    const QString path = freshPath();
    Database writer(path, Database::Search::NotAttached);
    QVERIFY(!writer.open());
    (void)store(writer.connection(), {u"devis"_s});
    Database indexer(path);
    QVERIFY(!indexer.open());
    // The store's writer in the middle of a transaction, as the sync's is most of the time.
    QVERIFY(exec(writer.connection(), u"BEGIN IMMEDIATE"_s));
    QVERIFY(exec(writer.connection(), u"UPDATE messages SET size = 1"_s));
    // The indexer only reads the store: it is not kept waiting (a wait would end in
    // SQLITE_BUSY after Database::busyTimeoutMs), and sees the last committed state.
    const Result<int> handled = SearchIndex(indexer.connection()).catchUp();
    QVERIFY2(handled, handled ? "" : qPrintable(handled.error().message));
    QCOMPARE(handled.value(), 1);
    QCOMPARE(hits(indexer.connection(), u"devis"_s), 1);
    // While the pruning, a write to the store, gives up at once and keeps the queue.
    const Result<int> pruned = SearchIndex(indexer.connection()).pruneQueue();
    QVERIFY(!pruned);
    QVERIFY(exec(writer.connection(), u"COMMIT"_s));
    QCOMPARE(scalar(indexer.connection(), u"SELECT count(*) FROM search_queue"_s).toInt(), 1);
    QCOMPARE(SearchIndex(indexer.connection()).pruneQueue().value(), 1);
}

void TestSearchIndex::pruneKeepsWhatIsNotIndexed()
{
    Database db(freshPath());
    QVERIFY(!db.open());
    (void)store(db.connection(), {u"devis"_s, u"facture"_s});
    SearchIndex index(db.connection());
    QVERIFY(!index.catchUpAll());
    (void)store(db.connection(), {u"relance"_s}, 10);
    QCOMPARE(index.pruneQueue().value(), 2);
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM search_queue"_s).toInt(), 1);
    QVERIFY(!index.catchUpAll());
    QCOMPARE(hits(db.connection(), u"relance"_s), 1);
    // Emptied, the queue numbers on: the index's mark still means "handled up to here".
    QCOMPARE(index.pruneQueue().value(), 1);
    (void)store(db.connection(), {u"commande"_s}, 20);
    QVERIFY(scalar(db.connection(), u"SELECT seq FROM search_queue"_s).toLongLong() >
            scalar(db.connection(), u"SELECT queue_seq FROM search.index_state"_s).toLongLong());
    QVERIFY(!index.catchUpAll());
    QCOMPARE(hits(db.connection(), u"commande"_s), 1);
}

void TestSearchIndex::indexerThreadCatchesUp()
{
    const QString path = freshPath();
    Database db(path);
    QVERIFY(!db.open());
    SearchIndexer indexer(path);
    QSignalSpy caughtUp(&indexer, &SearchIndexer::caughtUp);
    QStringList subjects;
    for (int i = 0; i < SearchIndex::defaultBatchSize + 10; ++i)
        subjects << u"sujet%1"_s.arg(i);
    (void)store(db.connection(), subjects);
    const quint64 ticket = indexer.requestCatchUp();
    QTRY_VERIFY(!caughtUp.isEmpty() && caughtUp.last().at(0).toULongLong() >= ticket);
    QVERIFY(caughtUp.last().at(1).toBool());
    // More than one transaction's worth, all of it indexed.
    QCOMPARE(hits(db.connection(), u"text"_s), int(subjects.size()));
    QCOMPARE(hits(db.connection(), u"sujet1009"_s), 1);
}

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "tst_search_index.moc"
