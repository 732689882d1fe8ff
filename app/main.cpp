// Threadline: one binary for the window and the headless commands (DESIGN.md). The window is a
// module loaded only when it is shown (cli/WindowModule.h), so this file links no widget.
#include "cli/ApplicationSetup.h"
#include "cli/CommandLine.h"
#include "cli/CommandRunner.h"
#include "cli/WindowModule.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

using threadline::cli::Invocation;

namespace {

int runHeadless(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    threadline::cli::prepareApplication(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    threadline::cli::CommandRunner runner(out, err);
    // Parsed again now that the translations are installed, so errors read in the user's language.
    return runner.run(threadline::cli::CommandLine::parse(QCoreApplication::arguments()));
}

int runWindow(int& argc, char** argv, const Invocation& invocation)
{
    threadline::cli::WindowModule module;
    if (const auto run = module.load())
        return run(argc, argv, invocation.profileDirectory);
    // No window to show the reason in: say it on the terminal, translated.
    QCoreApplication app(argc, argv);
    threadline::cli::prepareApplication(app);
    QTextStream(stderr) << module.errorString() << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const Invocation invocation = threadline::cli::CommandLine::parse(arguments);
    if (invocation.command == Invocation::Command::Gui)
        return runWindow(argc, argv, invocation);
    return runHeadless(argc, argv);
}
