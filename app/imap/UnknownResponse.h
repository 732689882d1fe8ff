#pragma once

#include <QByteArray>
#include <optional>

namespace threadline::imap {

// An untagged response this parser has no type for ("* ID (...)", "* NAMESPACE ...").
// Kept rather than refused: a server may always send data nobody asked for (RFC 3501 §7).
struct UnknownResponse
{
    std::optional<quint32> number; // "* 5 XFOO": the leading number
    QByteArray name;               // upper-cased
    QByteArray data;               // the rest of the response, raw, without the line end

    friend bool operator==(const UnknownResponse&, const UnknownResponse&) = default;
};

} // namespace threadline::imap
