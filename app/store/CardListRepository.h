#pragma once

#include "CardListRow.h"
#include "Result.h"
#include "crm/CardKind.h"

#include <QList>
#include <QSqlDatabase>
#include <QVariant>

namespace threadline::store {

// Reads cards as the lists show them, with each card's thread count and newest mail date.
// One statement per call whatever the number of cards, so a list of 10,000 cards loads in
// one pass and a sync batch re-reads only the cards it touched.
class CardListRepository final
{
public:
    explicit CardListRepository(const QSqlDatabase& db);

    // Every card of one kind, by id.
    Result<QList<CardListRow>> rows(crm::CardKind kind) const;
    // These cards, by id; ids of cards that no longer exist are simply absent.
    Result<QList<CardListRow>> rows(const QList<qint64>& ids) const;

    // Ids bound per statement when reading by id (well under SQLite's variable limit).
    static constexpr int idsPerStatement = 500;

private:
    // scope: a condition on a cards column ("kind = ?"), applied to the cards listed and to
    // the cards whose links are counted.
    Result<QList<CardListRow>> read(const QString& scope, const QVariantList& values) const;

    QSqlDatabase m_db;
};

} // namespace threadline::store
