// The main window lists the cards of the store, switches sections by click and filters by typing.
#include "MainWindow.h"
#include "cli/CardsJsonImporter.h"
#include "store/Database.h"

#include <QLineEdit>
#include <QListWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsCardsOfEachSection();
    void filterNarrowsRows();

private:
    void clickSection(int row);

    QTemporaryDir m_dir;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    m_db = std::make_unique<store::Database>(m_dir.filePath(u"cards.sqlite"_s));
    QVERIFY(!m_db->open());
    const QByteArray cards = R"({"version": 1,
      "leads": [{"name": "Zoë Lefèvre", "company": "Boulangerie Dupont", "emails": ["zoe@dupont.test"]},
                {"name": "Bob Stone", "company": "Stone & Co", "emails": ["bob@stone.test"]}],
      "contacts": [{"kind": "person", "name": "Alan Smith", "emails": ["alan@acme.test"]}],
      "deals": [{"name": "Acme renewal", "stage": "Quote", "value": "12500", "currency": "EUR",
                 "contacts": ["alan@acme.test"]},
                {"name": "Dupont ovens", "stage": "Won", "value": "800", "currency": "EUR"},
                {"name": "Stone upgrade", "stage": "Incoming", "value": "50", "currency": "GBP"}]})";
    QVERIFY(cli::CardsJsonImporter(m_db->connection()).import(cards));
    m_window = std::make_unique<ui::MainWindow>(m_db->connection(), m_dir.path());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::clickSection(int row)
{
    QListWidget* sections = m_window->sectionList();
    const QRect rect = sections->visualItemRect(sections->item(row));
    QTest::mouseClick(sections->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(sections->currentRow(), row);
}

void TestMainWindow::listsCardsOfEachSection()
{
    QListWidget* sections = m_window->sectionList();
    QCOMPARE(sections->count(), 4);
    QCOMPARE(sections->item(0)->text(), u"Leads (2)"_s);
    QCOMPARE(sections->item(2)->text(), u"Deals (3)"_s);
    QCOMPARE(sections->item(3)->text(), u"Untracked"_s);

    clickSection(0);
    QTableView* table = m_window->currentTable();
    QCOMPARE(table->objectName(), u"leadTable"_s);
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"Bob Stone"_s);

    clickSection(2);
    table = m_window->currentTable();
    QCOMPARE(table->objectName(), u"dealTable"_s);
    QCOMPARE(table->model()->rowCount(), 3);
    // Sorting by value sorts by amount, not by the formatted text.
    table->sortByColumn(2, Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"Acme renewal"_s);
    QCOMPARE(table->model()->index(2, 0).data().toString(), u"Stone upgrade"_s);
    QCOMPARE(table->model()->index(0, 1).data().toString(), u"Quote"_s);
}

void TestMainWindow::filterNarrowsRows()
{
    clickSection(0);
    QLineEdit* filter = m_window->filterBox();
    filter->setFocus();
    QTest::keyClicks(filter, u"dupont"_s);
    QTableView* table = m_window->currentTable();
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"Zoë Lefèvre"_s);
    filter->clear();
    QCOMPARE(table->model()->rowCount(), 2);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
