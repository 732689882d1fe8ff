#include "MainWindow.h"

#include "CardRoles.h"
#include "CardTableModel.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
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
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

MainWindow::MainWindow(const QSqlDatabase& db, const QString& profileDirectory, QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Threadline"));
    setWindowIcon(QIcon(u":/icons/threadline.svg"_s));
    resize(1180, 720);

    m_sections = new QListWidget;
    m_sections->setObjectName(u"sections"_s);
    m_sections->setMaximumWidth(220);
    m_sections->setIconSize(QSize(20, 20));

    m_filter = new QLineEdit;
    m_filter->setObjectName(u"filter"_s);
    m_filter->setPlaceholderText(tr("Filter cards…"));
    m_filter->setClearButtonEnabled(true);

    m_pages = new QStackedWidget;
    for (crm::CardKind kind : crm::allCardKinds()) {
        auto* model = new CardTableModel(kind, db, this);
        auto* proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(model);
        proxy->setSortRole(SortRole);
        proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy->setFilterKeyColumn(-1);
        proxy->setSortLocaleAware(true); // Élodie sorts with E, not after Z
        auto* table = new QTableView;
        table->setObjectName(crm::cardKindKey(kind) + u"Table"_s);
        table->setModel(proxy);
        table->setSortingEnabled(true);
        table->sortByColumn(0, Qt::AscendingOrder);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setAlternatingRowColors(true);
        table->setWordWrap(false);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        table->resizeColumnsToContents();
        m_pages->addWidget(table);
        m_models << model;
        m_proxies << proxy;
        m_tables << table;
        m_sections->addItem(QString());
    }
    updateSectionTitles();

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_filter);
    rightLayout->addWidget(m_pages);

    auto* splitter = new QSplitter;
    splitter->addWidget(m_sections);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    connect(m_sections, &QListWidget::currentRowChanged, this, &MainWindow::showSection);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (QSortFilterProxyModel* proxy : std::as_const(m_proxies))
            proxy->setFilterFixedString(text);
    });
    m_sections->setCurrentRow(0);

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* quit = fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About Threadline"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Threadline"),
                           tr("Threadline %1 — your leads, contacts and deals with their email, "
                              "on your own computer.")
                               .arg(QApplication::applicationVersion()));
    });

    auto* profile = new QLabel(tr("Profile: %1").arg(profileDirectory));
    profile->setObjectName(u"profileLabel"_s);
    m_syncState = new QLabel(tr("No mail account set up yet"));
    m_syncState->setObjectName(u"syncState"_s);
    statusBar()->addWidget(m_syncState, 1);
    statusBar()->addPermanentWidget(profile);
}

QTableView* MainWindow::currentTable() const
{
    return m_tables.value(m_pages->currentIndex());
}

void MainWindow::showSection(int row)
{
    if (row >= 0 && row < m_pages->count())
        m_pages->setCurrentIndex(row);
}

void MainWindow::updateSectionTitles()
{
    const QString titles[] = {tr("Leads (%1)"), tr("Contacts (%1)"), tr("Deals (%1)")};
    for (int i = 0; i < m_models.size() && i < 3; ++i)
        m_sections->item(i)->setText(titles[i].arg(m_models[i]->rowCount()));
}

} // namespace threadline::ui
