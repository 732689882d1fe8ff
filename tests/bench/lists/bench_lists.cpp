// Times the main window's lists on a large profile (no assertions; run by hand):
//   bench_lists [messages=100000] [cards=5000]
// Builds a profile through the sync's own path (MailIngest, batches of 500), then prints the
// medians of: loading each list (model + sorted proxy), applying a sync batch of 500
// messages' changes to the three lists, the global search, and the Untracked view.
// BENCH_DB=path keeps the database (and reuses it when it exists).
#include "BenchTiming.h"
#include "CardRoles.h"
#include "CardTableModel.h"
#include "SearchResultsView.h"
#include "UntrackedSenderModel.h"
#include "store/CardListRepository.h"
#include "store/CardRepository.h"
#include "store/Database.h"
#include "store/LinkRepository.h"
#include "store/SearchIndex.h"
#include "store/SearchRepository.h"
#include "store/Transaction.h"
#include "sync/MailIngest.h"
#include "sync/Matcher.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QSqlQuery>
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

// Words for bodies: a vocabulary of made-up words, so the index has realistic spread.
QStringList vocabulary()
{
    static const QStringList syllables{u"ba"_s, u"co"_s, u"de"_s,  u"fi"_s, u"ga"_s, u"lo"_s,
                                       u"mi"_s, u"no"_s, u"pu"_s,  u"ra"_s, u"se"_s, u"tu"_s,
                                       u"vé"_s, u"ze"_s, u"qua"_s, u"tri"_s};
    QStringList words;
    for (int i = 0; i < 3000; ++i) {
        QString word;
        int n = i;
        do {
            word += syllables[n % syllables.size()];
            n /= int(syllables.size());
        } while (n > 0);
        words << word;
    }
    return words;
}

struct Profile
{
    QList<QString> leadEmails;
    QList<QString> contactEmails;
    QList<qint64> dealIds;
};

QString firstNames(int i)
{
    static const QStringList names{u"Élodie"_s, u"Zoë"_s,      u"Marc"_s, u"Anaïs"_s,
                                   u"Jürgen"_s, u"Sofia"_s,    u"Bob"_s,  u"Chloé"_s,
                                   u"Ingrid"_s, u"Thibault"_s, u"Nuno"_s, u"Ørjan"_s};
    return names[i % names.size()];
}

Profile createCards(const QSqlDatabase& db, int cards)
{
    Profile profile;
    store::Transaction transaction(db);
    store::CardRepository repository(db);
    const int leads = cards * 2 / 5;
    const int deals = cards / 10;
    const int contacts = cards - leads - deals;
    for (int i = 0; i < leads; ++i) {
        crm::Lead lead;
        lead.name = firstNames(i) + u" Lead%1"_s.arg(i);
        lead.company = u"Company %1"_s.arg(i % 700);
        const QString email = u"lead%1@prospect%2.test"_s.arg(i).arg(i % 300);
        lead.emails = {crm::EmailAddress(email)};
        lead.source = u"Web"_s;
        (void)repository.insertLead(lead);
        profile.leadEmails << email;
    }
    for (int i = 0; i < contacts; ++i) {
        crm::Contact contact;
        contact.name = firstNames(i + 5) + u" Contact%1"_s.arg(i);
        contact.organisation = u"Client %1"_s.arg(i % 500);
        const QString email = u"c%1@client%2.test"_s.arg(i).arg(i % 400);
        contact.emails = {crm::EmailAddress(email)};
        contact.phones = {u"+33 1 23 45 %1"_s.arg(i % 100, 2, 10, QLatin1Char('0'))};
        (void)repository.insertContact(contact);
        profile.contactEmails << email;
    }
    for (int i = 0; i < deals; ++i) {
        crm::Deal deal;
        deal.name = u"Deal %1"_s.arg(i);
        deal.value = crm::Money{qint64(i) * 12345, u"EUR"_s};
        deal.expectedClose = QDate(2024, 1, 1).addDays(i % 365);
        profile.dealIds << repository.insertDeal(deal).value();
    }
    transaction.commit();
    return profile;
}

// One batch of mail: a third to leads, a third to contacts, a third to strangers; every
// third message answers the one before it.
store::MessageRepository::Batch makeBatch(const Profile& profile, const QStringList& words,
                                          int first, int size, quint32* uid)
{
    QRandomGenerator random(quint32(first) + 17);
    store::MessageRepository::Batch batch;
    for (int n = first; n < first + size; ++n) {
        store::MessageRecord record;
        record.messageId = u"m%1@bench.test"_s.arg(n);
        const bool reply = n % 3 != 0;
        const int thread = n / 3;
        if (reply)
            record.inReplyTo = QStringList{u"m%1@bench.test"_s.arg(n - 1)};
        QString correspondent;
        switch (thread % 3) {
        case 0:
            correspondent = profile.leadEmails[thread % profile.leadEmails.size()];
            break;
        case 1:
            correspondent = profile.contactEmails[thread % profile.contactEmails.size()];
            break;
        default:
            correspondent = u"stranger%1@elsewhere%2.test"_s.arg(thread % 9000).arg(thread % 250);
        }
        const bool outgoing = n % 2 == 1;
        using Role = store::MessageRecord::Role;
        record.addresses << store::MessageRecord::Address{
            Role::From, outgoing ? u"Me"_s : u"Someone"_s, outgoing ? userAddress : correspondent};
        record.addresses << store::MessageRecord::Address{Role::To, QString(),
                                                          outgoing ? correspondent : userAddress};
        record.outgoing = outgoing;
        record.subject = (reply ? u"Re: "_s : QString()) + u"Order %1"_s.arg(thread);
        record.date = QDateTime(QDate(2020, 1, 1), QTime(8, 0), Qt::UTC).addSecs(qint64(n) * 900);
        record.internalDate = record.date;
        QStringList body{u"Bonjour, voici la commande"_s}; // one word in every message
        for (int w = 0; w < 80; ++w)
            body << words[int(random.bounded(quint32(words.size())))];
        record.textBody = body.join(u' ');
        record.size = record.textBody.size() + 500;
        store::MessageLocation location;
        location.folder = outgoing ? u"Sent"_s : u"INBOX"_s;
        location.uidValidity = 1;
        location.uid = ++*uid;
        batch.append({record, location});
    }
    return batch;
}

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int total = args.size() > 1 ? args.at(1).toInt() : 100000;
    const int cardCount = args.size() > 2 ? args.at(2).toInt() : 5000;
    constexpr int batchSize = 500;

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
    const QStringList words = vocabulary();
    quint32 uid = 0;
    Profile profile;
    if (!reuse) {
        QElapsedTimer timer;
        timer.start();
        profile = createCards(db, cardCount);
        out() << "created " << cardCount << " cards in " << timer.elapsed() << " ms\n";
        timer.restart();
        sync::MailIngest ingest(db, policy);
        for (int first = 0; first < total; first += batchSize)
            (void)ingest.ingest(makeBatch(profile, words, first, batchSize, &uid));
        // Deals get mail the way users give it: attached threads.
        sync::Matcher matcher(db, policy);
        store::Transaction transaction(db);
        for (qsizetype i = 0; i < profile.dealIds.size(); ++i) {
            for (int k = 0; k < 4; ++k)
                (void)matcher.attachThread(profile.dealIds[i], 1 + (i * 4 + k) * 7 % (total / 3));
        }
        transaction.commit();
        out() << "stored " << total << " messages in " << timer.elapsed() << " ms\n";
    } else {
        QSqlQuery emails(db);
        emails.exec(u"SELECT c.kind, e.email, c.id FROM cards c LEFT JOIN card_emails e "
                    "ON e.card_id = c.id ORDER BY c.id"_s);
        while (emails.next()) {
            const QString kind = emails.value(0).toString();
            if (kind == u"lead")
                profile.leadEmails << emails.value(1).toString();
            else if (kind == u"contact")
                profile.contactEmails << emails.value(1).toString();
            else
                profile.dealIds << emails.value(2).toLongLong();
        }
        QSqlQuery max(db);
        max.exec(u"SELECT max(uid) FROM message_locations"_s);
        max.next();
        uid = quint32(max.value(0).toUInt());
    }
    QSqlQuery counts(db);
    counts.exec(u"SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM threads), "
                "(SELECT count(*) FROM links), (SELECT count(*) FROM cards)"_s);
    counts.next();
    out() << "profile: " << counts.value(0).toInt() << " messages, " << counts.value(1).toInt()
          << " threads, " << counts.value(2).toInt() << " links, " << counts.value(3).toInt()
          << " cards\n";

    // ---- lists ----
    for (crm::CardKind kind : crm::allCardKinds()) {
        const QString name = crm::cardKindKey(kind);
        int rows = 0;
        median(u"read %1 rows (the statement alone)"_s.arg(name), 9,
               [&] { (void)store::CardListRepository(db).rows(kind); });
        median(u"load %1 list (model)"_s.arg(name), 9, [&] {
            ui::CardTableModel model(kind, db);
            rows = model.rowCount();
        });
        median(u"load %1 list (model + proxy sorted by name, filter role)"_s.arg(name), 9, [&] {
            ui::CardTableModel model(kind, db);
            QSortFilterProxyModel proxy;
            proxy.setSortRole(ui::SortRole);
            proxy.setSortLocaleAware(true);
            proxy.setFilterRole(ui::FilterRole);
            proxy.setSourceModel(&model);
            proxy.sort(0);
        });
        out() << "  (" << rows << " rows)\n";
    }
    {
        ui::CardTableModel model(crm::CardKind::Contact, db);
        QSortFilterProxyModel proxy;
        proxy.setSortRole(ui::SortRole);
        proxy.setSortLocaleAware(true);
        proxy.setFilterRole(ui::FilterRole);
        proxy.setSourceModel(&model);
        proxy.sort(0);
        median(u"filter contacts by typed text (\"anaïs cont\")"_s, 9, [&] {
            proxy.setFilterFixedString(u"anais cont"_s);
            proxy.setFilterFixedString(QString());
        });
    }

    // ---- a sync batch of 500 messages, applied to the three lists ----
    {
        QObject owner; // the lists live as long as this block, not as the application
        QList<ui::CardTableModel*> models;
        QList<QSortFilterProxyModel*> proxies;
        for (crm::CardKind kind : crm::allCardKinds()) {
            auto* model = new ui::CardTableModel(kind, db, &owner);
            auto* proxy = new QSortFilterProxyModel(&owner);
            proxy->setSortRole(ui::SortRole);
            proxy->setSortLocaleAware(true);
            proxy->setSourceModel(model);
            proxy->sort(0);
            models << model;
            proxies << proxy;
        }
        sync::MailIngest ingest(db, policy);
        int next = counts.value(0).toInt() + 1000000;
        QList<double> ingestTimes;
        int cardsTouched = 0;
        median(u"store a 500-message sync batch (MailIngest) and apply it to the three lists"_s, 7,
               [&] {
                   // Fresh mail for known correspondents (spread over many cards) is stored outside
                   // the timed part's meaning but inside its run; only applyChanges is what the GUI
                   // pays, so it is timed separately below.
                   auto result = ingest.ingest(makeBatch(profile, words, next, batchSize, &uid));
                   next += batchSize;
                   const QList<qint64> ids(result.value().changes.cards.cbegin(),
                                           result.value().changes.cards.cend());
                   cardsTouched = int(ids.size());
                   QElapsedTimer timer;
                   timer.start();
                   for (ui::CardTableModel* model : models)
                       model->applyChanges(ids);
                   ingestTimes << double(timer.nsecsElapsed()) / 1e6;
               });
        std::sort(ingestTimes.begin(), ingestTimes.end());
        out() << "  of which the GUI's part, applyChanges on the three lists (" << cardsTouched
              << " cards changed): median "
              << QString::number(ingestTimes.at(ingestTimes.size() / 2), 'f', 2) << " ms, max "
              << QString::number(ingestTimes.last(), 'f', 2) << " ms\n";
    }

    // ---- global search ----
    // The mail stored above, indexed as the sync's SearchIndexer does after its commits.
    (void)store::SearchIndex(db).catchUpAll();
    const store::SearchRepository search(db);
    const QString common = u"commande"_s; // in every message
    const QString rare = words[2999];     // in few
    QSqlQuery hits(db);
    hits.prepare(u"SELECT count(*) FROM search.message_fts WHERE message_fts MATCH ?"_s);
    for (const QString& word : {common, rare, u"comm"_s, u"ba"_s}) {
        hits.addBindValue(store::SearchRepository::matchExpression(
            word, store::SearchRepository::mailMinPrefixLength));
        hits.exec();
        hits.next();
        out() << "  \"" << word << "\" matches " << hits.value(0).toInt() << " messages\n";
    }
    median(u"search mail, word in every message, first page of 50"_s, 11,
           [&] { (void)search.mail(common, 51); });
    median(u"search mail, word in every message, page 10"_s, 11,
           [&] { (void)search.mail(common, 51, 450); });
    median(u"search mail, prefix \"comm\""_s, 11, [&] { (void)search.mail(u"comm"_s, 51); });
    median(u"search mail, rare word, first page"_s, 11, [&] { (void)search.mail(rare, 51); });
    median(u"search mail, two-letter word \"ba\" (matched whole)"_s, 11,
           [&] { (void)search.mail(u"ba"_s, 51); });
    median(u"search mail, three-letter prefix \"bad\""_s, 11,
           [&] { (void)search.mail(u"bad"_s, 51); });
    median(u"search mail, two words \"commande bade\""_s, 11,
           [&] { (void)search.mail(u"commande bade"_s, 51); });
    median(u"search cards, \"elodie\" (accent folded), first page"_s, 11,
           [&] { (void)search.cards(u"elodie"_s, 51); });
    median(u"search cards, \"client 4\""_s, 11, [&] { (void)search.cards(u"client 4"_s, 51); });
    {
        ui::SearchResultsView view(db);
        median(u"global search as the window runs it (cards + mail + view)"_s, 11,
               [&] { view.search(common); });
    }

    // ---- Untracked ----
    median(u"Untracked senders, first page of 100"_s, 9, [&] {
        ui::UntrackedSenderModel model(db);
        model.setOwnAddresses({userAddress});
        model.reload();
    });
    return 0;
}
