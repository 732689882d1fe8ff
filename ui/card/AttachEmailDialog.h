#pragma once

#include "store/ThreadCursor.h"

#include <QDialog>
#include <QSet>
#include <QSqlDatabase>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace threadline::ui {

// "Attach email…": finds stored mail by its words (the FTS5 index over all stored messages,
// untracked ones included) and lists the threads found, newest first; before anything is
// typed it lists the newest untracked threads. The chosen threads become manual links of the
// card (the card view attaches them when the dialog is accepted).
class AttachEmailDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachEmailDialog)

public:
    AttachEmailDialog(const QSqlDatabase& db, qint64 cardId, const QString& cardName,
                      QWidget* parent = nullptr);

    // The threads selected, in list order.
    QList<qint64> selectedThreadIds() const;
    // Searches at once (typing searches after a short pause).
    void search(const QString& text);

    QLineEdit* searchBox() const { return m_search; }
    QTableView* resultTable() const { return m_results; }
    QPushButton* attachButton() const { return m_attach; }
    QPushButton* moreButton() const { return m_more; }

    // Messages (or threads, before typing) read per page.
    static constexpr int pageSize = 100;

private:
    void runSearch();
    void loadMore();
    void addThreadRow(qint64 threadId, const QString& subject, const QString& from,
                      const QDateTime& date, const QString& text);
    void updateButtons();

    QSqlDatabase m_db;
    qint64 m_cardId = 0;
    QString m_query;
    int m_offset = 0;
    std::optional<store::ThreadCursor> m_cursor;
    QSet<qint64> m_listed;
    QLineEdit* m_search = nullptr;
    QTimer* m_typingTimer = nullptr;
    QTableView* m_results = nullptr;
    QStandardItemModel* m_model = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_more = nullptr;
    QPushButton* m_attach = nullptr;
};

} // namespace threadline::ui
