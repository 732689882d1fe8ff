// The status bar's sync area, driven through the slots the sync worker's signals reach.
#include "MainWindow.h"
#include "SyncStatusWidget.h"
#include "net/ErrorCatalog.h"
#include "store/Database.h"

#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace threadline;
using ui::SyncStatusWidget;

// Stands in for the sync worker: emits what it will emit, from its own thread.
class FakeSyncWorker final : public QObject
{
    Q_OBJECT

public:
    void run(const QDateTime& when)
    {
        Q_EMIT stateChanged(SyncStatusWidget::State::Syncing);
        Q_EMIT progress(u"INBOX"_s, 10, 20);
        Q_EMIT synced(when);
        Q_EMIT failed({net::ErrorCode::ConnectionLost, u"reset by peer"_s});
    }

Q_SIGNALS:
    void stateChanged(threadline::ui::SyncStatusWidget::State state);
    void progress(const QString& folder, int done, int total);
    void failed(const threadline::net::UserError& error);
    void synced(const QDateTime& when);
};

class TestSyncStatus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsStateAndProgress();
    void showsNumberedErrorWithFix();
    void showsLastSync();
    void sitsInTheStatusBar();
    void fedByQueuedSignalsFromAnotherThread();

private:
    std::unique_ptr<SyncStatusWidget> m_widget;
    QProgressBar* m_progress = nullptr;
};

void TestSyncStatus::init()
{
    m_widget = std::make_unique<SyncStatusWidget>();
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
    m_progress = m_widget->findChild<QProgressBar*>(u"syncProgress"_s);
    QVERIFY(m_progress);
}

void TestSyncStatus::cleanup()
{
    m_widget.reset();
}

void TestSyncStatus::showsStateAndProgress()
{
    QCOMPARE(m_widget->state(), SyncStatusWidget::State::NotConfigured);
    QCOMPARE(m_widget->stateText(), u"No mail account set up yet"_s);
    QVERIFY(m_progress->isHidden());

    m_widget->setState(SyncStatusWidget::State::Syncing);
    m_widget->setProgress(u"INBOX"_s, 0, 0); // count not known yet: busy
    QVERIFY(m_progress->isVisible());
    QCOMPARE(m_progress->maximum(), 0);
    m_widget->setProgress(u"INBOX"_s, 250, 1000);
    QCOMPARE(m_progress->maximum(), 1000);
    QCOMPARE(m_progress->value(), 250);
    QCOMPARE(m_progress->text(), u"INBOX: 250 of 1000"_s);
    QCOMPARE(m_widget->stateText(), u"Syncing…"_s);

    m_widget->setState(SyncStatusWidget::State::Idle);
    QVERIFY(m_progress->isHidden());
    QCOMPARE(m_widget->stateText(), u"Up to date"_s);
}

void TestSyncStatus::showsNumberedErrorWithFix()
{
    m_widget->setState(SyncStatusWidget::State::Syncing);
    m_widget->setProgress(u"Sent"_s, 1, 2);
    m_widget->setError({net::ErrorCode::AuthenticationFailed, u"NO [AUTHENTICATIONFAILED]"_s});
    const net::ErrorCatalog::Entry entry =
        net::ErrorCatalog::entry(net::ErrorCode::AuthenticationFailed);
    QCOMPARE(m_widget->errorText(), u"Error 301: "_s + entry.title);
    QCOMPARE(m_widget->state(), SyncStatusWidget::State::Error);
    QVERIFY(m_progress->isHidden());
    auto* label = m_widget->findChild<QLabel*>(u"syncError"_s);
    QVERIFY(label->isVisible());
    QVERIFY(label->toolTip().contains(entry.fix));
    QVERIFY(label->toolTip().contains(u"NO [AUTHENTICATIONFAILED]"_s));

    // Syncing again clears it.
    m_widget->setState(SyncStatusWidget::State::Connecting);
    QVERIFY(m_widget->errorText().isEmpty());
    QVERIFY(label->isHidden());
    QVERIFY(!m_widget->error().isError());
}

void TestSyncStatus::showsLastSync()
{
    QCOMPARE(m_widget->lastSyncText(), u"Never synced"_s);
    const QDateTime now = QDateTime::currentDateTime();
    m_widget->setLastSync(now);
    QVERIFY(m_widget->lastSyncText().startsWith(u"Last sync: "_s));
    QVERIFY(
        m_widget->lastSyncText().contains(QLocale().toString(now.time(), QLocale::ShortFormat)));
}

void TestSyncStatus::sitsInTheStatusBar()
{
    QTemporaryDir dir;
    store::Database db(dir.filePath(u"db.sqlite"_s));
    QVERIFY(!db.open());
    ui::MainWindow window(db.connection(), dir.path());
    QVERIFY(window.syncStatus());
    QCOMPARE(window.syncStatus()->parentWidget(), window.statusBar());
}

void TestSyncStatus::fedByQueuedSignalsFromAnotherThread()
{
    // The way the sync engine will feed it: a worker object in its own thread.
    QThread thread;
    FakeSyncWorker worker;
    worker.moveToThread(&thread);
    SyncStatusWidget* widget = m_widget.get();
    connect(&worker, &FakeSyncWorker::stateChanged, widget, &SyncStatusWidget::setState);
    connect(&worker, &FakeSyncWorker::progress, widget, &SyncStatusWidget::setProgress);
    connect(&worker, &FakeSyncWorker::failed, widget, &SyncStatusWidget::setError);
    connect(&worker, &FakeSyncWorker::synced, widget, &SyncStatusWidget::setLastSync);
    thread.start();
    const QDateTime when(QDate(2024, 3, 1), QTime(9, 30));
    QMetaObject::invokeMethod(
        &worker, [&worker, when] { worker.run(when); }, Qt::QueuedConnection);
    QTRY_COMPARE(widget->state(), SyncStatusWidget::State::Error);
    QCOMPARE(widget->error().code, net::ErrorCode::ConnectionLost);
    QCOMPARE(widget->lastSync(), when);
    thread.quit();
    QVERIFY(thread.wait());
}

QTEST_MAIN(TestSyncStatus)
#include "tst_sync_status.moc"
