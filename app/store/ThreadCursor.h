#pragma once

#include "ThreadSummary.h"

namespace threadline::store {

// Keyset paging over threads listed newest first: the next page starts after this row, so
// page N costs what page 1 costs (no OFFSET scan), and rows inserted meanwhile shift nothing.
struct ThreadCursor
{
    qint64 lastDate = 0; // seconds since the epoch; 0 for an unknown date
    qint64 threadId = 0;

    static ThreadCursor after(const ThreadSummary& thread)
    {
        return {thread.lastDate.isValid() ? thread.lastDate.toSecsSinceEpoch() : 0, thread.id};
    }
};

} // namespace threadline::store
