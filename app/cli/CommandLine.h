#pragma once

#include "Invocation.h"

#include <QStringList>

namespace threadline::cli {

// Parses `threadline [COMMAND …] [--profile DIR]`. Runs before any application object exists
// so main() can choose between the GUI and a headless QCoreApplication.
class CommandLine final
{
public:
    static Invocation parse(const QStringList& arguments);
    static QString helpText();
};

} // namespace threadline::cli
