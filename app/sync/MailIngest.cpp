#include "MailIngest.h"

#include "store/Transaction.h"

#include <QSet>
#include <QSqlQuery>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::sync {

namespace {

// A message's addresses as its rows in message_addresses hold them: (role key, email_norm)
// of every address with an email, ordered by role key, then position (the order in the
// record within a role).
QList<std::pair<QString, QString>> storedAddresses(const store::MessageRecord& record)
{
    QList<std::pair<QString, QString>> result;
    result.reserve(record.addresses.size());
    for (const store::MessageRecord::Address& address : record.addresses) {
        const QString email = address.email.trimmed();
        if (!email.isEmpty())
            result.append({store::MessageRecord::roleKey(address.role),
                           store::MessageRecord::lowercase(email)});
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return result;
}

} // namespace

MailIngest::MailIngest(const QSqlDatabase& db, const MatchPolicy& policy)
    : m_db(db)
    , m_policy(policy)
    , m_messages(db)
    , m_threader(db, policy)
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
    if (auto error = m_threader.begin())
        return *error;
    store::Result<QList<store::StoredMessage>> stored =
        m_messages.storeBatch(batch, [this](const store::StoredMessage& message,
                                            const QList<const store::MessageRecord*>& copies) {
            return m_threader.place(message, copies);
        });
    if (!stored)
        return stored.error();
    IngestResult result;
    result.messages = std::move(stored.value());

    const store::Result<store::ChangeSet> threaded = m_threader.finish(result.messages);
    if (!threaded)
        return threaded.error();
    result.changes += threaded.value();

    // A message that only one entry of the batch wrote is linked from that entry's record.
    QHash<qint64, int> entries;
    entries.reserve(result.messages.size());
    for (const store::StoredMessage& message : std::as_const(result.messages))
        ++entries[message.messageId];
    QList<Matcher::Message> toMatch;
    toMatch.reserve(result.messages.size());
    QSet<qint64> queued;
    queued.reserve(result.messages.size());
    for (qsizetype i = 0; i < result.messages.size(); ++i) {
        const store::StoredMessage& message = result.messages.at(i);
        if (!(message.inserted || message.addressesAdded) || queued.contains(message.messageId))
            continue;
        queued.insert(message.messageId);
        Matcher::Message match{message.messageId, false, 0, false, {}};
        if (message.inserted && entries.value(message.messageId) == 1) {
            const store::MessageRecord& record = batch.at(i).first;
            match = Matcher::Message{message.messageId, true, message.threadId, record.dropbox,
                                     storedAddresses(record)};
        }
        toMatch.append(std::move(match));
    }
    const store::Result<store::ChangeSet> linked = m_matcher.linkBatch(toMatch);
    if (!linked)
        return linked.error();
    result.changes += linked.value();
    if (!transaction.commit())
        return store::StoreError{store::StoreError::Code::QueryFailed, u"commit failed"_s};
    return result;
}

} // namespace threadline::sync
