#include "MainWindow.h"

#include "CardRoles.h"
#include "CardTableModel.h"
#include "SearchResultsView.h"
#include "SyncStatusWidget.h"
#include "TextFolding.h"
#include "UntrackedView.h"
#include "account/AccountSettings.h"
#include "card/CardField.h"
#include "card/CardForm.h"
#include "card/CardView.h"
#include "store/Profile.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

enum Page
{
    CardsPage,
    UntrackedPage,
    SearchPage,
};

// How long typing in the search box pauses before the search runs.
constexpr int searchDelayMs = 250;
// How long a confirmation stays in the status bar.
constexpr int messageMs = 6000;

} // namespace

MainWindow::MainWindow(const QSqlDatabase& db, const QString& profileDirectory, QWidget* parent)
    : QMainWindow(parent)
    , m_db(db)
{
    setWindowTitle(tr("Threadline"));
    setWindowIcon(QIcon(u":/icons/threadline.svg"_s));
    resize(1280, 760);

    if (const auto account =
            account::AccountSettings::load(store::Profile(profileDirectory).settingsPath())) {
        m_policy = sync::MatchPolicy::forAccount(account->email);
        m_policy.setDropboxAddress(account->effectiveDropboxAddress());
    }

    m_sections = new QListWidget;
    m_sections->setObjectName(u"sections"_s);
    m_sections->setMaximumWidth(220);
    m_sections->setMinimumWidth(120);
    m_sections->setIconSize(QSize(20, 20));

    m_filter = new QLineEdit;
    m_filter->setObjectName(u"filter"_s);
    m_filter->setPlaceholderText(tr("Filter cards…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);

    m_tableStack = new QStackedWidget;
    for (crm::CardKind kind : crm::allCardKinds()) {
        auto* model = new CardTableModel(kind, db, this);
        auto* proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(model);
        proxy->setSortRole(SortRole);
        proxy->setSortLocaleAware(true); // Élodie sorts with E, not after Z
        proxy->setFilterRole(FilterRole);
        proxy->setFilterKeyColumn(0);
        proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        auto* table = new QTableView;
        table->setObjectName(crm::cardKindKey(kind) + u"Table"_s);
        table->setModel(proxy);
        table->setSortingEnabled(true);
        table->sortByColumn(0, Qt::AscendingOrder);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setSelectionMode(QAbstractItemView::SingleSelection);
        table->setAlternatingRowColors(true);
        table->setWordWrap(false);
        table->verticalHeader()->hide();
        // Fixed row heights: no per-row measuring on a list of thousands.
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
        table->horizontalHeader()->setStretchLastSection(true);
        table->resizeColumnsToContents();
        m_tableStack->addWidget(table);
        m_models << model;
        m_proxies << proxy;
        m_tables << table;
        m_sections->addItem(QString());

        connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this, kind](const QModelIndex& current) { currentCardChanged(kind, current); });
        connect(table, &QAbstractItemView::activated, this, &MainWindow::focusCardView);
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &MainWindow::updateSectionTitles);
        connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updateSectionTitles);
        connect(model, &CardTableModel::loadFailed, this, [this](const QString& message) {
            statusBar()->showMessage(tr("The cards could not be read: %1").arg(message), messageMs);
        });
    }
    m_sections->addItem(QString()); // Untracked
    updateSectionTitles();

    m_cardView = new CardView(db, this);
    m_cardView->setObjectName(u"cardView"_s);
    connect(m_cardView, &CardView::cardSaved, this, &MainWindow::cardSaved);
    connect(m_cardView, &CardView::cardDeleted, this, &MainWindow::cardDeleted);
    connect(m_cardView, &CardView::threadsChanged, this, [this](qint64 cardId) {
        cardsChanged({cardId});
        m_untracked->markStale();
    });
    connect(m_cardView, &CardView::openCardRequested, this, &MainWindow::openCard);
    connect(m_cardView, &CardView::leadConverted, this,
            [this](qint64 leadId, qint64 contactId, qint64 dealId) {
                cardsChanged({leadId, contactId, dealId});
            });
    m_cardView->setMatchPolicy(m_policy);

    auto* listPane = new QWidget;
    auto* listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_filter);
    listLayout->addWidget(m_tableStack);
    m_cardSplitter = new QSplitter;
    m_cardSplitter->setObjectName(u"cardSplitter"_s);
    m_cardSplitter->addWidget(listPane);
    m_cardSplitter->addWidget(m_cardView);
    m_cardSplitter->setStretchFactor(0, 1);
    m_cardSplitter->setStretchFactor(1, 1);
    m_cardSplitter->setChildrenCollapsible(false);
    showCardView(false);

    m_untracked = new UntrackedView(db);
    m_untracked->setMatchPolicy(m_policy);
    connect(m_untracked, &UntrackedView::cardsChanged, this,
            [this](const QList<qint64>& cardIds, const QList<qint64>& threadIds) {
                cardsChanged(cardIds);
                if (!threadIds.isEmpty())
                    m_cardView->refreshThreads(threadIds);
            });
    connect(m_untracked, &UntrackedView::openCardRequested, this, &MainWindow::openCard);
    connect(m_untracked, &UntrackedView::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, messageMs); });

    m_results = new SearchResultsView(db);
    connect(m_results, &SearchResultsView::cardRequested, this, &MainWindow::openCard);
    connect(m_results, &SearchResultsView::mailRequested, this,
            [this](qint64 cardId, qint64 threadId) {
                if (cardId != 0)
                    openCard(cardId);
                else
                    showUntrackedThread(threadId);
            });
    connect(m_results, &SearchResultsView::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, messageMs); });

    m_pages = new QStackedWidget;
    m_pages->insertWidget(CardsPage, m_cardSplitter);
    m_pages->insertWidget(UntrackedPage, m_untracked);
    m_pages->insertWidget(SearchPage, m_results);

    auto* splitter = new QSplitter;
    splitter->addWidget(m_sections);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, width() - 170});
    setCentralWidget(splitter);

    m_search = new QLineEdit;
    m_search->setObjectName(u"globalSearch"_s);
    m_search->setPlaceholderText(
        tr("Search cards and mail (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(360);
    m_search->installEventFilter(this);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &MainWindow::runSearch);
    connect(m_search, &QLineEdit::textEdited, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        runSearch();
        if (m_pages->currentIndex() == SearchPage)
            m_results->resultTree()->setFocus();
    });

    connect(m_sections, &QListWidget::currentRowChanged, this, &MainWindow::sectionRowChanged);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        const QString folded = foldForMatching(text.trimmed());
        for (QSortFilterProxyModel* proxy : std::as_const(m_proxies))
            proxy->setFilterFixedString(folded);
    });

    createActions();

    m_syncStatus = new SyncStatusWidget;
    m_syncStatus->setObjectName(u"syncStatus"_s);
    auto* profile = new QLabel(tr("Profile: %1").arg(profileDirectory));
    profile->setObjectName(u"profileLabel"_s);
    statusBar()->addWidget(m_syncStatus, 1);
    statusBar()->addPermanentWidget(profile);

    // Tab walks the window left to right: search, sections, filter, list, card.
    setTabOrder(m_search, m_sections);
    setTabOrder(m_sections, m_filter);
    setTabOrder(m_filter, m_tableStack);
    for (QTableView* table : std::as_const(m_tables))
        setTabOrder(m_filter, table);
    m_sections->setCurrentRow(0);
}

void MainWindow::createActions()
{
    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolbar"_s);
    toolbar->setMovable(false);

    QAction* newCard = new QAction(tr("&New card"), this);
    newCard->setObjectName(u"newCardAction"_s);
    newCard->setShortcut(QKeySequence::New);
    newCard->setToolTip(tr("A new card in the current list (%1)")
                            .arg(newCard->shortcut().toString(QKeySequence::NativeText)));
    connect(newCard, &QAction::triggered, this, &MainWindow::newCard);
    toolbar->addAction(newCard);
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_search);

    QAction* find = new QAction(tr("&Search…"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find);

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(newCard);
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(find);
    viewMenu->addSeparator();
    const QList<std::pair<Section, QString>> sections{
        {Section::Leads, tr("&Leads")},
        {Section::Contacts, tr("&Contacts")},
        {Section::Deals, tr("&Deals")},
        {Section::Untracked, tr("&Untracked mail")},
    };
    for (const auto& [section, title] : sections) {
        QAction* action = viewMenu->addAction(title);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(section))));
        connect(action, &QAction::triggered, this, [this, section] { showSection(section); });
    }

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About Threadline"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Threadline"),
                           tr("Threadline %1 — your leads, contacts and deals with their email, "
                              "on your own computer.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::setMatchPolicy(const sync::MatchPolicy& policy)
{
    m_policy = policy;
    m_untracked->setMatchPolicy(policy);
    m_cardView->setMatchPolicy(policy);
}

std::optional<MainWindow::Section> MainWindow::currentSection() const
{
    switch (m_pages->currentIndex()) {
    case CardsPage:
        return Section(m_tableStack->currentIndex());
    case UntrackedPage:
        return Section::Untracked;
    default:
        return std::nullopt;
    }
}

QTableView* MainWindow::currentTable() const
{
    return m_pages->currentIndex() == CardsPage ? m_tables.value(m_tableStack->currentIndex())
                                                : nullptr;
}

QTableView* MainWindow::table(crm::CardKind kind) const
{
    return m_tables.value(kindIndex(kind));
}

CardTableModel* MainWindow::cardModel(crm::CardKind kind) const
{
    return m_models.value(kindIndex(kind));
}

void MainWindow::showSection(Section section)
{
    if (m_sections->currentRow() == int(section))
        sectionRowChanged(int(section)); // back from the search results
    else
        m_sections->setCurrentRow(int(section));
}

void MainWindow::sectionRowChanged(int row)
{
    if (row < 0)
        return; // the search results are shown
    const auto section = Section(row);
    m_lastSection = section;
    if (section == Section::Untracked) {
        m_pages->setCurrentIndex(UntrackedPage);
        return;
    }
    m_pages->setCurrentIndex(CardsPage);
    m_tableStack->setCurrentIndex(row);
    // The card pane follows the list shown: its current card, else the first one.
    QTableView* table = m_tables[row];
    QModelIndex current = table->currentIndex();
    if (!current.isValid() && table->model()->rowCount() > 0) {
        current = table->model()->index(0, 0);
        table->setCurrentIndex(current); // shows it through currentRowChanged
        return;
    }
    currentCardChanged(crm::CardKind(row), current);
}

void MainWindow::currentCardChanged(crm::CardKind kind, const QModelIndex& proxyIndex)
{
    if (m_pages->currentIndex() != CardsPage || m_tableStack->currentIndex() != kindIndex(kind))
        return;
    const qint64 cardId = proxyIndex.isValid() ? proxyIndex.data(CardIdRole).toLongLong() : 0;
    if (cardId == 0) {
        // No current row: an empty list hides the card pane; a filter hiding the row keeps
        // the card open (its edits with it).
        if (m_tables[kindIndex(kind)]->model()->rowCount() == 0 && !m_cardView->hasUnsavedChanges())
            showCardView(false);
        return;
    }
    showCardView(true);
    if (cardId == m_shownCardId)
        return;
    if (!keepEdits()) {
        // The edits do not validate: stay on their card, where the card view marks them.
        const QModelIndex source = m_models[kindIndex(kind)]->indexOfCard(m_shownCardId);
        const QModelIndex back = m_proxies[kindIndex(kind)]->mapFromSource(source);
        if (back.isValid()) {
            const QSignalBlocker blocker(m_tables[kindIndex(kind)]->selectionModel());
            m_tables[kindIndex(kind)]->setCurrentIndex(back);
            m_tables[kindIndex(kind)]->viewport()->update();
        }
        return;
    }
    m_shownCardId = cardId;
    m_cardView->showCard(cardId);
}

bool MainWindow::keepEdits()
{
    // Moving to another card saves the one being edited, as a paper card would keep what
    // was written on it; edits that do not validate keep the user on their card.
    if (!m_cardView->hasUnsavedChanges())
        return true;
    if (m_cardView->save())
        return true;
    statusBar()->showMessage(tr("The card has changes that cannot be saved yet: fix or revert "
                                "them first."),
                             messageMs);
    return false;
}

void MainWindow::showCardView(bool visible)
{
    if (!visible)
        m_shownCardId = 0;
    m_cardView->setVisible(visible);
}

void MainWindow::focusCardView()
{
    // The first widget of the card that takes the keyboard, in tab order.
    for (QWidget* widget = m_cardView->nextInFocusChain(); widget && widget != m_cardView;
         widget = widget->nextInFocusChain()) {
        if (!m_cardView->isAncestorOf(widget))
            break;
        if (widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus)) {
            widget->setFocus(Qt::TabFocusReason);
            return;
        }
    }
}

void MainWindow::newCard()
{
    const std::optional<Section> section = currentSection();
    const crm::CardKind kind = section && *section != Section::Untracked
                                   ? crm::CardKind(int(*section))
                                   : crm::CardKind::Lead;
    showSection(Section(int(kind)));
    if (!keepEdits())
        return;
    // No row is current while the new card is written; saving it selects its row.
    m_tables[kindIndex(kind)]->setCurrentIndex({});
    m_tables[kindIndex(kind)]->clearSelection();
    showCardView(true);
    m_shownCardId = 0;
    m_cardView->showNewCard(kind);
    // Writing starts with the name.
    if (QWidget* name = m_cardView->form()->fieldWidget(CardField::Name))
        name->setFocus(Qt::OtherFocusReason);
    else
        focusCardView();
}

void MainWindow::openCard(qint64 cardId)
{
    int kind = -1;
    QModelIndex source;
    for (int pass = 0; pass < 2 && kind < 0; ++pass) {
        if (pass == 1) // not listed yet (created elsewhere): read it
            cardsChanged({cardId});
        for (int i = 0; i < m_models.size() && kind < 0; ++i) {
            source = m_models[i]->indexOfCard(cardId);
            if (source.isValid())
                kind = i;
        }
    }
    if (kind < 0) {
        statusBar()->showMessage(tr("That card no longer exists."), messageMs);
        return;
    }
    QModelIndex row = m_proxies[kind]->mapFromSource(source);
    if (!row.isValid()) { // hidden by the filter
        m_filter->clear();
        row = m_proxies[kind]->mapFromSource(source);
    }
    showSection(Section(kind));
    m_tables[kind]->setCurrentIndex(row);
    m_tables[kind]->scrollTo(row);
    currentCardChanged(crm::CardKind(kind), row);
}

void MainWindow::showUntrackedThread(qint64 threadId)
{
    showSection(Section::Untracked);
    m_untracked->showThread(threadId);
}

void MainWindow::runSearch()
{
    m_searchTimer->stop();
    const QString text = m_search->text().trimmed();
    if (text.isEmpty()) {
        if (m_pages->currentIndex() == SearchPage)
            leaveSearch();
        return;
    }
    m_results->search(text);
    if (m_pages->currentIndex() != SearchPage) {
        m_pages->setCurrentIndex(SearchPage);
        const QSignalBlocker blocker(m_sections);
        m_sections->setCurrentRow(-1);
    }
}

void MainWindow::leaveSearch()
{
    showSection(m_lastSection);
}

void MainWindow::applySyncChanges(const QList<qint64>& cardIds, const QList<qint64>& threadIds)
{
    cardsChanged(cardIds);
    if (!threadIds.isEmpty() || cardIds.contains(m_shownCardId))
        m_cardView->refreshThreads(threadIds);
    if (!threadIds.isEmpty())
        m_untracked->markStale();
}

void MainWindow::cardsChanged(const QList<qint64>& cardIds)
{
    for (CardTableModel* model : std::as_const(m_models))
        model->applyChanges(cardIds);
}

void MainWindow::cardSaved(qint64 cardId)
{
    cardsChanged({cardId});
    // New addresses may have taken mail out of Untracked.
    m_untracked->markStale();
    // A card just created (or converted into) is the one shown: select its row.
    if (m_cardView->cardId() == cardId && m_shownCardId != cardId) {
        m_shownCardId = cardId;
        openCard(cardId);
    }
}

void MainWindow::cardDeleted(qint64 cardId)
{
    if (m_shownCardId == cardId)
        m_shownCardId = 0;
    cardsChanged({cardId});
    m_untracked->markStale();
    if (QTableView* table = currentTable())
        currentCardChanged(crm::CardKind(m_tableStack->currentIndex()), table->currentIndex());
}

void MainWindow::updateSectionTitles()
{
    const QString titles[] = {tr("Leads (%1)"), tr("Contacts (%1)"), tr("Deals (%1)")};
    for (int i = 0; i < m_models.size() && i < 3; ++i)
        m_sections->item(i)->setText(titles[i].arg(m_models[i]->rowCount()));
    if (QListWidgetItem* untracked = m_sections->item(int(Section::Untracked)))
        untracked->setText(tr("Untracked"));
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QMainWindow::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (watched == m_search) {
        if (key->key() == Qt::Key_Escape) {
            m_search->clear();
            m_searchTimer->stop();
            if (m_pages->currentIndex() == SearchPage)
                leaveSearch();
            return true;
        }
        if (key->key() == Qt::Key_Down && m_pages->currentIndex() == SearchPage) {
            m_results->resultTree()->setFocus();
            return true;
        }
    } else if (watched == m_filter && key->key() == Qt::Key_Down) {
        if (QTableView* table = currentTable()) {
            table->setFocus();
            if (!table->currentIndex().isValid() && table->model()->rowCount() > 0)
                table->setCurrentIndex(table->model()->index(0, 0));
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace threadline::ui
