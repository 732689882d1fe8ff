#pragma once

#include "account/AccountSettings.h"
#include "imap/Credentials.h"

#include <QString>
#include <chrono>

namespace threadline::sync {

// Everything a SyncWorker needs to run, handed over before it starts. The secret travels
// in `credentials` only, read from the keychain by whoever starts the worker; left empty, the
// worker connects and waits for SyncWorker::setCredentials() before signing in.
struct SyncOptions
{
    account::AccountSettings account;
    QString databasePath;
    imap::Credentials credentials;

    // One pass over INBOX and Sent, then sign out and finish (`threadline sync --once`).
    // Otherwise the worker stays connected, IDLEs on INBOX and reconnects after failures.
    bool once = false;

    // Messages per UID FETCH and per transaction: fewer, larger commits cost the store less
    // (about 10 % of an initial sync between 250 and 500), and a cut loses at most one.
    int chunkSize = 500;
    // Chunks being fetched or waiting for the store thread. When the store falls behind,
    // the waiting ones share a transaction (ChunkWriter), and each commit rewrites the index
    // pages its random keys touched: fewer, larger commits write less. 16 rather than 8
    // (with up to 8 chunks a transaction rather than 4) took a 100,000-message initial sync
    // from 7.16 s to 6.45 s and its peak memory from 103 to 125 MB (3 interleaved runs).
    int chunksInFlight = 16;
    // Text of fetched messages (bodies as held in memory) that may wait for the store before
    // no more chunks start: 16 chunks of large HTML mail would otherwise hold gigabytes. Far
    // above what ordinary mail reaches (10,000 messages of the bench mailbox hold 12 MB).
    qint64 maxWaitingBytes = 64 * 1024 * 1024;
    int maxInFlight = 12; // commands the session sends without waiting
    // New messages up to this size are fetched whole and parsed here; larger ones in two
    // steps, so their attachments are not downloaded (FetchPlanner). Most mail without
    // attachments is below 128 KiB, and a small attachment downloaded with its message costs
    // less than a second round trip. 0: every message in two steps.
    quint32 wholeMessageBytes = 128 * 1024;

    // A whole pass (Sent included; IDLE watches INBOX only) this often while watching.
    std::chrono::milliseconds pollInterval = std::chrono::minutes(5);
    // IDLE is ended and restarted this often (RFC 2177 §3: below 29 minutes).
    std::chrono::milliseconds idleRefreshInterval = std::chrono::minutes(25);
    std::chrono::milliseconds connectTimeout = std::chrono::seconds(30);
    std::chrono::milliseconds responseTimeout = std::chrono::minutes(2);
    std::chrono::milliseconds backoffInitial = std::chrono::seconds(1);
    std::chrono::milliseconds backoffMaximum = std::chrono::minutes(5);
};

} // namespace threadline::sync
