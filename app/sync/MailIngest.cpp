#include "MailIngest.h"

#include "Threader.h"
#include "store/Transaction.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace threadline::sync {

MailIngest::MailIngest(const QSqlDatabase& db, const MatchPolicy& policy)
    : m_db(db)
    , m_policy(policy)
    , m_messages(db)
    , m_matcher(db, policy)
{
    // A batch of hundreds of messages and their search index outgrows SQLite's default 2 MB
    // page cache and spills into the WAL before the commit; the writer gets room for it.
    QSqlQuery pragma(m_db);
    pragma.exec(u"PRAGMA cache_size = -%1"_s.arg(cacheKiB));
}

store::Result<IngestResult> MailIngest::ingest(const store::MessageRepository::Batch& batch)
{
    store::Transaction transaction(m_db);
    if (!transaction.isActive())
        return store::StoreError{store::StoreError::Code::QueryFailed,
                                 u"cannot begin a transaction"_s};
    store::Result<QList<store::StoredMessage>> stored = m_messages.storeBatch(batch);
    if (!stored)
        return stored.error();
    IngestResult result;
    result.messages = std::move(stored.value());

    Threader threader(m_db, m_policy);
    const store::Result<store::ChangeSet> threaded = threader.thread(result.messages);
    if (!threaded)
        return threaded.error();
    result.changes += threaded.value();

    QList<qint64> toMatch;
    for (const store::StoredMessage& message : std::as_const(result.messages)) {
        if ((message.inserted || message.addressesAdded) && !toMatch.contains(message.messageId))
            toMatch << message.messageId;
    }
    const store::Result<store::ChangeSet> linked = m_matcher.linkMessages(toMatch);
    if (!linked)
        return linked.error();
    result.changes += linked.value();
    if (!transaction.commit())
        return store::StoreError{store::StoreError::Code::QueryFailed, u"commit failed"_s};
    return result;
}

} // namespace threadline::sync
