#include "CardDraft.h"

#include <QLocale>
#include <QRegularExpression>
#include <cmath>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

QStringList writtenEmails(const QList<crm::EmailAddress>& emails)
{
    QStringList result;
    for (const crm::EmailAddress& email : emails)
        result << email.written();
    return result;
}

QList<crm::EmailAddress> parsedEmails(const QStringList& emails)
{
    QList<crm::EmailAddress> result;
    for (const QString& email : emails)
        result << crm::EmailAddress(email);
    return result;
}

} // namespace

CardDraft CardDraft::fromLead(const crm::Lead& lead)
{
    CardDraft draft;
    draft.kind = crm::CardKind::Lead;
    draft.id = lead.id;
    draft.name = lead.name;
    draft.company = lead.company;
    draft.title = lead.title;
    draft.emails = writtenEmails(lead.emails);
    draft.phones = lead.phones;
    draft.status = lead.status;
    draft.source = lead.source;
    return draft;
}

CardDraft CardDraft::fromContact(const crm::Contact& contact)
{
    CardDraft draft;
    draft.kind = crm::CardKind::Contact;
    draft.id = contact.id;
    draft.name = contact.name;
    draft.company = contact.organisation;
    draft.emails = writtenEmails(contact.emails);
    draft.phones = contact.phones;
    draft.contactKind = contact.kind;
    draft.address = contact.address;
    return draft;
}

CardDraft CardDraft::fromDeal(const crm::Deal& deal)
{
    CardDraft draft;
    draft.kind = crm::CardKind::Deal;
    draft.id = deal.id;
    draft.name = deal.name;
    draft.contactIds = deal.contactIds;
    draft.stage = deal.stage;
    draft.valueText = deal.value.minorUnits == 0 && deal.value.currency.isEmpty()
                          ? QString()
                          : deal.value.amountText();
    draft.currency = deal.value.currency;
    draft.expectedClose = deal.expectedClose;
    return draft;
}

crm::Lead CardDraft::toLead() const
{
    crm::Lead lead;
    lead.id = id;
    lead.name = name.trimmed();
    lead.company = company.trimmed();
    lead.title = title.trimmed();
    lead.emails = parsedEmails(emails);
    lead.phones = phones;
    lead.status = status;
    lead.source = source.trimmed();
    return lead;
}

crm::Contact CardDraft::toContact() const
{
    crm::Contact contact;
    contact.id = id;
    contact.kind = contactKind;
    contact.name = name.trimmed();
    // An organisation does not work for another one.
    contact.organisation = contactKind == crm::ContactKind::Person ? company.trimmed() : QString();
    contact.emails = parsedEmails(emails);
    contact.phones = phones;
    contact.address = address.trimmed();
    return contact;
}

crm::Deal CardDraft::toDeal() const
{
    crm::Deal deal;
    deal.id = id;
    deal.name = name.trimmed();
    deal.contactIds = contactIds;
    deal.stage = stage;
    deal.value = crm::Money{parseAmount(valueText).value_or(0), currency.trimmed().toUpper()};
    deal.expectedClose = expectedClose;
    return deal;
}

std::optional<qint64> CardDraft::parseAmount(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return qint64(0);
    if (const auto money = crm::Money::parse(trimmed, QString()))
        return money->minorUnits;
    // The user's locale: group separators and a decimal comma.
    bool ok = false;
    const double value = QLocale().toDouble(trimmed, &ok);
    if (!ok || !std::isfinite(value) || std::abs(value) > 1e15)
        return std::nullopt;
    return qint64(std::llround(value * 100));
}

QStringList CardDraft::splitEmails(const QString& text)
{
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    return text.split(separators, Qt::SkipEmptyParts);
}

QStringList CardDraft::splitPhones(const QString& text)
{
    static const QRegularExpression separators(u"[,;\\n]+"_s);
    QStringList result;
    for (const QString& phone : text.split(separators, Qt::SkipEmptyParts)) {
        if (!phone.trimmed().isEmpty())
            result << phone.trimmed();
    }
    return result;
}

} // namespace threadline::ui
