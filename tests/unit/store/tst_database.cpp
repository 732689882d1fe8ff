// The store: a fresh schema, reopening, a migration with data, refusal of a newer schema,
// and the transaction guard.
#include "SqlTestHelpers.h"
#include "store/Database.h"
#include "store/Migrations.h"
#include "store/SearchIndex.h"
#include "store/Transaction.h"
#include "store/WalCheckpointer.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace threadline::store;

using threadline::test::exec;
using threadline::test::scalar;

class TestDatabase final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshSchema();
    void freshSchemaHasTable_data();
    void freshSchemaHasTable();
    void reopenKeepsData();
    void existingFileKeepsItsPageSize();
    void migrationFromVersion1KeepsAndIndexesData();
    void migrationFromVersion4KeepsAddresses();
    void newerSchemaIsRefused();
    void transactionRollsBackUnlessCommitted();
    void nestedTransactionsAreSavepoints();
    void flatTransactionJoinsNestedOnes();
    void secondConnectionReadsWhileFirstWrites();

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(u"db%1.sqlite"_s.arg(++m_counter)); }
};

void TestDatabase::freshSchema()
{
    Database db(freshPath());
    const auto error = db.open();
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
    QCOMPARE(Migrations::currentVersion(db.connection()), Migrations::latestVersion());
    QCOMPARE(scalar(db.connection(), u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(db.connection(), u"PRAGMA page_size"_s).toInt(), Database::pageSize);
    QCOMPARE(scalar(db.connection(), u"PRAGMA foreign_keys"_s).toInt(), 1);
    QCOMPARE(scalar(db.connection(), u"PRAGMA busy_timeout"_s).toInt(), Database::busyTimeoutMs);
    QCOMPARE(scalar(db.connection(), u"PRAGMA temp_store"_s).toInt(), 2); // MEMORY
    QCOMPARE(scalar(db.connection(), u"PRAGMA wal_autocheckpoint"_s).toLongLong(),
             WalCheckpointer::fallbackBytes / Database::pageSize);
    // The process's first connection turned SQLite's allocation count off: nothing counted.
    QVERIFY(scalar(db.connection(), u"SELECT count(*) FROM messages"_s).isValid());
    QCOMPARE(sqlite3_memory_used(), 0);
}

void TestDatabase::freshSchemaHasTable_data()
{
    QTest::addColumn<QString>("table");
    for (const char* table :
         {"cards", "card_emails", "card_phones", "deal_contacts", "threads", "messages",
          "message_addresses", "message_locations", "attachments", "links", "folder_state",
          "skipped_messages", "blocklist", "search_queue", "card_fts"})
        QTest::newRow(table) << QString::fromLatin1(table);
}

void TestDatabase::freshSchemaHasTable()
{
    QFETCH(QString, table);
    Database db(freshPath());
    QVERIFY(!db.open());
    QCOMPARE(scalar(db.connection(),
                    u"SELECT count(*) FROM sqlite_master WHERE name = '%1'"_s.arg(table))
                 .toInt(),
             1);
    // The mail's full-text index is in a file of its own (tst_search_index).
    QCOMPARE(
        scalar(db.connection(), u"SELECT count(*) FROM sqlite_master WHERE name = 'message_fts'"_s)
            .toInt(),
        0);
}

void TestDatabase::reopenKeepsData()
{
    const QString path = freshPath();
    {
        Database db(path);
        QVERIFY(!db.open());
        QVERIFY(exec(db.connection(), u"INSERT INTO cards (kind, name, created_at, updated_at) "
                                      "VALUES ('lead', 'Zoë', 1, 1)"_s));
    }
    Database again(path);
    QVERIFY(!again.open());
    QCOMPARE(Migrations::currentVersion(again.connection()), Migrations::latestVersion());
    QCOMPARE(scalar(again.connection(), u"SELECT name FROM cards"_s).toString(), u"Zoë"_s);
    QCOMPARE(scalar(again.connection(), u"SELECT count(*) FROM schema_version"_s).toInt(), 1);
}

void TestDatabase::existingFileKeepsItsPageSize()
{
    // A store made before 16 KiB pages (SQLite's default 4 KiB) opens, migrates and works as
    // it is: page_size cannot change a written file.
    const QString path = freshPath();
    {
        sqlite3* handle = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &handle), SQLITE_OK);
        QCOMPARE(sqlite3_exec(handle, "PRAGMA page_size = 4096; CREATE TABLE older (a)", nullptr,
                              nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(handle);
    }
    Database db(path);
    const auto error = db.open();
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
    QCOMPARE(scalar(db.connection(), u"PRAGMA page_size"_s).toInt(), 4096);
    QCOMPARE(scalar(db.connection(), u"PRAGMA wal_autocheckpoint"_s).toLongLong(),
             WalCheckpointer::fallbackBytes / 4096);
    QCOMPARE(Migrations::currentVersion(db.connection()), Migrations::latestVersion());
    QVERIFY(exec(db.connection(), u"INSERT INTO cards (kind, name, created_at, updated_at) "
                                  "VALUES ('lead', 'Zoë', 1, 1)"_s));
    QCOMPARE(scalar(db.connection(), u"SELECT name FROM cards"_s).toString(), u"Zoë"_s);
}

void TestDatabase::migrationFromVersion1KeepsAndIndexesData()
{
    const QString path = freshPath();
    {
        Database db(path);
        QVERIFY(!db.open(1));
        QCOMPARE(Migrations::currentVersion(db.connection()), 1);
        QCOMPARE(scalar(db.connection(),
                        u"SELECT count(*) FROM sqlite_master WHERE name = 'message_fts'"_s)
                     .toInt(),
                 0);
        QVERIFY(exec(db.connection(),
                     u"INSERT INTO messages (message_key, subject, body_text) "
                     "VALUES ('<a@x>', 'Devis pâtisserie', 'Bonjour, voici le devis')"_s));
        QVERIFY(exec(db.connection(),
                     u"INSERT INTO cards (kind, name, company, created_at, updated_at) "
                     "VALUES ('contact', 'François Müller', 'Dupont', 1, 1)"_s));
        QVERIFY(exec(db.connection(),
                     u"INSERT INTO card_emails VALUES (1, 0, 'F@Dupont.test', 'f@dupont.test')"_s));
    }
    Database db(path);
    QVERIFY(!db.open());
    QCOMPARE(Migrations::currentVersion(db.connection()), Migrations::latestVersion());
    // The new index file is built from the rows version 1 already had; diacritics fold.
    QVERIFY(!SearchIndex(db.connection()).catchUpAll());
    QCOMPARE(scalar(db.connection(), u"SELECT rowid FROM search.message_fts "
                                     "WHERE message_fts MATCH 'patisserie'"_s)
                 .toInt(),
             1);
    QCOMPARE(
        scalar(db.connection(), u"SELECT rowid FROM card_fts WHERE card_fts MATCH 'francois'"_s)
            .toInt(),
        1);
    QCOMPARE(scalar(db.connection(),
                    u"SELECT rowid FROM card_fts WHERE card_fts MATCH '\"f@dupont.test\"'"_s)
                 .toInt(),
             1);
    // And the update trigger queues the change for it (new rows are queued by
    // MessageRepository::storeBatch, deletions by their trigger: tst_search_index).
    QVERIFY(exec(db.connection(), u"UPDATE messages SET subject = 'Commande' WHERE id = 1"_s));
    QVERIFY(!SearchIndex(db.connection()).catchUpAll());
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM search.message_fts "
                                     "WHERE message_fts MATCH 'patisserie'"_s)
                 .toInt(),
             0);
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM search.message_fts "
                                     "WHERE message_fts MATCH 'commande'"_s)
                 .toInt(),
             1);
}

void TestDatabase::migrationFromVersion4KeepsAddresses()
{
    const QString path = freshPath();
    {
        Database db(path);
        QVERIFY(!db.open(4));
        QVERIFY(exec(db.connection(), u"INSERT INTO messages (message_key) VALUES ('a@x')"_s));
        QVERIFY(exec(db.connection(),
                     u"INSERT INTO message_addresses VALUES (1, 'from', 0, 'Zoë', 'Z@x.test', "
                     "'z@x.test'), (1, 'delivered-to', 0, '', 'me@x.test', 'me@x.test')"_s));
    }
    Database db(path);
    QVERIFY(!db.open());
    QCOMPARE(Migrations::currentVersion(db.connection()), Migrations::latestVersion());
    QCOMPARE(
        scalar(db.connection(),
               u"SELECT group_concat(role || ':' || name || ':' || email || ':' || email_norm, "
               "' ') FROM message_addresses"_s)
            .toString(),
        u"delivered-to::me@x.test:me@x.test from:Zoë:Z@x.test:z@x.test"_s);
    // The same rule: a known role goes in, anything else is refused.
    QVERIFY(exec(db.connection(), u"INSERT INTO message_addresses VALUES (1, 'bcc', 0, '', "
                                  "'b@x.test', 'b@x.test')"_s));
    QVERIFY(!exec(db.connection(), u"INSERT INTO message_addresses VALUES (1, 'From', 1, '', "
                                   "'c@x.test', 'c@x.test')"_s));
    QVERIFY(!exec(db.connection(), u"INSERT INTO message_addresses VALUES (1, 'other', 0, '', "
                                   "'c@x.test', 'c@x.test')"_s));
    // Its index and its cascade are back.
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM sqlite_master WHERE name = "
                                     "'message_addresses_norm'"_s)
                 .toInt(),
             1);
    QVERIFY(exec(db.connection(), u"DELETE FROM messages WHERE id = 1"_s));
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM message_addresses"_s).toInt(), 0);
}

void TestDatabase::newerSchemaIsRefused()
{
    const QString path = freshPath();
    {
        Database db(path);
        QVERIFY(!db.open());
        QVERIFY(exec(db.connection(), u"UPDATE schema_version SET version = 999"_s));
    }
    Database db(path);
    const auto error = db.open();
    QVERIFY(error);
    QCOMPARE(error->code, StoreError::Code::NewerSchema);
}

void TestDatabase::transactionRollsBackUnlessCommitted()
{
    Database db(freshPath());
    QVERIFY(!db.open());
    {
        Transaction transaction(db.connection());
        QVERIFY(transaction.isActive());
        QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('spam.test', 'domain')"_s));
    }
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM blocklist"_s).toInt(), 0);
    {
        Transaction transaction(db.connection());
        QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('spam.test', 'domain')"_s));
        QVERIFY(transaction.commit());
    }
    QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM blocklist"_s).toInt(), 1);
}

void TestDatabase::nestedTransactionsAreSavepoints()
{
    Database db(freshPath());
    QVERIFY(!db.open());
    {
        Transaction outer(db.connection());
        QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('a.test', 'domain')"_s));
        {
            Transaction inner(db.connection());
            QVERIFY(inner.isActive());
            QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('b.test', 'domain')"_s));
            // not committed: only b.test goes
        }
        {
            Transaction inner(db.connection());
            QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('c.test', 'domain')"_s));
            QVERIFY(inner.commit());
        }
        QVERIFY(outer.commit());
    }
    QCOMPARE(scalar(db.connection(),
                    u"SELECT group_concat(pattern, ',') FROM blocklist ORDER BY pattern"_s)
                 .toString(),
             u"a.test,c.test"_s);
}

void TestDatabase::flatTransactionJoinsNestedOnes()
{
    Database db(freshPath());
    QVERIFY(!db.open());
    const auto patterns = [&db] {
        return scalar(db.connection(), u"SELECT coalesce(group_concat(pattern, ','), '') FROM "
                                       "(SELECT pattern FROM blocklist ORDER BY pattern)"_s)
            .toString();
    };
    {
        // Nested ones join: no savepoint (a savepoint name would be in use otherwise).
        Transaction outer(db.connection(), Transaction::Nesting::Flat);
        QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('a.test', 'domain')"_s));
        {
            Transaction inner(db.connection());
            QVERIFY(inner.isActive());
            QVERIFY(!exec(db.connection(), u"RELEASE nested_1"_s));
            QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('b.test', 'domain')"_s));
            QVERIFY(inner.commit());
        }
        QVERIFY(outer.commit());
    }
    QCOMPARE(patterns(), u"a.test,b.test"_s);
    {
        // One nested transaction ending without commit() dooms the whole: nothing stays.
        Transaction outer(db.connection(), Transaction::Nesting::Flat);
        QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('c.test', 'domain')"_s));
        {
            Transaction inner(db.connection());
            QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('d.test', 'domain')"_s));
        }
        {
            Transaction later(db.connection());
            QVERIFY(later.commit());
        }
        QVERIFY(!outer.commit());
    }
    QCOMPARE(patterns(), u"a.test,b.test"_s);
    {
        // The next transaction starts clean, with savepoints again.
        Transaction outer(db.connection());
        {
            Transaction inner(db.connection());
            QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('e.test', 'domain')"_s));
        }
        QVERIFY(exec(db.connection(), u"INSERT INTO blocklist VALUES ('f.test', 'domain')"_s));
        QVERIFY(outer.commit());
    }
    QCOMPARE(patterns(), u"a.test,b.test,f.test"_s);
}
void TestDatabase::secondConnectionReadsWhileFirstWrites()
{
    const QString path = freshPath();
    Database writer(path);
    QVERIFY(!writer.open());
    Database reader(path);
    QVERIFY(!reader.open());
    Transaction transaction(writer.connection());
    QVERIFY(exec(writer.connection(), u"INSERT INTO blocklist VALUES ('a.test', 'domain')"_s));
    // WAL: the reader is not blocked by the open write transaction and sees the old state.
    QCOMPARE(scalar(reader.connection(), u"SELECT count(*) FROM blocklist"_s).toInt(), 0);
    QVERIFY(transaction.commit());
    QCOMPARE(scalar(reader.connection(), u"SELECT count(*) FROM blocklist"_s).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
