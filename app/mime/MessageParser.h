#pragma once

#include "DecodeIssues.h"
#include "ParsedMessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace threadline::mime {

// Parses a whole RFC 5322 message (or only its header section; a leading mbox "From "
// line is skipped) into a ParsedMessage.
// Never fails: a damaged message parses as far as it can and says what it found in
// ParsedMessage::problems. Work is linear in the message size for each nesting level,
// and nesting is bounded.
class MessageParser final
{
public:
    struct Options
    {
        int maxDepth = 32;      // multipart nesting beyond this is skipped
        int maxParts = 10000;   // parts beyond this are ignored
        bool decodeText = true; // false: only headers and the attachment list
        // Encoded bytes of one text part that are decoded; the rest is dropped (a 50 MB log
        // pasted inline is not worth keeping whole for display and search).
        qsizetype maxTextSize = 8 * 1024 * 1024;
    };

    MessageParser() = delete;

    static ParsedMessage parse(const QByteArray& raw);
    static ParsedMessage parse(const QByteArray& raw, const Options& options);

    // The content of one text part fetched on its own (IMAP BODY[n]): transfer-decoded,
    // charset-decoded (an HTML part without a charset may declare one in a <meta>),
    // line breaks made "\n", NULs removed. `damaged` is set when the transfer encoding was broken.
    static QString decodeText(QByteArrayView content, QByteArrayView transferEncoding,
                              QByteArrayView charset, bool html = false,
                              DecodeIssues* issues = nullptr, bool* damaged = nullptr);

    // The transfer-decoded bytes of the part numbered `partPath` ("1", "2.1"), with its
    // headers, e.g. to open an attachment or read a message/delivery-status part.
    // `found` is false (and the result empty) when there is no such part. Parts inside an
    // attached message/rfc822 are not reached: extract "3", then parse that.
    static QByteArray partContent(const QByteArray& raw, QStringView partPath,
                                  HeaderBlock* partHeaders = nullptr, bool* found = nullptr);
};

} // namespace threadline::mime
