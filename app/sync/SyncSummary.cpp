#include "SyncSummary.h"

namespace threadline::sync {

SyncSummary& SyncSummary::operator+=(const SyncSummary& other)
{
    for (const QString& folder : other.folders) {
        if (!folders.contains(folder))
            folders.append(folder);
    }
    fetched += other.fetched;
    stored += other.stored;
    linked += other.linked;
    untracked += other.untracked;
    relocated += other.relocated;
    removed += other.removed;
    flagChanges += other.flagChanges;
    for (auto it = other.skipped.cbegin(); it != other.skipped.cend(); ++it)
        skipped[it.key()] += it.value();
    sentFolderMissing = sentFolderMissing || other.sentFolderMissing;
    connectMs += other.connectMs;
    syncMs += other.syncMs;
    return *this;
}

} // namespace threadline::sync
