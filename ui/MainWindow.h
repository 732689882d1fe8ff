#pragma once

#include <QMainWindow>
#include <QSqlDatabase>

class QLabel;
class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace threadline::ui {

class CardTableModel;

// The main window: a section list (Leads, Contacts, Deals) beside the cards of the chosen
// section, a filter box, and a status bar for the profile and the sync state.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(const QSqlDatabase& db, const QString& profileDirectory, QWidget* parent = nullptr);

    // For tests and screenshots: the table showing the current section.
    QTableView* currentTable() const;
    QListWidget* sectionList() const { return m_sections; }
    QLineEdit* filterBox() const { return m_filter; }

private:
    void showSection(int row);
    void updateSectionTitles();

    QListWidget* m_sections = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_syncState = nullptr;
    QList<CardTableModel*> m_models;
    QList<QSortFilterProxyModel*> m_proxies;
    QList<QTableView*> m_tables;
};

} // namespace threadline::ui
