#pragma once

#include "IngestResult.h"
#include "MatchPolicy.h"
#include "Matcher.h"
#include "store/MessageRepository.h"
#include "store/Result.h"

#include <QSqlDatabase>

namespace threadline::sync {

// The one call the sync makes per fetched batch: store (store::MessageRepository), thread
// (Threader) and link (Matcher) in a single transaction, so the GUI never sees a message
// without its thread or links, and a failure leaves the batch to be fetched again.
// Keep one instance per connection and batch after batch (its statements are reused). It
// enlarges its connection's page cache (cacheKiB) for batched writes.
class MailIngest final
{
public:
    MailIngest(const QSqlDatabase& db, const MatchPolicy& policy);

    store::Result<IngestResult> ingest(const store::MessageRepository::Batch& batch);

    static constexpr int cacheKiB = 32 * 1024;

private:
    QSqlDatabase m_db;
    MatchPolicy m_policy;
    store::MessageRepository m_messages;
    Matcher m_matcher;
};

} // namespace threadline::sync
