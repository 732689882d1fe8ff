#include "SyncState.h"

using namespace Qt::StringLiterals;

namespace threadline::sync {

QString syncStateKey(SyncState state)
{
    switch (state) {
    case SyncState::Idle:
        return u"idle"_s;
    case SyncState::Connecting:
        return u"connecting"_s;
    case SyncState::Syncing:
        return u"syncing"_s;
    case SyncState::Watching:
        return u"watching"_s;
    case SyncState::Offline:
        return u"offline"_s;
    case SyncState::Error:
        return u"error"_s;
    }
    return {};
}

} // namespace threadline::sync
