// The global search: what the user types is never FTS5 syntax, accents are folded, cards and
// mail come back grouped and paged, and opening a result shows the card (or the Untracked
// view for mail on no card).
#include "CardRoles.h"
#include "GuiStore.h"
#include "MainWindow.h"
#include "SearchResultsView.h"
#include "UntrackedSenderModel.h"
#include "UntrackedThreadModel.h"
#include "UntrackedView.h"
#include "store/SearchRepository.h"

#include <QLineEdit>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QWindow>

using namespace guitest;
using threadline::ui::MainWindow;
using threadline::ui::SearchResultsView;
using threadline::ui::SearchResultType;

class TestGlobalSearch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void matchExpression_data();
    void matchExpression();
    void typedSyntaxIsNeverAnError_data();
    void typedSyntaxIsNeverAnError();
    void findsCardByNameTypedWithoutAccents();
    void findsMailByBodyWordAndOpensItsCard();
    void untrackedMailOpensTheUntrackedView();
    void pagesTheResults();
    void escapeLeavesTheResults();

private:
    void search(const QString& text);

    std::unique_ptr<GuiStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_zoe = 0;
    qint64 m_contact = 0;
};

void TestGlobalSearch::initTestCase()
{
    m_store = std::make_unique<GuiStore>();
    m_zoe = m_store->lead(u"Zoë Lefèvre"_s, u"zoe@dupont.test"_s, u"Boulangerie Dupont"_s);
    m_contact = m_store->contact(u"Alan Smith"_s, u"alan@client.test"_s);
    QList<Mail> mails{
        Mail(u"z1@x"_s)
            .from(u"zoe@dupont.test"_s, u"Zoë Lefèvre"_s)
            .to(userAddress)
            .subject(u"Commande"_s)
            .body(u"Nous voudrions trois fours à pain pour la saison."_s),
        Mail(u"u1@x"_s)
            .from(u"nina@unknown.test"_s, u"Nina"_s)
            .to(userAddress)
            .day(2)
            .subject(u"Partnership"_s)
            .body(u"Would a sourdough workshop interest you?"_s),
    };
    // 60 messages with one word in common, for paging.
    for (int i = 0; i < 60; ++i)
        mails << Mail(u"w%1@x"_s.arg(i))
                     .from(u"alan@client.test"_s)
                     .to(userAddress)
                     .day(10 + i)
                     .subject(u"Weekly report %1"_s.arg(i))
                     .body(u"the weekly figures"_s);
    m_store->deliver(mails);
    m_window = std::make_unique<MainWindow>(m_store->db(), m_store->directory());
    m_window->setMatchPolicy(m_store->policy);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestGlobalSearch::cleanupTestCase()
{
    m_window.reset();
    m_store.reset();
}

void TestGlobalSearch::search(const QString& text)
{
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QLineEdit* box = m_window->searchBox();
    QTRY_VERIFY(box->hasFocus());
    QTest::keyClicks(box, text); // replaces the selected text
    QTest::keyClick(box, Qt::Key_Return);
    QVERIFY(!m_window->currentSection()); // the results replace the section
    QCOMPARE(m_window->searchResults()->text(), text.trimmed());
}

void TestGlobalSearch::matchExpression_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("minPrefixLength");
    QTest::addColumn<QString>("expression");
    QTest::newRow("one word") << u"zoe"_s << 1 << u"\"zoe\"*"_s;
    QTest::newRow("two words") << u"  zoe   lef "_s << 1 << u"\"zoe\"* \"lef\"*"_s;
    QTest::newRow("quote inside") << u"a\"b"_s << 1 << u"\"a\"\"b\"*"_s;
    QTest::newRow("lone quote") << u"\""_s << 1 << QString();
    QTest::newRow("lone minus") << u"-"_s << 1 << QString();
    QTest::newRow("star") << u"*"_s << 1 << QString();
    QTest::newRow("minus word") << u"-dupont"_s << 1 << u"\"-dupont\"*"_s;
    QTest::newRow("operators") << u"a OR b"_s << 1 << u"\"a\"* \"OR\"* \"b\"*"_s;
    QTest::newRow("column filter") << u"name:zoe"_s << 1 << u"\"name:zoe\"*"_s;
    // Mail: short words match whole (a two-letter prefix would expand to thousands of terms).
    QTest::newRow("short word whole") << u"de fours"_s << 3 << u"\"de\" \"fours\"*"_s;
    QTest::newRow("accented short word") << u"à"_s << 3 << u"\"à\""_s;
    QTest::newRow("punctuation not counted") << u"a-b"_s << 3 << u"\"a-b\""_s;
}

void TestGlobalSearch::matchExpression()
{
    QFETCH(QString, typed);
    QFETCH(int, minPrefixLength);
    QFETCH(QString, expression);
    QCOMPARE(store::SearchRepository::matchExpression(typed, minPrefixLength), expression);
}

void TestGlobalSearch::typedSyntaxIsNeverAnError_data()
{
    QTest::addColumn<QString>("typed");
    for (const QString& text :
         {u"\""_s, u"\"\""_s, u"-"_s, u"*"_s, u"zoe\""_s, u"\"zoe"_s, u"zoe -"_s, u"NEAR(zoe"_s,
          u"zoe AND"_s, u"^zoe"_s, u"name:"_s, u"(zoe)"_s, u"'; DROP TABLE cards; --"_s, u"a+b"_s,
          u"{zoe}"_s, u"zoe*"_s})
        QTest::newRow(qPrintable(text)) << text;
}

void TestGlobalSearch::typedSyntaxIsNeverAnError()
{
    QFETCH(QString, typed);
    const store::SearchRepository search(m_store->db());
    const auto cards = search.cards(typed, 10);
    QVERIFY2(cards.ok(), qPrintable(cards.ok() ? QString() : cards.error().message));
    const auto mail = search.mail(typed, 10);
    QVERIFY2(mail.ok(), qPrintable(mail.ok() ? QString() : mail.error().message));
}

void TestGlobalSearch::findsCardByNameTypedWithoutAccents()
{
    search(u"zoe lefevre"_s);
    SearchResultsView* results = m_window->searchResults();
    QStandardItem* cards = results->cardGroup();
    QCOMPARE(cards->rowCount(), 1);
    QCOMPARE(cards->child(0)->text(), u"Zoë Lefèvre"_s);
    QCOMPARE(cards->text(), u"Cards (1)"_s);
    // Her mail matches too (its sender's name is indexed).
    QVERIFY(results->mailGroup()->rowCount() >= 1);

    // The first result is current: Enter opens it.
    QTreeView* tree = results->resultTree();
    QVERIFY(tree->hasFocus());
    QCOMPARE(tree->currentIndex().data(threadline::ui::CardIdRole).toLongLong(), m_zoe);
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Leads);
    QCOMPARE(m_window->shownCardId(), m_zoe);
    QCOMPARE(m_window->currentTable()->currentIndex().data(threadline::ui::CardIdRole).toLongLong(),
             m_zoe);
}

void TestGlobalSearch::findsMailByBodyWordAndOpensItsCard()
{
    search(u"fours"_s); // a word of the body only
    SearchResultsView* results = m_window->searchResults();
    QCOMPARE(results->cardGroup()->rowCount(), 0);
    QStandardItem* mail = results->mailGroup();
    QCOMPARE(mail->rowCount(), 1);
    QCOMPARE(mail->child(0)->text(), u"Commande"_s);
    // The matching words come highlighted in the snippet.
    const QString snippet = mail->child(0, 2)->data(threadline::ui::SnippetRole).toString();
    QVERIFY2(snippet.contains(store::SearchRepository::highlightStart + u"fours"_s +
                              store::SearchRepository::highlightEnd),
             qPrintable(snippet));
    QCOMPARE(mail->child(0, 1)->text(), u"Zoë Lefèvre (Lead)"_s);

    QTreeView* tree = results->resultTree();
    const QRect rect = tree->visualRect(mail->child(0)->index());
    // Through the window, as the platform delivers it: press, release, press, double-click.
    QWindow* window = m_window->windowHandle();
    QTest::mouseDClick(window, Qt::LeftButton, {},
                       tree->viewport()->mapTo(m_window.get(), rect.center()));
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Leads);
    QCOMPARE(m_window->shownCardId(), m_zoe);
}

void TestGlobalSearch::untrackedMailOpensTheUntrackedView()
{
    search(u"sourdough"_s);
    QStandardItem* mail = m_window->searchResults()->mailGroup();
    QCOMPARE(mail->rowCount(), 1);
    QCOMPARE(mail->child(0, 1)->text(), u"Untracked"_s);
    QTreeView* tree = m_window->searchResults()->resultTree();
    tree->setCurrentIndex(mail->child(0)->index());
    QTest::keyClick(tree, Qt::Key_Return);

    QCOMPARE(m_window->currentSection(), MainWindow::Section::Untracked);
    auto* untracked = m_window->untrackedView();
    const auto* sender =
        untracked->senderModel()->sender(untracked->senderTable()->currentIndex().row());
    QVERIFY(sender);
    QCOMPARE(sender->email, u"nina@unknown.test"_s);
    QCOMPARE(
        untracked->threadTable()->currentIndex().data(threadline::ui::ThreadIdRole).toLongLong(),
        m_store->threadOf(u"u1@x"_s));
}

void TestGlobalSearch::pagesTheResults()
{
    search(u"weekly"_s);
    SearchResultsView* results = m_window->searchResults();
    QStandardItem* mail = results->mailGroup();
    // 50 results and "Show more…".
    QCOMPARE(mail->rowCount(), SearchResultsView::pageSize + 1);
    QCOMPARE(mail->text(), u"Emails (50+)"_s);
    QStandardItem* more = mail->child(SearchResultsView::pageSize);
    QCOMPARE(more->data(threadline::ui::ResultTypeRole).toInt(), int(SearchResultType::More));
    QTreeView* tree = results->resultTree();
    tree->setCurrentIndex(more->index());
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(mail->rowCount(), 60);
    QCOMPARE(mail->text(), u"Emails (60)"_s);
    // The keyboard stays where the new results begin.
    QCOMPARE(tree->currentIndex().row(), SearchResultsView::pageSize);
}

void TestGlobalSearch::escapeLeavesTheResults()
{
    m_window->showSection(MainWindow::Section::Contacts);
    search(u"alan"_s);
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTest::keyClick(m_window->searchBox(), Qt::Key_Escape);
    QCOMPARE(m_window->currentSection(), MainWindow::Section::Contacts);
    QVERIFY(m_window->searchBox()->text().isEmpty());
}

QTEST_MAIN(TestGlobalSearch)
#include "tst_global_search.moc"
