#pragma once

#include "store/CardThread.h"
#include "store/LinkRepository.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>

namespace threadline::ui {

// The email threads of one card, newest first, read a page at a time (canFetchMore /
// fetchMore with keyset paging), so a card with thousands of threads opens at once. One
// filter at a time: the threads the card shows, or those detached from it (greyed).
// After a sync batch refreshThreads() updates, inserts or removes only the rows of the
// threads named: no reset.
class ThreadListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreadListModel)

public:
    enum Column
    {
        SubjectColumn,
        ParticipantsColumn,
        DateColumn,
        CountColumn,
        OriginColumn,
        ColumnCount,
    };
    using Filter = store::LinkRepository::Filter;

    ThreadListModel(const QSqlDatabase& db, QObject* parent = nullptr);

    // Shows the threads of a card (0: none) through a filter; reads the first page now.
    void setCard(qint64 cardId, Filter filter = Filter::Attached);
    qint64 cardId() const { return m_cardId; }
    Filter filter() const { return m_filter; }
    // How many threads the card has under the filter (all pages).
    int totalCount() const { return m_total; }

    // Re-reads these threads: rows change, appear (at their place among the loaded rows) or
    // go. Threads the card never had are ignored at the cost of one indexed query each.
    void refreshThreads(const QList<qint64>& threadIds);

    const store::CardThread& threadAt(int row) const { return m_rows.at(row); }
    int rowOfThread(qint64 threadId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Why a thread is on a card, as the user reads it ("Address: zoe@dupont.test").
    static QString originText(const store::CardThread& thread);

    static constexpr int pageSize = 100;

Q_SIGNALS:
    // The number of threads under the filter changed (rows came or went).
    void totalCountChanged(int total);
    void loadFailed(const QString& message);

private:
    // The card's row for a thread as the store sees it now; nullopt when the thread is not
    // under the filter (or no longer exists).
    std::optional<store::CardThread> readThread(qint64 threadId, bool* touchesCard) const;
    // Where a row belongs among the loaded rows (newest first, then higher id first).
    int insertionRow(const store::CardThread& thread) const;
    void updateTotal();

    QSqlDatabase m_db;
    store::LinkRepository m_links;
    qint64 m_cardId = 0;
    Filter m_filter = Filter::Attached;
    QList<store::CardThread> m_rows;
    int m_total = 0;
    bool m_atEnd = true;
};

} // namespace threadline::ui
