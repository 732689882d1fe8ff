#pragma once

#include "crm/CardKind.h"

#include <QString>

namespace threadline::store {

// A card named in a list or a message ("already belongs to the lead …"): its id, kind, name.
struct CardRef
{
    qint64 id = 0;
    crm::CardKind kind = crm::CardKind::Lead;
    QString name;
};

} // namespace threadline::store
