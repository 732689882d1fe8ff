#include "AttachEmailDialog.h"

#include "ThreadRoles.h"
#include "store/LinkRepository.h"
#include "store/SearchRepository.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

enum Column
{
    SubjectColumn,
    FromColumn,
    DateColumn,
    TextColumn,
    CardsColumn,
    ColumnCount,
};

constexpr int typingPauseMs = 300;

QString plainSnippet(QString snippet)
{
    snippet.remove(store::SearchRepository::highlightStart);
    snippet.remove(store::SearchRepository::highlightEnd);
    return snippet.simplified();
}

} // namespace

AttachEmailDialog::AttachEmailDialog(const QSqlDatabase& db, qint64 cardId, const QString& cardName,
                                     QWidget* parent)
    : QDialog(parent)
    , m_db(db)
    , m_cardId(cardId)
{
    setObjectName(u"attachEmailDialog"_s);
    setWindowTitle(tr("Attach email to “%1”").arg(cardName));

    auto* label = new QLabel(tr("&Find mail by its words, sender or subject:"));
    m_search = new QLineEdit;
    m_search->setObjectName(u"attachSearch"_s);
    m_search->setPlaceholderText(tr("Search all stored mail"));
    m_search->setClearButtonEnabled(true);
    label->setBuddy(m_search);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
        {tr("Subject"), tr("From"), tr("Date"), tr("Text"), tr("Shown on")});
    m_results = new QTableView;
    m_results->setObjectName(u"attachResults"_s);
    m_results->setModel(m_model);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setWordWrap(false);

    m_status = new QLabel;
    m_status->setObjectName(u"attachStatus"_s);
    m_more = new QPushButton(tr("&More results"));
    m_more->setObjectName(u"attachMoreButton"_s);
    m_more->setAutoDefault(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_attach = buttons->addButton(tr("&Attach"), QDialogButtonBox::AcceptRole);
    m_attach->setObjectName(u"attachButton"_s);
    // Enter in the search box searches; it must not attach whatever happens to be selected.
    for (QAbstractButton* button : buttons->buttons()) {
        if (auto* push = qobject_cast<QPushButton*>(button)) {
            push->setAutoDefault(false);
            push->setDefault(false);
        }
    }

    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_more);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);
    layout->addLayout(statusRow);
    layout->addWidget(buttons);
    resize(760, 480);

    m_typingTimer = new QTimer(this);
    m_typingTimer->setSingleShot(true);
    m_typingTimer->setInterval(typingPauseMs);
    connect(m_typingTimer, &QTimer::timeout, this, &AttachEmailDialog::runSearch);
    connect(m_search, &QLineEdit::textEdited, m_typingTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &AttachEmailDialog::runSearch);
    connect(m_more, &QPushButton::clicked, this, &AttachEmailDialog::loadMore);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_results->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AttachEmailDialog::updateButtons);
    connect(m_results, &QAbstractItemView::activated, this, [this] {
        if (!selectedThreadIds().isEmpty())
            accept();
    });
    runSearch();
}

void AttachEmailDialog::search(const QString& text)
{
    m_search->setText(text);
    runSearch();
}

void AttachEmailDialog::runSearch()
{
    m_typingTimer->stop();
    m_query = m_search->text().trimmed();
    m_offset = 0;
    m_cursor.reset();
    m_listed.clear();
    m_model->removeRows(0, m_model->rowCount());
    loadMore();
}

void AttachEmailDialog::loadMore()
{
    bool full = false;
    if (m_query.isEmpty()) {
        const auto threads =
            store::LinkRepository(m_db).untrackedThreads(QString(), pageSize, m_cursor);
        if (!threads) {
            m_status->setText(tr("The mail could not be read: %1").arg(threads.error().message));
            return;
        }
        for (const store::ThreadSummary& thread : threads.value()) {
            addThreadRow(thread.id, thread.subject, thread.participants, thread.lastDate,
                         tr("%n message(s)", nullptr, thread.messageCount));
            m_cursor = store::ThreadCursor::after(thread);
        }
        full = threads.value().size() == pageSize;
        m_status->setText(m_model->rowCount() == 0 ? tr("No untracked mail.")
                                                   : tr("Newest untracked threads."));
    } else {
        const auto hits = store::SearchRepository(m_db).mail(m_query, pageSize, m_offset);
        if (!hits) {
            m_status->setText(tr("The search failed: %1").arg(hits.error().message));
            return;
        }
        for (const store::MailSearchHit& hit : hits.value()) {
            const QString from = hit.fromName.isEmpty() ? hit.fromEmail : hit.fromName;
            addThreadRow(hit.threadId, hit.subject, from, hit.date, plainSnippet(hit.snippet));
        }
        m_offset += int(hits.value().size());
        full = hits.value().size() == pageSize;
        m_status->setText(m_model->rowCount() == 0
                              ? tr("No stored mail matches “%1”.").arg(m_query)
                              : tr("%n thread(s) found.", nullptr, m_model->rowCount()));
    }
    m_more->setEnabled(full);
    m_results->resizeColumnToContents(DateColumn);
    updateButtons();
}

void AttachEmailDialog::addThreadRow(qint64 threadId, const QString& subject, const QString& from,
                                     const QDateTime& date, const QString& text)
{
    // One row per thread: the first (newest) message found stands for it.
    if (threadId == 0 || m_listed.contains(threadId))
        return;
    m_listed.insert(threadId);
    QStringList cards;
    bool onThisCard = false;
    if (const auto links = store::LinkRepository(m_db).threadLinks(threadId)) {
        for (const store::ThreadCardLink& link : links.value()) {
            if (link.state != store::LinkState::Attached || link.messageId != 0)
                continue;
            if (link.cardId == m_cardId)
                onThisCard = true;
            else if (!cards.contains(link.cardName))
                cards << link.cardName;
        }
    }
    QString shownOn = cards.isEmpty() ? tr("Untracked") : cards.join(u", "_s);
    if (onThisCard)
        shownOn = tr("Already on this card");

    QList<QStandardItem*> row;
    for (int column = 0; column < ColumnCount; ++column) {
        auto* item = new QStandardItem;
        item->setEditable(false);
        if (onThisCard)
            item->setFlags(item->flags() & ~Qt::ItemIsSelectable);
        row << item;
    }
    row[SubjectColumn]->setText(subject.isEmpty() ? tr("(no subject)") : subject);
    row[SubjectColumn]->setData(threadId, ThreadIdRole);
    row[FromColumn]->setText(from);
    row[DateColumn]->setText(
        date.isValid() ? QLocale().toString(date.toLocalTime(), QLocale::ShortFormat) : QString());
    row[TextColumn]->setText(text);
    row[CardsColumn]->setText(shownOn);
    for (QStandardItem* item : row)
        item->setToolTip(item->text());
    m_model->appendRow(row);
}

QList<qint64> AttachEmailDialog::selectedThreadIds() const
{
    QList<qint64> ids;
    QModelIndexList rows = m_results->selectionModel()->selectedRows(SubjectColumn);
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex& index : rows)
        ids << index.data(ThreadIdRole).toLongLong();
    return ids;
}

void AttachEmailDialog::updateButtons()
{
    const int count = int(selectedThreadIds().size());
    m_attach->setEnabled(count > 0);
    m_attach->setText(count > 1 ? tr("&Attach %n threads", nullptr, count) : tr("&Attach"));
}

} // namespace threadline::ui
