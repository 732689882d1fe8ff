#pragma once

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace threadline::sync {

// What one sync pass did, for `sync --once` and the troubleshooting view.
struct SyncSummary
{
    QStringList folders;        // the folders synced, INBOX first
    int fetched = 0;            // messages fetched from the server (headers, and text when new)
    int stored = 0;             // messages new to the store
    int linked = 0;             // new messages that landed on at least one card
    int untracked = 0;          // new messages no card shows
    int relocated = 0;          // known messages found again under a new UID (UIDVALIDITY change)
    int removed = 0;            // locations dropped because the server expunged them
    int flagChanges = 0;        // flag updates applied
    QMap<QString, int> skipped; // reason key (SkippedReason) -> messages not stored
    bool sentFolderMissing = false;
    qint64 connectMs = 0; // TCP, TLS, sign-in and LIST
    qint64 syncMs = 0;    // the passes themselves (SELECT to the last commit)

    int skippedTotal() const
    {
        int total = 0;
        for (int count : skipped)
            total += count;
        return total;
    }

    SyncSummary& operator+=(const SyncSummary& other);
};

} // namespace threadline::sync

Q_DECLARE_METATYPE(threadline::sync::SyncSummary)
