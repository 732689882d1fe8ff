#pragma once

#include "LinkOrigin.h"
#include "LinkState.h"
#include "crm/CardKind.h"

#include <QString>

namespace threadline::store {

// One card a thread (or one of its messages) is linked to or detached from.
struct ThreadCardLink
{
    qint64 cardId = 0;
    crm::CardKind kind = crm::CardKind::Contact;
    QString cardName;
    LinkState state = LinkState::Attached;
    LinkOrigin origin = LinkOrigin::Address;
    QString detail;
    qint64 messageId = 0; // 0: the link is about the whole thread
};

} // namespace threadline::store
