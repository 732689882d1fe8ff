// The window lives in a module, threadline-window.so, that the binary loads only to show it:
// the headless commands (sync --once, export, account add) then never map Qt Widgets, Qt Gui and
// the twenty libraries behind them, about 8 ms of every headless start (docs/ARCHITECTURE.md).
#pragma once

#include <QCoreApplication>
#include <QLibrary>
#include <QString>
#include <QStringList>

namespace threadline::cli {

class WindowModule
{
    Q_DECLARE_TR_FUNCTIONS(WindowModule)

public:
    // The module's one entry point: makes the QApplication, shows the window, runs its loop.
    // argc is a reference because QApplication keeps it for its lifetime.
    using Run = int (*)(int& argc, char** argv, const QString& profileDirectory);
    static constexpr const char* entryPoint = "threadline_run_window";

    // Where the module is looked for: beside the binary (the build tree), then in the installed
    // library folder relative to it.
    static QStringList candidates();

    // Loads the module with every symbol bound now, so a module that does not match the binary
    // fails here with the reason instead of later, mid-window. nullptr on failure.
    Run load();
    // Why load() failed, in the user's language (call it once a translator is installed).
    QString errorString() const;

private:
    QLibrary m_library;
    QString m_detail;
};

} // namespace threadline::cli
