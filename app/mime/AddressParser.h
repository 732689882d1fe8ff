#pragma once

#include "Address.h"
#include "DecodeIssues.h"

#include <QByteArrayView>

namespace threadline::mime {

// Address lists (RFC 5322 §3.4) read with best effort: display names quoted, encoded
// (RFC 2047, also inside quotes) or in a trailing comment ("j@x (John)"); groups
// ("Team: a@x, b@y;"), obsolete routes ("<@relay:j@x>"), raw UTF-8 (RFC 6532).
// Entries without an address are dropped; garbage never stops the rest from parsing.
class AddressParser final
{
public:
    AddressParser() = delete;

    static AddressList parseList(QByteArrayView value, DecodeIssues* issues = nullptr);
    // The first address of `value`, or an empty Address.
    static Address parseSingle(QByteArrayView value, DecodeIssues* issues = nullptr);
};

} // namespace threadline::mime
