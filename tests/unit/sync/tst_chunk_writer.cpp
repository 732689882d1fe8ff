// The store thread of the sync (sync::ChunkWriter): chunks commit in the order they were
// submitted, each with its folder state, queued ones possibly sharing a transaction; a
// barrier is answered only after every chunk submitted before it; a chunk that cannot be
// stored is answered with failed(), naming it.

#include "store/Database.h"
#include "store/MessageRepository.h"
#include "sync/ChunkWriter.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline;

namespace {

store::MessageRecord record(const QString& id, const QString& from)
{
    store::MessageRecord message;
    message.messageId = id;
    message.subject = u"Quote "_s + id;
    message.date = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
    message.internalDate = message.date;
    message.addresses = {{store::MessageRecord::Role::From, u"Ann"_s, from},
                         {store::MessageRecord::Role::To, {}, u"me@example.test"_s}};
    message.textBody = u"Hello"_s;
    return message;
}

sync::ChunkCommit chunk(quint64 sequence, quint32 firstUid, int count)
{
    sync::ChunkCommit commit;
    commit.sender = 7;
    commit.sequence = sequence;
    for (int i = 0; i < count; ++i) {
        const quint32 uid = firstUid + quint32(i);
        commit.batch.append({record(u"m%1@example.test"_s.arg(uid), u"ann@example.test"_s),
                             store::MessageLocation{u"INBOX"_s, 42, uid, {}, 0}});
    }
    commit.state.folder = u"INBOX"_s;
    commit.state.uidValidity = 42;
    commit.state.uidNext = firstUid + quint32(count);
    return commit;
}

} // namespace

class TestChunkWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commitsInOrderThenAnswersTheBarrier();
    void reportsAChunkItCannotStore();
};

void TestChunkWriter::commitsInOrderThenAnswersTheBarrier()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"t.sqlite"_s);
    store::Database db(path);
    QVERIFY(!db.open());

    sync::ChunkWriter writer(path, sync::MatchPolicy::forAccount(u"me@example.test"_s));
    QSignalSpy committed(&writer, &sync::ChunkWriter::committed);
    QSignalSpy failed(&writer, &sync::ChunkWriter::failed);
    writer.submit(chunk(0, 1, 300));
    writer.submit(chunk(1, 301, 300));
    writer.submit(chunk(2, 601, 5));
    sync::ChunkCommit barrier;
    barrier.sender = 7;
    barrier.sequence = 99;
    barrier.barrier = true;
    writer.submit(barrier);

    QTRY_COMPARE(committed.size(), 4);
    QCOMPARE(failed.size(), 0);
    QList<quint64> order;
    for (const QList<QVariant>& signal : std::as_const(committed))
        order << signal.at(0).value<sync::ChunkCommitted>().sequence;
    QCOMPARE(order, (QList<quint64>{0, 1, 2, 99}));
    const auto first = committed.at(0).at(0).value<sync::ChunkCommitted>();
    QCOMPARE(first.sender, quint64(7));
    QCOMPARE(first.messages, 300);
    QCOMPARE(first.inserted, 300);
    QVERIFY(!first.changes.threads.isEmpty()); // every new message is threaded

    // By the barrier's answer everything before it is in the database, read on another
    // connection.
    QSqlQuery count(db.connection());
    QVERIFY(count.exec(u"SELECT count(*) FROM messages"_s) && count.next());
    QCOMPARE(count.value(0).toInt(), 605);
    QVERIFY(count.exec(u"SELECT count(*) FROM messages WHERE thread_id IS NULL"_s) && count.next());
    QCOMPARE(count.value(0).toInt(), 0);
    const auto state = store::MessageRepository(db.connection()).folderState(u"INBOX"_s);
    QVERIFY(state && state.value());
    QCOMPARE(state.value()->uidNext, 606u);
}

void TestChunkWriter::reportsAChunkItCannotStore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A database that cannot be opened: the chunk is answered with failed(), not dropped.
    sync::ChunkWriter writer(dir.filePath(u"missing/folder/t.sqlite"_s),
                             sync::MatchPolicy::forAccount(u"me@example.test"_s));
    QSignalSpy committed(&writer, &sync::ChunkWriter::committed);
    QSignalSpy failed(&writer, &sync::ChunkWriter::failed);
    // Queued together, they may share a transaction: each is answered, in order.
    writer.submit(chunk(3, 1, 2));
    writer.submit(chunk(4, 3, 2));
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(failed.at(0).at(0).toULongLong(), quint64(7));
    QCOMPARE(failed.at(0).at(1).toULongLong(), quint64(3));
    QCOMPARE(failed.at(1).at(1).toULongLong(), quint64(4));
    QCOMPARE(failed.at(0).at(2).value<store::StoreError>().code,
             store::StoreError::Code::OpenFailed);
    QCOMPARE(committed.size(), 0);
}

QTEST_GUILESS_MAIN(TestChunkWriter)
#include "tst_chunk_writer.moc"
