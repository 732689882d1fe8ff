#include "CardsJsonImporter.h"

#include "store/CardRepository.h"
#include "store/Transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace threadline::cli {

namespace {

store::StoreError formatError(const QString& message)
{
    return store::StoreError{store::StoreError::Code::QueryFailed, message};
}

QString tr(const char* text)
{
    return QCoreApplication::translate("threadline::cli::CardsJsonImporter", text);
}

QStringList strings(const QJsonValue& value)
{
    QStringList result;
    for (const QJsonValue& item : value.toArray())
        result << item.toString();
    return result;
}

QList<crm::EmailAddress> emails(const QJsonValue& value)
{
    QList<crm::EmailAddress> result;
    for (const QString& text : strings(value))
        result << crm::EmailAddress(text);
    return result;
}

} // namespace

CardsJsonImporter::CardsJsonImporter(const QSqlDatabase& db)
    : m_db(db)
{}

store::Result<CardsJsonImporter::Counts> CardsJsonImporter::import(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull())
        return formatError(tr("Not valid JSON: %1 at offset %2.")
                               .arg(parseError.errorString())
                               .arg(parseError.offset));
    const QJsonObject root = document.object();
    if (root.value(u"version"_s).toInt() != 1)
        return formatError(tr("Unsupported card file version (expected 1)."));

    store::CardRepository cards(m_db);
    store::Transaction transaction(m_db);
    Counts counts;

    const QJsonArray leads = root.value(u"leads"_s).toArray();
    for (qsizetype i = 0; i < leads.size(); ++i) {
        const QJsonObject object = leads[i].toObject();
        crm::Lead lead;
        lead.name = object.value(u"name"_s).toString().trimmed();
        if (lead.name.isEmpty())
            return formatError(tr("Lead %1 has no name.").arg(i + 1));
        lead.company = object.value(u"company"_s).toString();
        lead.title = object.value(u"title"_s).toString();
        lead.emails = emails(object.value(u"emails"_s));
        lead.phones = strings(object.value(u"phones"_s));
        lead.status = crm::leadStatusFromKey(object.value(u"status"_s).toString())
                          .value_or(crm::LeadStatus::New);
        lead.source = object.value(u"source"_s).toString();
        if (auto id = cards.insertLead(lead); !id)
            return id.error();
        ++counts.leads;
    }

    const QJsonArray contacts = root.value(u"contacts"_s).toArray();
    for (qsizetype i = 0; i < contacts.size(); ++i) {
        const QJsonObject object = contacts[i].toObject();
        crm::Contact contact;
        contact.name = object.value(u"name"_s).toString().trimmed();
        if (contact.name.isEmpty())
            return formatError(tr("Contact %1 has no name.").arg(i + 1));
        contact.kind = crm::contactKindFromKey(object.value(u"kind"_s).toString())
                           .value_or(crm::ContactKind::Person);
        contact.organisation = object.value(u"organisation"_s).toString();
        contact.emails = emails(object.value(u"emails"_s));
        contact.phones = strings(object.value(u"phones"_s));
        contact.address = object.value(u"address"_s).toString();
        if (auto id = cards.insertContact(contact); !id)
            return id.error();
        ++counts.contacts;
    }

    const QJsonArray deals = root.value(u"deals"_s).toArray();
    for (qsizetype i = 0; i < deals.size(); ++i) {
        const QJsonObject object = deals[i].toObject();
        crm::Deal deal;
        deal.name = object.value(u"name"_s).toString().trimmed();
        if (deal.name.isEmpty())
            return formatError(tr("Deal %1 has no name.").arg(i + 1));
        const auto stage = crm::dealStageFromKey(object.value(u"stage"_s).toString());
        if (!stage)
            return formatError(tr("Deal %1 has an unknown stage \"%2\".")
                                   .arg(i + 1)
                                   .arg(object.value(u"stage"_s).toString()));
        deal.stage = *stage;
        const QJsonValue amount = object.value(u"value"_s);
        const QString amountText = amount.isDouble() ? QString::number(amount.toDouble(), 'f', 2)
                                                     : amount.toString(u"0"_s);
        const auto money = crm::Money::parse(amountText, object.value(u"currency"_s).toString());
        if (!money)
            return formatError(
                tr("Deal %1 has an invalid value \"%2\".").arg(i + 1).arg(amountText));
        deal.value = *money;
        deal.expectedClose =
            QDate::fromString(object.value(u"closeDate"_s).toString(), Qt::ISODate);
        for (const QString& email : strings(object.value(u"contacts"_s))) {
            const auto contactId = cards.cardIdForEmail(crm::EmailAddress(email));
            if (!contactId)
                return contactId.error();
            if (contactId.value() == 0)
                return formatError(
                    tr("Deal %1 names contact %2, which no card has.").arg(i + 1).arg(email));
            deal.contactIds << contactId.value();
        }
        if (auto id = cards.insertDeal(deal); !id)
            return id.error();
        ++counts.deals;
    }

    if (!transaction.commit())
        return formatError(tr("Could not save the imported cards."));
    return counts;
}

} // namespace threadline::cli
