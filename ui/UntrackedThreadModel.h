#pragma once

#include "store/ThreadSummary.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>

namespace threadline::ui {

// The untracked threads of one correspondent (store::LinkRepository::untrackedThreads),
// newest first, a page at a time.
class UntrackedThreadModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UntrackedThreadModel)

public:
    UntrackedThreadModel(const QSqlDatabase& db, QObject* parent = nullptr);

    // Lists this correspondent's threads (an empty address clears the list).
    void setCorrespondent(const QString& email);
    const QString& correspondent() const { return m_email; }
    const store::ThreadSummary* thread(int row) const;
    // The row of a thread, reading further pages until it appears; -1 if it never does.
    int findThread(qint64 threadId);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static constexpr int pageSize = 100;

Q_SIGNALS:
    void loadFailed(const QString& message);

private:
    QSqlDatabase m_db;
    QString m_email;
    QList<store::ThreadSummary> m_threads;
    bool m_atEnd = true;
};

} // namespace threadline::ui
