#pragma once

#include "Address.h"
#include "Attachment.h"
#include "HeaderBlock.h"
#include "ParseProblem.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace threadline::mime {

// What the sync keeps of one message: envelope, threading headers, text, attachment list.
struct ParsedMessage
{
    HeaderBlock headers;
    AddressList from;
    AddressList to;
    AddressList cc;
    AddressList bcc;
    AddressList replyTo;
    QString subject;
    QDateTime date;          // UTC; invalid when missing or unreadable
    QString messageId;       // without angle brackets
    QStringList inReplyTo;   // ids without angle brackets
    QStringList references;  // oldest first, as written
    QStringList deliveredTo; // Delivered-To and X-Original-To addresses, duplicates dropped

    QString textBody;          // the best plain text, line breaks as "\n"
    bool textFromHtml = false; // textBody was rendered from htmlBody (no text/plain part)
    QString htmlBody;          // empty when the message has no HTML
    QList<Attachment> attachments;
    QList<ParseProblem> problems;

    // To + Cc + Bcc, the figure the 100-recipient rule counts.
    qsizetype recipientCount() const { return to.size() + cc.size() + bcc.size(); }
    bool hasProblem(ParseProblem::Code code) const
    {
        for (const ParseProblem& p : problems) {
            if (p.code == code)
                return true;
        }
        return false;
    }
};

} // namespace threadline::mime
