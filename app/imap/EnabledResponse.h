#pragma once

#include <QByteArray>
#include <QList>

namespace threadline::imap {

// "* ENABLED CONDSTORE QRESYNC": the extensions ENABLE switched on. RFC 5161 §3.2.
struct EnabledResponse
{
    QList<QByteArray> capabilities; // upper-cased

    friend bool operator==(const EnabledResponse&, const EnabledResponse&) = default;
};

} // namespace threadline::imap
