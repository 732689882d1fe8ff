// The card lists: mail columns, sorting by value, the accent-folding filter, and updates row
// by row after a sync batch or an edit (dataChanged / rowsInserted / rowsRemoved, never a
// reset).
#include "CardRoles.h"
#include "CardTableModel.h"
#include "GuiStore.h"
#include "MainWindow.h"

#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace guitest;
using threadline::ui::CardTableModel;
using threadline::ui::MainWindow;

class TestCardLists final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void mailColumnsShowThreadsAndLastEmail();
    void syncBatchUpdatesOnlyTheRowsItTouched();
    void newAndDeletedCardsInsertAndRemoveRows();
    void sortsNumbersAndDatesByValue();
    void sortsNamesLocaleAware();
    void filterIgnoresCaseAndAccents();
    void keyboardSwitchesSections();

private:
    QString cell(crm::CardKind kind, int row, CardTableModel::Column column) const;
    int rowOf(crm::CardKind kind, const QString& name) const;

    std::unique_ptr<GuiStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_alan = 0;
    qint64 m_zoe = 0;
};

void TestCardLists::initTestCase()
{
    // Locale-aware sorting is what is tested; the "C" locale compares code points.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestCardLists::init()
{
    m_store = std::make_unique<GuiStore>();
    m_alan = m_store->contact(u"Alan Smith"_s, u"alan@client.test"_s);
    m_store->contact(u"Élodie Martin"_s, u"elodie@client.test"_s);
    m_store->contact(u"Eddy Brown"_s, u"eddy@client.test"_s);
    m_store->contact(u"Fabrice Roy"_s, u"fabrice@client.test"_s);
    m_zoe = m_store->lead(u"Zoë Lefèvre"_s, u"zoe@dupont.test"_s, u"Boulangerie Dupont"_s);
    m_store->lead(u"Bob Stone"_s, u"bob@stone.test"_s, u"Stone & Co"_s);
    // Alan: 10 threads, the newest on day 9; Élodie: 9 threads on days 20..28.
    QList<Mail> mails;
    for (int i = 0; i < 10; ++i)
        mails << Mail(u"alan%1@x"_s.arg(i))
                     .from(u"alan@client.test"_s)
                     .to(userAddress)
                     .day(i)
                     .subject(u"Order %1"_s.arg(i));
    for (int i = 0; i < 9; ++i)
        mails << Mail(u"elodie%1@x"_s.arg(i))
                     .from(u"elodie@client.test"_s)
                     .to(userAddress)
                     .day(20 + i)
                     .subject(u"Visit %1"_s.arg(i));
    m_store->deliver(mails);
    m_window = std::make_unique<MainWindow>(m_store->db(), m_store->directory());
    m_window->setMatchPolicy(m_store->policy);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestCardLists::cleanup()
{
    m_window.reset();
    m_store.reset();
}

QString TestCardLists::cell(crm::CardKind kind, int row, CardTableModel::Column column) const
{
    const QAbstractItemModel* model = m_window->table(kind)->model();
    return model->index(row, m_window->cardModel(kind)->columnOf(column)).data().toString();
}

int TestCardLists::rowOf(crm::CardKind kind, const QString& name) const
{
    const QAbstractItemModel* model = m_window->table(kind)->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == name)
            return row;
    }
    return -1;
}

void TestCardLists::mailColumnsShowThreadsAndLastEmail()
{
    using C = CardTableModel::Column;
    const int alan = rowOf(crm::CardKind::Contact, u"Alan Smith"_s);
    QVERIFY(alan >= 0);
    QCOMPARE(cell(crm::CardKind::Contact, alan, C::Threads), u"10"_s);
    const QModelIndex last =
        m_window->table(crm::CardKind::Contact)
            ->model()
            ->index(alan, m_window->cardModel(crm::CardKind::Contact)->columnOf(C::LastEmail));
    QCOMPARE(last.data(threadline::ui::SortRole).toLongLong(),
             QDateTime(QDate(2024, 3, 10), QTime(12, 0), Qt::UTC).toSecsSinceEpoch());
    // No mail: both empty.
    const int eddy = rowOf(crm::CardKind::Contact, u"Eddy Brown"_s);
    QCOMPARE(cell(crm::CardKind::Contact, eddy, C::Threads), QString());
    QCOMPARE(cell(crm::CardKind::Contact, eddy, C::LastEmail), QString());
}

void TestCardLists::syncBatchUpdatesOnlyTheRowsItTouched()
{
    CardTableModel* contacts = m_window->cardModel(crm::CardKind::Contact);
    CardTableModel* leads = m_window->cardModel(crm::CardKind::Lead);
    QSignalSpy reset(contacts, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(contacts, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(contacts, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(contacts, &QAbstractItemModel::dataChanged);
    QSignalSpy leadChanged(leads, &QAbstractItemModel::dataChanged);
    QSignalSpy leadReset(leads, &QAbstractItemModel::modelReset);

    // A batch as the sync worker would hand it over: a new thread for Alan, a reply in one
    // of his threads, and mail of a stranger.
    const store::ChangeSet changes = m_store->deliver(
        {Mail(u"alan-new@x"_s).from(u"alan@client.test"_s).to(userAddress).day(40),
         Mail(u"alan-re@x"_s)
             .from(userAddress)
             .to(u"alan@client.test"_s)
             .replyTo(u"alan3@x"_s)
             .day(41),
         Mail(u"stranger@x"_s).from(u"someone@else.test"_s).to(userAddress).day(42)});
    QVERIFY(changes.cards.contains(m_alan));
    m_window->applySyncChanges(QList<qint64>(changes.cards.cbegin(), changes.cards.cend()),
                               QList<qint64>(changes.threads.cbegin(), changes.threads.cend()));

    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
    const QModelIndex alanRow = contacts->indexOfCard(m_alan);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), alanRow.row());
    QCOMPARE(leadChanged.count(), 0);
    QCOMPARE(leadReset.count(), 0);
    QCOMPARE(alanRow.siblingAtColumn(contacts->columnOf(CardTableModel::Column::Threads))
                 .data()
                 .toString(),
             u"11"_s);

    // A batch that changes nothing shown emits nothing.
    m_window->applySyncChanges({m_alan}, {});
    QCOMPARE(changed.count(), 1);
}

void TestCardLists::newAndDeletedCardsInsertAndRemoveRows()
{
    CardTableModel* leads = m_window->cardModel(crm::CardKind::Lead);
    QSignalSpy reset(leads, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(leads, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(leads, &QAbstractItemModel::rowsRemoved);
    QCOMPARE(m_window->sectionList()->item(0)->text(), u"Leads (2)"_s);

    const qint64 carla = m_store->lead(u"Carla Diaz"_s, u"carla@diaz.test"_s);
    m_window->applySyncChanges({carla}, {});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(leads->rowCount(), 3);
    QVERIFY(leads->indexOfCard(carla).isValid());
    QCOMPARE(m_window->sectionList()->item(0)->text(), u"Leads (3)"_s);
    // The sorted view puts it in its place by name.
    QCOMPARE(rowOf(crm::CardKind::Lead, u"Carla Diaz"_s), 1);

    QSqlQuery remove(m_store->db());
    QVERIFY(remove.exec(u"DELETE FROM cards WHERE id = %1"_s.arg(m_zoe)));
    m_window->applySyncChanges({m_zoe}, {});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(leads->rowCount(), 2);
    QVERIFY(!leads->indexOfCard(m_zoe).isValid());
    QVERIFY(leads->indexOfCard(carla).isValid()); // the index of the rows after it followed
    QCOMPARE(m_window->sectionList()->item(0)->text(), u"Leads (2)"_s);
    QCOMPARE(reset.count(), 0);
}

void TestCardLists::sortsNumbersAndDatesByValue()
{
    using C = CardTableModel::Column;
    CardTableModel* contacts = m_window->cardModel(crm::CardKind::Contact);
    QTableView* table = m_window->table(crm::CardKind::Contact);
    // 10 threads sorts above 9 (as numbers, not as text where "9" > "10").
    table->sortByColumn(contacts->columnOf(C::Threads), Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"Alan Smith"_s);
    QCOMPARE(table->model()->index(1, 0).data().toString(), u"Élodie Martin"_s);
    // Élodie's mail is newer.
    table->sortByColumn(contacts->columnOf(C::LastEmail), Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"Élodie Martin"_s);
    QCOMPARE(table->model()->index(1, 0).data().toString(), u"Alan Smith"_s);

    m_store->deal(u"Small"_s, 900);
    m_store->deal(u"Large"_s, 10000);
    m_window->cardModel(crm::CardKind::Deal)->reload();
    QTableView* deals = m_window->table(crm::CardKind::Deal);
    deals->sortByColumn(m_window->cardModel(crm::CardKind::Deal)->columnOf(C::Value),
                        Qt::DescendingOrder);
    QCOMPARE(deals->model()->index(0, 0).data().toString(), u"Large"_s);
}

void TestCardLists::sortsNamesLocaleAware()
{
    QTableView* table = m_window->table(crm::CardKind::Contact);
    table->sortByColumn(0, Qt::AscendingOrder);
    QStringList names;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        names << table->model()->index(row, 0).data().toString();
    QCOMPARE(names,
             (QStringList{u"Alan Smith"_s, u"Eddy Brown"_s, u"Élodie Martin"_s, u"Fabrice Roy"_s}));
}

void TestCardLists::filterIgnoresCaseAndAccents()
{
    m_window->showSection(MainWindow::Section::Leads);
    QLineEdit* filter = m_window->filterBox();
    filter->setFocus();
    QTest::keyClicks(filter, u"LEFEVRE"_s);
    QTableView* table = m_window->currentTable();
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"Zoë Lefèvre"_s);
    filter->clear();
    QTest::keyClicks(filter, u"stone & co"_s); // the company
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"Bob Stone"_s);
    filter->clear();
    QCOMPARE(table->model()->rowCount(), 2);
}

void TestCardLists::keyboardSwitchesSections()
{
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Contacts);
    QCOMPARE(m_window->currentTable()->objectName(), u"contactTable"_s);
    QCOMPARE(m_window->sectionList()->currentRow(), 1);
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Deals);
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Untracked);
    QVERIFY(!m_window->currentTable());
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Leads);

    // Ctrl+F goes to the search box; Down from the filter box goes to the list.
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_window->searchBox()->hasFocus());
    m_window->filterBox()->setFocus();
    QTest::keyClick(m_window->filterBox(), Qt::Key_Down);
    QVERIFY(m_window->currentTable()->hasFocus());
    QVERIFY(m_window->currentTable()->currentIndex().isValid());
    // Moving through the list opens each card beside it.
    const qint64 first = m_window->shownCardId();
    QVERIFY(first != 0);
    QTest::keyClick(m_window->currentTable(), Qt::Key_Down);
    QVERIFY(m_window->shownCardId() != first);
}

QTEST_MAIN(TestCardLists)
#include "tst_card_lists.moc"
