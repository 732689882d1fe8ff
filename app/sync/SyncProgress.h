#pragma once

#include <QMetaType>
#include <QString>

namespace threadline::sync {

// How far the sync of one folder is: `done` of `total` messages fetched and committed.
struct SyncProgress
{
    QString folder;
    int done = 0;
    int total = 0;

    friend bool operator==(const SyncProgress&, const SyncProgress&) = default;
};

} // namespace threadline::sync

Q_DECLARE_METATYPE(threadline::sync::SyncProgress)
