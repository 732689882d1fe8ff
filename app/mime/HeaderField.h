#pragma once

#include <QByteArray>

namespace threadline::mime {

// One header field as received: name as written, value unfolded (RFC 5322 §2.2.3) and
// trimmed, still raw bytes (decoding depends on the field's syntax).
struct HeaderField
{
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HeaderField&, const HeaderField&) = default;
};

} // namespace threadline::mime
