// Times the store and the linking engine on a large profile (no assertions; run by hand):
//   bench_link_store [messages=100000] [batch=500]
// Prints the time of storing batches (store + thread + link in one transaction), opening a
// card with 2,000 threads, the Untracked view, linking a new card, and a thread's messages.
#include "BenchTiming.h"
#include "LinkWorld.h"
#include "store/Transaction.h"
#include "sync/Threader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>

using namespace linktest;
using threadline::bench::cpuMs;
using threadline::bench::median;
using threadline::bench::out;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int total = args.size() > 1 ? args.at(1).toInt() : 100000;
    const int batchSize = args.size() > 2 ? args.at(2).toInt() : 500;
    // "phases": time store+thread (one step now), thread rows, link and commit separately.
    const bool phases = args.size() > 3 && args.at(3) == u"phases";
    double phaseTimes[4] = {0, 0, 0, 0};
    qint64 uid = 0;

    QTemporaryDir dir;
    // BENCH_DB=path keeps the database for inspection (EXPLAIN QUERY PLAN in sqlite3).
    World world(qEnvironmentVariableIsSet("BENCH_DB") ? qEnvironmentVariable("BENCH_DB")
                                                      : dir.filePath(u"bench.sqlite"_s));
    if (qEnvironmentVariableIsSet("BENCH_NO_FTS")) {
        QSqlQuery drop(world.db());
        drop.exec(u"DROP TRIGGER messages_fts_insert"_s);
    }
    if (qEnvironmentVariableIsSet("BENCH_CACHE_KB")) {
        QSqlQuery pragma(world.db());
        pragma.exec(u"PRAGMA cache_size = -%1"_s.arg(qEnvironmentVariable("BENCH_CACHE_KB")));
    }
    // 2,000 contacts; "big" is on 2,000 threads, the others share the rest of the mail.
    const int contacts = 2000;
    for (int i = 0; i < contacts; ++i)
        world.contact(u"Contact %1"_s.arg(i), {u"c%1@client%2.test"_s.arg(i).arg(i % 50)});
    const qint64 big = world.contact(u"Big customer"_s, {u"big@customer.test"_s});

    const QString body =
        QString(u"Bonjour, voici le devis demandé pour la commande. "_s).repeated(40);
    QList<double> batchTimes;
    QList<double> cpuTimes;
    int stored = 0;
    int threadStarts = 0;
    while (stored < total) {
        QList<Mail> batch;
        for (int i = 0; i < batchSize && stored < total; ++i, ++stored) {
            // Every third message answers the one two before it (threads of ~3-4 messages).
            const bool reply = stored % 3 != 0;
            const QString id = u"m%1@bench.test"_s.arg(stored);
            Mail mail(id);
            const int thread = reply ? threadStarts - 1 : threadStarts++;
            QString correspondent;
            if (thread < 2000)
                correspondent = u"big@customer.test"_s;
            else if (thread % 3 == 0)
                correspondent =
                    u"c%1@client%2.test"_s.arg(thread % contacts).arg(thread % contacts % 50);
            else
                correspondent =
                    u"stranger%1@elsewhere%2.test"_s.arg(thread % 7000).arg(thread % 300);
            if (stored % 2 == 0)
                mail.from(correspondent, u"Someone"_s).to({userAddress});
            else
                mail.from(userAddress).to({correspondent}).outgoing().in(u"Sent"_s);
            mail.cc({u"colleague@acme.test"_s});
            mail.subject(reply ? u"Re: Commande %1"_s.arg(thread) : u"Commande %1"_s.arg(thread));
            mail.on(stored / 100);
            mail.record.textBody = body;
            if (reply)
                mail.references({u"m%1@bench.test"_s.arg(stored - 1)});
            batch << mail;
        }
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuMs();
        if (phases) {
            // The same work as MailIngest, timed step by step.
            store::MessageRepository::Batch records;
            for (Mail& mail : batch) {
                mail.location.uid = quint32(++uid);
                records.append({mail.record, mail.location});
            }
            store::Transaction transaction(world.db());
            // Threading happens as rows are written: store and thread are one phase.
            sync::Threader threader(world.db(), world.policy);
            (void)threader.begin();
            auto storedBatch =
                store::MessageRepository(world.db())
                    .storeBatch(records, [&threader](const auto& message, const auto& copies) {
                        return threader.place(message, copies);
                    });
            phaseTimes[0] += cpuMs() - cpuStart;
            (void)threader.finish(storedBatch.value());
            phaseTimes[1] += cpuMs() - cpuStart;
            QList<qint64> ids;
            for (const auto& stored : storedBatch.value())
                ids << stored.messageId;
            (void)sync::Matcher(world.db(), world.policy).linkMessages(ids);
            phaseTimes[2] += cpuMs() - cpuStart;
            transaction.commit();
            phaseTimes[3] += cpuMs() - cpuStart;
        } else {
            world.ingest(batch);
        }
        batchTimes << double(timer.nsecsElapsed()) / 1e6;
        cpuTimes << cpuMs() - cpuStart;
    }
    const auto show = [](const QString& label, QList<double> times) {
        std::sort(times.begin(), times.end());
        out() << label << ": median " << QString::number(times.at(times.size() / 2), 'f', 1)
              << " ms, max " << QString::number(times.last(), 'f', 1) << " ms\n";
    };
    out() << "stored " << total << " messages in " << batchTimes.size() << " batches of "
          << batchSize << "\n";
    show(u"store+thread+link one batch (first 10)"_s, batchTimes.mid(0, 10));
    show(u"store+thread+link one batch (last 10)"_s, batchTimes.mid(batchTimes.size() - 10));
    show(u"CPU time of one batch (first 10)"_s, cpuTimes.mid(0, 10));
    show(u"CPU time of one batch (last 10)"_s, cpuTimes.mid(cpuTimes.size() - 10));
    if (phases) {
        const double n = batchTimes.size();
        out() << "CPU per batch, cumulative: stored and threaded " << phaseTimes[0] / n
              << " ms, thread rows written " << phaseTimes[1] / n << " ms, linked "
              << phaseTimes[2] / n << " ms, committed " << phaseTimes[3] / n << " ms\n";
    }
    out() << "threads: " << world.count(u"SELECT count(*) FROM threads"_s)
          << ", links: " << world.count(u"SELECT count(*) FROM links"_s) << "\n";

    store::LinkRepository links(world.db());
    out() << "big customer threads: " << links.cardThreadCount(big).value() << "\n";
    median(u"open a card with 2,000 threads: first page of 100"_s, 21,
           [&] { (void)links.cardThreads(big, 100); });
    median(u"open a card with 2,000 threads: count"_s, 21,
           [&] { (void)links.cardThreadCount(big); });
    std::optional<store::ThreadCursor> cursor;
    const auto firstPages = links.cardThreads(big, 1900);
    for (const auto& row : firstPages.value())
        cursor = store::ThreadCursor::after(row.thread);
    median(u"card page 20 (keyset)"_s, 21, [&] { (void)links.cardThreads(big, 100, cursor); });
    const qint64 thread = links.cardThreads(big, 1).value().first().thread.id;
    median(u"a thread's messages for the card"_s, 21,
           [&] { (void)links.threadMessages(thread, big); });
    median(u"Untracked senders, first page of 100"_s, 5,
           [&] { (void)links.untrackedSenders(100, 0, world.policy.ownAddresses()); });
    median(u"Untracked threads, first page of 100"_s, 11,
           [&] { (void)links.untrackedThreads(QString(), 100); });
    median(u"Untracked threads of one sender"_s, 11,
           [&] { (void)links.untrackedThreads(u"stranger5@elsewhere5.test"_s, 100); });
    const qint64 newCard = world.lead(u"New lead"_s, {u"stranger5@elsewhere5.test"_s});
    median(u"linkCard (new lead with stored mail)"_s, 1,
           [&] { (void)world.matcher().linkCard(newCard); });
    out() << "new lead threads: " << links.cardThreadCount(newCard).value() << "\n";
    return 0;
}
