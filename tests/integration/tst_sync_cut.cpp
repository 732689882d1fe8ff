// Connections cut mid-sync by a proxy (tests/support/CutProxy) at several byte offsets: from
// inside the TLS handshake to deep in the pipelined fetches. The cut run fails with the
// numbered error and leaves a consistent profile (whole batches only); the next run fetches
// exactly what the cut run had not committed and ends equal to the server's message set.

#include "CutProxy.h"
#include "MailStackTestMain.h"
#include "tst_sync_fixture.h"

using namespace synctest;

class TestSyncCut final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cutThenResume_data();
    void cutThenResume();

private:
    SyncFixture m_fixture;
};

void TestSyncCut::initTestCase()
{
    QVERIFY2(m_fixture.stack().isValid(), qPrintable(m_fixture.stack().errorString()));
}

void TestSyncCut::cutThenResume_data()
{
    // Where the connection drops: server-to-client bytes (>= 1), or a fraction of what a whole
    // sync of the mailbox receives (< 1), measured first through the same proxy.
    QTest::addColumn<QList<double>>("cuts");
    QTest::newRow("TLS handshake") << QList<double>{300};
    QTest::newRow("after the greeting") << QList<double>{3000};
    QTest::newRow("first metadata") << QList<double>{0.03};
    QTest::newRow("a fifth") << QList<double>{0.2};
    QTest::newRow("half") << QList<double>{0.5};
    QTest::newRow("near the end") << QList<double>{0.97};
    QTest::newRow("twice") << QList<double>{0.6, 0.1};
}

void TestSyncCut::cutThenResume()
{
    QFETCH(QList<double>, cuts);
    const Mailbox box = m_fixture.makeMailbox(u"sync-cut"_s, 400, u"cut"_s);
    QVERIFY(!box.user.isEmpty());
    const QSet<QString> server = m_fixture.serverLocations(box);

    test::CutProxy proxy(m_fixture.stack().host(), m_fixture.stack().imapsPort());
    QVERIFY(proxy.listen());
    QList<qint64> offsets;
    {
        sync::SyncOptions reference = m_fixture.options(box, m_fixture.newProfile());
        reference.account.imap.port = proxy.port();
        QVERIFY(!m_fixture.runOnce(reference).error.isError());
        const qint64 whole = proxy.bytesFromServer();
        QStringList shown;
        for (double cut : cuts) {
            offsets.append(cut >= 1 ? qint64(cut) : qint64(cut * double(whole)));
            shown.append(QString::number(offsets.last()));
        }
        qInfo("a whole sync receives %lld bytes; cut at %s", whole, qPrintable(shown.join(u' ')));
    }
    proxy.setCuts(QList<qint64>{-1} + offsets); // the reference run was connection 0

    const QString profile = m_fixture.newProfile();
    QVERIFY(m_fixture.importCards(profile, box));
    sync::SyncOptions options = m_fixture.options(box, profile);
    options.account.imap.port = proxy.port();

    QSet<QString> done;
    for (qsizetype i = 0; i < cuts.size(); ++i) {
        const RunResult cut = m_fixture.runOnce(options);
        QVERIFY(cut.finished);
        QCOMPARE(proxy.cutCount(), int(i + 1));
        QVERIFY2(cut.error.isError(), "the cut run must fail");
        QVERIFY2(cut.error.code == net::ErrorCode::ConnectionLost ||
                     cut.error.code == net::ErrorCode::TlsHandshakeFailed,
                 qPrintable(u"error %1: %2"_s.arg(int(cut.error.code)).arg(cut.error.detail)));
        // What the cut left is consistent: whole batches, each message once, all on the server.
        const QJsonObject partial = SyncFixture::exportProfile(profile);
        if (!partial.isEmpty()) {
            const QSet<QString> kept =
                SyncFixture::exportedLocations(partial) | SyncFixture::exportedSkipped(partial);
            QVERIFY(server.contains(kept));
            QVERIFY(done.isEmpty() || kept.contains(done));
            done = kept;
        }
    }

    const RunResult resumed = m_fixture.runOnce(options);
    QVERIFY2(!resumed.error.isError(), qPrintable(resumed.error.detail));
    // Resumed after the last committed batch: nothing committed was fetched again.
    QCOMPARE(resumed.summary.fetched, int(server.size() - done.size()));
    const QJsonObject exported = SyncFixture::exportProfile(profile);
    QCOMPARE(SyncFixture::exportedLocations(exported), box.expectedLocations());
    QCOMPARE(SyncFixture::exportedSkipped(exported), box.expectedSkipped());
    const QString problem = SyncFixture::consistencyProblem(exported, server);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(exported[u"messages"_s].toArray().size(),
             box.manifest[u"counts"_s].toObject()[u"sync_expected_unique_message_ids"_s].toInt());
}

THREADLINE_MAILSTACK_TEST_MAIN(TestSyncCut)
#include "tst_sync_cut.moc"
