#pragma once

#include "crm/CardKind.h"

#include <QDateTime>
#include <QString>

namespace threadline::store {

// A stored message found by the global search, with the card that shows it, if any.
struct MailSearchHit
{
    qint64 messageId = 0;
    qint64 threadId = 0;
    QString subject;
    QString fromName;
    QString fromEmail;
    QDateTime date; // invalid when unknown
    bool outgoing = false;
    // The matching text with the matched words between SearchRepository::highlightStart
    // and highlightEnd.
    QString snippet;
    qint64 cardId = 0; // a card showing the message's thread; 0: the mail is untracked
    crm::CardKind cardKind = crm::CardKind::Lead;
    QString cardName;
};

} // namespace threadline::store
