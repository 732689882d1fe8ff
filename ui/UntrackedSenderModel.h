#pragma once

#include "store/UntrackedSender.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>
#include <QStringList>

namespace threadline::ui {

// Correspondents of untracked mail (store::LinkRepository::untrackedSenders), newest first,
// fetched a page at a time as the view scrolls (canFetchMore / fetchMore).
class UntrackedSenderModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UntrackedSenderModel)

public:
    UntrackedSenderModel(const QSqlDatabase& db, QObject* parent = nullptr);

    // The user's own addresses are never offered as a correspondent.
    void setOwnAddresses(const QStringList& addresses);
    // Reads again as many rows as were loaded (at least one page).
    bool reload();

    const store::UntrackedSender* sender(int row) const;
    int rowOfEmail(const QString& email) const;
    // Makes sure the correspondent is listed (reading further pages up to a bound, else
    // adding the row on top) and returns its row.
    int ensureListed(const store::UntrackedSender& sender);

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
    QStringList m_ownAddresses;
    QList<store::UntrackedSender> m_senders;
    int m_loaded = 0; // rows read from the store (those added by ensureListed not counted)
    bool m_atEnd = false;
};

} // namespace threadline::ui
