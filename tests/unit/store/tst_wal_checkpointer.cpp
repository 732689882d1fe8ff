// store::WalCheckpointer: below its threshold it leaves the log alone; past it, a passive
// checkpoint on its own thread and connection copies the writer's log back into the
// database file while the writer's own automatic checkpoint is off.

#include "store/Database.h"
#include "store/WalCheckpointer.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline;

class TestWalCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void copiesTheLogBackOncePastTheThreshold();
};

namespace {

// Writes about `bytes` of rows in one transaction on `db`.
bool write(const QSqlDatabase& db, qint64 bytes)
{
    QSqlQuery query(db);
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return false;
    query.prepare(u"INSERT INTO blob_rows (data) VALUES (?)"_s);
    const QString row(2000, u'x');
    for (qint64 written = 0; written < bytes; written += row.size()) {
        query.addBindValue(QString(row + QString::number(written)));
        if (!query.exec())
            return false;
    }
    return QSqlQuery(db).exec(u"COMMIT"_s);
}

} // namespace

void TestWalCheckpointer::copiesTheLogBackOncePastTheThreshold()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"t.sqlite"_s);
    store::Database db(path);
    QVERIFY(!db.open());
    QSqlQuery setup(db.connection());
    QVERIFY(setup.exec(u"PRAGMA wal_autocheckpoint = 0"_s));
    QVERIFY(setup.exec(u"PRAGMA journal_size_limit = 0"_s));
    QVERIFY(setup.exec(u"CREATE TABLE blob_rows (id INTEGER PRIMARY KEY, data TEXT)"_s));

    store::WalCheckpointer checkpointer(path);
    QSignalSpy checkpointed(&checkpointer, &store::WalCheckpointer::checkpointed);

    // A small log: nothing to do.
    QVERIFY(write(db.connection(), 1024 * 1024));
    checkpointer.afterCommit();
    const qint64 fileBefore = QFileInfo(path).size();
    QVERIFY(QFileInfo(path + u"-wal"_s).size() < store::WalCheckpointer::walBytesThreshold);

    // Past the threshold: the log's pages reach the database file, written by the other thread.
    QVERIFY(write(db.connection(), store::WalCheckpointer::walBytesThreshold));
    QVERIFY(QFileInfo(path + u"-wal"_s).size() >= store::WalCheckpointer::walBytesThreshold);
    checkpointer.afterCommit();
    QTRY_COMPARE(checkpointed.size(), 1);
    const QList<QVariant> result = checkpointed.first();
    QVERIFY(result.at(0).toBool());
    QVERIFY(result.at(1).toInt() > 0);
    QCOMPARE(result.at(2).toInt(), result.at(1).toInt());
    QVERIFY(QFileInfo(path).size() > fileBefore + store::WalCheckpointer::walBytesThreshold / 2);
}

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_wal_checkpointer.moc"
