#pragma once

#include "store/ChangeSet.h"
#include "store/StoredMessage.h"

#include <QList>

namespace threadline::sync {

// What storing one batch did: per message (in batch order) its row, thread and whether it
// was new; and the rows the GUI must refresh.
struct IngestResult
{
    QList<store::StoredMessage> messages;
    store::ChangeSet changes;
};

} // namespace threadline::sync
