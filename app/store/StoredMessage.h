#pragma once

#include <QString>
#include <QStringList>

namespace threadline::store {

// What storing one message did.
struct StoredMessage
{
    qint64 messageId = 0;  // row id in messages
    qint64 threadId = 0;   // 0 until the threader has placed a new message
    bool inserted = false; // false: the message was known (another folder, or a resync)
    // A known message gained addresses from this copy (the Sent copy carries the Bcc the
    // INBOX copy lacks): it must be matched again.
    bool addressesAdded = false;

    // Of an inserted message, what threading needs, so the threader does not read back what
    // was just written: the storage key, the normalized Message-ID, the ids it names
    // (MessageRepository::threadingIds), subject, date (seconds, 0 when unknown) and sender.
    QString key;
    QString headerId;
    QStringList references;
    QString subject;
    qint64 date = 0;
    QString fromName;
    QString fromEmail;
};

} // namespace threadline::store
