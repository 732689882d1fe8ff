// Card import and export through the store, and the command-line parser.
#include "cli/CardsJsonImporter.h"
#include "cli/CommandLine.h"
#include "cli/JsonExporter.h"
#include "store/CardRepository.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline;

namespace {

const QByteArray sampleCards = R"({"version": 1,
  "leads": [{"name": "Zoë Lefèvre", "company": "Boulangerie Dupont", "title": "Gérante",
             "emails": ["zoe@boulangerie-dupont.test", "Zoe.Lefevre@gmail.test"], "phones": ["+33 1 23 45 67 89"],
             "status": "Contacted", "source": "Salon"}],
  "contacts": [{"kind": "person", "name": "Alan Smith", "organisation": "Acme",
                "emails": ["alan@acme-corp.test"], "phones": [], "address": "1 Main St"},
               {"kind": "organisation", "name": "Acme Corp", "emails": ["info@acme-corp.test"]}],
  "deals": [{"name": "Acme renewal", "stage": "Quote", "value": "12500.50", "currency": "EUR",
             "closeDate": "2026-12-15", "contacts": ["ALAN@acme-corp.test"]}]})";

} // namespace

class TestCardsJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void importThenExport();
    void badFileImportsNothing_data();
    void badFileImportsNothing();
    void commandLine_data();
    void commandLine();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Database> m_db;
};

void TestCardsJson::init()
{
    m_db = std::make_unique<store::Database>(
        m_dir.filePath(u"%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction())) +
                       QString::fromLatin1(QTest::currentDataTag())));
    QVERIFY(!m_db->open());
}

void TestCardsJson::cleanup()
{
    m_db.reset();
}

void TestCardsJson::importThenExport()
{
    const auto counts = cli::CardsJsonImporter(m_db->connection()).import(sampleCards);
    QVERIFY2(counts, counts ? "" : qPrintable(counts.error().message));
    QCOMPARE(counts.value().leads, 1);
    QCOMPARE(counts.value().contacts, 2);
    QCOMPARE(counts.value().deals, 1);

    store::CardRepository cards(m_db->connection());
    const auto alan = cards.cardIdForEmail(crm::EmailAddress(u"Alan@Acme-Corp.test"_s));
    QVERIFY(alan && alan.value() > 0);

    const auto exported = cli::JsonExporter(m_db->connection()).exportAll();
    QVERIFY(exported);
    const QJsonObject root = exported.value();
    const QJsonObject lead = root[u"leads"_s].toArray().at(0).toObject();
    QCOMPARE(lead[u"name"_s].toString(), u"Zoë Lefèvre"_s);
    QCOMPARE(lead[u"status"_s].toString(), u"contacted"_s);
    QCOMPARE(lead[u"emails"_s].toArray().size(), 2);
    QCOMPARE(lead[u"emails"_s].toArray().at(1).toString(), u"Zoe.Lefevre@gmail.test"_s);
    const QJsonObject deal = root[u"deals"_s].toArray().at(0).toObject();
    QCOMPARE(deal[u"value"_s].toString(), u"12500.50"_s);
    QCOMPARE(deal[u"stage"_s].toString(), u"quote"_s);
    QCOMPARE(deal[u"contactIds"_s].toArray().at(0).toInteger(), alan.value());
    QCOMPARE(root[u"contacts"_s].toArray().size(), 2);
    QCOMPARE(root[u"messages"_s].toArray().size(), 0);
}

void TestCardsJson::badFileImportsNothing_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not json") << QByteArray("{\"version\": 1, ");
    QTest::newRow("wrong version") << QByteArray(R"({"version": 7, "leads": []})");
    QTest::newRow("lead without name")
        << QByteArray(R"({"version": 1, "leads": [{"name": "A"}, {"company": "B"}]})");
    QTest::newRow("unknown stage") << QByteArray(
        R"({"version": 1, "leads": [{"name": "A"}], "deals": [{"name": "D", "stage": "Maybe"}]})");
    QTest::newRow("bad value") << QByteArray(
        R"({"version": 1, "deals": [{"name": "D", "stage": "Won", "value": "a lot"}]})");
    QTest::newRow("unknown contact") << QByteArray(
        R"({"version": 1, "deals": [{"name": "D", "stage": "Won", "contacts": ["x@y.test"]}]})");
}

void TestCardsJson::badFileImportsNothing()
{
    QFETCH(QByteArray, json);
    const auto counts = cli::CardsJsonImporter(m_db->connection()).import(json);
    QVERIFY(!counts);
    QVERIFY(!counts.error().message.isEmpty());
    store::CardRepository cards(m_db->connection());
    QCOMPARE(cards.leads().value().size(), 0);
    QCOMPARE(cards.deals().value().size(), 0);
}

void TestCardsJson::commandLine_data()
{
    using Command = cli::Invocation::Command;
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("command");
    QTest::addColumn<QString>("profile");
    QTest::newRow("gui") << QStringList{u"threadline"_s} << int(Command::Gui) << QString();
    QTest::newRow("gui with profile")
        << QStringList{u"threadline"_s, u"--profile"_s, u"/p"_s} << int(Command::Gui) << u"/p"_s;
    QTest::newRow("gui with qt option")
        << QStringList{u"threadline"_s, u"-platform"_s, u"offscreen"_s} << int(Command::Gui)
        << QString();
    QTest::newRow("sync once") << QStringList{u"threadline"_s, u"sync"_s, u"--once"_s,
                                              u"--profile=/q"_s}
                               << int(Command::Sync) << u"/q"_s;
    QTest::newRow("export") << QStringList{u"threadline"_s, u"export"_s, u"--format"_s, u"json"_s}
                            << int(Command::Export) << QString();
    QTest::newRow("account add") << QStringList{u"threadline"_s, u"account"_s, u"add"_s,
                                                u"--email"_s, u"a@b"_s}
                                 << int(Command::AccountAdd) << QString();
    QTest::newRow("account without add")
        << QStringList{u"threadline"_s, u"account"_s} << int(Command::Invalid) << QString();
    QTest::newRow("unknown") << QStringList{u"threadline"_s, u"frobnicate"_s}
                             << int(Command::Invalid) << QString();
    QTest::newRow("profile without value")
        << QStringList{u"threadline"_s, u"--profile"_s} << int(Command::Invalid) << QString();
    QTest::newRow("account add, every option") << QStringList{u"threadline"_s,
                                                              u"account"_s,
                                                              u"add"_s,
                                                              u"--profile"_s,
                                                              u"/p"_s,
                                                              u"--email"_s,
                                                              u"sam@example.test"_s,
                                                              u"--name"_s,
                                                              u"Sam Seller"_s,
                                                              u"--imap-host"_s,
                                                              u"imap.example.test"_s,
                                                              u"--imap-port=993"_s,
                                                              u"--imap-security"_s,
                                                              u"tls"_s,
                                                              u"--smtp-host"_s,
                                                              u"smtp.example.test"_s,
                                                              u"--smtp-port"_s,
                                                              u"587"_s,
                                                              u"--smtp-security"_s,
                                                              u"starttls"_s,
                                                              u"--ca-file"_s,
                                                              u"/ca.pem"_s,
                                                              u"--history-days"_s,
                                                              u"90"_s,
                                                              u"--password-stdin"_s}
                                               << int(Command::AccountAdd) << u"/p"_s;
    QTest::newRow("account option without value")
        << QStringList{u"threadline"_s, u"account"_s, u"add"_s, u"--email"_s}
        << int(Command::Invalid) << QString();
    QTest::newRow("unknown option")
        << QStringList{u"threadline"_s, u"sync"_s, u"--once"_s, u"--frobnicate"_s}
        << int(Command::Invalid) << QString();
    QTest::newRow("account option on sync")
        << QStringList{u"threadline"_s, u"sync"_s, u"--once"_s, u"--email"_s, u"a@b"_s}
        << int(Command::Invalid) << QString();
    QTest::newRow("password-stdin on export")
        << QStringList{u"threadline"_s, u"export"_s, u"--password-stdin"_s} << int(Command::Invalid)
        << QString();
}

void TestCardsJson::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, command);
    QFETCH(QString, profile);
    const cli::Invocation invocation = cli::CommandLine::parse(arguments);
    QCOMPARE(int(invocation.command), command);
    QCOMPARE(invocation.profileDirectory, profile);
    if (invocation.command == cli::Invocation::Command::Invalid)
        QVERIFY(!invocation.error.isEmpty());
    if (QByteArrayView(QTest::currentDataTag()) == "account add, every option") {
        QCOMPARE(invocation.options.value(u"email"_s), u"sam@example.test"_s);
        QCOMPARE(invocation.options.value(u"name"_s), u"Sam Seller"_s);
        QCOMPARE(invocation.options.value(u"imap-port"_s), u"993"_s);
        QCOMPARE(invocation.options.value(u"smtp-security"_s), u"starttls"_s);
        QCOMPARE(invocation.options.value(u"history-days"_s), u"90"_s);
        QVERIFY(invocation.passwordStdin);
        QVERIFY(invocation.arguments.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestCardsJson)
#include "tst_cards_json.moc"
