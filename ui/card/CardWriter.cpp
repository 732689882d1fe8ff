#include "CardWriter.h"

#include "store/CardRepository.h"
#include "store/Transaction.h"
#include "sync/Matcher.h"

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

store::StoreError failure(const QString& message)
{
    return store::StoreError{store::StoreError::Code::QueryFailed, message};
}

} // namespace

CardWriter::CardWriter(const QSqlDatabase& db, const sync::MatchPolicy& policy)
    : m_db(db)
    , m_policy(policy)
{}

store::Result<CardWriteResult> CardWriter::save(const CardDraft& draft)
{
    store::Transaction transaction(m_db);
    if (!transaction.isActive())
        return failure(u"cannot begin a transaction"_s);
    store::CardRepository cards(m_db);
    CardWriteResult result;
    result.cardId = draft.id;
    std::optional<store::StoreError> error;
    switch (draft.kind) {
    case crm::CardKind::Lead:
        if (draft.id == 0) {
            const auto id = cards.insertLead(draft.toLead());
            if (!id)
                return id.error();
            result.cardId = id.value();
        } else {
            error = cards.updateLead(draft.toLead());
        }
        break;
    case crm::CardKind::Contact:
        if (draft.id == 0) {
            const auto id = cards.insertContact(draft.toContact());
            if (!id)
                return id.error();
            result.cardId = id.value();
        } else {
            error = cards.updateContact(draft.toContact());
        }
        break;
    case crm::CardKind::Deal:
        if (draft.id == 0) {
            const auto id = cards.insertDeal(draft.toDeal());
            if (!id)
                return id.error();
            result.cardId = id.value();
        } else {
            error = cards.updateDeal(draft.toDeal());
        }
        break;
    }
    if (error)
        return *error;
    // Deals own no addresses: their mail comes only through attached threads (rule 6).
    if (draft.kind != crm::CardKind::Deal) {
        const auto changes = sync::Matcher(m_db, m_policy).linkCard(result.cardId);
        if (!changes)
            return changes.error();
        result.changes = changes.value();
    }
    if (!transaction.commit())
        return failure(u"commit failed"_s);
    return result;
}

std::optional<store::StoreError> CardWriter::remove(qint64 cardId)
{
    return store::CardRepository(m_db).deleteCard(cardId);
}

store::Result<CardWriteResult> CardWriter::convertLead(qint64 leadId,
                                                       const LeadConversion& conversion)
{
    store::Transaction transaction(m_db);
    if (!transaction.isActive())
        return failure(u"cannot begin a transaction"_s);
    store::CardRepository cards(m_db);
    const auto lead = cards.lead(leadId);
    if (!lead)
        return lead.error();
    if (!lead.value())
        return failure(u"no such lead"_s);
    const auto convertedTo = cards.convertedTo(leadId);
    if (!convertedTo)
        return convertedTo.error();
    if (convertedTo.value() != 0)
        return failure(u"the lead was converted already"_s);

    crm::Contact contact;
    contact.kind = crm::ContactKind::Person;
    contact.name = conversion.contactName;
    contact.organisation = conversion.organisation;
    contact.emails = lead.value()->emails;
    contact.phones = lead.value()->phones;
    const auto contactId = cards.insertContact(contact);
    if (!contactId)
        return contactId.error();
    // Converted first: the matcher then gives the lead nothing more (Matcher::moveLinks).
    if (auto error = cards.markConverted(leadId, contactId.value()))
        return *error;
    CardWriteResult result;
    result.cardId = contactId.value();
    sync::Matcher matcher(m_db, m_policy);
    const auto moved = matcher.moveLinks(leadId, contactId.value());
    if (!moved)
        return moved.error();
    result.changes += moved.value();
    if (conversion.deal) {
        crm::Deal deal = *conversion.deal;
        deal.contactIds = {contactId.value()};
        const auto dealId = cards.insertDeal(deal);
        if (!dealId)
            return dealId.error();
        result.dealId = dealId.value();
    }
    // Mail of the addresses the lead had not linked yet (none, usually).
    const auto linked = matcher.linkCard(contactId.value());
    if (!linked)
        return linked.error();
    result.changes += linked.value();
    result.changes.cards.insert(leadId);
    result.changes.cards.insert(contactId.value());
    if (!transaction.commit())
        return failure(u"commit failed"_s);
    return result;
}

} // namespace threadline::ui
