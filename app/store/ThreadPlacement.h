#pragma once

#include "ThreadReason.h"

#include <QtGlobal>

namespace threadline::store {

// Where a new message goes, decided before its row is written (sync::Threader::place).
struct ThreadPlacement
{
    qint64 threadId = 0;
    ThreadReason reason = ThreadReason::New;
};

} // namespace threadline::store
