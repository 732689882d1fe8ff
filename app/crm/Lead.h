#pragma once

#include "EmailAddress.h"
#include "LeadStatus.h"

#include <QList>
#include <QStringList>

namespace threadline::crm {

// A prospect not yet qualified; converting it makes a Contact (and optionally a Deal).
struct Lead
{
    qint64 id = 0;
    QString name;
    QString company;
    QString title;
    QList<EmailAddress> emails;
    QStringList phones;
    LeadStatus status = LeadStatus::New;
    QString source;
};

} // namespace threadline::crm
