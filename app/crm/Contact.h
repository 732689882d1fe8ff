#pragma once

#include "ContactKind.h"
#include "EmailAddress.h"

#include <QList>
#include <QStringList>

namespace threadline::crm {

// A known person or organisation the salesperson deals with.
struct Contact
{
    qint64 id = 0;
    ContactKind kind = ContactKind::Person;
    QString name;
    QString organisation; // for a person: the organisation they work for
    QList<EmailAddress> emails;
    QStringList phones;
    QString address;
};

} // namespace threadline::crm
