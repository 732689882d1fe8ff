#pragma once

#include <QString>
#include <QStringList>

namespace threadline::cli {

// What the user asked for on the command line, parsed but not yet run.
struct Invocation
{
    enum class Command
    {
        Gui,
        Help,
        Version,
        Sync,
        Doctor,
        AccountAdd,
        Import,
        Export,
        Invalid,
    };
    Command command = Command::Gui;
    QString profileDirectory; // empty: the default profile
    QStringList arguments;    // positional arguments after the command words
    bool once = false;
    QString format;
    QString outputFile;
    QString error; // for Command::Invalid: what is wrong, translated
};

} // namespace threadline::cli
