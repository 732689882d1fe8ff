#pragma once

#include "SyncOptions.h"
#include "account/AccountSettings.h"
#include "imap/Credentials.h"

#include <QString>
#include <chrono>

namespace threadline::sync {

// What an AttachmentFetcher needs: the account (the same server and sign-in as the sync),
// the profile's database and the attachment cache folder (AttachmentCache::directoryFor).
// As with SyncOptions, an empty secret makes the fetcher wait for setCredentials().
struct AttachmentOptions
{
    account::AccountSettings account;
    QString databasePath;
    QString cacheDirectory;
    imap::Credentials credentials;

    std::chrono::milliseconds connectTimeout = std::chrono::seconds(30);
    std::chrono::milliseconds responseTimeout = std::chrono::minutes(2);
    // The connection is signed out after this long without a request: opening several
    // attachments in a row costs one sign-in, and no idle connection lingers on the server.
    std::chrono::milliseconds idleDisconnect = std::chrono::seconds(60);

    static AttachmentOptions fromSync(const SyncOptions& sync, const QString& cacheDirectory)
    {
        AttachmentOptions options;
        options.account = sync.account;
        options.databasePath = sync.databasePath;
        options.cacheDirectory = cacheDirectory;
        options.credentials = sync.credentials;
        options.connectTimeout = sync.connectTimeout;
        options.responseTimeout = sync.responseTimeout;
        return options;
    }
};

} // namespace threadline::sync
