#pragma once

#include "crm/CardKind.h"
#include "crm/ContactKind.h"
#include "crm/DealStage.h"
#include "crm/LeadStatus.h"

#include <QDate>
#include <QDateTime>
#include <QString>

namespace threadline::store {

// One card as the Leads, Contacts and Deals lists show it: the card's own columns plus its
// mail statistics, read in one query for a whole list (CardListRepository).
struct CardListRow
{
    qint64 id = 0;
    crm::CardKind kind = crm::CardKind::Lead;
    QString name;
    QString company; // lead: company; contact: organisation (empty for an organisation)
    QString title;
    QString email; // the first address
    QString phone; // the first phone
    crm::LeadStatus leadStatus = crm::LeadStatus::New;
    bool converted = false; // a lead that became a contact
    QString source;
    crm::ContactKind contactKind = crm::ContactKind::Person;
    crm::DealStage stage = crm::DealStage::Incoming;
    qint64 valueMinor = 0;
    QString currency;
    QDate expectedClose;
    int threadCount = 0; // threads the card shows
    QDateTime lastEmail; // newest of those threads; invalid when none

    friend bool operator==(const CardListRow&, const CardListRow&) = default;
};

} // namespace threadline::store
