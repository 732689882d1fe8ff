// store::Statement, the C-API statement of the sync's hot paths: values in and out, reuse,
// the shared transaction with QtSql, the same stored text as QSQLITE, and errors as values.
#include "SqlTestHelpers.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace Qt::StringLiterals;
using namespace threadline::store;

using threadline::test::exec;
using threadline::test::scalar;

class TestStatement final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void bindsAndReadsValues();
    void readsRowsInOrder();
    void reusedWithNewValues();
    void sharesTheTransactionOfQtSql();
    void storesTextAsQtSqlDoes_data();
    void storesTextAsQtSqlDoes();
    void resetEndsAQuery();
    void errorsAreValues_data();
    void errorsAreValues();
    void closedConnectionIsAnError();
    void movedStatementStaysPrepared();

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::optional<Database> m_database;
    QSqlDatabase db() const { return m_database->connection(); }
};

void TestStatement::init()
{
    m_database.emplace(m_dir.filePath(u"db%1.sqlite"_s.arg(++m_counter)));
    QVERIFY(!m_database->open());
    QVERIFY(exec(db(), u"CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT UNIQUE)"_s));
}

void TestStatement::cleanup()
{
    m_database.reset();
}

void TestStatement::bindsAndReadsValues()
{
    Statement insert(db(), u"INSERT INTO t (n, s) VALUES (?, ?)"_s);
    QVERIFY2(insert.exec(qint64(1) << 40, u"Zoë 🐙"_s), qPrintable(insert.error().message));
    QCOMPARE(insert.lastInsertId(), qint64(1));
    QCOMPARE(insert.changes(), 1);
    QVERIFY(insert.exec(7, QString()));             // a null QString is text, ''
    QVERIFY(insert.exec(std::nullopt, u"third"_s)); // NULL
    QVERIFY(insert.exec(std::optional<qint64>(), u"fourth"_s));
    QVERIFY(insert.exec(std::optional<qint64>(9), u"fifth"_s));
    QVERIFY(insert.exec(quint32(4000000000u), u"sixth"_s));

    Statement read(db(), u"SELECT n, s, typeof(n), typeof(s) FROM t WHERE id = ?"_s);
    QVERIFY(read.query(1));
    QVERIFY(read.next());
    QCOMPARE(read.int64At(0), qint64(1) << 40);
    QCOMPARE(read.textAt(1), u"Zoë 🐙"_s);
    QVERIFY(!read.next());
    QVERIFY(!read.failed());

    QVERIFY(read.query(2));
    QVERIFY(read.next());
    QCOMPARE(read.textAt(3), u"text"_s);
    QVERIFY(read.textAt(1).isEmpty());
    QVERIFY(!read.textAt(1).isNull());

    QVERIFY(read.query(3));
    QVERIFY(read.next());
    QVERIFY(read.isNullAt(0));
    QCOMPARE(read.int64At(0), qint64(0));
    QCOMPARE(read.textAt(2), u"null"_s);
    QVERIFY(read.textAt(0).isNull());

    QVERIFY(read.query(5));
    QVERIFY(read.next());
    QCOMPARE(read.int64At(0), qint64(9));
    QVERIFY(read.query(6));
    QVERIFY(read.next());
    QCOMPARE(read.int64At(0), qint64(4000000000));
    // What QtSql reads is what was written.
    QCOMPARE(scalar(db(), u"SELECT s FROM t WHERE id = 1"_s).toString(), u"Zoë 🐙"_s);
}

void TestStatement::readsRowsInOrder()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(exec(db(), u"INSERT INTO t (n, s) VALUES (%1, 'r%1')"_s.arg(i)));
    Statement rows(db(), u"SELECT n, s FROM t WHERE n >= ? ORDER BY n"_s);
    QVERIFY(rows.query(2));
    QStringList seen;
    while (rows.next())
        seen << rows.textAt(1);
    QCOMPARE(seen, (QStringList{u"r2"_s, u"r3"_s, u"r4"_s}));
    QVERIFY(!rows.failed());
    // No row at all.
    QVERIFY(rows.query(10));
    QVERIFY(!rows.next());
    QVERIFY(!rows.next());
}

void TestStatement::reusedWithNewValues()
{
    Statement insert(db(), u"INSERT INTO t (n, s) VALUES (?, ?)"_s);
    Statement update(db(), u"UPDATE t SET n = n + 1 WHERE n < ?"_s);
    for (int i = 0; i < 100; ++i) {
        // A temporary string: the statement keeps its own reference until the next binding.
        QVERIFY(insert.exec(i, u"row %1"_s.arg(i)));
        QCOMPARE(insert.lastInsertId(), qint64(i + 1));
    }
    QVERIFY(update.exec(10));
    QCOMPARE(update.changes(), 10);
    QCOMPARE(scalar(db(), u"SELECT count(*) FROM t WHERE n = 10"_s).toInt(), 2);
    QCOMPARE(scalar(db(), u"SELECT s FROM t WHERE id = 100"_s).toString(), u"row 99"_s);
}

void TestStatement::sharesTheTransactionOfQtSql()
{
    Statement insert(db(), u"INSERT INTO t (n, s) VALUES (?, ?)"_s);
    {
        Transaction transaction(db());
        QVERIFY(insert.exec(1, u"rolled back"_s));
        QCOMPARE(scalar(db(), u"SELECT count(*) FROM t"_s).toInt(), 1);
    }
    QCOMPARE(scalar(db(), u"SELECT count(*) FROM t"_s).toInt(), 0);
    {
        Transaction outer(db());
        QVERIFY(insert.exec(2, u"kept"_s));
        {
            Transaction inner(db());
            QVERIFY(insert.exec(3, u"savepoint rolled back"_s));
        }
        QVERIFY(outer.commit());
    }
    QCOMPARE(scalar(db(), u"SELECT group_concat(s) FROM t"_s).toString(), u"kept"_s);
}

void TestStatement::storesTextAsQtSqlDoes_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii") << u"quote@client.test"_s;
    QTest::newRow("accents") << u"Réf : devis n° 12 — pâtisserie"_s;
    QTest::newRow("ascii, then an accent last") << u"quote@client.test, réf"_s;
    QTest::newRow("outside the BMP") << u"🐙 and 𝄞"_s;
    QTest::newRow("empty") << u""_s;
    QTest::newRow("nul inside") << QString(u"a\0b"_s);
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) + u"x"_s;
    QTest::newRow("lone low surrogate") << u"x"_s + QChar(0xdc00) + u"y"_s;
    QTest::newRow("long") << u"Bonjour, voici le devis. "_s.repeated(400);
}

void TestStatement::storesTextAsQtSqlDoes()
{
    QFETCH(QString, text);
    QSqlQuery qt(db());
    QVERIFY(qt.prepare(u"INSERT INTO t (n, s) VALUES (1, ?)"_s));
    qt.bindValue(0, text);
    QVERIFY(qt.exec());
    Statement raw(db(), u"INSERT INTO t (n, s) VALUES (2, ?)"_s);
    // Unique s: the same text twice would fail, so the second copy gets a suffix.
    QVERIFY(raw.exec(text + u"|"_s));
    QCOMPARE(scalar(db(), u"SELECT hex(s) FROM t WHERE n = 2"_s).toString(),
             scalar(db(), u"SELECT hex(s) || '7C' FROM t WHERE n = 1"_s).toString());
    // And each reads back what the other wrote the same way.
    Statement read(db(), u"SELECT s FROM t WHERE n = ?"_s);
    QVERIFY(read.query(1));
    QVERIFY(read.next());
    QCOMPARE(read.textAt(0), scalar(db(), u"SELECT s FROM t WHERE n = 1"_s).toString());
}

void TestStatement::resetEndsAQuery()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(exec(db(), u"INSERT INTO t (n, s) VALUES (%1, 'r%1')"_s.arg(i)));
    Statement rows(db(), u"SELECT n FROM t ORDER BY n"_s);
    {
        Transaction transaction(db());
        QVERIFY(rows.query());
        QVERIFY(rows.next());
        rows.reset();
        QVERIFY(!rows.next());
        QVERIFY(exec(db(), u"INSERT INTO t (n, s) VALUES (9, 'r9')"_s));
        QVERIFY(transaction.commit());
    }
    // A query left after its first row is reset by the next one.
    QVERIFY(rows.query());
    QVERIFY(rows.next());
    QVERIFY(rows.query());
    int count = 0;
    while (rows.next())
        ++count;
    QCOMPARE(count, 4);
}

void TestStatement::errorsAreValues_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("message");
    QTest::newRow("syntax") << u"INSERT INTO t (n, s) VALUS (?, ?)"_s << u"syntax error"_s;
    QTest::newRow("no such table") << u"INSERT INTO nowhere VALUES (?, ?)"_s << u"no such table"_s;
    QTest::newRow("constraint") << u"INSERT INTO t (n, s) VALUES (?, ?)"_s << u"UNIQUE"_s;
    QTest::newRow("too many values")
        << u"INSERT INTO t (n) VALUES (?)"_s << u"parameter count mismatch"_s;
    QTest::newRow("too few values")
        << u"INSERT INTO t (n, s, id) VALUES (?, ?, ?)"_s << u"parameter count mismatch"_s;
}

void TestStatement::errorsAreValues()
{
    QFETCH(QString, sql);
    QFETCH(QString, message);
    QVERIFY(exec(db(), u"INSERT INTO t (n, s) VALUES (0, 'taken')"_s));
    Statement statement(db(), sql);
    QVERIFY(!statement.exec(1, u"taken"_s));
    QVERIFY(statement.failed());
    const StoreError error = statement.error();
    QCOMPARE(error.code, StoreError::Code::QueryFailed);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QVERIFY2(error.message.contains(sql.left(20)), qPrintable(error.message));
    // The connection is still usable, and so is a statement after its failure.
    QCOMPARE(scalar(db(), u"SELECT count(*) FROM t"_s).toInt(), 1);
    if (QTest::currentDataTag() == QByteArrayView("constraint")) {
        QVERIFY(statement.exec(1, u"free"_s));
        QVERIFY(!statement.failed());
    }
}

void TestStatement::closedConnectionIsAnError()
{
    QVERIFY(!Statement::handleOf(QSqlDatabase()));
    QVERIFY(Statement::handleOf(db()));
    Statement unbound;
    QVERIFY(!unbound.exec());
    QVERIFY(unbound.error().message.contains(u"not an open SQLite connection"_s));
}

void TestStatement::movedStatementStaysPrepared()
{
    Statement insert(db(), u"INSERT INTO t (n, s) VALUES (?, ?)"_s);
    QVERIFY(insert.exec(1, u"one"_s));
    Statement moved(std::move(insert));
    QVERIFY(moved.exec(2, u"two"_s));
    Statement assigned;
    assigned = std::move(moved);
    QVERIFY(assigned.exec(3, u"three"_s));
    QCOMPARE(scalar(db(), u"SELECT group_concat(s, ',') FROM (SELECT s FROM t ORDER BY id)"_s)
                 .toString(),
             u"one,two,three"_s);
}

QTEST_GUILESS_MAIN(TestStatement)
#include "tst_statement.moc"
