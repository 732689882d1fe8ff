#pragma once

#include <QByteArray>
#include <QList>

namespace threadline::imap {

// "* CAPABILITY ...". RFC 3501 §7.2.1. Capabilities are case-insensitive; kept upper-cased.
struct CapabilityResponse
{
    QList<QByteArray> capabilities;

    bool has(QByteArrayView capability) const
    {
        for (const QByteArray& c : capabilities) {
            if (c.compare(capability, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    }

    friend bool operator==(const CapabilityResponse&, const CapabilityResponse&) = default;
};

} // namespace threadline::imap
