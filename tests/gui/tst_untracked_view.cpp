// The Untracked view, clicked like a user: "Add as lead" and "Add as contact" create a card
// that takes the correspondent's mail at once (the group leaves the view, the card lists
// it); "Attach to card…" puts the mail on a chosen card as manual links.
#include "AddCardDialog.h"
#include "CardPickerDialog.h"
#include "CardRoles.h"
#include "CardTableModel.h"
#include "GuiStore.h"
#include "MainWindow.h"
#include "UntrackedSenderModel.h"
#include "UntrackedThreadModel.h"
#include "UntrackedView.h"
#include "card/CardField.h"
#include "card/CardForm.h"
#include "card/CardView.h"
#include "card/ThreadListModel.h"
#include "store/LinkRepository.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using namespace guitest;
using threadline::ui::CardTableModel;
using threadline::ui::MainWindow;
using threadline::ui::UntrackedView;

class TestUntrackedView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void groupsUntrackedMailBySender();
    void addAsLeadLinksTheMailAtOnce();
    void addAsContactByKeyboard();
    void attachToCardMakesManualLinks();
    void dialogRefusesAnInvalidAddress();
    void newLeadFromTheWindowTakesItsMail();

private:
    int senderRow(const QString& email) const;
    void selectSender(const QString& email);
    template <typename Dialog> Dialog* waitForDialog();

    std::unique_ptr<GuiStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    UntrackedView* m_view = nullptr;
    qint64 m_deal = 0;
};

void TestUntrackedView::init()
{
    m_store = std::make_unique<GuiStore>();
    m_store->contact(u"Alan Smith"_s, u"alan@client.test"_s);
    m_deal = m_store->deal(u"Bakery ovens"_s, 250000);
    m_store->deliver({
        Mail(u"a1@x"_s).from(u"alan@client.test"_s, u"Alan Smith"_s).to(userAddress).day(1),
        Mail(u"p1@x"_s).from(u"paula@prospect.test"_s, u"Paula Prospect"_s).to(userAddress).day(2),
        Mail(u"p2@x"_s)
            .from(u"paula@prospect.test"_s, u"Paula Prospect"_s)
            .to(userAddress)
            .day(3)
            .subject(u"Pricing"_s)
            .body(u"Could you send the price list?"_s),
        // Sent mail counts under its recipient.
        Mail(u"q1@x"_s).from(userAddress).to(u"quentin@vendor.test"_s).day(4).subject(u"Offer"_s),
        Mail(u"r1@x"_s).from(u"rita@supplier.test"_s, u"Rita"_s).to(userAddress).day(5),
    });
    m_window = std::make_unique<MainWindow>(m_store->db(), m_store->directory());
    m_window->setMatchPolicy(m_store->policy);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view = m_window->untrackedView();
    // Opened the way a user does: Ctrl+4.
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Untracked);
    QVERIFY(m_view->isVisible());
}

void TestUntrackedView::cleanup()
{
    m_window.reset();
    m_store.reset();
}

int TestUntrackedView::senderRow(const QString& email) const
{
    return m_view->senderModel()->rowOfEmail(email);
}

void TestUntrackedView::selectSender(const QString& email)
{
    const int row = senderRow(email);
    QVERIFY(row >= 0);
    QTableView* table = m_view->senderTable();
    const QRect rect = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(table->currentIndex().row(), row);
}

template <typename Dialog> Dialog* TestUntrackedView::waitForDialog()
{
    Dialog* dialog = nullptr;
    const auto found = [&] {
        dialog = qobject_cast<Dialog*>(QApplication::activeModalWidget());
        return dialog != nullptr;
    };
    if (!QTest::qWaitFor(found))
        return nullptr;
    if (!QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

void TestUntrackedView::groupsUntrackedMailBySender()
{
    // Newest first; Alan's mail is on his card, so he is not here.
    QCOMPARE(m_view->senderModel()->rowCount(), 3);
    QCOMPARE(senderRow(u"rita@supplier.test"_s), 0);
    QCOMPARE(senderRow(u"quentin@vendor.test"_s), 1);
    QCOMPARE(senderRow(u"paula@prospect.test"_s), 2);
    QCOMPARE(senderRow(u"alan@client.test"_s), -1);

    selectSender(u"paula@prospect.test"_s);
    QCOMPARE(m_view->threadModel()->rowCount(), 2);
    QCOMPARE(m_view->threadTable()->currentIndex().data().toString(), u"Pricing"_s);
    QVERIFY(m_view->preview()->toPlainText().contains(u"Could you send the price list?"_s));
}

void TestUntrackedView::addAsLeadLinksTheMailAtOnce()
{
    selectSender(u"paula@prospect.test"_s);
    auto* button = m_view->findChild<QToolButton*>(u"addLeadButton"_s);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);

    auto* dialog = waitForDialog<threadline::ui::AddCardDialog>();
    QVERIFY(dialog);
    // Filled in from the sender.
    QCOMPARE(dialog->findChild<QLineEdit*>(u"name"_s)->text(), u"Paula Prospect"_s);
    QCOMPARE(dialog->findChild<QLineEdit*>(u"email"_s)->text(), u"paula@prospect.test"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"company"_s), u"Prospect SA"_s);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);

    // The group leaves Untracked; the next sender takes the selection.
    QTRY_COMPARE(senderRow(u"paula@prospect.test"_s), -1);
    QCOMPARE(m_view->senderModel()->rowCount(), 2);
    QVERIFY(m_view->senderTable()->currentIndex().isValid());

    // The lead is listed with its mail.
    CardTableModel* leads = m_window->cardModel(crm::CardKind::Lead);
    QCOMPARE(leads->rowCount(), 1);
    const QModelIndex lead = leads->index(0, 0);
    QCOMPARE(lead.data().toString(), u"Paula Prospect"_s);
    QCOMPARE(
        lead.siblingAtColumn(leads->columnOf(CardTableModel::Column::Threads)).data().toString(),
        u"2"_s);
    QCOMPARE(
        lead.siblingAtColumn(leads->columnOf(CardTableModel::Column::Company)).data().toString(),
        u"Prospect SA"_s);
    const qint64 leadId = lead.data(threadline::ui::CardIdRole).toLongLong();
    QCOMPARE(store::LinkRepository(m_store->db()).cardThreadCount(leadId).value(), 2);
    QCOMPARE(m_window->sectionList()->item(0)->text(), u"Leads (1)"_s);

    // Opening it shows the card beside the list.
    m_window->openCard(leadId);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Leads);
    QCOMPARE(m_window->shownCardId(), leadId);
}

void TestUntrackedView::addAsContactByKeyboard()
{
    selectSender(u"quentin@vendor.test"_s);
    m_view->senderTable()->setFocus();
    QTest::keyClick(m_view->senderTable(), Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
    auto* dialog = waitForDialog<threadline::ui::AddCardDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->kind(), crm::CardKind::Contact);
    // Sent mail has no sender name: the address's local part is offered.
    auto* name = dialog->findChild<QLineEdit*>(u"name"_s);
    QCOMPARE(name->text(), u"quentin"_s);
    QTRY_VERIFY(name->hasFocus());
    QTest::keyClicks(name, u"Quentin Vendor"_s); // replaces the selected text
    QTest::keyClick(name, Qt::Key_Return);

    QTRY_COMPARE(senderRow(u"quentin@vendor.test"_s), -1);
    CardTableModel* contacts = m_window->cardModel(crm::CardKind::Contact);
    QCOMPARE(contacts->rowCount(), 2);
    qint64 id = 0;
    for (int row = 0; row < contacts->rowCount(); ++row) {
        if (contacts->index(row, 0).data().toString() == u"Quentin Vendor")
            id = contacts->index(row, 0).data(threadline::ui::CardIdRole).toLongLong();
    }
    QVERIFY(id != 0);
    QCOMPARE(store::LinkRepository(m_store->db()).cardThreadCount(id).value(), 1);
}

void TestUntrackedView::attachToCardMakesManualLinks()
{
    selectSender(u"rita@supplier.test"_s);
    auto* button = m_view->findChild<QToolButton*>(u"attachButton"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    auto* picker = waitForDialog<threadline::ui::CardPickerDialog>();
    QVERIFY(picker);
    // Words of the name, the last one unfinished.
    QTest::keyClicks(picker->searchBox(), u"bakery ov"_s);
    QTRY_COMPARE(picker->resultList()->count(), 1);
    QCOMPARE(picker->selectedCardId(), m_deal);
    QTest::keyClick(picker->searchBox(), Qt::Key_Return);

    QTRY_COMPARE(senderRow(u"rita@supplier.test"_s), -1);
    const auto threads = store::LinkRepository(m_store->db()).cardThreads(m_deal, 10);
    QVERIFY(threads);
    QCOMPARE(threads.value().size(), 1);
    QCOMPARE(threads.value().first().origin, store::LinkOrigin::Manual);
    CardTableModel* deals = m_window->cardModel(crm::CardKind::Deal);
    QCOMPARE(deals->indexOfCard(m_deal, deals->columnOf(CardTableModel::Column::Threads))
                 .data()
                 .toString(),
             u"1"_s);
}

void TestUntrackedView::dialogRefusesAnInvalidAddress()
{
    selectSender(u"paula@prospect.test"_s);
    m_view->addLeadAction()->trigger();
    auto* dialog = waitForDialog<threadline::ui::AddCardDialog>();
    QVERIFY(dialog);
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    auto* email = dialog->findChild<QLineEdit*>(u"email"_s);
    email->clear();
    QTest::keyClicks(email, u"paula-at-prospect"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->findChild<QLabel*>(u"problem"_s)->text().contains(u"paula-at-prospect"_s));
    QTest::keyClick(email, Qt::Key_Escape);
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QVERIFY(senderRow(u"paula@prospect.test"_s) >= 0);
    QCOMPARE(m_window->cardModel(crm::CardKind::Lead)->rowCount(), 0);
}

void TestUntrackedView::newLeadFromTheWindowTakesItsMail()
{
    // Ctrl+1, Ctrl+N: a blank lead in the card pane, written and saved from the keyboard.
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Leads);
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    threadline::ui::CardView* card = m_window->cardView();
    QVERIFY(card->isVisible());
    QCOMPARE(card->cardKind(), crm::CardKind::Lead);
    QCOMPARE(card->cardId(), 0);
    auto* name =
        qobject_cast<QLineEdit*>(card->form()->fieldWidget(threadline::ui::CardField::Name));
    auto* emails =
        qobject_cast<QLineEdit*>(card->form()->fieldWidget(threadline::ui::CardField::Emails));
    QVERIFY(name && emails);
    QTRY_VERIFY(name->hasFocus());
    QTest::keyClicks(name, u"Rita Supplier"_s);
    QTest::keyClick(name, Qt::Key_Tab);
    emails->setFocus();
    QTest::keyClicks(emails, u"rita@supplier.test"_s);
    QTest::keyClick(emails, Qt::Key_S, Qt::ControlModifier);

    // The lead is created, listed, selected, and shows its mail at once.
    CardTableModel* leads = m_window->cardModel(crm::CardKind::Lead);
    QTRY_COMPARE(leads->rowCount(), 1);
    const qint64 leadId = leads->index(0, 0).data(threadline::ui::CardIdRole).toLongLong();
    QCOMPARE(card->cardId(), leadId);
    QCOMPARE(m_window->shownCardId(), leadId);
    QCOMPARE(m_window->currentTable()->currentIndex().data(threadline::ui::CardIdRole).toLongLong(),
             leadId);
    QCOMPARE(leads->index(0, leads->columnOf(CardTableModel::Column::Threads)).data().toString(),
             u"1"_s);
    QTRY_COMPARE(card->threadModel()->rowCount(), 1);

    // …and its mail has left Untracked.
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(senderRow(u"rita@supplier.test"_s), -1);
    QCOMPARE(m_view->senderModel()->rowCount(), 2);
}

QTEST_MAIN(TestUntrackedView)
#include "tst_untracked_view.moc"
