#include "JsonExporter.h"

#include "store/CardRepository.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace threadline::cli {

namespace {

QJsonArray toArray(const QList<crm::EmailAddress>& emails)
{
    QJsonArray array;
    for (const crm::EmailAddress& email : emails)
        array.append(email.written());
    return array;
}

// Every row of a query as an object keyed by column name.
store::Result<QJsonArray> rows(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return store::StoreError{store::StoreError::Code::QueryFailed, query.lastError().text()};
    QJsonArray array;
    const QSqlRecord record = query.record();
    while (query.next()) {
        QJsonObject object;
        // SQL NULL stays null (QJsonValue::fromVariant would turn a typed null into 0).
        for (int i = 0; i < record.count(); ++i) {
            const QVariant value = query.value(i);
            object.insert(record.fieldName(i), value.isNull() ? QJsonValue(QJsonValue::Null)
                                                              : QJsonValue::fromVariant(value));
        }
        array.append(object);
    }
    return array;
}

} // namespace

JsonExporter::JsonExporter(const QSqlDatabase& db)
    : m_db(db)
{}

store::Result<QJsonObject> JsonExporter::exportAll() const
{
    store::CardRepository cards(m_db);
    QJsonObject root{{u"version"_s, 1}};

    const auto leads = cards.leads();
    if (!leads)
        return leads.error();
    QJsonArray leadArray;
    for (const crm::Lead& lead : leads.value()) {
        leadArray.append(QJsonObject{{u"id"_s, lead.id},
                                     {u"name"_s, lead.name},
                                     {u"company"_s, lead.company},
                                     {u"title"_s, lead.title},
                                     {u"emails"_s, toArray(lead.emails)},
                                     {u"phones"_s, QJsonArray::fromStringList(lead.phones)},
                                     {u"status"_s, crm::leadStatusKey(lead.status)},
                                     {u"source"_s, lead.source}});
    }
    root.insert(u"leads"_s, leadArray);

    const auto contacts = cards.contacts();
    if (!contacts)
        return contacts.error();
    QJsonArray contactArray;
    for (const crm::Contact& contact : contacts.value()) {
        contactArray.append(QJsonObject{{u"id"_s, contact.id},
                                        {u"kind"_s, crm::contactKindKey(contact.kind)},
                                        {u"name"_s, contact.name},
                                        {u"organisation"_s, contact.organisation},
                                        {u"emails"_s, toArray(contact.emails)},
                                        {u"phones"_s, QJsonArray::fromStringList(contact.phones)},
                                        {u"address"_s, contact.address}});
    }
    root.insert(u"contacts"_s, contactArray);

    const auto deals = cards.deals();
    if (!deals)
        return deals.error();
    QJsonArray dealArray;
    for (const crm::Deal& deal : deals.value()) {
        QJsonArray contactIds;
        for (qint64 id : deal.contactIds)
            contactIds.append(id);
        dealArray.append(QJsonObject{{u"id"_s, deal.id},
                                     {u"name"_s, deal.name},
                                     {u"stage"_s, crm::dealStageKey(deal.stage)},
                                     {u"value"_s, deal.value.amountText()},
                                     {u"currency"_s, deal.value.currency},
                                     {u"closeDate"_s, deal.expectedClose.isValid()
                                                          ? deal.expectedClose.toString(Qt::ISODate)
                                                          : QString()},
                                     {u"contactIds"_s, contactIds}});
    }
    root.insert(u"deals"_s, dealArray);

    const std::pair<QString, QString> tables[] = {
        {u"threads"_s,
         u"SELECT id, subject, participants, first_date, last_date, message_count FROM threads "
         "ORDER BY id"_s},
        {u"messages"_s,
         u"SELECT id, message_id, thread_id, thread_reason, in_reply_to, references_ids, subject, "
         "from_name, from_email, date, internal_date, size, has_attachments, is_outgoing, "
         "is_dropbox, parse_problems FROM messages ORDER BY id"_s},
        {u"locations"_s,
         u"SELECT folder, uidvalidity, uid, message_id, flags, modseq FROM message_locations "
         "ORDER BY folder, uid"_s},
        // message_id NULL: the link is about the whole thread.
        {u"links"_s, u"SELECT id, card_id, thread_id, message_id, origin, state, detail FROM links "
                     "ORDER BY id"_s},
        {u"skipped"_s,
         u"SELECT folder, uidvalidity, uid, reason, date, sender, subject, recipient_count "
         "FROM skipped_messages ORDER BY folder, uid"_s},
    };
    for (const auto& [name, sql] : tables) {
        const auto array = rows(m_db, sql);
        if (!array)
            return array.error();
        root.insert(name, array.value());
    }
    return root;
}

} // namespace threadline::cli
