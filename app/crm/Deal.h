#pragma once

#include "DealStage.h"
#include "Money.h"

#include <QDate>
#include <QList>

namespace threadline::crm {

// An opportunity moving through the pipeline. Deals own no addresses: mail reaches a
// deal through its threads (DESIGN.md sync rule 6).
struct Deal
{
    qint64 id = 0;
    QString name;
    QList<qint64> contactIds;
    DealStage stage = DealStage::Incoming;
    Money value;
    QDate expectedClose;
};

} // namespace threadline::crm
