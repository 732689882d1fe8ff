#pragma once

#include <QDateTime>
#include <QString>

namespace threadline::store {

// What the sync remembers of a folder between runs (RFC 3501 §2.3.1.1, RFC 7162 §3.1.2.1).
struct FolderState
{
    enum class Role
    {
        Inbox,
        Sent,
    };

    QString folder;
    Role role = Role::Inbox;
    quint32 uidValidity = 0;
    quint32 uidNext = 0;
    quint64 highestModSeq = 0; // 0: unknown or no CONDSTORE
    QDateTime lastSync;        // invalid: never synced

    friend bool operator==(const FolderState&, const FolderState&) = default;
};

} // namespace threadline::store
