#pragma once

#include "Result.h"
#include "UntrackedSender.h"

#include <QSqlDatabase>
#include <QStringList>
#include <optional>

namespace threadline::store {

// Reads for the Untracked view beyond LinkRepository's listings: finding the correspondent
// an untracked thread is grouped under, to open the view at that thread.
class UntrackedRepository final
{
public:
    explicit UntrackedRepository(const QSqlDatabase& db);

    // The correspondent of the thread's newest message (its sender, or for sent mail its
    // first recipient) other than ownAddresses, as LinkRepository::untrackedSenders groups
    // mail; with their untracked thread count (capped like there) and the card owning the
    // address, if any. nullopt when the thread has no such correspondent.
    Result<std::optional<UntrackedSender>> correspondent(qint64 threadId,
                                                         const QStringList& ownAddresses) const;

private:
    QSqlDatabase m_db;
};

} // namespace threadline::store
