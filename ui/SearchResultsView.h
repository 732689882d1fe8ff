#pragma once

#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace threadline::ui {

// The global search's results: cards, then emails, each with the matching text and a page
// at a time ("Show more…" reads the next page). Opening a card result asks for the card;
// opening an email asks for the card showing it, or for the Untracked view when none does.
class SearchResultsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchResultsView)

public:
    SearchResultsView(const QSqlDatabase& db, QWidget* parent = nullptr);

    // Runs the search now (first page of each group); empty text clears the results.
    void search(const QString& text);
    const QString& text() const { return m_text; }
    QTreeView* resultTree() const { return m_tree; }
    QStandardItemModel* resultModel() const { return m_model; }
    // The group rows (children are the results, the last one "Show more…" while there is
    // more).
    QStandardItem* cardGroup() const { return m_cardGroup; }
    QStandardItem* mailGroup() const { return m_mailGroup; }

    static constexpr int pageSize = 50;

public Q_SLOTS:
    void showMoreCards();
    void showMoreMail();

Q_SIGNALS:
    void cardRequested(qint64 cardId);
    // cardId 0: the mail is on no card (the Untracked view shows it).
    void mailRequested(qint64 cardId, qint64 threadId);
    void message(const QString& text);

private:
    void open(const QModelIndex& index);
    void updateHeading();

    QSqlDatabase m_db;
    QString m_text;
    QLabel* m_heading = nullptr;
    QTreeView* m_tree = nullptr;
    QStandardItemModel* m_model = nullptr;
    QStandardItem* m_cardGroup = nullptr;
    QStandardItem* m_mailGroup = nullptr;
    int m_cardCount = 0;
    int m_mailCount = 0;
    bool m_moreCards = false;
    bool m_moreMail = false;
};

} // namespace threadline::ui
