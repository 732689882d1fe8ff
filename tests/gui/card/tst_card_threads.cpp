// The card view's threads: attach through "Attach email…", detach by button and by key,
// detach that sticks when the next reply arrives, re-attach in one click, single messages,
// paging and incremental refresh, and HTML shown without any network request.
#include "CardViewHarness.h"
#include "card/AttachEmailDialog.h"
#include "card/SafeTextBrowser.h"
#include "card/ThreadRoles.h"
#include "card/ThreadView.h"
#include "sync/Matcher.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTreeWidget>

using namespace cardtest;
using namespace threadline;

class TestCardThreads final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void attachEmailSearchesAllStoredMail();
    void detachFromDealIsSticky();
    void keyboardDetachAndOpen();
    void detachOneMessage();
    void pagesAndIncrementalRefresh();
    void htmlWithoutNetwork();
};

void TestCardThreads::attachEmailSearchesAllStoredMail()
{
    World world;
    world.ingest({Mail(u"u1@far.test"_s)
                      .from(u"stranger@far.test"_s)
                      .to(userAddress)
                      .subject(u"Oven maintenance contract"_s)
                      .body(u"Yearly service"_s),
                  Mail(u"u2@far.test"_s)
                      .from(u"other@far.test"_s)
                      .to(userAddress)
                      .subject(u"Lunch"_s)
                      .on(1)});
    const qint64 deal = world.deal(u"Dupont ovens"_s);
    Harness ui(world);
    ui.view.showCard(deal);
    QCOMPARE(ui.rows(), 0);

    ui.click(u"attachEmailButton"_s);
    auto* dialog = ui.view.findChild<ui::AttachEmailDialog*>(u"attachEmailDialog"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    // Before typing: the newest untracked threads.
    QCOMPARE(dialog->resultTable()->model()->rowCount(), 2);
    dialog->searchBox()->setFocus();
    QTest::keyClicks(dialog->searchBox(), u"mainten"_s);
    QTest::keyClick(dialog->searchBox(), Qt::Key_Return);
    QVERIFY(dialog->isVisible()); // Enter searches, it does not attach
    QTRY_COMPARE(dialog->resultTable()->model()->rowCount(), 1);
    QCOMPARE(dialog->resultTable()->model()->index(0, 0).data().toString(),
             u"Oven maintenance contract"_s);
    QCOMPARE(dialog->resultTable()->model()->index(0, 4).data().toString(), u"Untracked"_s);
    QVERIFY(!dialog->attachButton()->isEnabled());
    QTableView* results = dialog->resultTable();
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                      results->visualRect(results->model()->index(0, 0)).center());
    QVERIFY(dialog->attachButton()->isEnabled());
    QSignalSpy changed(&ui.view, &ui::CardView::threadsChanged);
    QTest::mouseClick(dialog->attachButton(), Qt::LeftButton);

    QCOMPARE(ui.rows(), 1);
    QCOMPARE(ui.threadAt(0), world.threadOf(u"u1@far.test"_s));
    QCOMPARE(ui.view.threadModel()->index(0, ui::ThreadListModel::OriginColumn).data().toString(),
             u"Attached by hand"_s);
    QVERIFY(changed.contains(QVariantList{deal}));
}

void TestCardThreads::detachFromDealIsSticky()
{
    World world;
    const qint64 contact = world.contact(u"Alan Smith"_s, {u"alan@acme-client.test"_s});
    const qint64 deal = world.deal(u"Acme renewal"_s);
    world.ingest(Mail(u"q1@client.test"_s)
                     .from(u"alan@acme-client.test"_s)
                     .to(userAddress)
                     .subject(u"Renewal quote"_s));
    const qint64 thread = world.threadOf(u"q1@client.test"_s);
    QVERIFY(sync::Matcher(world.db(), world.policy).attachThread(deal, thread));

    Harness ui(world);
    ui.view.showCard(deal);
    QCOMPARE(ui.threadIds(), QList<qint64>{thread});
    ui.clickRow(0);
    QVERIFY(ui.view.detachAction()->isEnabled());
    ui.click(u"detachButton"_s);
    QCOMPARE(ui.rows(), 0);
    QCOMPARE(ui.view.threadTabs()->tabText(1), u"Detached (1)"_s);
    ui.screenshot(u"card-view-deal-detached"_s);

    // The next reply arrives and the sync links it.
    const QList<qint64> changed = world.ingest(Mail(u"q2@client.test"_s)
                                                   .from(u"alan@acme-client.test"_s)
                                                   .to(userAddress)
                                                   .subject(u"Re: Renewal quote"_s)
                                                   .replyTo(u"q1@client.test"_s)
                                                   .on(1));
    QCOMPARE(world.threadOf(u"q2@client.test"_s), thread);
    QSignalSpy reset(ui.view.threadModel(), &QAbstractItemModel::modelReset);
    ui.view.refreshThreads(changed);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(ui.rows(), 0); // the deal still does not show it

    Harness contactUi(world);
    contactUi.view.showCard(contact);
    QCOMPARE(contactUi.threadIds(), QList<qint64>{thread}); // the contact does
    QCOMPARE(contactUi.view.threadModel()->index(0, ui::ThreadListModel::CountColumn).data(), 2);

    // Greyed under "Detached", back with one click.
    ui.clickTab(ui::CardView::DetachedTab);
    QCOMPARE(ui.rows(), 1);
    const QModelIndex row = ui.view.threadModel()->index(0, 0);
    QCOMPARE(row.data(ui::LinkStateRole).toInt(), int(store::LinkState::Detached));
    QVERIFY(row.data(Qt::ForegroundRole).isValid());
    ui.clickRow(0);
    ui.click(u"reattachButton"_s);
    QCOMPARE(ui.view.threadTabs()->currentIndex(), int(ui::CardView::DetachedTab));
    QCOMPARE(ui.rows(), 0);
    ui.clickTab(ui::CardView::AttachedTab);
    QCOMPARE(ui.threadIds(), QList<qint64>{thread});
    QCOMPARE(ui.view.threadModel()->index(0, ui::ThreadListModel::CountColumn).data(), 2);
}

void TestCardThreads::keyboardDetachAndOpen()
{
    World world;
    const qint64 contact = world.contact(u"Ann"_s, {u"ann@beta.test"_s});
    for (int i = 0; i < 3; ++i)
        world.ingest(Mail(u"k%1@beta.test"_s.arg(i))
                         .from(u"ann@beta.test"_s)
                         .to(userAddress)
                         .subject(u"Topic %1"_s.arg(i))
                         .on(i));
    Harness ui(world);
    ui.view.showCard(contact);
    QCOMPARE(ui.rows(), 3);
    ui.table()->setFocus();
    QTest::keyClick(ui.table(), Qt::Key_Home, Qt::ControlModifier);
    QTest::keyClick(ui.table(), Qt::Key_Space); // select the current row
    QCOMPARE(ui.table()->selectionModel()->selectedRows().size(), 1);
    const qint64 newest = ui.threadAt(0);
    QTest::keyClick(ui.table(), Qt::Key_Delete);
    QCOMPARE(ui.rows(), 2);
    QVERIFY(!ui.threadIds().contains(newest));
    // The next row is selected: Delete again detaches it too.
    QTest::keyClick(ui.table(), Qt::Key_Delete);
    QCOMPARE(ui.rows(), 1);
    QCOMPARE(ui.view.threadTabs()->tabText(1), u"Detached (2)"_s);

    // Enter opens the thread.
    QTest::keyClick(ui.table(), Qt::Key_Return);
    QCOMPARE(ui.view.threadView()->threadId(), ui.threadAt(0));
    QCOMPARE(ui.view.threadView()->messageList()->topLevelItemCount(), 1);
    QCOMPARE(ui.child<QLabel>(u"threadSubject"_s)->text(), u"Topic 0"_s);

    // Insert re-attaches under "Detached".
    ui.clickTab(ui::CardView::DetachedTab);
    ui.table()->setFocus();
    QTest::keyClick(ui.table(), Qt::Key_Home, Qt::ControlModifier);
    QTest::keyClick(ui.table(), Qt::Key_Space);
    QTest::keyClick(ui.table(), Qt::Key_Insert);
    QCOMPARE(ui.view.threadTabs()->tabText(0), u"On the card (2)"_s);
}

void TestCardThreads::detachOneMessage()
{
    World world;
    const qint64 contact = world.contact(u"Ann"_s, {u"ann@beta.test"_s});
    world.ingest({Mail(u"s1@beta.test"_s)
                      .from(u"ann@beta.test"_s)
                      .to(userAddress)
                      .subject(u"Plans"_s)
                      .body(u"First"_s),
                  Mail(u"s2@beta.test"_s)
                      .from(userAddress)
                      .to(u"ann@beta.test"_s)
                      .subject(u"Re: Plans"_s)
                      .body(u"Private answer"_s)
                      .replyTo(u"s1@beta.test"_s)
                      .on(1)});
    Harness ui(world);
    ui.view.showCard(contact);
    ui.doubleClickRow(0);
    ui::ThreadView* thread = ui.view.threadView();
    QCOMPARE(thread->messageList()->topLevelItemCount(), 2);
    // The newest message is selected and shown.
    QCOMPARE(thread->currentMessageId(), world.message(u"s2@beta.test"_s));
    QCOMPARE(thread->body()->toPlainText(), u"Private answer"_s);
    QTest::mouseClick(ui.child<QPushButton>(u"detachMessageButton"_s), Qt::LeftButton);
    QTreeWidgetItem* item = thread->messageList()->topLevelItem(1);
    QCOMPARE(item->data(0, ui::OnCardRole).toBool(), false);
    QCOMPARE(thread->currentMessageId(), world.message(u"s2@beta.test"_s));
    QVERIFY(ui.view.threadView()->attachMessageAction()->isEnabled());
    // The thread stays on the card for its other message.
    QCOMPARE(ui.rows(), 1);
    // Re-attach with one click.
    QTest::mouseClick(ui.child<QPushButton>(u"attachMessageButton"_s), Qt::LeftButton);
    QCOMPARE(thread->messageList()->topLevelItem(1)->data(0, ui::OnCardRole).toBool(), true);
}

void TestCardThreads::pagesAndIncrementalRefresh()
{
    World world;
    const qint64 contact = world.contact(u"Busy"_s, {u"busy@big.test"_s});
    QList<Mail> batch;
    const int threads = ui::ThreadListModel::pageSize * 2 + 50;
    for (int i = 0; i < threads; ++i)
        batch << Mail(u"p%1@big.test"_s.arg(i))
                     .from(u"busy@big.test"_s)
                     .to(userAddress)
                     .subject(u"Order %1"_s.arg(i))
                     .on(i % 200)
                     .body(u"x"_s);
    world.ingest(batch);
    Harness ui(world);
    ui.view.showCard(contact);
    ui::ThreadListModel* model = ui.view.threadModel();
    QCOMPARE(model->rowCount(), ui::ThreadListModel::pageSize);
    QCOMPARE(model->totalCount(), threads);
    QCOMPARE(ui.view.threadTabs()->tabText(0), u"On the card (%1)"_s.arg(threads));
    QVERIFY(model->canFetchMore({}));
    // Scrolling to the end reads the next pages (once the view has laid its rows out).
    QTRY_VERIFY(ui.table()->verticalScrollBar()->maximum() > 0);
    ui.table()->setFocus();
    QTest::keyClick(ui.table(), Qt::Key_End, Qt::ControlModifier);
    QTRY_VERIFY(model->rowCount() > ui::ThreadListModel::pageSize);
    while (model->canFetchMore({}))
        model->fetchMore({});
    QCOMPARE(model->rowCount(), threads);
    // Newest first with no duplicates across pages.
    QSet<qint64> seen;
    for (int row = 0; row < model->rowCount(); ++row) {
        seen.insert(ui.threadAt(row));
        if (row > 0)
            QVERIFY(model->threadAt(row - 1).thread.lastDate >=
                    model->threadAt(row).thread.lastDate);
    }
    QCOMPARE(seen.size(), threads);

    // A reply to an old thread: that row moves to the top, nothing else is touched.
    ui.view.showCard(contact); // first page only again
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    const qint64 old = world.threadOf(u"p0@big.test"_s);
    QCOMPARE(model->rowOfThread(old), -1); // not loaded yet
    const QList<qint64> changed =
        world.ingest({Mail(u"p0r@big.test"_s)
                          .from(userAddress)
                          .to(u"busy@big.test"_s)
                          .subject(u"Re: Order 0"_s)
                          .replyTo(u"p0@big.test"_s)
                          .on(400),
                      Mail(u"new@big.test"_s)
                          .from(u"busy@big.test"_s)
                          .to(userAddress)
                          .subject(u"Brand new"_s)
                          .on(401),
                      Mail(u"else@other.test"_s).from(u"x@other.test"_s).to(userAddress)});
    ui.view.refreshThreads(changed);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model->rowCount(), ui::ThreadListModel::pageSize + 2);
    QCOMPARE(ui.threadAt(0), world.threadOf(u"new@big.test"_s));
    QCOMPARE(ui.threadAt(1), old);
    QCOMPARE(model->index(1, ui::ThreadListModel::CountColumn).data().toInt(), 2);
    QCOMPARE(model->totalCount(), threads + 1);
}

void TestCardThreads::htmlWithoutNetwork()
{
    // A local server stands for the tracker: no connection may reach it.
    QTcpServer tracker;
    QVERIFY(tracker.listen(QHostAddress::LocalHost));
    const QString pixel = u"http://127.0.0.1:%1/pixel.png"_s.arg(tracker.serverPort());
    const QString css = u"https://127.0.0.1:%1/style.css"_s.arg(tracker.serverPort());
    World world;
    const qint64 contact = world.contact(u"Mallory"_s, {u"mallory@evil.test"_s});
    Mail mail(u"h1@evil.test"_s);
    mail.from(u"mallory@evil.test"_s)
        .to(userAddress)
        .subject(u"Newsletter"_s)
        .body(u"Plain version"_s)
        .html(u"<html><head><link rel=\"stylesheet\" href=\""_s + css +
              u"\"><script>var stolen = 'SCRIPT-RAN';</script></head><body>"
              "<p>Big <b>sale</b></p><img src=\""_s +
              pixel +
              u"\" width=1 height=1><script>document.write('SCRIPT-RAN')</script>"
              "<p style=\"background-image: url("_s +
              pixel + u"?2)\">end</p></body></html>"_s);
    mail.record.attachments.append({u"2"_s, u"price list.pdf"_s, u"application/pdf"_s, 24576});
    world.ingest(mail);

    Harness ui(world);
    ui.view.showCard(contact);
    ui.doubleClickRow(0);
    ui::SafeTextBrowser* body = ui.view.threadView()->body();
    body->grab(); // lays out and paints: every resource is asked for now
    QTRY_VERIFY(ui.child<QLabel>(u"remoteContentNote"_s)->isVisible());
    QVERIFY(body->blockedUrls().contains(QUrl(pixel)));
    QVERIFY(body->toPlainText().contains(u"Big sale"_s));
    QVERIFY(!body->toPlainText().contains(u"SCRIPT-RAN"_s));
    QVERIFY(!body->toHtml().contains(u"SCRIPT-RAN"_s));
    // A bounded wait for something that must not happen.
    QVERIFY(!tracker.waitForNewConnection(200));

    QTreeWidget* attachments = ui.view.threadView()->attachmentList();
    QVERIFY(attachments->isVisible());
    QCOMPARE(attachments->topLevelItemCount(), 1);
    QCOMPARE(attachments->topLevelItem(0)->text(0), u"price list.pdf"_s);
    QCOMPARE(attachments->topLevelItem(0)->text(1), u"application/pdf"_s);
    QCOMPARE(attachments->topLevelItem(0)->text(2), QLocale().formattedDataSize(24576));
    ui.screenshot(u"card-view-html"_s);
}

QTEST_MAIN(TestCardThreads)
#include "tst_card_threads.moc"
