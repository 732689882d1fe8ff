#pragma once

#include "Invocation.h"

#include <QTextStream>

namespace threadline::cli {

// Runs a headless command and returns the process exit code.
class CommandRunner final
{
public:
    enum ExitCode
    {
        Success = 0,
        Failure = 1,
        UsageError = 2,
        NotAvailable = 3, // the command's feature has not been built yet
    };

    CommandRunner(QTextStream& out, QTextStream& err);
    int run(const Invocation& invocation);

private:
    int notAvailable(const QString& command, const QString& what);
    int runImport(const Invocation& invocation);
    int runExport(const Invocation& invocation);

    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace threadline::cli
