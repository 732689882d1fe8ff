#include "CardRepository.h"

#include "SqlHelpers.h"
#include "Transaction.h"

#include <QDateTime>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

StoreError queryError(const QSqlQuery& query)
{
    return StoreError{StoreError::Code::QueryFailed,
                      query.lastError().text() + u" — in: "_s + query.lastQuery().left(120)};
}

// Inserts the columns every card has; the rest is filled by the caller's UPDATE-free insert.
Result<qint64> insertCardRow(const QSqlDatabase& db, const QVariantHash& columns)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QStringList names;
    QStringList placeholders;
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        names << it.key();
        placeholders << u":"_s + it.key();
    }
    names << u"created_at"_s << u"updated_at"_s;
    placeholders << u":now"_s << u":now"_s;
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO cards (%1) VALUES (%2)"_s.arg(names.join(u", "_s),
                                                              placeholders.join(u", "_s)));
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        // A null QString binds as SQL NULL; text columns mean "empty" by it.
        const bool nullText = it.value().metaType() == QMetaType::fromType<QString>() &&
                              it.value().toString().isNull();
        query.bindValue(u":"_s + it.key(), nullText ? QVariant(u""_s) : it.value());
    }
    query.bindValue(u":now"_s, now);
    if (!query.exec())
        return queryError(query);
    return query.lastInsertId().toLongLong();
}

std::optional<StoreError> insertEmails(const QSqlDatabase& db, qint64 cardId,
                                       const QList<crm::EmailAddress>& emails)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT OR IGNORE INTO card_emails (card_id, position, email, email_norm) "
                  "VALUES (?, ?, ?, ?)"_s);
    for (qsizetype i = 0; i < emails.size(); ++i) {
        query.addBindValue(cardId);
        query.addBindValue(int(i));
        query.addBindValue(emails[i].written());
        query.addBindValue(emails[i].normalized());
        if (!query.exec())
            return queryError(query);
    }
    return std::nullopt;
}

std::optional<StoreError> insertPhones(const QSqlDatabase& db, qint64 cardId,
                                       const QStringList& phones)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO card_phones (card_id, position, phone) VALUES (?, ?, ?)"_s);
    for (qsizetype i = 0; i < phones.size(); ++i) {
        query.addBindValue(cardId);
        query.addBindValue(int(i));
        query.addBindValue(phones[i]);
        if (!query.exec())
            return queryError(query);
    }
    return std::nullopt;
}

// The cards' search row is rebuilt from the tables, so it can never drift from them.
std::optional<StoreError> refreshSearchRow(const QSqlDatabase& db, qint64 cardId)
{
    QSqlQuery remove(db);
    remove.prepare(u"DELETE FROM card_fts WHERE rowid = ?"_s);
    remove.addBindValue(cardId);
    if (!remove.exec())
        return queryError(remove);
    QSqlQuery insert(db);
    insert.prepare(
        u"INSERT INTO card_fts (rowid, name, details) "
        "SELECT c.id, c.name, c.company || ' ' || c.title || ' ' || c.address || ' ' || c.source "
        "|| ' ' || coalesce((SELECT group_concat(e.email, ' ') FROM card_emails e "
        "WHERE e.card_id = c.id), '') || ' ' || coalesce((SELECT group_concat(p.phone, ' ') "
        "FROM card_phones p WHERE p.card_id = c.id), '') FROM cards c WHERE c.id = ?"_s);
    insert.addBindValue(cardId);
    if (!insert.exec())
        return queryError(insert);
    return std::nullopt;
}

// After an edit of a card's details: its modification time and search row.
std::optional<StoreError> touchCard(const QSqlDatabase& db, qint64 cardId)
{
    QSqlQuery query(db);
    query.prepare(u"UPDATE cards SET updated_at = ? WHERE id = ?"_s);
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    query.addBindValue(cardId);
    if (!query.exec())
        return queryError(query);
    return refreshSearchRow(db, cardId);
}

template <typename Card>
Result<qint64> insertCard(const QSqlDatabase& db, const QVariantHash& columns, const Card& card)
{
    Transaction transaction(db);
    Result<qint64> id = insertCardRow(db, columns);
    if (!id)
        return id;
    if constexpr (requires { card.emails; }) {
        if (auto error = insertEmails(db, id.value(), card.emails))
            return *error;
        if (auto error = insertPhones(db, id.value(), card.phones))
            return *error;
    }
    if (auto error = refreshSearchRow(db, id.value()))
        return *error;
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return id;
}

// Loads every card's email addresses and phones in two queries instead of two per card.
struct CardDetails
{
    QHash<qint64, QList<crm::EmailAddress>> emails;
    QHash<qint64, QStringList> phones;
};

Result<CardDetails> loadDetails(const QSqlDatabase& db, const QString& kind)
{
    CardDetails details;
    QSqlQuery emails(db);
    emails.prepare(u"SELECT e.card_id, e.email FROM card_emails e JOIN cards c ON c.id = e.card_id "
                   "WHERE c.kind = ? ORDER BY e.card_id, e.position"_s);
    emails.addBindValue(kind);
    if (!emails.exec())
        return queryError(emails);
    while (emails.next())
        details.emails[emails.value(0).toLongLong()].append(
            crm::EmailAddress(emails.value(1).toString()));
    QSqlQuery phones(db);
    phones.prepare(u"SELECT p.card_id, p.phone FROM card_phones p JOIN cards c ON c.id = p.card_id "
                   "WHERE c.kind = ? ORDER BY p.card_id, p.position"_s);
    phones.addBindValue(kind);
    if (!phones.exec())
        return queryError(phones);
    while (phones.next())
        details.phones[phones.value(0).toLongLong()].append(phones.value(1).toString());
    return details;
}

// Row readers shared by the list and the single-card queries; each expects the columns of
// its *Columns string below, in that order.
const QString leadColumns = u"id, name, company, title, lead_status, source"_s;
const QString contactColumns = u"id, name, company, contact_kind, address"_s;
const QString dealColumns = u"id, name, stage, value_minor, currency, close_date"_s;

crm::Lead leadFromRow(const QSqlQuery& query)
{
    crm::Lead lead;
    lead.id = query.value(0).toLongLong();
    lead.name = query.value(1).toString();
    lead.company = query.value(2).toString();
    lead.title = query.value(3).toString();
    lead.status = crm::leadStatusFromKey(query.value(4).toString()).value_or(crm::LeadStatus::New);
    lead.source = query.value(5).toString();
    return lead;
}

crm::Contact contactFromRow(const QSqlQuery& query)
{
    crm::Contact contact;
    contact.id = query.value(0).toLongLong();
    contact.name = query.value(1).toString();
    contact.organisation = query.value(2).toString();
    contact.kind =
        crm::contactKindFromKey(query.value(3).toString()).value_or(crm::ContactKind::Person);
    contact.address = query.value(4).toString();
    return contact;
}

crm::Deal dealFromRow(const QSqlQuery& query)
{
    crm::Deal deal;
    deal.id = query.value(0).toLongLong();
    deal.name = query.value(1).toString();
    deal.stage =
        crm::dealStageFromKey(query.value(2).toString()).value_or(crm::DealStage::Incoming);
    deal.value = crm::Money{query.value(3).toLongLong(), query.value(4).toString()};
    deal.expectedClose = QDate::fromString(query.value(5).toString(), Qt::ISODate);
    return deal;
}

} // namespace

CardRepository::CardRepository(const QSqlDatabase& db)
    : m_db(db)
{}

Result<qint64> CardRepository::insertLead(const crm::Lead& lead)
{
    return insertCard(m_db,
                      {{u"kind"_s, u"lead"_s},
                       {u"name"_s, lead.name},
                       {u"company"_s, lead.company},
                       {u"title"_s, lead.title},
                       {u"lead_status"_s, crm::leadStatusKey(lead.status)},
                       {u"source"_s, lead.source}},
                      lead);
}

Result<qint64> CardRepository::insertContact(const crm::Contact& contact)
{
    return insertCard(m_db,
                      {{u"kind"_s, u"contact"_s},
                       {u"name"_s, contact.name},
                       {u"company"_s, contact.organisation},
                       {u"contact_kind"_s, crm::contactKindKey(contact.kind)},
                       {u"address"_s, contact.address}},
                      contact);
}

Result<qint64> CardRepository::insertDeal(const crm::Deal& deal)
{
    Transaction transaction(m_db);
    Result<qint64> id = insertCard(
        m_db,
        {{u"kind"_s, u"deal"_s},
         {u"name"_s, deal.name},
         {u"stage"_s, crm::dealStageKey(deal.stage)},
         {u"value_minor"_s, deal.value.minorUnits},
         {u"currency"_s, deal.value.currency},
         {u"close_date"_s,
          deal.expectedClose.isValid() ? deal.expectedClose.toString(Qt::ISODate) : QVariant()}},
        deal);
    if (!id)
        return id;
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR IGNORE INTO deal_contacts (deal_id, contact_id) VALUES (?, ?)"_s);
    for (qint64 contactId : deal.contactIds) {
        query.addBindValue(id.value());
        query.addBindValue(contactId);
        if (!query.exec())
            return queryError(query);
    }
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return id;
}

Result<QList<crm::Lead>> CardRepository::leads() const
{
    Result<CardDetails> details = loadDetails(m_db, u"lead"_s);
    if (!details)
        return details.error();
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT "_s + leadColumns +
                    u" FROM cards WHERE kind = 'lead' ORDER BY name COLLATE NOCASE, id"_s))
        return queryError(query);
    QList<crm::Lead> result;
    while (query.next()) {
        crm::Lead lead = leadFromRow(query);
        lead.emails = details.value().emails.value(lead.id);
        lead.phones = details.value().phones.value(lead.id);
        result.append(std::move(lead));
    }
    return result;
}

Result<QList<crm::Contact>> CardRepository::contacts() const
{
    Result<CardDetails> details = loadDetails(m_db, u"contact"_s);
    if (!details)
        return details.error();
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT "_s + contactColumns +
                    u" FROM cards WHERE kind = 'contact' ORDER BY name COLLATE NOCASE, id"_s))
        return queryError(query);
    QList<crm::Contact> result;
    while (query.next()) {
        crm::Contact contact = contactFromRow(query);
        contact.emails = details.value().emails.value(contact.id);
        contact.phones = details.value().phones.value(contact.id);
        result.append(std::move(contact));
    }
    return result;
}

Result<QList<crm::Deal>> CardRepository::deals() const
{
    QHash<qint64, QList<qint64>> contactIds;
    QSqlQuery links(m_db);
    if (!links.exec(
            u"SELECT deal_id, contact_id FROM deal_contacts ORDER BY deal_id, contact_id"_s))
        return queryError(links);
    while (links.next())
        contactIds[links.value(0).toLongLong()].append(links.value(1).toLongLong());

    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT "_s + dealColumns +
                    u" FROM cards WHERE kind = 'deal' ORDER BY name COLLATE NOCASE, id"_s))
        return queryError(query);
    QList<crm::Deal> result;
    while (query.next()) {
        crm::Deal deal = dealFromRow(query);
        deal.contactIds = contactIds.value(deal.id);
        result.append(std::move(deal));
    }
    return result;
}

std::optional<StoreError> CardRepository::addEmail(qint64 cardId, const crm::EmailAddress& email)
{
    Transaction transaction(m_db);
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR IGNORE INTO card_emails (card_id, position, email, email_norm) "
                  "SELECT ?, coalesce(max(position) + 1, 0), ?, ? FROM card_emails "
                  "WHERE card_id = ?"_s);
    query.addBindValue(cardId);
    query.addBindValue(email.written());
    query.addBindValue(email.normalized());
    query.addBindValue(cardId);
    if (!query.exec())
        return queryError(query);
    if (auto error = touchCard(m_db, cardId))
        return error;
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return std::nullopt;
}

std::optional<StoreError> CardRepository::removeEmail(qint64 cardId, const crm::EmailAddress& email)
{
    Transaction transaction(m_db);
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM card_emails WHERE card_id = ? AND email_norm = ?"_s);
    query.addBindValue(cardId);
    query.addBindValue(email.normalized());
    if (!query.exec())
        return queryError(query);
    if (auto error = touchCard(m_db, cardId))
        return error;
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return std::nullopt;
}

std::optional<StoreError> CardRepository::markConverted(qint64 leadId, qint64 contactId)
{
    QSqlQuery query(m_db);
    query.prepare(
        u"UPDATE cards SET converted_to = ?, updated_at = ? WHERE id = ? AND kind = 'lead'"_s);
    query.addBindValue(contactId);
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    query.addBindValue(leadId);
    if (!query.exec())
        return queryError(query);
    return std::nullopt;
}

Result<qint64> CardRepository::cardIdForEmail(const crm::EmailAddress& email) const
{
    QSqlQuery query(m_db);
    query.prepare(
        u"SELECT card_id FROM card_emails WHERE email_norm = ? ORDER BY card_id LIMIT 1"_s);
    query.addBindValue(email.normalized());
    if (!query.exec())
        return queryError(query);
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

// ---- one card at a time, for the card view ----

namespace {

QVariant textValue(const QString& text)
{
    return text.isNull() ? QVariant(u""_s) : QVariant(text);
}

std::optional<StoreError> loadAddresses(const QSqlDatabase& db, qint64 cardId,
                                        QList<crm::EmailAddress>* emails, QStringList* phones)
{
    QSqlQuery emailQuery(db);
    emailQuery.prepare(u"SELECT email FROM card_emails WHERE card_id = ? ORDER BY position"_s);
    emailQuery.addBindValue(cardId);
    if (!emailQuery.exec())
        return queryError(emailQuery);
    while (emailQuery.next())
        emails->append(crm::EmailAddress(emailQuery.value(0).toString()));
    QSqlQuery phoneQuery(db);
    phoneQuery.prepare(u"SELECT phone FROM card_phones WHERE card_id = ? ORDER BY position"_s);
    phoneQuery.addBindValue(cardId);
    if (!phoneQuery.exec())
        return queryError(phoneQuery);
    while (phoneQuery.next())
        phones->append(phoneQuery.value(0).toString());
    return std::nullopt;
}

// Replaces a card's addresses and phones (positions follow the new order).
std::optional<StoreError> replaceAddresses(const QSqlDatabase& db, qint64 cardId,
                                           const QList<crm::EmailAddress>& emails,
                                           const QStringList& phones)
{
    for (const QString& table : {u"card_emails"_s, u"card_phones"_s}) {
        QSqlQuery remove(db);
        remove.prepare(u"DELETE FROM %1 WHERE card_id = ?"_s.arg(table));
        remove.addBindValue(cardId);
        if (!remove.exec())
            return queryError(remove);
    }
    if (auto error = insertEmails(db, cardId, emails))
        return error;
    return insertPhones(db, cardId, phones);
}

// Runs an UPDATE of one card's row; an id that is not of this kind is an error.
std::optional<StoreError> updateRow(const QSqlDatabase& db, const QString& sql,
                                    const QVariantList& values)
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return queryError(query);
    if (query.numRowsAffected() != 1)
        return StoreError{StoreError::Code::QueryFailed, u"no such card"_s};
    return std::nullopt;
}

} // namespace

Result<std::optional<crm::CardKind>> CardRepository::kindOf(qint64 cardId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT kind FROM cards WHERE id = ?"_s);
    query.addBindValue(cardId);
    if (!query.exec())
        return queryError(query);
    if (!query.next())
        return std::optional<crm::CardKind>();
    return crm::cardKindFromKey(query.value(0).toString());
}

Result<std::optional<crm::Lead>> CardRepository::lead(qint64 cardId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT "_s + leadColumns + u" FROM cards WHERE id = ? AND kind = 'lead'"_s);
    query.addBindValue(cardId);
    if (!query.exec())
        return queryError(query);
    if (!query.next())
        return std::optional<crm::Lead>();
    crm::Lead lead = leadFromRow(query);
    if (auto error = loadAddresses(m_db, cardId, &lead.emails, &lead.phones))
        return *error;
    return std::optional<crm::Lead>(std::move(lead));
}

Result<std::optional<crm::Contact>> CardRepository::contact(qint64 cardId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT "_s + contactColumns +
                  u" FROM cards WHERE id = ? AND kind = 'contact'"_s);
    query.addBindValue(cardId);
    if (!query.exec())
        return queryError(query);
    if (!query.next())
        return std::optional<crm::Contact>();
    crm::Contact contact = contactFromRow(query);
    if (auto error = loadAddresses(m_db, cardId, &contact.emails, &contact.phones))
        return *error;
    return std::optional<crm::Contact>(std::move(contact));
}

Result<std::optional<crm::Deal>> CardRepository::deal(qint64 cardId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT "_s + dealColumns + u" FROM cards WHERE id = ? AND kind = 'deal'"_s);
    query.addBindValue(cardId);
    if (!query.exec())
        return queryError(query);
    if (!query.next())
        return std::optional<crm::Deal>();
    crm::Deal deal = dealFromRow(query);
    QSqlQuery contacts(m_db);
    contacts.prepare(
        u"SELECT contact_id FROM deal_contacts WHERE deal_id = ? ORDER BY contact_id"_s);
    contacts.addBindValue(cardId);
    if (!contacts.exec())
        return queryError(contacts);
    while (contacts.next())
        deal.contactIds.append(contacts.value(0).toLongLong());
    return std::optional<crm::Deal>(std::move(deal));
}

Result<qint64> CardRepository::convertedTo(qint64 leadId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT coalesce(converted_to, 0) FROM cards WHERE id = ?"_s);
    query.addBindValue(leadId);
    if (!query.exec())
        return queryError(query);
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

std::optional<StoreError> CardRepository::updateLead(const crm::Lead& lead)
{
    Transaction transaction(m_db);
    if (auto error =
            updateRow(m_db,
                      u"UPDATE cards SET name = ?, company = ?, title = ?, lead_status = ?, "
                      "source = ?, updated_at = ? WHERE id = ? AND kind = 'lead'"_s,
                      {textValue(lead.name), textValue(lead.company), textValue(lead.title),
                       crm::leadStatusKey(lead.status), textValue(lead.source),
                       QDateTime::currentSecsSinceEpoch(), lead.id}))
        return error;
    if (auto error = replaceAddresses(m_db, lead.id, lead.emails, lead.phones))
        return error;
    if (auto error = refreshSearchRow(m_db, lead.id))
        return error;
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return std::nullopt;
}

std::optional<StoreError> CardRepository::updateContact(const crm::Contact& contact)
{
    Transaction transaction(m_db);
    if (auto error = updateRow(m_db,
                               u"UPDATE cards SET name = ?, company = ?, contact_kind = ?, "
                               "address = ?, updated_at = ? WHERE id = ? AND kind = 'contact'"_s,
                               {textValue(contact.name), textValue(contact.organisation),
                                crm::contactKindKey(contact.kind), textValue(contact.address),
                                QDateTime::currentSecsSinceEpoch(), contact.id}))
        return error;
    if (auto error = replaceAddresses(m_db, contact.id, contact.emails, contact.phones))
        return error;
    if (auto error = refreshSearchRow(m_db, contact.id))
        return error;
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return std::nullopt;
}

std::optional<StoreError> CardRepository::updateDeal(const crm::Deal& deal)
{
    Transaction transaction(m_db);
    if (auto error = updateRow(
            m_db,
            u"UPDATE cards SET name = ?, stage = ?, value_minor = ?, currency = ?, "
            "close_date = ?, updated_at = ? WHERE id = ? AND kind = 'deal'"_s,
            {textValue(deal.name), crm::dealStageKey(deal.stage), deal.value.minorUnits,
             textValue(deal.value.currency),
             deal.expectedClose.isValid() ? QVariant(deal.expectedClose.toString(Qt::ISODate))
                                          : QVariant(),
             QDateTime::currentSecsSinceEpoch(), deal.id}))
        return error;
    QSqlQuery remove(m_db);
    remove.prepare(u"DELETE FROM deal_contacts WHERE deal_id = ?"_s);
    remove.addBindValue(deal.id);
    if (!remove.exec())
        return queryError(remove);
    QSqlQuery insert(m_db);
    insert.prepare(u"INSERT OR IGNORE INTO deal_contacts (deal_id, contact_id) VALUES (?, ?)"_s);
    for (qint64 contactId : deal.contactIds) {
        insert.addBindValue(deal.id);
        insert.addBindValue(contactId);
        if (!insert.exec())
            return queryError(insert);
    }
    if (auto error = refreshSearchRow(m_db, deal.id))
        return error;
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return std::nullopt;
}

std::optional<StoreError> CardRepository::deleteCard(qint64 cardId)
{
    Transaction transaction(m_db);
    QSqlQuery search(m_db);
    search.prepare(u"DELETE FROM card_fts WHERE rowid = ?"_s);
    search.addBindValue(cardId);
    if (!search.exec())
        return queryError(search);
    // Addresses, phones, deal contacts and links go by ON DELETE CASCADE.
    QSqlQuery card(m_db);
    card.prepare(u"DELETE FROM cards WHERE id = ?"_s);
    card.addBindValue(cardId);
    if (!card.exec())
        return queryError(card);
    if (!transaction.commit())
        return StoreError{StoreError::Code::QueryFailed, u"commit failed"_s};
    return std::nullopt;
}

Result<QList<CardRef>> CardRepository::emailOwners(const crm::EmailAddress& email,
                                                   qint64 exceptCardId) const
{
    QSqlQuery query(m_db);
    query.prepare(
        u"SELECT c.id, c.kind, c.name FROM card_emails e JOIN cards c ON c.id = e.card_id "
        "WHERE e.email_norm = ? AND c.id <> ? AND c.converted_to IS NULL "
        "ORDER BY c.id"_s);
    query.addBindValue(email.normalized());
    query.addBindValue(exceptCardId);
    if (!query.exec())
        return queryError(query);
    QList<CardRef> result;
    while (query.next()) {
        result.append(
            {query.value(0).toLongLong(),
             crm::cardKindFromKey(query.value(1).toString()).value_or(crm::CardKind::Lead),
             query.value(2).toString()});
    }
    return result;
}

Result<QList<CardRef>> CardRepository::cardRefs(crm::CardKind kind) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, name FROM cards WHERE kind = ? ORDER BY name COLLATE NOCASE, id"_s);
    query.addBindValue(crm::cardKindKey(kind));
    if (!query.exec())
        return queryError(query);
    QList<CardRef> result;
    while (query.next())
        result.append({query.value(0).toLongLong(), kind, query.value(1).toString()});
    return result;
}

Result<QSet<qint64>> CardRepository::threadsLinkedTo(qint64 cardId,
                                                     const QList<qint64>& threadIds) const
{
    QSet<qint64> result;
    if (threadIds.isEmpty())
        return result;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT DISTINCT thread_id FROM links WHERE card_id = ? AND thread_id IN "
                  "(SELECT value FROM json_each(?))"_s);
    query.addBindValue(cardId);
    query.addBindValue(jsonIdArray(threadIds));
    if (!query.exec())
        return queryError(query);
    while (query.next())
        result.insert(query.value(0).toLongLong());
    return result;
}

} // namespace threadline::store
