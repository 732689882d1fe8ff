#include "SearchResultsView.h"

#include "CardRoles.h"
#include "SnippetDelegate.h"
#include "store/SearchRepository.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

enum Column
{
    TitleColumn,
    WhereColumn,
    SnippetColumn,
    DateColumn,
    ColumnCount
};

QString plainSnippet(QString snippet)
{
    snippet.remove(store::SearchRepository::highlightStart);
    snippet.remove(store::SearchRepository::highlightEnd);
    return snippet;
}

QList<QStandardItem*> makeRow(SearchResultType type, const QStringList& texts)
{
    QList<QStandardItem*> row;
    for (int column = 0; column < ColumnCount; ++column) {
        auto* item = new QStandardItem(texts.value(column));
        item->setEditable(false);
        item->setData(int(type), ResultTypeRole);
        row << item;
    }
    return row;
}

// Removes the trailing "Show more…" row of a group, if any.
void dropMoreRow(QStandardItem* group)
{
    const int last = group->rowCount() - 1;
    if (last >= 0 &&
        group->child(last)->data(ResultTypeRole).toInt() == int(SearchResultType::More))
        group->removeRow(last);
}

} // namespace

SearchResultsView::SearchResultsView(const QSqlDatabase& db, QWidget* parent)
    : QWidget(parent)
    , m_db(db)
{
    setObjectName(u"searchResults"_s);
    m_heading = new QLabel;
    m_heading->setObjectName(u"searchHeading"_s);
    m_heading->setTextFormat(Qt::PlainText);
    m_model = new QStandardItemModel(this);
    m_model->setHorizontalHeaderLabels({tr("Result"), tr("Where"), tr("Text"), tr("Date")});
    m_tree = new QTreeView;
    m_tree->setObjectName(u"searchTree"_s);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setItemDelegateForColumn(SnippetColumn, new SnippetDelegate(m_tree));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(SnippetColumn, QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_tree, 1);

    connect(m_tree, &QAbstractItemView::activated, this, &SearchResultsView::open);
}

void SearchResultsView::search(const QString& text)
{
    m_text = text.trimmed();
    m_model->removeRows(0, m_model->rowCount());
    m_cardCount = m_mailCount = 0;
    m_moreCards = m_moreMail = false;
    m_cardGroup = new QStandardItem;
    m_mailGroup = new QStandardItem;
    for (QStandardItem* group : {m_cardGroup, m_mailGroup}) {
        group->setEditable(false);
        group->setData(int(SearchResultType::Group), ResultTypeRole);
        QFont font = group->font();
        font.setBold(true);
        group->setFont(font);
        m_model->appendRow(group);
        m_tree->setFirstColumnSpanned(group->row(), {}, true);
    }
    if (!m_text.isEmpty()) {
        showMoreCards();
        showMoreMail();
    }
    m_tree->expandAll();
    updateHeading();
    // The first result, ready for Enter.
    const QStandardItem* first = m_cardGroup->rowCount() > 0   ? m_cardGroup->child(0)
                                 : m_mailGroup->rowCount() > 0 ? m_mailGroup->child(0)
                                                               : nullptr;
    if (first)
        m_tree->setCurrentIndex(first->index());
    for (int column : {TitleColumn, WhereColumn, DateColumn})
        m_tree->resizeColumnToContents(column);
}

void SearchResultsView::showMoreCards()
{
    // One row more than a page says whether another page exists.
    auto hits = store::SearchRepository(m_db).cards(m_text, pageSize + 1, m_cardCount);
    if (!hits) {
        Q_EMIT message(tr("Search failed: %1").arg(hits.error().message));
        return;
    }
    dropMoreRow(m_cardGroup);
    const QList<store::CardSearchHit>& found = hits.value();
    m_moreCards = found.size() > pageSize;
    for (qsizetype i = 0; i < found.size() && i < pageSize; ++i) {
        const store::CardSearchHit& hit = found[i];
        QList<QStandardItem*> row =
            makeRow(SearchResultType::Card,
                    {hit.name, crm::cardKindDisplayName(hit.kind), plainSnippet(hit.snippet)});
        for (QStandardItem* item : row) {
            item->setData(hit.cardId, CardIdRole);
            item->setData(int(hit.kind), CardKindRole);
        }
        row[SnippetColumn]->setData(hit.snippet, SnippetRole);
        m_cardGroup->appendRow(row);
        ++m_cardCount;
    }
    if (m_moreCards)
        m_cardGroup->appendRow(makeRow(SearchResultType::More, {tr("Show more cards…")}));
    updateHeading();
}

void SearchResultsView::showMoreMail()
{
    auto hits = store::SearchRepository(m_db).mail(m_text, pageSize + 1, m_mailCount);
    if (!hits) {
        Q_EMIT message(tr("Search failed: %1").arg(hits.error().message));
        return;
    }
    dropMoreRow(m_mailGroup);
    const QList<store::MailSearchHit>& found = hits.value();
    m_moreMail = found.size() > pageSize;
    for (qsizetype i = 0; i < found.size() && i < pageSize; ++i) {
        const store::MailSearchHit& hit = found[i];
        const QString where =
            hit.cardId == 0
                ? tr("Untracked")
                //: %1 card name, %2 its kind (Lead, Contact, Deal)
                : tr("%1 (%2)").arg(hit.cardName, crm::cardKindDisplayName(hit.cardKind));
        const QString date = hit.date.isValid()
                                 ? QLocale().toString(hit.date.toLocalTime(), QLocale::ShortFormat)
                                 : QString();
        QList<QStandardItem*> row = makeRow(
            SearchResultType::Mail, {hit.subject.isEmpty() ? tr("(no subject)") : hit.subject,
                                     where, plainSnippet(hit.snippet), date});
        const QString from = hit.fromName.isEmpty()
                                 ? hit.fromEmail
                                 : hit.fromName + u" <"_s + hit.fromEmail + u">"_s;
        for (QStandardItem* item : row) {
            item->setData(hit.cardId, CardIdRole);
            item->setData(hit.threadId, ThreadIdRole);
            item->setData(hit.messageId, MessageIdRole);
            item->setToolTip(tr("From: %1").arg(from));
        }
        row[SnippetColumn]->setData(hit.snippet, SnippetRole);
        m_mailGroup->appendRow(row);
        ++m_mailCount;
    }
    if (m_moreMail)
        m_mailGroup->appendRow(makeRow(SearchResultType::More, {tr("Show more emails…")}));
    updateHeading();
}

void SearchResultsView::updateHeading()
{
    if (!m_cardGroup)
        return;
    const QString more = u"+"_s;
    m_cardGroup->setText(
        tr("Cards (%1)").arg(QString::number(m_cardCount) + (m_moreCards ? more : QString())));
    m_mailGroup->setText(
        tr("Emails (%1)").arg(QString::number(m_mailCount) + (m_moreMail ? more : QString())));
    if (m_text.isEmpty())
        m_heading->setText(tr("Type in the search box to find cards and mail."));
    else if (m_cardCount == 0 && m_mailCount == 0)
        m_heading->setText(tr("Nothing found for “%1”.").arg(m_text));
    else
        m_heading->setText(tr("Results for “%1”").arg(m_text));
}

void SearchResultsView::open(const QModelIndex& index)
{
    const auto type = SearchResultType(index.data(ResultTypeRole).toInt());
    switch (type) {
    case SearchResultType::Group:
        break;
    case SearchResultType::Card:
        Q_EMIT cardRequested(index.data(CardIdRole).toLongLong());
        break;
    case SearchResultType::Mail:
        Q_EMIT mailRequested(index.data(CardIdRole).toLongLong(),
                             index.data(ThreadIdRole).toLongLong());
        break;
    case SearchResultType::More: {
        const bool cards = index.parent().row() == m_cardGroup->row();
        const int before = cards ? m_cardGroup->rowCount() : m_mailGroup->rowCount();
        if (cards)
            showMoreCards();
        else
            showMoreMail();
        // Keep the keyboard where the new results start.
        QStandardItem* group = cards ? m_cardGroup : m_mailGroup;
        if (QStandardItem* next = group->child(qMin(before - 1, group->rowCount() - 1)))
            m_tree->setCurrentIndex(next->index());
        break;
    }
    }
}

} // namespace threadline::ui
