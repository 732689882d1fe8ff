#pragma once

#include <QString>

namespace threadline::store {

// A detached link is a decision, not an absence: automatic linking never flips it back
// (sync rule 7); only the user re-attaches.
enum class LinkState
{
    Attached,
    Detached,
};

inline QString linkStateKey(LinkState state)
{
    return state == LinkState::Attached ? QStringLiteral("attached") : QStringLiteral("detached");
}

inline LinkState linkStateFromKey(QStringView key)
{
    return key == u"detached" ? LinkState::Detached : LinkState::Attached;
}

} // namespace threadline::store
