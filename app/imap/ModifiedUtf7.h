#pragma once

#include <QByteArray>
#include <QString>

namespace threadline::imap {

// Mailbox names on the wire: modified UTF-7 (RFC 3501 §5.1.3). "&" starts a run of
// modified base64 ("," for "/", no padding) of UTF-16, "-" ends it, "&-" is "&".
class ModifiedUtf7 final
{
public:
    // Decodes a name; a name that is not valid modified UTF-7 (a server with UTF8=ACCEPT
    // sends raw UTF-8) is decoded as UTF-8.
    static QString decode(QByteArrayView encoded);
    static QByteArray encode(QStringView name);
};

} // namespace threadline::imap
