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
    bool cardChanged = false;
    QElapsedTimer timer;
    qint64 notifiedNs = -1; // when the worker left IDLE: the server's EXISTS had come
    connect(thread.worker(), &sync::SyncWorker::stateChanged, &context,
            [&state, &timer, &notifiedNs](sync::SyncState s) {
                state = s;
                if (s == sync::SyncState::Syncing && notifiedNs < 0 && timer.isValid())
                    notifiedNs = timer.nsecsElapsed();
            });
    connect(thread.worker(), &sync::SyncWorker::changed, &context,
            [&cardChanged, cardId](const store::ChangeSet& changes) {
                if (changes.cards.contains(cardId))
                    cardChanged = true;
            });
    thread.start();
    QTRY_COMPARE_WITH_TIMEOUT(state, sync::SyncState::Watching, syncTimeoutMs);

    test::TestImapClient* imap = fixture.imap(box);
    QList<double> latencies;
    QList<double> notified;
    QList<double> afterNotice;
    for (int round = 0; round < rounds; ++round) {
        // Let the worker settle back into IDLE before the next message.
        QTRY_COMPARE_WITH_TIMEOUT(state, sync::SyncState::Watching, syncTimeoutMs);
        QTest::qWait(200);
        cardChanged = false;
        notifiedNs = -1;
        const QString id =
            u"idle-bench-%1-%2@lead.test"_s.arg(QCoreApplication::applicationPid()).arg(round);
        const QByteArray mail = plainMessage(id, sender, box.user, u"Commande %1"_s.arg(round));
        timer.start();
        QVERIFY(imap->command("APPEND INBOX {" + QByteArray::number(mail.size()) + "+}\r\n" + mail)
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(cardChanged, 30000);
        const double total = timer.nsecsElapsed() / 1e6;
        latencies << total;
        if (notifiedNs >= 0) {
            notified << notifiedNs / 1e6;
            afterNotice << total - notifiedNs / 1e6;
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
    report("APPEND done -> the card's change reported", latencies);
    report("  of which: APPEND done -> worker leaves IDLE", notified);
    report("  of which: worker leaves IDLE -> card changed", afterNotice);
    thread.shutdown();
}

THREADLINE_MAILSTACK_TEST_MAIN(BenchIdleLatency)
#include "bench_idle_latency.moc"
