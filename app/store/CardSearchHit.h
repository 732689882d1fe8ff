#pragma once

#include "crm/CardKind.h"

#include <QString>

namespace threadline::store {

// A card found by the global search.
struct CardSearchHit
{
    qint64 cardId = 0;
    crm::CardKind kind = crm::CardKind::Lead;
    QString name;
    // The matching text with the matched words between SearchRepository::highlightStart
    // and highlightEnd.
    QString snippet;
};

} // namespace threadline::store
