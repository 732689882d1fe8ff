#pragma once

#include "LinkState.h"
#include "ThreadReason.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace threadline::store {

// One message of a thread as the thread view lists it (bodies are fetched one by one with
// MessageRepository::message()).
struct ThreadMessage
{
    qint64 id = 0;
    QString messageId;
    QString subject;
    QString fromName;
    QString fromEmail;
    QDateTime date;
    bool outgoing = false;
    bool dropbox = false;
    bool hasAttachments = false;
    ThreadReason threadReason = ThreadReason::New;
    QString snippet; // the start of the text, whitespace collapsed
    // Seen from one card (when asked for): the message's own link row, if any, and whether
    // the card shows it (through the thread's link unless detached alone, or attached alone).
    std::optional<LinkState> cardLink;
    bool onCard = true;
};

} // namespace threadline::store
