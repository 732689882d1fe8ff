// Times the store thread's work per message during an initial sync (no assertions; run by
// hand):
//   bench_ingest [--messages N=10000] [--batch B=500] [--runs R=5] [--dump FILE] [--scenario]
// Builds N messages in memory (threads of replies with References/In-Reply-To, three
// addresses, text and HTML bodies, a few attachments, some sent by the user), then feeds them
// in batches through sync::MailIngest::ingest into a fresh profile database on disk, the way
// the ChunkWriter does (its pragmas, a checkpointer thread). Prints wall time and this
// thread's CPU time per message, medians of R runs.
//
// --dump FILE writes what the last run stored (every table, the search index queue, and
// each batch's IngestResult) as sorted text, so two builds can be compared with diff.
// --scenario adds what the initial sync of the figures never meets, for such comparisons:
// cards owning some correspondents, a blocklisted address, the dropbox, single-message links,
// detached threads and expunged messages (tombstones) between batches.
#include "BenchTiming.h"
#include "crm/Contact.h"
#include "crm/Deal.h"
#include "store/CardRepository.h"
#include "store/Database.h"
#include "store/MessageRepository.h"
#include "store/SyncLedger.h"
#include "store/Transaction.h"
#include "store/WalCheckpointer.h"
#include "sync/MailIngest.h"
#include "sync/MatchPolicy.h"
#include "sync/Matcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <algorithm>
#include <random>

using namespace Qt::StringLiterals;
using namespace threadline;
using bench::cpuMs;
using bench::medianOf;
using bench::out;

namespace {

const QString userAddress = u"me@acme.test"_s;
using Role = store::MessageRecord::Role;

struct Options
{
    int messages = 10000;
    int batch = 500;
    int runs = 5;
    QString dump;
    bool scenario = false;
};

Options parse(const QStringList& args)
{
    Options options;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        const QString next = i + 1 < args.size() ? args.at(i + 1) : QString();
        if (arg == u"--messages")
            options.messages = next.toInt(), ++i;
        else if (arg == u"--batch")
            options.batch = next.toInt(), ++i;
        else if (arg == u"--runs")
            options.runs = next.toInt(), ++i;
        else if (arg == u"--dump")
            options.dump = next, ++i;
        else if (arg == u"--scenario")
            options.scenario = true;
        else
            qFatal("unknown argument %s", qPrintable(arg));
    }
    return options;
}

// Words of made-up text, so the full-text index sees a realistic spread of terms.
QString words(std::mt19937& random, int characters)
{
    static const QStringList syllables{u"ba"_s, u"co"_s, u"de"_s,  u"fi"_s, u"ga"_s, u"lo"_s,
                                       u"mi"_s, u"no"_s, u"pu"_s,  u"ra"_s, u"se"_s, u"tu"_s,
                                       u"vé"_s, u"ze"_s, u"qua"_s, u"tri"_s};
    QString text;
    while (text.size() < characters) {
        const int length = 1 + int(random() % 4);
        for (int i = 0; i < length; ++i)
            text += syllables.at(qsizetype(random() % syllables.size()));
        text += random() % 12 == 0 ? u". "_s : u" "_s;
    }
    return text;
}

// An open conversation the generator may add a reply to.
struct Conversation
{
    QStringList ids; // oldest first
    QString subject;
    QString correspondent;
    int wanted = 1; // messages it will have
};

// The mailbox of the figures: ~55% replies, ~1.5 referenced ids and 3 addresses a message,
// ~350 characters of text and ~280 of HTML, a tenth with attachments, a third sent by the
// user. Deterministic: the same N gives the same messages.
store::MessageRepository::Batch mailbox(int count, bool scenario)
{
    std::mt19937 random(20240301);
    const QDateTime start(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC);
    store::MessageRepository::Batch result;
    QList<Conversation> open;
    int conversations = 0;
    quint32 inboxUid = 0;
    quint32 sentUid = 0;
    for (int i = 0; i < count; ++i) {
        store::MessageRecord record;
        const int roll = int(random() % 100);
        qsizetype at = 0;
        if (!open.isEmpty() && roll < 56) {
            at = qsizetype(random() % std::min<std::size_t>(open.size(), 40));
        } else {
            Conversation fresh;
            const int length = int(random() % 100);
            fresh.wanted = length < 62 ? 1 : length < 72 ? 2 : length < 80 ? 3 : 6;
            fresh.subject = u"Quote %1 for %2"_s.arg(conversations).arg(words(random, 12));
            fresh.correspondent = u"client%1@customer%2.test"_s.arg(conversations % 2000)
                                      .arg(conversations % 2000 % 300);
            // Some conversations began elsewhere: their root is never stored.
            if (random() % 10 == 0)
                fresh.ids << u"external%1@elsewhere.test"_s.arg(conversations);
            ++conversations;
            open.append(fresh);
            at = open.size() - 1;
        }
        Conversation* conversation = &open[at];
        const bool reply = !conversation->ids.isEmpty();
        const QString id = u"m%1.%2@bench.test"_s.arg(i).arg(random() % 100000);
        record.messageId = u"<"_s + id + u">"_s;
        if (reply) {
            for (const QString& parent : std::as_const(conversation->ids))
                record.references << u"<"_s + parent + u">"_s;
            record.inReplyTo = QStringList{record.references.last()};
        }
        record.subject = reply ? u"Re: "_s + conversation->subject : conversation->subject;
        // Now and then a reply from a mailer that drops the threading headers (subject rule).
        if (scenario && reply && random() % 25 == 0) {
            record.references.clear();
            record.inReplyTo.clear();
        }
        record.date = start.addSecs(qint64(i) * 600);
        record.internalDate = record.date.addSecs(30);
        const bool sent = random() % 3 == 0;
        const QString other = u"partner%1@supplier%2.test"_s.arg(random() % 500).arg(random() % 40);
        if (sent) {
            record.addresses.append({Role::From, u"Me Myself"_s, userAddress});
            record.addresses.append({Role::To, u"Client"_s, conversation->correspondent});
            record.addresses.append({Role::Cc, QString(), other});
            record.outgoing = true;
        } else {
            record.addresses.append({Role::From, u"Client"_s, conversation->correspondent});
            record.addresses.append({Role::To, u"Me Myself"_s, userAddress});
            record.addresses.append({Role::Cc, u"Colleague"_s, u"colleague@acme.test"_s});
        }
        if (scenario && random() % 40 == 0)
            record.addresses.append({Role::DeliveredTo, QString(), u"me+crm@acme.test"_s});
        if (scenario && random() % 60 == 0)
            record.addresses.append({Role::Cc, QString(), u"spam@blocked.test"_s});
        record.textBody = words(random, 350);
        record.htmlBody = u"<html><body><p>"_s + words(random, 250) + u"</p></body></html>"_s;
        if (random() % 10 == 0) {
            const int attachments = 1 + int(random() % 2);
            for (int a = 0; a < attachments; ++a)
                record.attachments.append({u"%1"_s.arg(a + 2), u"quote-%1.pdf"_s.arg(i),
                                           u"application/pdf"_s, qint64(20000 + random() % 5000)});
        }
        record.size = 1500 + qint64(random() % 3000);
        store::MessageLocation location;
        location.folder = sent ? u"Sent"_s : u"INBOX"_s;
        location.uidValidity = 7;
        location.uid = sent ? ++sentUid : ++inboxUid;
        location.flags = QStringList{u"\\Seen"_s};
        location.modSeq = quint64(i + 1);
        conversation->ids << id;
        if (conversation->ids.size() >= conversation->wanted)
            open.removeAt(at);
        result.append({record, location});
        // A sent message the user also received (cc'd themself): a second copy, with a Bcc.
        if (scenario && sent && random() % 20 == 0) {
            store::MessageRecord copy = record;
            copy.addresses.append({Role::Bcc, QString(), u"hidden%1@customer.test"_s.arg(i)});
            store::MessageLocation inbox = location;
            inbox.folder = u"INBOX"_s;
            inbox.uid = ++inboxUid;
            result.append({copy, inbox});
        }
    }
    return result;
}

// What the scenario sets up before the first batch: cards and a blocklisted address.
void prepareScenario(const QSqlDatabase& db)
{
    store::CardRepository cards(db);
    for (int i = 0; i < 2000; i += 7) {
        crm::Contact contact;
        contact.name = u"Client %1"_s.arg(i);
        contact.emails.append(crm::EmailAddress(u"client%1@customer%2.test"_s.arg(i).arg(i % 300)));
        if (i % 3 == 0)
            contact.emails.append(
                crm::EmailAddress(u"partner%1@supplier%2.test"_s.arg(i % 500).arg(i % 40)));
        if (!cards.insertContact(contact))
            qFatal("cannot insert a card");
    }
    crm::Deal deal;
    deal.name = u"The deal"_s;
    if (!cards.insertDeal(deal))
        qFatal("cannot insert a deal");
    QSqlQuery block(db);
    block.exec(u"INSERT INTO blocklist (pattern, kind) VALUES ('spam@blocked.test', 'address')"_s);
}

qint64 scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        qFatal("query failed: %s", qPrintable(sql));
    return query.value(0).toLongLong();
}

// What the user and the server do between two batches of the scenario, on the same
// connection: attach a message to the deal, detach a thread, expunge a few messages.
void betweenBatches(const QSqlDatabase& db, const sync::MatchPolicy& policy, int batchIndex)
{
    sync::Matcher matcher(db, policy);
    const qint64 deal = scalar(db, u"SELECT id FROM cards WHERE kind = 'deal'"_s);
    if (batchIndex % 2 == 0) {
        // A message of the last batch: its replies in the next ones follow it.
        const qint64 message =
            scalar(db, u"SELECT id FROM messages ORDER BY id DESC LIMIT 1 OFFSET 120"_s);
        if (!matcher.attachMessage(deal, message))
            qFatal("attach failed");
    }
    if (batchIndex % 3 == 1) {
        const qint64 card = scalar(db, u"SELECT coalesce(min(card_id), 0) FROM links "
                                       "WHERE message_id IS NULL AND state = 'attached'"_s);
        const qint64 thread = scalar(db, u"SELECT coalesce(max(thread_id), 0) FROM links "
                                         "WHERE card_id = (SELECT min(card_id) FROM links "
                                         "WHERE message_id IS NULL AND state = 'attached')"_s);
        if (card != 0 && !matcher.detachThread(card, thread))
            qFatal("detach failed");
    }
    if (batchIndex % 4 == 3) {
        // Expunge a few recent INBOX messages: tombstones for their replies to meet.
        QSqlQuery uids(db);
        uids.exec(u"SELECT uid FROM message_locations WHERE folder = 'INBOX' "
                  "ORDER BY uid DESC LIMIT 6"_s);
        QList<quint32> expunged;
        while (uids.next())
            expunged << quint32(uids.value(0).toLongLong());
        if (!store::MessageRepository(db).removeLocations(u"INBOX"_s, expunged))
            qFatal("expunge failed");
    }
}

QString idList(const QSet<qint64>& ids)
{
    QList<qint64> sorted(ids.cbegin(), ids.cend());
    std::sort(sorted.begin(), sorted.end());
    QStringList text;
    for (qint64 id : sorted)
        text << QString::number(id);
    return text.join(u',');
}

void dumpQuery(const QSqlDatabase& db, const QString& title, const QString& sql,
               QTextStream& stream)
{
    stream << "## " << title << "\n";
    QSqlQuery query(db);
    if (!query.exec(sql))
        qFatal("dump query failed: %s", qPrintable(sql));
    while (query.next()) {
        QStringList fields;
        for (int c = 0; c < query.record().count(); ++c)
            fields << (query.value(c).isNull() ? u"NULL"_s : query.value(c).toString());
        stream << fields.join(u'|') << "\n";
    }
}

// Everything stored, in a stable order; times of day (created_at, …) left out.
void dumpDatabase(const QSqlDatabase& db, const QStringList& batches, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    QTextStream stream(&file);
    for (const QString& batch : batches)
        stream << batch;
    const QList<std::pair<QString, QString>> tables{
        {u"threads"_s, u"SELECT * FROM threads ORDER BY id"_s},
        {u"messages"_s, u"SELECT * FROM messages ORDER BY id"_s},
        {u"message_addresses"_s,
         u"SELECT * FROM message_addresses ORDER BY message_id, role, position"_s},
        {u"message_references"_s,
         u"SELECT * FROM message_references ORDER BY message_id, referenced_id"_s},
        {u"message_locations"_s, u"SELECT * FROM message_locations ORDER BY folder, uid"_s},
        {u"message_tombstones"_s,
         u"SELECT message_key, thread_id FROM message_tombstones ORDER BY message_key"_s},
        {u"attachments"_s, u"SELECT * FROM attachments ORDER BY message_id, part"_s},
        {u"links"_s, u"SELECT id, card_id, thread_id, message_id, origin, state, detail "
                     "FROM links ORDER BY id"_s},
        {u"folder_state"_s, u"SELECT folder, role, uidvalidity, uidnext, highestmodseq "
                            "FROM folder_state ORDER BY folder"_s},
    };
    for (const auto& [title, sql] : tables)
        dumpQuery(db, title, sql, stream);
    // The full-text index is a file of its own, filled by its thread: the store's part is the
    // queue of what it has to index.
    dumpQuery(db, u"search_queue"_s, u"SELECT seq, message_id FROM search_queue ORDER BY seq"_s,
              stream);
}

// The answer of one batch as text: per message its row, thread and flags, then the changes.
QString describe(int index, const sync::IngestResult& result, int shown)
{
    QString text = u"# batch %1\n"_s.arg(index);
    for (const store::StoredMessage& message : result.messages)
        text += u"%1 %2 %3 %4\n"_s.arg(message.messageId)
                    .arg(message.threadId)
                    .arg(int(message.inserted))
                    .arg(int(message.addressesAdded));
    text += u"cards %1\nthreads %2\nremoved %3\nshown %4\n"_s.arg(
        idList(result.changes.cards), idList(result.changes.threads),
        idList(result.changes.removedThreads), QString::number(shown));
    return text;
}

struct RunTimes
{
    double wallMs = 0;
    double cpuMs = 0;
};

RunTimes run(const Options& options, const store::MessageRepository::Batch& mail, bool dump)
{
    QTemporaryDir dir;
    // BENCH_DB=path keeps the last run's database (EXPLAIN QUERY PLAN in sqlite3).
    const QString path = qEnvironmentVariableIsSet("BENCH_DB")
                             ? qEnvironmentVariable("BENCH_DB")
                             : dir.filePath(u"threadline.sqlite"_s);
    if (qEnvironmentVariableIsSet("BENCH_DB")) {
        for (const QString& suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(path + suffix);
    }
    store::WalCheckpointer checkpointer(path);
    store::Database database(path);
    if (auto error = database.open())
        qFatal("cannot open the database: %s", qPrintable(error->message));
    const QSqlDatabase& db = database.connection();
    // As ChunkWriter's writer connection: the checkpointer thread copies the log back.
    QSqlQuery pragma(db);
    pragma.exec(u"PRAGMA journal_size_limit = 0"_s);
    const sync::MatchPolicy policy = sync::MatchPolicy::forAccount(userAddress);
    if (options.scenario)
        prepareScenario(db);

    sync::MailIngest ingest(db, policy);
    QStringList batches;
    RunTimes times;
    for (qsizetype first = 0, index = 0; first < mail.size(); first += options.batch, ++index) {
        if (options.scenario && index > 0)
            betweenBatches(db, policy, int(index));
        const store::MessageRepository::Batch batch = mail.mid(first, options.batch);
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuMs();
        // As ChunkWriter::commit: one transaction, the batch, then what the summary counts.
        int shown = 0;
        sync::IngestResult result;
        {
            store::Transaction transaction(db);
            auto ingested = ingest.ingest(batch);
            if (!ingested)
                qFatal("ingest failed: %s", qPrintable(ingested.error().message));
            result = std::move(ingested.value());
            QList<qint64> inserted;
            for (const store::StoredMessage& stored : std::as_const(result.messages)) {
                if (stored.inserted)
                    inserted.append(stored.messageId);
            }
            const auto counted = store::SyncLedger(db).countShownOnCards(inserted);
            if (!counted)
                qFatal("count failed: %s", qPrintable(counted.error().message));
            shown = counted.value();
            if (!transaction.commit())
                qFatal("commit failed");
        }
        times.cpuMs += cpuMs() - cpuStart;
        times.wallMs += double(timer.nsecsElapsed()) / 1e6;
        checkpointer.afterCommit();
        if (dump)
            batches << describe(int(index), result, shown);
    }
    if (dump)
        dumpDatabase(db, batches, options.dump);
    return times;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parse(app.arguments());
    const store::MessageRepository::Batch mail = mailbox(options.messages, options.scenario);

    qint64 references = 0;
    qint64 addresses = 0;
    qint64 replies = 0;
    for (const auto& [record, location] : mail) {
        const qsizetype ids = store::MessageRepository::threadingIds(record).size();
        references += ids;
        replies += ids > 0 ? 1 : 0;
        addresses += record.addresses.size();
    }
    const double n = double(mail.size());
    out() << mail.size() << " messages in batches of " << options.batch << ": "
          << QString::number(double(replies) / n * 100, 'f', 0) << "% replies, "
          << QString::number(double(references) / n, 'f', 2) << " references and "
          << QString::number(double(addresses) / n, 'f', 2) << " addresses a message\n";

    QList<double> wall;
    QList<double> cpu;
    for (int i = 0; i < options.runs; ++i) {
        const RunTimes times = run(options, mail, !options.dump.isEmpty() && i == options.runs - 1);
        wall << times.wallMs;
        cpu << times.cpuMs;
        out() << "run " << i + 1 << ": wall " << QString::number(times.wallMs / n * 1000, 'f', 1)
              << " µs, CPU " << QString::number(times.cpuMs / n * 1000, 'f', 1)
              << " µs a message\n";
        out().flush();
    }
    out() << "median of " << options.runs << ": wall "
          << QString::number(medianOf(wall) / n * 1000, 'f', 1) << " µs, store thread CPU "
          << QString::number(medianOf(cpu) / n * 1000, 'f', 1) << " µs a message ("
          << QString::number(medianOf(cpu), 'f', 0) << " ms in all; fastest run "
          << QString::number(*std::min_element(cpu.cbegin(), cpu.cend()) / n * 1000, 'f', 1)
          << " µs)\n";
    return 0;
}
