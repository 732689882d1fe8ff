#pragma once

#include "MatchPolicy.h"
#include "imap/BodyPart.h"
#include "imap/FetchResponse.h"
#include "mime/ParsedMessage.h"
#include "store/MessageRecord.h"

#include <QByteArray>
#include <QHash>
#include <QList>

namespace threadline::sync {

// Turns what the two fetch steps returned (FetchPlanner) into the store's MessageRecord: the
// header fields through mime::MessageParser (RFC 5322, 2047, 2231, 6532), the text parts
// transfer- and charset-decoded, attachments listed from BODYSTRUCTURE. The choice of body
// text follows mime::MessageParser on a whole message: the last alternative of each kind,
// the root of multipart/related, inline text parts of a mixed one in order; a text part
// that is an attachment (or has a file name without being inline) is listed, not shown.
class MessageAssembler final
{
public:
    // One text part to fetch (IMAP section number) and how to decode it.
    struct TextPart
    {
        QByteArray section; // "1", "2.1"
        bool html = false;
        QByteArray encoding; // Content-Transfer-Encoding, lower-case
        QByteArray charset;

        friend bool operator==(const TextPart&, const TextPart&) = default;
    };

    MessageAssembler() = delete;

    // The text parts worth fetching for display and search, in part order.
    static QList<TextPart> textParts(const imap::BodyPart& body);
    static QList<QByteArray> sections(const QList<TextPart>& parts);
    static QList<store::MessageRecord::Attachment> attachments(const imap::BodyPart& body);

    // The record from the metadata fetch: headers, addresses, attachments, not the text.
    // Enough for a known message (another folder's copy, or a resync) and for its storage
    // key. `textParts` receives the parts to fetch for its text (addBody()).
    static store::MessageRecord build(const imap::FetchResponse& metadata,
                                      const MatchPolicy& policy,
                                      QList<TextPart>* textParts = nullptr);
    // Adds the text from the fetched sections (section -> bytes as the server sent them).
    static void addBody(store::MessageRecord& record, const imap::BodyPart& structure,
                        const QHash<QByteArray, QByteArray>& texts);
    // build() and addBody() at once.
    static store::MessageRecord build(const imap::FetchResponse& metadata,
                                      const QHash<QByteArray, QByteArray>& texts,
                                      const MatchPolicy& policy);

    // The record of a message fetched whole (FetchPlanner::wholeMessageItems), `parsed` being
    // mime::MessageParser's reading of its BODY[]: the same record build() and addBody() make
    // from the two fetch steps.
    static store::MessageRecord fromWholeMessage(const imap::FetchResponse& response,
                                                 const mime::ParsedMessage& parsed,
                                                 const MatchPolicy& policy);

    // Decoded display texts of the fetched sections: plain and HTML (HTML rendered to text
    // when there is no plain part). Problems found are appended to `problems`.
    struct Body
    {
        QString text;
        QString html;
        bool hasHtml = false;
    };
    static Body body(const imap::BodyPart& structure, const QHash<QByteArray, QByteArray>& texts,
                     QStringList* problems = nullptr);
};

} // namespace threadline::sync
