#pragma once

#include "crm/CardKind.h"
#include "store/CardListRow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSqlDatabase>

namespace threadline::ui {

// One table of cards of one kind (leads, contacts or deals), read from the store with each
// card's thread count and newest mail. Loading is one statement whatever the size; after a
// sync batch or an edit, applyChanges() re-reads only the cards named and signals the rows
// that changed (dataChanged, rowsInserted, rowsRemoved), never a reset. Rows keep store
// order (by id); a proxy sorts them (SortRole) and filters them (FilterRole).
class CardTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardTableModel)

public:
    enum class Column
    {
        Name,
        Company, // leads: company; contacts: organisation
        Email,
        Phone,
        Status,
        Source,
        Stage,
        Value,
        ExpectedClose,
        Threads,
        LastEmail,
    };

    CardTableModel(crm::CardKind kind, const QSqlDatabase& db, QObject* parent = nullptr);

    crm::CardKind kind() const { return m_kind; }
    // Reads every card again (a reset: for opening a profile, not for updates). Returns false
    // and keeps the old rows if the store failed.
    bool reload();

    // The column showing this, or -1 when this kind has no such column.
    int columnOf(Column column) const { return int(m_columns.indexOf(column)); }
    // The row of a card, invalid when the card is not in this table.
    QModelIndex indexOfCard(qint64 cardId, int column = 0) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    // Re-reads these cards: rows of this kind are updated, added or removed; ids of other
    // kinds (or of cards this table does not hold and no longer exist) are ignored.
    void applyChanges(const QList<qint64>& changedCardIds);

Q_SIGNALS:
    // The store failed; the rows shown are the last good ones.
    void loadFailed(const QString& message);

private:
    QVariant display(const store::CardListRow& row, Column column) const;
    QVariant sortKey(const store::CardListRow& row, Column column) const;
    QString filterText(const store::CardListRow& row) const;
    void rebuildIndex();

    crm::CardKind m_kind;
    QSqlDatabase m_db;
    QList<Column> m_columns;
    QList<store::CardListRow> m_rows;
    QList<QString> m_filterTexts; // per row, folded once when the row is read
    QHash<qint64, int> m_rowOfCard;
};

} // namespace threadline::ui
