// Times the card view on a large profile (no assertions; run by hand, offscreen):
//   QT_QPA_PLATFORM=offscreen bench_card_view [messages=100000] [cardThreads=2000]
// Builds a profile through the sync's own path (MailIngest, batches of 500) in which one
// contact is on `cardThreads` threads, then prints medians of: opening that card (showCard
// until the first page of threads is laid out and painted), the next pages, a sync batch's
// refresh of the open card, opening a thread, and the full-text search over all stored mail
// (the store's query and the "Attach email…" dialog).
// BENCH_DB=path keeps the database (and reuses it when it exists).
#include "BenchTiming.h"
#include "card/AttachEmailDialog.h"
#include "card/CardView.h"
#include "card/ThreadListModel.h"
#include "card/ThreadRoles.h"
#include "card/ThreadView.h"
#include "store/CardRepository.h"
#include "store/Database.h"
#include "store/LinkRepository.h"
#include "store/SearchIndex.h"
#include "store/SearchRepository.h"
#include "sync/MailIngest.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace threadline;
using bench::cpuMs;
using bench::median;
using bench::out;

namespace {

const QString userAddress = u"me@acme.test"_s;
const QString bigAddress = u"big@customer.test"_s;

const QStringList words{u"devis"_s,       u"livraison"_s, u"facture"_s, u"four"_s,
                        u"pâtisserie"_s,  u"contrat"_s,   u"remise"_s,  u"échéance"_s,
                        u"maintenance"_s, u"garantie"_s,  u"pièce"_s,   u"rendez-vous"_s};

// Message n of the profile: every third message starts a thread, the others answer the one
// before; threads below cardThreads are with the big customer, the rest with 7,000 others.
store::MessageRecord message(int n, int thread, bool reply, int cardThreads)
{
    store::MessageRecord record;
    record.messageId = u"m%1@bench.test"_s.arg(n);
    record.subject = reply ? u"Re: Commande %1"_s.arg(thread) : u"Commande %1"_s.arg(thread);
    record.date = QDateTime(QDate(2020, 1, 1), QTime(8, 0), Qt::UTC).addSecs(qint64(n) * 900);
    record.internalDate = record.date;
    record.size = 2000;
    const QString correspondent =
        thread < cardThreads ? bigAddress
                             : u"client%1@company%2.test"_s.arg(thread % 7000).arg(thread % 400);
    using Role = store::MessageRecord::Role;
    if (n % 2 == 0) {
        record.addresses = {{Role::From, u"Client %1"_s.arg(thread % 7000), correspondent},
                            {Role::To, QString(), userAddress}};
    } else {
        record.outgoing = true;
        record.addresses = {{Role::From, u"Me"_s, userAddress},
                            {Role::To, QString(), correspondent}};
    }
    QStringList text;
    for (int i = 0; i < 60; ++i)
        text << words.at((n * 7 + i * 13) % words.size());
    text << u"réf%1"_s.arg(n); // one word found in one message only
    record.textBody = u"Bonjour,\n"_s + text.join(u' ') + u"\nCordialement"_s;
    if (reply)
        record.references = {u"m%1@bench.test"_s.arg(n - 1)};
    return record;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int total = args.size() > 1 ? args.at(1).toInt() : 100000;
    const int cardThreads = args.size() > 2 ? args.at(2).toInt() : 2000;

    QTemporaryDir dir;
    const QString path = qEnvironmentVariableIsSet("BENCH_DB") ? qEnvironmentVariable("BENCH_DB")
                                                               : dir.filePath(u"bench.sqlite"_s);
    const bool reuse = QFileInfo::exists(path);
    store::Database database(path);
    if (const auto error = database.open()) {
        out() << "cannot open " << path << ": " << error->message << "\n";
        return 1;
    }
    const QSqlDatabase& db = database.connection();
    const sync::MatchPolicy policy = sync::MatchPolicy::forAccount(userAddress);

    QElapsedTimer buildTimer;
    buildTimer.start();
    if (!reuse) {
        crm::Contact big;
        big.name = u"Big customer"_s;
        big.emails = {crm::EmailAddress(bigAddress)};
        (void)store::CardRepository(db).insertContact(big);
        for (int i = 0; i < 500; ++i) {
            crm::Contact contact;
            contact.name = u"Client %1"_s.arg(i);
            contact.emails = {crm::EmailAddress(u"client%1@company%2.test"_s.arg(i).arg(i % 400))};
            (void)store::CardRepository(db).insertContact(contact);
        }
        sync::MailIngest ingest(db, policy);
        int threadStarts = 0;
        quint32 uid = 0;
        for (int n = 0; n < total;) {
            store::MessageRepository::Batch batch;
            for (int i = 0; i < 500 && n < total; ++i, ++n) {
                const bool reply = n % 3 != 0;
                const int thread = reply ? threadStarts - 1 : threadStarts++;
                store::MessageRecord record = message(n, thread, reply, cardThreads);
                store::MessageLocation location;
                location.folder = record.outgoing ? u"Sent"_s : u"INBOX"_s;
                location.uidValidity = 1;
                location.uid = ++uid;
                batch.append({record, location});
            }
            const auto result = ingest.ingest(batch);
            if (!result) {
                out() << "ingest failed: " << result.error().message << "\n";
                return 1;
            }
        }
    }
    // Searchable, as the sync's SearchIndexer makes it after its commits.
    if (const auto error = store::SearchIndex(db).catchUpAll()) {
        out() << "indexing failed: " << error->message << "\n";
        return 1;
    }
    QSqlQuery query(db);
    query.exec(u"SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM threads)"_s);
    query.next();
    out() << (reuse ? "reused " : "built ") << path << " in "
          << QString::number(buildTimer.elapsed() / 1000.0, 'f', 1)
          << " s: " << query.value(0).toLongLong() << " messages, " << query.value(1).toLongLong()
          << " threads\n";
    query.finish();
    const qint64 bigId =
        store::CardRepository(db).cardIdForEmail(crm::EmailAddress(bigAddress)).value();
    out() << "card under test: " << store::LinkRepository(db).cardThreadCount(bigId).value()
          << " threads\n";

    ui::CardView view(db);
    view.setMatchPolicy(policy);
    view.resize(900, 1000);
    view.show();
    QApplication::processEvents();
    QTableView* table = view.threadTable();

    // Opening the card: fields, counts, first page, then the layout and paint of the list.
    median(
        u"open a card with 2,000 threads (showCard + first page painted)"_s, 11,
        [&] {
            view.showCard(0);
            QApplication::processEvents();
        },
        [&] {
            view.showCard(bigId);
            QApplication::processEvents();
            table->viewport()->repaint();
        });
    median(
        u"  of which showCard() alone"_s, 11, [&] { view.showCard(0); },
        [&] { view.showCard(bigId); });
    store::LinkRepository links(db);
    median(u"  store: first page of 100 threads"_s, 11,
           [&] { (void)links.cardThreads(bigId, 100); });
    median(u"  store: thread count (attached)"_s, 11, [&] { (void)links.cardThreadCount(bigId); });
    median(u"  store: thread count (detached)"_s, 11,
           [&] { (void)links.cardThreadCount(bigId, store::LinkRepository::Filter::Detached); });
    out() << "  rows after opening: " << view.threadModel()->rowCount() << " of "
          << view.threadModel()->totalCount() << "\n";
    median(
        u"next page (fetchMore of 100 rows, keyset)"_s, 11,
        [&] {
            view.showCard(bigId);
            for (int i = 0; i < 9; ++i)
                view.threadModel()->fetchMore({});
        },
        [&] { view.threadModel()->fetchMore({}); });
    median(
        u"scroll to the end of 2,000 threads (all pages)"_s, 5, [&] { view.showCard(bigId); },
        [&] {
            while (view.threadModel()->canFetchMore({}))
                view.threadModel()->fetchMore({});
        });

    // A sync batch touching 500 threads (50 of them on the card) while the card is open.
    QList<qint64> batchThreads;
    query.exec(u"SELECT id FROM threads ORDER BY id DESC LIMIT 450"_s);
    while (query.next())
        batchThreads << query.value(0).toLongLong();
    query.finish();
    for (int row = 0; row < 50; ++row)
        batchThreads << view.threadModel()->threadAt(row * 3).thread.id;
    median(
        u"refreshThreads() with 500 changed threads (50 on the card)"_s, 7,
        [&] { view.showCard(bigId); }, [&] { view.refreshThreads(batchThreads); });

    view.showCard(bigId);
    const qint64 firstThread = view.threadModel()->threadAt(0).thread.id;
    median(u"open a thread (messages + newest message shown)"_s, 11,
           [&] { view.threadView()->showThread(bigId, firstThread); });

    store::SearchRepository search(db);
    median(u"FTS search, common word over 100,000 messages (first 100 hits)"_s, 11,
           [&] { (void)search.mail(u"commande"_s, 100); });
    median(u"FTS search, prefix of a common word (\"livr\")"_s, 11,
           [&] { (void)search.mail(u"livr"_s, 100); });
    median(u"FTS search, a word in one message (\"réf77777\")"_s, 11,
           [&] { (void)search.mail(u"réf77777"_s, 100); });
    median(u"FTS search, two words (\"devis garantie\")"_s, 11,
           [&] { (void)search.mail(u"devis garantie"_s, 100); });
    median(u"FTS search, no match (\"zzzqqq\")"_s, 11,
           [&] { (void)search.mail(u"zzzqqq"_s, 100); });
    ui::AttachEmailDialog dialog(db, bigId, u"Big customer"_s);
    median(u"\"Attach email…\" search shown (common word, 100 messages grouped by thread)"_s, 11,
           [&] { dialog.search(u"commande"_s); });
    median(u"\"Attach email…\" opened (newest untracked threads)"_s, 11,
           [&] { ui::AttachEmailDialog opened(db, bigId, u"Big customer"_s); });
    return 0;
}
