#pragma once

namespace threadline::store {

// Work that may lag behind the store's writer (the search index, copying the log back) runs
// on threads that lower their own priority with this, once, from inside the thread: at nice
// 10 the scheduler gives such a thread a tenth of a contended core and all of an idle one, so
// on a busy machine the sync's writer (its critical path) runs first and the background work
// fills the gaps it leaves. Qt's thread priorities change nothing under Linux's normal policy,
// and SCHED_IDLE would starve the work on a machine that stays busy. Elsewhere, nothing.
void lowerCurrentThreadPriority();

// The nice value those threads take (Linux).
inline constexpr int backgroundNiceness = 10;

} // namespace threadline::store
