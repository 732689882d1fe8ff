#pragma once

#include <QMetaType>
#include <QString>

namespace threadline::sync {

// What the sync thread is doing, for the status bar and `sync --once`.
enum class SyncState
{
    Idle,       // not started, or stopped
    Connecting, // TCP, TLS, sign-in
    Syncing,    // fetching and storing
    Watching,   // up to date, IDLE on INBOX (RFC 2177) waiting for news
    Offline,    // the connection failed; a reconnect is scheduled (Backoff)
    Error,      // stopped on an error a retry will not fix (sign-in, certificate, storage)
};

// A stable English key for logs and tests ("watching").
QString syncStateKey(SyncState state);

} // namespace threadline::sync

Q_DECLARE_METATYPE(threadline::sync::SyncState)
