#pragma once

#include "crm/CardKind.h"
#include "crm/Contact.h"
#include "crm/Deal.h"
#include "crm/Lead.h"

#include <QDate>
#include <QList>
#include <QStringList>
#include <optional>

namespace threadline::ui {

// A card as the form holds it while the user types: text as written (addresses not yet
// checked, the value not yet a number), turned into a crm value once it validates.
struct CardDraft
{
    crm::CardKind kind = crm::CardKind::Lead;
    qint64 id = 0; // 0: not stored yet
    QString name;
    QString company; // lead company, or a person's organisation
    QString title;
    QStringList emails; // as typed, one per entry
    QStringList phones;
    crm::LeadStatus status = crm::LeadStatus::New;
    QString source;
    crm::ContactKind contactKind = crm::ContactKind::Person;
    QString address;
    QList<qint64> contactIds;
    crm::DealStage stage = crm::DealStage::Incoming;
    QString valueText;
    QString currency;
    QDate expectedClose; // invalid: none

    static CardDraft fromLead(const crm::Lead& lead);
    static CardDraft fromContact(const crm::Contact& contact);
    static CardDraft fromDeal(const crm::Deal& deal);

    // Valid drafts only (see CardValidator); fields of other kinds are ignored.
    crm::Lead toLead() const;
    crm::Contact toContact() const;
    crm::Deal toDeal() const;

    // "12500", "12500.5", or the locale's way ("12 500,50"); minor units, nullopt if not a number.
    static std::optional<qint64> parseAmount(const QString& text);
    // Splits a typed list: addresses on commas, semicolons and whitespace; phones on commas
    // and semicolons only (a phone number has spaces).
    static QStringList splitEmails(const QString& text);
    static QStringList splitPhones(const QString& text);

    friend bool operator==(const CardDraft&, const CardDraft&) = default;
};

} // namespace threadline::ui
