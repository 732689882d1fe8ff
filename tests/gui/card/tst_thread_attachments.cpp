// The thread view's attachments, driven with real clicks and keys: opening one (double-click,
// Enter, the Open button) asks for it once and shows "Downloading…"; the answer goes to the
// injected file opener; "Save As…" asks where through its seam and says where it saved;
// failures are written under the list in plain words (no modal box). The test plays the part
// of the fetcher (tst_attachment_fetch runs the real one against Dovecot).

#include "CardWorld.h"
#include "card/ThreadView.h"
#include "net/ErrorCatalog.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>

using namespace cardtest;

namespace {

constexpr int StatusColumn = 3;

// A message from a customer with two attachments, and a second one with none.
struct Thread
{
    World world;
    qint64 withFiles = 0;
    qint64 without = 0;
    qint64 thread = 0;

    Thread()
    {
        Mail first(u"files@customer.test"_s);
        first.from(u"ann@customer.test"_s).to(userAddress).subject(u"Offer"_s);
        first.record.attachments.append({u"2"_s, u"price list.pdf"_s, u"application/pdf"_s, 24576});
        first.record.attachments.append({u"3.1"_s, u"a/b\u202Etxt.exe"_s, u"text/plain"_s, 12});
        Mail second(u"plain@customer.test"_s);
        second.from(u"ann@customer.test"_s)
            .to(userAddress)
            .subject(u"Re: Offer"_s)
            .replyTo(u"files@customer.test"_s)
            .on(1);
        world.ingest({first, second});
        withFiles = world.message(u"files@customer.test"_s);
        without = world.message(u"plain@customer.test"_s);
        thread = world.threadOf(u"files@customer.test"_s);
    }
};

// A shown ThreadView with its seams replaced: requests and opened files are recorded.
struct View
{
    ui::ThreadView view;
    QList<sync::AttachmentRequest> requests;
    QList<QUrl> opened;
    bool openerWorks = true;
    QStringList suggestions;
    QString saveAnswer;
    QTemporaryDir files;

    explicit View(Thread& thread)
        : view(thread.world.db())
    {
        view.setFileOpener([this](const QUrl& url) {
            opened << url;
            return openerWorks;
        });
        view.setSaveLocationPrompt([this](const QString& suggested) {
            suggestions << suggested;
            return saveAnswer;
        });
        QObject::connect(&view, &ui::ThreadView::attachmentRequested, &view,
                         [this](const sync::AttachmentRequest& r) { requests << r; });
        view.resize(900, 700);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view))
            qFatal("the thread view was not shown");
        view.showThread(0, thread.thread);
        view.selectMessage(thread.withFiles);
    }

    QTreeWidget* list() const { return view.attachmentList(); }
    QTreeWidgetItem* row(int i) const { return list()->topLevelItem(i); }
    QLabel* note() const { return view.attachmentNote(); }

    void doubleClick(int i) const
    {
        const QPoint center = list()->visualItemRect(row(i)).center();
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, center);
        QTest::mouseDClick(list()->viewport(), Qt::LeftButton, {}, center);
    }
    void click(const QString& buttonName) const
    {
        auto* button = view.findChild<QPushButton*>(buttonName);
        QVERIFY2(button, qPrintable(buttonName));
        QVERIFY2(button->isEnabled(), qPrintable(buttonName));
        QTest::mouseClick(button, Qt::LeftButton);
    }
    // A file as the fetcher would have written it.
    QString file(const QString& name) const
    {
        const QString path = files.filePath(name);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write("%PDF-1.4") != 8)
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
};

} // namespace

class TestThreadAttachments final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listed();
    void open_data();
    void open();
    void openOnceWhileDownloading();
    void saveAs_data();
    void saveAs();
    void failureInPlainWords_data();
    void failureInPlainWords();
    void nothingOpensIt();
    void noteBelongsToItsMessage();
    void answerAfterMovingOn();
};

void TestThreadAttachments::listed()
{
    Thread thread;
    View ui(thread);
    QCOMPARE(ui.list()->topLevelItemCount(), 2);
    QCOMPARE(ui.row(0)->text(0), u"price list.pdf"_s);
    QCOMPARE(ui.row(0)->text(StatusColumn), QString());
    QVERIFY(ui.view.openAttachmentAction()->isEnabled());
    QVERIFY(ui.view.saveAttachmentAction()->isEnabled());
    // A message without attachments shows neither the list nor its buttons.
    ui.view.selectMessage(thread.without);
    QVERIFY(!ui.list()->isVisible());
    QVERIFY(!ui.view.findChild<QPushButton*>(u"openAttachmentButton"_s)->isVisible());
    QVERIFY(!ui.view.openAttachmentAction()->isEnabled());
}

void TestThreadAttachments::open_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("row");
    QTest::newRow("double-click") << u"double-click"_s << 0;
    QTest::newRow("Enter") << u"enter"_s << 0;
    QTest::newRow("Open button") << u"button"_s << 1;
    QTest::newRow("context menu action") << u"action"_s << 1;
}

void TestThreadAttachments::open()
{
    QFETCH(QString, how);
    QFETCH(int, row);
    Thread thread;
    View ui(thread);
    if (how == u"double-click"_s) {
        ui.doubleClick(row);
    } else {
        ui.list()->setCurrentItem(ui.row(row));
        if (how == u"enter"_s) {
            ui.list()->setFocus();
            QTest::keyClick(ui.list(), Qt::Key_Return);
        } else if (how == u"button"_s) {
            ui.click(u"openAttachmentButton"_s);
        } else {
            QVERIFY(ui.list()->actions().contains(ui.view.openAttachmentAction()));
            ui.view.openAttachmentAction()->trigger();
        }
    }
    QCOMPARE(ui.requests.size(), 1);
    const sync::AttachmentRequest request = ui.requests.first();
    QCOMPARE(request.messageId, thread.withFiles);
    QCOMPARE(request.part, row == 0 ? u"2"_s : u"3.1"_s);
    QVERIFY(request.saveTo.isEmpty());
    QCOMPARE(ui.row(row)->text(StatusColumn), u"Downloading…"_s);
    QCOMPARE(ui.view.pendingAttachmentCount(), 1);
    QVERIFY(ui.opened.isEmpty());

    const QString path = ui.file(u"fetched.pdf"_s);
    ui.view.attachmentFetched(request.id, path);
    QCOMPARE(ui.opened, QList<QUrl>{QUrl::fromLocalFile(path)});
    QCOMPARE(ui.row(row)->text(StatusColumn), QString());
    QVERIFY(!ui.note()->isVisible());
    QCOMPARE(ui.view.pendingAttachmentCount(), 0);
    // A late duplicate answer is ignored.
    ui.view.attachmentFetched(request.id, path);
    QCOMPARE(ui.opened.size(), 1);
}

void TestThreadAttachments::openOnceWhileDownloading()
{
    Thread thread;
    View ui(thread);
    ui.doubleClick(0);
    ui.doubleClick(0);
    ui.click(u"openAttachmentButton"_s);
    QCOMPARE(ui.requests.size(), 1);
    ui.view.attachmentFetched(ui.requests.first().id, ui.file(u"once.pdf"_s));
    QCOMPARE(ui.opened.size(), 1);
    // Once it is here, opening asks again (the fetcher answers from its cache).
    ui.doubleClick(0);
    QCOMPARE(ui.requests.size(), 2);
}

void TestThreadAttachments::saveAs_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("suggestedName");
    QTest::addColumn<bool>("cancelled");
    QTest::newRow("chosen") << 0 << u"price list.pdf"_s << false;
    QTest::newRow("cancelled") << 0 << u"price list.pdf"_s << true;
    // The name the message gives is not trusted as a path, nor its hidden characters.
    QTest::newRow("unsafe name") << 1 << u"a_btxt.exe"_s << false;
}

void TestThreadAttachments::saveAs()
{
    QFETCH(int, row);
    QFETCH(QString, suggestedName);
    QFETCH(bool, cancelled);
    Thread thread;
    View ui(thread);
    const QString target = ui.files.filePath(u"chosen.pdf"_s);
    ui.saveAnswer = cancelled ? QString() : target;
    ui.list()->setCurrentItem(ui.row(row));
    ui.click(u"saveAttachmentButton"_s);
    QCOMPARE(ui.suggestions.size(), 1);
    QCOMPARE(QFileInfo(ui.suggestions.first()).fileName(), suggestedName);
    if (cancelled) {
        QVERIFY(ui.requests.isEmpty());
        QCOMPARE(ui.row(row)->text(StatusColumn), QString());
        return;
    }
    QCOMPARE(ui.requests.size(), 1);
    QCOMPARE(ui.requests.first().saveTo, target);
    QCOMPARE(ui.row(row)->text(StatusColumn), u"Downloading…"_s);
    ui.view.attachmentFetched(ui.requests.first().id, ui.file(u"chosen.pdf"_s));
    QVERIFY(ui.opened.isEmpty()); // saved, not opened
    QCOMPARE(ui.row(row)->text(StatusColumn), u"Saved"_s);
    QVERIFY(ui.note()->isVisible());
    QVERIFY2(ui.note()->text().contains(QDir::toNativeSeparators(target)),
             qPrintable(ui.note()->text()));
}

void TestThreadAttachments::failureInPlainWords_data()
{
    QTest::addColumn<net::ErrorCode>("code");
    QTest::addColumn<QString>("detail");
    QTest::newRow("message gone") << net::ErrorCode::MessageNotOnServer
                                  << u"UID 4 is no longer in INBOX"_s;
    QTest::newRow("part missing") << net::ErrorCode::AttachmentMissing
                                  << u"INBOX UID 4 has no part 2"_s;
    QTest::newRow("offline") << net::ErrorCode::HostUnreachable << u"Host not found"_s;
    QTest::newRow("disk full") << net::ErrorCode::StorageFailed << u"No space left on device"_s;
}

void TestThreadAttachments::failureInPlainWords()
{
    QFETCH(net::ErrorCode, code);
    QFETCH(QString, detail);
    Thread thread;
    View ui(thread);
    ui.doubleClick(0);
    QCOMPARE(ui.requests.size(), 1);
    ui.view.attachmentFailed(ui.requests.first().id, {code, detail});
    QVERIFY(ui.opened.isEmpty());
    QCOMPARE(ui.row(0)->text(StatusColumn), u"Failed"_s);
    QVERIFY(ui.note()->isVisible());
    const net::ErrorCatalog::Entry entry = net::ErrorCatalog::entry(code);
    const QString text = ui.note()->text();
    QVERIFY2(text.contains(u"price list.pdf"_s), qPrintable(text));
    QVERIFY2(text.contains(entry.title), qPrintable(text));
    QVERIFY2(text.contains(entry.fix), qPrintable(text));
    QVERIFY2(text.contains(QString::number(int(code))), qPrintable(text));
    QVERIFY(ui.note()->toolTip().contains(detail));
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    // A refresh (after a sync batch) keeps the words.
    ui.view.refresh();
    QVERIFY(ui.note()->isVisible());
    // Trying again clears the old words while it downloads.
    ui.doubleClick(0);
    QCOMPARE(ui.requests.size(), 2);
    QVERIFY(!ui.note()->isVisible());
    QCOMPARE(ui.row(0)->text(StatusColumn), u"Downloading…"_s);
}

void TestThreadAttachments::nothingOpensIt()
{
    Thread thread;
    View ui(thread);
    ui.openerWorks = false;
    ui.doubleClick(1);
    ui.view.attachmentFetched(ui.requests.first().id, ui.file(u"odd.exe"_s));
    QCOMPARE(ui.opened.size(), 1);
    QVERIFY(ui.note()->isVisible());
    QVERIFY2(ui.note()->text().contains(u"No program could open"_s), qPrintable(ui.note()->text()));
}

void TestThreadAttachments::noteBelongsToItsMessage()
{
    Thread thread;
    View ui(thread);
    ui.doubleClick(0);
    ui.view.attachmentFailed(ui.requests.first().id, {net::ErrorCode::ConnectionLost, {}});
    QVERIFY(ui.note()->isVisible());
    ui.view.selectMessage(thread.without);
    QVERIFY(!ui.note()->isVisible());
    ui.view.selectMessage(thread.withFiles);
    QVERIFY(!ui.note()->isVisible());
    QCOMPARE(ui.row(0)->text(StatusColumn), QString());
}

void TestThreadAttachments::answerAfterMovingOn()
{
    // The user opens a file, then reads another message: the file still opens when it
    // arrives, and coming back shows the row's state.
    Thread thread;
    View ui(thread);
    ui.doubleClick(0);
    ui.view.selectMessage(thread.without);
    ui.view.selectMessage(thread.withFiles);
    QCOMPARE(ui.row(0)->text(StatusColumn), u"Downloading…"_s);
    ui.view.selectMessage(thread.without);
    const QString path = ui.file(u"later.pdf"_s);
    ui.view.attachmentFetched(ui.requests.first().id, path);
    QCOMPARE(ui.opened, QList<QUrl>{QUrl::fromLocalFile(path)});
    ui.view.selectMessage(thread.withFiles);
    QCOMPARE(ui.row(0)->text(StatusColumn), QString());
}

QTEST_MAIN(TestThreadAttachments)
#include "tst_thread_attachments.moc"
