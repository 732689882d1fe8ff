#pragma once

#include "store/ChangeSet.h"

namespace threadline::ui {

// What a save or a lead conversion did: the card written (the new contact, for a
// conversion), the deal created with it if any, and the rows whose links changed.
struct CardWriteResult
{
    qint64 cardId = 0;
    qint64 dealId = 0;
    store::ChangeSet changes;
};

} // namespace threadline::ui
