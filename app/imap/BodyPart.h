#pragma once

#include "imap/Envelope.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <optional>
#include <vector>

namespace threadline::imap {

// One node of FETCH BODYSTRUCTURE (or BODY). RFC 3501 §7.4.2 and §9 (body).
// A multipart holds its parts in `children`; a message/rfc822 part holds the encapsulated
// message's envelope and its body as the single child. Type, subtype, encoding and parameter
// names are lower-cased (they are case-insensitive); values are kept as sent.
struct BodyPart
{
    using Parameters = QList<QPair<QByteArray, QByteArray>>;

    QByteArray type;    // "text", "multipart", "message", ...
    QByteArray subtype; // "plain", "mixed", "rfc822", ...
    Parameters parameters;
    QByteArray id;
    QByteArray description;
    QByteArray encoding; // "7bit", "base64", ...
    quint64 size = 0;    // octets of the encoded body
    quint64 lines = 0;   // text/* and message/rfc822 only
    std::optional<Envelope> envelope;
    std::vector<BodyPart> children;

    // Extension data (BODYSTRUCTURE only; absent fields stay empty).
    QByteArray md5;
    QByteArray disposition; // "attachment", "inline", as sent
    Parameters dispositionParameters;
    QList<QByteArray> language;
    QByteArray location;

    bool isMultipart() const { return type == "multipart"; }
    bool isMessage() const { return envelope.has_value(); }

    // The value of a Content-Type parameter, name compared case-insensitively; null if absent.
    QByteArray parameter(QByteArrayView name) const;
    QByteArray dispositionParameter(QByteArrayView name) const;

    // The part a BODY[section] number names, e.g. "2.1" (RFC 3501 §6.4.5): nullptr if none.
    // A non-multipart message has one part, "1", which is the message itself.
    const BodyPart* partAt(QByteArrayView section) const;

    friend bool operator==(const BodyPart&, const BodyPart&) = default;
};

} // namespace threadline::imap
