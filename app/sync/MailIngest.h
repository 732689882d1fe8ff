#pragma once

#include "IngestResult.h"
#include "MatchPolicy.h"
#include "Matcher.h"
#include "Threader.h"
#include "store/MessageRepository.h"
#include "store/Result.h"

#include <QSqlDatabase>

namespace threadline::sync {

// The one call the sync makes per fetched batch: store (store::MessageRepository), thread
// (Threader) and link (Matcher) in a single transaction, so the GUI never sees a message
// without its thread or links, and a failure leaves the batch to be fetched again.
// A new message is threaded just before its row is written, so the row is written once,
// with its thread; linking takes what the batch wrote from memory instead of reading it back.
// Keep one instance per connection and batch after batch (its statements stay prepared), and
// destroy it before the connection closes. It enlarges its connection's page cache
// (cacheKiB) for batched writes and keeps its temporary files in memory.
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
    Threader m_threader;
    Matcher m_matcher;
};

} // namespace threadline::sync
