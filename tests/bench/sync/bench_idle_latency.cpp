// New mail to its card, measured (never in ctest; figures only, no pass/fail on time):
// the SyncWorker runs as the window runs it, IDLE on INBOX of a mailbox with cards, and each
// round APPENDs one message from a card's address and times how long until the worker reports
// that card changed (stored, threaded and linked, committed). Medians and the worst round.
//
//   tests/bench/sync/idle_latency.sh BUILD [rounds]

#include "MailStackTestMain.h"
#include "store/ChangeSet.h"
#include "tst_sync_fixture.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <algorithm>
#include <atomic>

using namespace synctest;

class BenchIdleLatency final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newMailReachesItsCard();
};

void BenchIdleLatency::newMailReachesItsCard()
{
    const int rounds =
        qEnvironmentVariableIsSet("ROUNDS") ? qEnvironmentVariableIntValue("ROUNDS") : 20;
    SyncFixture fixture;
    QVERIFY2(fixture.stack().isValid(), qPrintable(fixture.stack().errorString()));
    const Mailbox box = fixture.makeMailbox(u"idle-bench"_s, 200, u"idle"_s);
    QVERIFY(!box.user.isEmpty());
    const QString profile = fixture.newProfile();
    QVERIFY(fixture.importCards(profile, box));

    const QString sender = u"zoe.lefevre@boulangerie-dupont.test"_s;
    qint64 cardId = 0;
    {
        store::Database db(SyncFixture::databasePath(profile));
        QVERIFY(!db.open());
        QSqlQuery query(db.connection());
        query.prepare(u"SELECT card_id FROM card_emails WHERE email_norm = ?"_s);
        query.addBindValue(sender);
        QVERIFY(query.exec() && query.next());
        cardId = query.value(0).toLongLong();
    }

    sync::SyncOptions options = fixture.options(box, profile, false);
    options.pollInterval = std::chrono::minutes(30); // IDLE only
    sync::SyncThread thread(options);
    QObject context;
    sync::SyncState state = sync::SyncState::Idle;
    connect(thread.worker(), &sync::SyncWorker::stateChanged, &context,
            [&state](sync::SyncState s) { state = s; });
    // Times are taken on the sync thread as it emits (direct connections): the test thread
    // sees queued signals only between its waits.
    QElapsedTimer timer;
    timer.start();
    std::atomic<qint64> roundStartNs{0};
    std::atomic<qint64> notifiedNs{-1}; // the worker left IDLE: the server's EXISTS had come
    std::atomic<qint64> changedNs{-1};  // the card's change was reported
    connect(
        thread.worker(), &sync::SyncWorker::stateChanged, &context,
        [&](sync::SyncState s) {
            qint64 unset = -1;
            if (s == sync::SyncState::Syncing && roundStartNs > 0)
                notifiedNs.compare_exchange_strong(unset, timer.nsecsElapsed());
        },
        Qt::DirectConnection);
    connect(
        thread.worker(), &sync::SyncWorker::changed, &context,
        [&](const store::ChangeSet& changes) {
            qint64 unset = -1;
            if (changes.cards.contains(cardId) && roundStartNs > 0)
                changedNs.compare_exchange_strong(unset, timer.nsecsElapsed());
        },
        Qt::DirectConnection);
    thread.start();
    QTRY_COMPARE_WITH_TIMEOUT(state, sync::SyncState::Watching, syncTimeoutMs);

    test::TestImapClient* imap = fixture.imap(box);
    QList<double> latencies;
    QList<double> notified;
    QList<double> afterNotice;
    for (int round = 0; round < rounds; ++round) {
        // The worker is back to watching (IDLE sent) before the next message.
        QTRY_COMPARE_WITH_TIMEOUT(state, sync::SyncState::Watching, syncTimeoutMs);
        notifiedNs = -1;
        changedNs = -1;
        const QString id =
            u"idle-bench-%1-%2@lead.test"_s.arg(QCoreApplication::applicationPid()).arg(round);
        const QByteArray mail = plainMessage(id, sender, box.user, u"Commande %1"_s.arg(round));
        roundStartNs = timer.nsecsElapsed();
        QVERIFY(imap->command("APPEND INBOX {" + QByteArray::number(mail.size()) + "+}\r\n" + mail)
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(changedNs >= 0, 30000);
        const double start = roundStartNs / 1e6;
        const double total = changedNs / 1e6 - start;
        latencies << total;
        if (notifiedNs >= 0) {
            notified << notifiedNs / 1e6 - start;
            afterNotice << total - (notifiedNs / 1e6 - start);
        }
    }
    const auto report = [](const char* what, QList<double> values) {
        if (values.isEmpty())
            return;
        std::sort(values.begin(), values.end());
        const double p90 =
            values.at(std::min<qsizetype>(values.size() - 1, qsizetype(values.size() * 0.9)));
        std::printf("%-48s %2d rounds: median %6.1f ms, 90th percentile %6.1f ms, min %6.1f ms, "
                    "max %6.1f ms\n",
                    what, int(values.size()), values.at(values.size() / 2), p90, values.first(),
                    values.last());
    };
    report("APPEND sent -> the card's change reported", latencies);
    report("  of which: APPEND sent -> worker leaves IDLE", notified);
    report("  of which: worker leaves IDLE -> card changed", afterNotice);
    thread.shutdown();
}

THREADLINE_MAILSTACK_TEST_MAIN(BenchIdleLatency)
#include "bench_idle_latency.moc"
