#include "BackgroundPriority.h"

#include <QLoggingCategory>
#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace threadline::store {

namespace {
Q_LOGGING_CATEGORY(lcBackgroundPriority, "threadline.store.priority")
}

void lowerCurrentThreadPriority()
{
#ifdef Q_OS_LINUX
    // The nice value is per thread on Linux: PRIO_PROCESS with 0 is the calling thread.
    if (setpriority(PRIO_PROCESS, 0, backgroundNiceness) != 0)
        qCInfo(lcBackgroundPriority) << "cannot lower a background thread's priority";
#endif
}

} // namespace threadline::store
