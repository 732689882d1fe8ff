// The card view's fields: create a card and see its stored mail appear, edit, validation
// messages beside the fields, revert, delete with confirmation, convert a lead.
#include "CardViewHarness.h"
#include "card/ConvertLeadDialog.h"
#include "card/ThreadView.h"

#include <QComboBox>
#include <QGroupBox>
#include <QMessageBox>
#include <QSignalSpy>

using namespace cardtest;
using namespace threadline;
using ui::CardField;

class TestCardView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newLeadShowsItsStoredMail();
    void editAndSave();
    void addingAnAddressLinksItsMail();
    void validation_data();
    void validation();
    void revertRestoresStoredValues();
    void deleteAsksFirst();
    void convertLeadMovesItsThreads();
    void dealContactsPickedFromContacts();
};

void TestCardView::newLeadShowsItsStoredMail()
{
    World world;
    world.ingest({Mail(u"a1@dupont.test"_s)
                      .from(u"zoe@dupont.test"_s, u"Zoë"_s)
                      .to(userAddress)
                      .subject(u"Ovens"_s),
                  Mail(u"a2@dupont.test"_s)
                      .from(userAddress)
                      .to(u"ZOE@dupont.test"_s)
                      .subject(u"Re: Ovens"_s)
                      .replyTo(u"a1@dupont.test"_s)
                      .on(1),
                  Mail(u"b1@dupont.test"_s)
                      .from(u"zoe@dupont.test"_s)
                      .to(userAddress)
                      .subject(u"Flour"_s)
                      .on(2),
                  Mail(u"c1@other.test"_s).from(u"bob@other.test"_s).to(userAddress)});
    Harness ui(world);
    QSignalSpy saved(&ui.view, &ui::CardView::cardSaved);
    ui.view.showNewCard(crm::CardKind::Lead);
    QVERIFY(!ui.child<QWidget>(u"threadTable"_s)->isEnabled());
    ui.type(u"nameEdit"_s, u"Zoë Lefèvre"_s);
    ui.type(u"companyEdit"_s, u"Boulangerie Dupont"_s);
    ui.type(u"emailsEdit"_s, u"zoe@dupont.test"_s);
    ui.click(u"saveButton"_s);

    QCOMPARE(saved.count(), 1);
    const qint64 leadId = saved.first().first().toLongLong();
    QCOMPARE(ui.view.cardId(), leadId);
    QVERIFY(ui.table()->isEnabled());
    // Both threads at once, newest first, with why they are there.
    QCOMPARE(ui.rows(), 2);
    QCOMPARE(ui.view.threadModel()->index(0, 0).data().toString(), u"Flour"_s);
    QCOMPARE(ui.view.threadModel()->index(1, ui::ThreadListModel::CountColumn).data().toInt(), 2);
    QCOMPARE(ui.view.threadModel()->index(1, ui::ThreadListModel::OriginColumn).data().toString(),
             u"Address: zoe@dupont.test"_s);
    QCOMPARE(ui.view.threadTabs()->tabText(0), u"On the card (2)"_s);
    QCOMPARE(ui.child<QLabel>(u"cardHeading"_s)->text(), u"Lead · Zoë Lefèvre"_s);
    const auto lead = store::CardRepository(world.db()).lead(leadId);
    QCOMPARE(lead.value()->company, u"Boulangerie Dupont"_s);
}

void TestCardView::editAndSave()
{
    World world;
    const qint64 id = world.contact(u"Alan Smith"_s, {u"alan@acme.test"_s});
    Harness ui(world);
    ui.view.showCard(id);
    QVERIFY(!ui.view.saveAction()->isEnabled());
    ui.type(u"nameEdit"_s, u"Alan B. Smith"_s);
    ui.type(u"phonesEdit"_s, u"+33 1 23 45 67 89, 555-0100"_s);
    auto* kind = ui.child<QComboBox>(u"contactKindCombo"_s);
    QCOMPARE(kind->currentText(), u"Person"_s);
    ui.type(u"companyEdit"_s, u"Acme"_s);
    QVERIFY(ui.view.hasUnsavedChanges());
    QVERIFY(ui.view.saveAction()->isEnabled());
    // Ctrl+S saves from any field.
    QSignalSpy saved(&ui.view, &ui::CardView::cardSaved);
    QTest::keyClick(ui.child<QWidget>(u"companyEdit"_s), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(saved.count(), 1);
    QVERIFY(!ui.view.hasUnsavedChanges());
    const auto contact = store::CardRepository(world.db()).contact(id);
    QCOMPARE(contact.value()->name, u"Alan B. Smith"_s);
    QCOMPARE(contact.value()->organisation, u"Acme"_s);
    QCOMPARE(contact.value()->phones, QStringList({u"+33 1 23 45 67 89"_s, u"555-0100"_s}));
    QCOMPARE(ui.child<QLabel>(u"cardNotice"_s)->text(), u"Saved."_s);
}

void TestCardView::addingAnAddressLinksItsMail()
{
    World world;
    world.ingest(Mail(u"x1@beta.test"_s).from(u"ann@beta.test"_s).to(userAddress));
    const qint64 id = world.contact(u"Ann"_s, {u"ann@alpha.test"_s});
    Harness ui(world);
    ui.view.showCard(id);
    QCOMPARE(ui.rows(), 0);
    QSignalSpy threadsChanged(&ui.view, &ui::CardView::threadsChanged);
    ui.type(u"emailsEdit"_s, u"ann@alpha.test, ann@beta.test"_s);
    ui.click(u"saveButton"_s);
    QCOMPARE(ui.rows(), 1);
    QCOMPARE(ui.threadAt(0), world.threadOf(u"x1@beta.test"_s));
    QVERIFY(threadsChanged.contains(QVariantList{id}));
    // Removing it again takes its automatic link away.
    ui.type(u"emailsEdit"_s, u"ann@alpha.test"_s);
    ui.click(u"saveButton"_s);
    QCOMPARE(ui.rows(), 0);
}

void TestCardView::validation_data()
{
    QTest::addColumn<crm::CardKind>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("emails");
    QTest::addColumn<QString>("value");
    QTest::addColumn<CardField>("field");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty name") << crm::CardKind::Lead << u"  "_s << u""_s << u""_s
                                << CardField::Name << u"Enter a name."_s;
    QTest::newRow("invalid email")
        << crm::CardKind::Lead << u"Zoë"_s << u"zoe@"_s << u""_s << CardField::Emails
        << u"“zoe@” is not a valid email address."_s;
    QTest::newRow("email owned by a contact")
        << crm::CardKind::Lead << u"Zoë"_s << u"ALAN@acme.test"_s << u""_s << CardField::Emails
        << u"ALAN@acme.test already belongs to the contact “Alan Smith”."_s;
    QTest::newRow("email twice") << crm::CardKind::Contact << u"Zoë"_s << u"z@d.test, Z@d.test"_s
                                 << u""_s << CardField::Emails << u"Z@d.test is listed twice."_s;
    QTest::newRow("value not a number")
        << crm::CardKind::Deal << u"Ovens"_s << u""_s << u"12k"_s << CardField::Value
        << u"The value must be a number, such as 12500 or 12500.50."_s;
    QTest::newRow("deal without name") << crm::CardKind::Deal << u""_s << u""_s << u"10"_s
                                       << CardField::Name << u"Enter a name."_s;
}

void TestCardView::validation()
{
    QFETCH(crm::CardKind, kind);
    QFETCH(QString, name);
    QFETCH(QString, emails);
    QFETCH(QString, value);
    QFETCH(CardField, field);
    QFETCH(QString, message);

    World world;
    world.contact(u"Alan Smith"_s, {u"alan@acme.test"_s});
    const qint64 cardsBefore = world.scalar(u"SELECT count(*) FROM cards"_s);
    Harness ui(world);
    QSignalSpy saved(&ui.view, &ui::CardView::cardSaved);
    ui.view.showNewCard(kind);
    ui.type(u"nameEdit"_s, name);
    if (!emails.isEmpty())
        ui.type(u"emailsEdit"_s, emails);
    if (!value.isEmpty())
        ui.type(u"valueEdit"_s, value);
    ui.click(u"saveButton"_s);

    QCOMPARE(saved.count(), 0);
    QCOMPARE(world.scalar(u"SELECT count(*) FROM cards"_s), cardsBefore);
    QCOMPARE(ui.errorText(field), message);
    // The field in error takes the keyboard; the others show nothing.
    QCOMPARE(QApplication::focusWidget(), ui.view.form()->fieldWidget(field));
    for (CardField other : {CardField::Name, CardField::Emails, CardField::Value}) {
        if (other != field)
            QCOMPARE(ui.errorText(other), QString());
    }
}

void TestCardView::revertRestoresStoredValues()
{
    World world;
    const qint64 id = world.lead(u"Bob Stone"_s, {u"bob@stone.test"_s});
    Harness ui(world);
    ui.view.showCard(id);
    ui.type(u"nameEdit"_s, u"Robert"_s);
    ui.type(u"emailsEdit"_s, u"nonsense"_s);
    ui.click(u"saveButton"_s);
    QVERIFY(!ui.errorText(CardField::Emails).isEmpty());
    ui.click(u"revertButton"_s);
    QCOMPARE(ui.child<QLineEdit>(u"nameEdit"_s)->text(), u"Bob Stone"_s);
    QCOMPARE(ui.child<QLineEdit>(u"emailsEdit"_s)->text(), u"bob@stone.test"_s);
    QCOMPARE(ui.errorText(CardField::Emails), QString());
    QVERIFY(!ui.view.hasUnsavedChanges());
}

void TestCardView::deleteAsksFirst()
{
    World world;
    world.ingest(Mail(u"d1@stone.test"_s).from(u"bob@stone.test"_s).to(userAddress));
    const qint64 id = world.lead(u"Bob Stone"_s, {u"bob@stone.test"_s});
    Harness ui(world);
    ui.view.showCard(id);
    QSignalSpy deleted(&ui.view, &ui::CardView::cardDeleted);

    ui.click(u"deleteButton"_s);
    auto* box = ui.view.findChild<QMessageBox*>(u"deleteConfirmation"_s);
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
    QCOMPARE(deleted.count(), 0);
    QCOMPARE(world.scalar(u"SELECT count(*) FROM cards"_s), 1);

    ui.click(u"deleteButton"_s);
    QTRY_VERIFY((box = ui.view.findChild<QMessageBox*>(u"deleteConfirmation"_s)) != nullptr &&
                box->isVisible());
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deleted.first().first().toLongLong(), id);
    QCOMPARE(world.scalar(u"SELECT count(*) FROM cards"_s), 0);
    QCOMPARE(world.scalar(u"SELECT count(*) FROM links"_s), 0);
    // The mail stays.
    QCOMPARE(world.scalar(u"SELECT count(*) FROM messages"_s), 1);
    QCOMPARE(ui.view.cardId(), 0);
}

void TestCardView::convertLeadMovesItsThreads()
{
    World world;
    world.ingest(
        {Mail(u"z1@dupont.test"_s).from(u"zoe@dupont.test"_s).to(userAddress).subject(u"Ovens"_s),
         Mail(u"z2@dupont.test"_s)
             .from(u"zoe@dupont.test"_s)
             .to(userAddress)
             .subject(u"Newsletter"_s)
             .on(1)});
    Harness ui(world);
    ui.view.showNewCard(crm::CardKind::Lead);
    ui.type(u"nameEdit"_s, u"Zoë Lefèvre"_s);
    ui.type(u"companyEdit"_s, u"Dupont"_s);
    ui.type(u"emailsEdit"_s, u"zoe@dupont.test"_s);
    ui.click(u"saveButton"_s);
    const qint64 leadId = ui.view.cardId();
    QCOMPARE(ui.rows(), 2);
    // The newsletter is detached from the lead: that decision moves along too.
    ui.clickRow(0);
    ui.click(u"detachButton"_s);
    QCOMPARE(ui.rows(), 1);

    QSignalSpy converted(&ui.view, &ui::CardView::leadConverted);
    QSignalSpy open(&ui.view, &ui::CardView::openCardRequested);
    ui.click(u"convertButton"_s);
    auto* dialog = ui.view.findChild<ui::ConvertLeadDialog*>(u"convertLeadDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->contactNameEdit()->text(), u"Zoë Lefèvre"_s);
    QCOMPARE(dialog->organisationEdit()->text(), u"Dupont"_s);
    dialog->dealBox()->setChecked(true);
    dialog->dealNameEdit()->setFocus();
    dialog->dealNameEdit()->selectAll();
    QTest::keyClicks(dialog->dealNameEdit(), u"Dupont ovens"_s);
    QTest::keyClicks(dialog->dealValueEdit(), u"not money"_s);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"convertButton"_s), Qt::LeftButton);
    // Refused, with the reason.
    QCOMPARE(converted.count(), 0);
    QVERIFY(dialog->errorLabel()->text().contains(u"must be a number"_s));
    dialog->dealValueEdit()->clear();
    QTest::keyClicks(dialog->dealValueEdit(), u"1500.50"_s);
    dialog->dealStageCombo()->setCurrentIndex(int(crm::DealStage::Quote));
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"convertButton"_s), Qt::LeftButton);

    QCOMPARE(converted.count(), 1);
    const qint64 contactId = converted.first().at(1).toLongLong();
    const qint64 dealId = converted.first().at(2).toLongLong();
    QVERIFY(contactId != 0 && dealId != 0);
    QCOMPARE(open.last().first().toLongLong(), contactId);
    // The view shows the contact with the lead's thread; the detached one stays detached.
    QCOMPARE(ui.view.cardId(), contactId);
    QCOMPARE(ui.view.cardKind(), crm::CardKind::Contact);
    QCOMPARE(ui.rows(), 1);
    QCOMPARE(ui.threadAt(0), world.threadOf(u"z1@dupont.test"_s));
    QCOMPARE(ui.view.threadTabs()->tabText(1), u"Detached (1)"_s);

    store::CardRepository cards(world.db());
    QCOMPARE(cards.convertedTo(leadId).value(), contactId);
    const auto deal = cards.deal(dealId).value();
    QCOMPARE(deal->name, u"Dupont ovens"_s);
    QCOMPARE(deal->value.minorUnits, 150050);
    QCOMPARE(deal->stage, crm::DealStage::Quote);
    QCOMPARE(deal->contactIds, QList<qint64>{contactId});
    QCOMPARE(cards.contact(contactId).value()->emails.first().written(), u"zoe@dupont.test"_s);

    // The lead now says where it went, read-only; a reply to its mail goes to the contact only.
    ui.view.showCard(leadId);
    QVERIFY(ui.child<QWidget>(u"convertedBanner"_s)->isVisible());
    QVERIFY(!ui.view.convertAction()->isEnabled());
    QCOMPARE(ui.rows(), 0);
    world.ingest(Mail(u"z3@dupont.test"_s)
                     .from(u"zoe@dupont.test"_s)
                     .to(userAddress)
                     .subject(u"Re: Ovens"_s)
                     .replyTo(u"z1@dupont.test"_s)
                     .on(3));
    ui.view.refreshThreads({world.threadOf(u"z3@dupont.test"_s)});
    QCOMPARE(ui.rows(), 0);
    ui.click(u"openConvertedButton"_s);
    QCOMPARE(open.last().first().toLongLong(), contactId);
}

void TestCardView::dealContactsPickedFromContacts()
{
    World world;
    const qint64 alan = world.contact(u"Alan Smith"_s, {u"alan@acme.test"_s});
    const qint64 zoe = world.contact(u"Zoë Lefèvre"_s, {u"zoe@dupont.test"_s});
    Harness ui(world);
    ui.view.showNewCard(crm::CardKind::Deal);
    ui.type(u"nameEdit"_s, u"Acme renewal"_s);
    auto* picker = ui.child<QComboBox>(u"contactPicker"_s);
    picker->setFocus();
    QTest::keyClicks(picker, u"Alan Smith"_s);
    QTest::keyClick(picker, Qt::Key_Return);
    picker->setFocus();
    Harness::typeText(picker, u"Zoë Lefèvre"_s);
    ui.click(u"addContactButton"_s);
    ui.type(u"valueEdit"_s, u"12500"_s);
    auto* currency = ui.child<QComboBox>(u"currencyCombo"_s);
    currency->setCurrentText(u"GBP"_s);
    ui.child<QComboBox>(u"stageCombo"_s)->setCurrentIndex(int(crm::DealStage::Closure));
    ui.click(u"closeDateCheck"_s);
    ui.click(u"saveButton"_s);
    QVERIFY2(ui.view.cardId() != 0, qPrintable(ui.child<QLabel>(u"cardNotice"_s)->text()));
    const auto deal = store::CardRepository(world.db()).deal(ui.view.cardId()).value();
    QCOMPARE(deal->contactIds, QList<qint64>({alan, zoe}));
    QCOMPARE(deal->value, (crm::Money{1250000, u"GBP"_s}));
    QCOMPARE(deal->stage, crm::DealStage::Closure);
    QVERIFY(deal->expectedClose.isValid());
    // A contact of the deal opens by Enter in the list.
    QSignalSpy open(&ui.view, &ui::CardView::openCardRequested);
    auto* list = ui.child<QAbstractItemView>(u"dealContactsList"_s);
    list->setFocus();
    list->setCurrentIndex(list->model()->index(1, 0));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().first().toLongLong(), zoe);
}

QTEST_MAIN(TestCardView)
#include "tst_card_view.moc"
