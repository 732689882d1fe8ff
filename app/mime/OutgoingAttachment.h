#pragma once

#include <QByteArray>
#include <QString>

namespace threadline::mime {

// A file to attach to an outgoing message.
struct OutgoingAttachment
{
    QString fileName;    // any Unicode; sent in RFC 2231 form when it needs it
    QByteArray mimeType; // "application/octet-stream" when empty
    QByteArray data;
};

} // namespace threadline::mime
