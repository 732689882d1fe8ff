#pragma once

#include "crm/CardKind.h"
#include "sync/MatchPolicy.h"

#include <QMainWindow>
#include <QSqlDatabase>

class QLabel;
class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace threadline::ui {

class CardTableModel;
class CardView;
class SearchResultsView;
class SyncStatusWidget;
class UntrackedView;

// The main window: sections (Leads, Contacts, Deals, Untracked) on the left; a card section
// is its list with a filter box beside the open card; a search box in the toolbar searches
// cards and mail; the status bar shows the sync. Lists and the open card update row by row
// from applySyncChanges() and from the card view's own edits.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // The rows of the section list, in order (Ctrl+1 … Ctrl+4).
    enum class Section
    {
        Leads,
        Contacts,
        Deals,
        Untracked,
    };
    Q_ENUM(Section)

    // Reads the profile's account (if any) for the matching policy the window's own actions
    // use ("Add as lead" links the new card's mail).
    MainWindow(const QSqlDatabase& db, const QString& profileDirectory, QWidget* parent = nullptr);

    void setMatchPolicy(const sync::MatchPolicy& policy);
    const sync::MatchPolicy& matchPolicy() const { return m_policy; }

    // The section shown; nullopt while search results are shown.
    std::optional<Section> currentSection() const;
    // For tests and screenshots: the table of the current card section (nullptr in Untracked
    // or search results), and the parts of the window.
    QTableView* currentTable() const;
    QTableView* table(crm::CardKind kind) const;
    CardTableModel* cardModel(crm::CardKind kind) const;
    QListWidget* sectionList() const { return m_sections; }
    QLineEdit* filterBox() const { return m_filter; }
    QLineEdit* searchBox() const { return m_search; }
    SearchResultsView* searchResults() const { return m_results; }
    UntrackedView* untrackedView() const { return m_untracked; }
    SyncStatusWidget* syncStatus() const { return m_syncStatus; }
    CardView* cardView() const { return m_cardView; }
    // The card the card view was last asked to show (0: none, or a new card being written).
    qint64 shownCardId() const { return m_shownCardId; }

public Q_SLOTS:
    // From the sync worker (queued): a batch changed these cards' threads and these
    // threads. Updates those list rows, the open card and the Untracked view; no reset.
    void applySyncChanges(const QList<qint64>& cardIds, const QList<qint64>& threadIds);
    // Shows the card in its section, selected in the list and open beside it.
    void openCard(qint64 cardId);
    // Shows the Untracked view at this thread.
    void showUntrackedThread(qint64 threadId);
    void showSection(threadline::ui::MainWindow::Section section);
    // A blank card of the current section's kind (leads outside the card sections).
    void newCard();
    // Searches for the search box's text now and shows the results.
    void runSearch();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createActions();
    void sectionRowChanged(int row);
    void currentCardChanged(crm::CardKind kind, const QModelIndex& proxyIndex);
    void cardsChanged(const QList<qint64>& cardIds);
    void cardSaved(qint64 cardId);
    void cardDeleted(qint64 cardId);
    void showCardView(bool visible);
    // Saves the open card's edits before another card replaces it; false if they do not
    // validate (the caller then stays on that card).
    bool keepEdits();
    void focusCardView();
    void leaveSearch();
    void updateSectionTitles();
    int kindIndex(crm::CardKind kind) const { return int(kind); }

    QSqlDatabase m_db;
    sync::MatchPolicy m_policy;
    QListWidget* m_sections = nullptr;
    QStackedWidget* m_pages = nullptr; // card lists, Untracked, search results
    QStackedWidget* m_tableStack = nullptr;
    QSplitter* m_cardSplitter = nullptr;
    QLineEdit* m_filter = nullptr;
    QLineEdit* m_search = nullptr;
    QTimer* m_searchTimer = nullptr;
    QList<CardTableModel*> m_models;
    QList<QSortFilterProxyModel*> m_proxies;
    QList<QTableView*> m_tables;
    CardView* m_cardView = nullptr;
    UntrackedView* m_untracked = nullptr;
    SearchResultsView* m_results = nullptr;
    SyncStatusWidget* m_syncStatus = nullptr;
    qint64 m_shownCardId = 0;
    Section m_lastSection = Section::Leads; // where Escape in the search box returns
};

} // namespace threadline::ui
