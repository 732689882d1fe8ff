#pragma once

#include <QString>

namespace threadline::store {

// Why a link exists (sync rule 10); shown on the card.
enum class LinkOrigin
{
    Address, // the card owns an address in From/To/Cc/Bcc (rule 5)
    Reply,   // a reply to a message linked to the card (rule 6)
    Dropbox, // mail sent to the BCC dropbox, linked by its recipients (rule 8)
    Manual,  // the user attached it
};

inline QString linkOriginKey(LinkOrigin origin)
{
    switch (origin) {
    case LinkOrigin::Address:
        return QStringLiteral("address");
    case LinkOrigin::Reply:
        return QStringLiteral("reply");
    case LinkOrigin::Dropbox:
        return QStringLiteral("dropbox");
    case LinkOrigin::Manual:
        return QStringLiteral("manual");
    }
    return {};
}

inline LinkOrigin linkOriginFromKey(QStringView key)
{
    if (key == u"reply")
        return LinkOrigin::Reply;
    if (key == u"dropbox")
        return LinkOrigin::Dropbox;
    if (key == u"manual")
        return LinkOrigin::Manual;
    return LinkOrigin::Address;
}

} // namespace threadline::store
