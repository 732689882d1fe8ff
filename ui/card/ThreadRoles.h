#pragma once

#include <Qt>

namespace threadline::ui {

// Item roles of the card view's thread and message lists; views bind only to these.
enum ThreadRole
{
    ThreadIdRole = Qt::UserRole + 40,
    LinkStateRole,  // store::LinkState as int: how the card sees the thread
    LinkOriginRole, // store::LinkOrigin as int: why it is linked
    MessageIdRole,  // a message's row id (thread view)
    OnCardRole,     // bool: the card shows this message
};

} // namespace threadline::ui
