#pragma once

#include "Result.h"
#include "crm/Contact.h"
#include "crm/Deal.h"
#include "crm/Lead.h"

#include <QList>
#include <QSqlDatabase>

namespace threadline::store {

// Reads and writes lead, contact and deal cards with their addresses, phones and deal
// contacts, and keeps the cards' search index in step. Short transactions: safe to call
// from the GUI thread for single edits.
class CardRepository final
{
public:
    explicit CardRepository(const QSqlDatabase& db);

    Result<qint64> insertLead(const crm::Lead& lead);
    Result<qint64> insertContact(const crm::Contact& contact);
    Result<qint64> insertDeal(const crm::Deal& deal);

    Result<QList<crm::Lead>> leads() const;
    Result<QList<crm::Contact>> contacts() const;
    Result<QList<crm::Deal>> deals() const;

    // The card owning this address (case-insensitive), if any; 0 when none.
    Result<qint64> cardIdForEmail(const crm::EmailAddress& email) const;

private:
    QSqlDatabase m_db;
};

} // namespace threadline::store
