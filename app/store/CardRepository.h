#pragma once

#include "CardRef.h"
#include "Result.h"
#include "crm/Contact.h"
#include "crm/Deal.h"
#include "crm/Lead.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <optional>

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

    // Adds an address to a lead or contact (nothing if it has it already) or removes one.
    // The store does not link: follow with sync::Matcher::linkCard() so the card's mail
    // appears (or its automatic links go) at once.
    std::optional<StoreError> addEmail(qint64 cardId, const crm::EmailAddress& email);
    std::optional<StoreError> removeEmail(qint64 cardId, const crm::EmailAddress& email);

    // Records that a lead became this contact; the matcher then links nothing more to the lead.
    std::optional<StoreError> markConverted(qint64 leadId, qint64 contactId);

    // The card owning this address (case-insensitive), if any; 0 when none.
    Result<qint64> cardIdForEmail(const crm::EmailAddress& email) const;

    // ---- one card at a time, for the card view ----

    // The kind of a card; nullopt when no such card exists.
    Result<std::optional<crm::CardKind>> kindOf(qint64 cardId) const;
    Result<std::optional<crm::Lead>> lead(qint64 cardId) const;
    Result<std::optional<crm::Contact>> contact(qint64 cardId) const;
    Result<std::optional<crm::Deal>> deal(qint64 cardId) const;
    // The contact a lead was converted to; 0 when it was not converted.
    Result<qint64> convertedTo(qint64 leadId) const;
    // Rewrite a card's fields, addresses and phones (a deal: its contacts) from the value,
    // by its id. Like addEmail(), the store does not link: follow with Matcher::linkCard().
    std::optional<StoreError> updateLead(const crm::Lead& lead);
    std::optional<StoreError> updateContact(const crm::Contact& contact);
    std::optional<StoreError> updateDeal(const crm::Deal& deal);
    // Deletes a card with its addresses, phones and links; its mail stays stored.
    std::optional<StoreError> deleteCard(qint64 cardId);
    // The cards owning this address (case-insensitive), converted leads and `exceptCardId`
    // left out: who else an address would clash with.
    Result<QList<CardRef>> emailOwners(const crm::EmailAddress& email,
                                       qint64 exceptCardId = 0) const;
    // Every card of a kind by name, for pickers (deal contacts).
    Result<QList<CardRef>> cardRefs(crm::CardKind kind) const;
    // Of these threads, those the card has any link row for (attached or detached, whole
    // thread or single message): one query, so an open card can skip the rest of a sync batch.
    Result<QSet<qint64>> threadsLinkedTo(qint64 cardId, const QList<qint64>& threadIds) const;

private:
    QSqlDatabase m_db;
};

} // namespace threadline::store
