#pragma once

#include <QMap>
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
    // The command's own "--name value" options (account add: "email", "imap-host", …), keyed
    // without the dashes.
    QMap<QString, QString> options;
    bool passwordStdin = false; // account add: the password is read from standard input
    QString error;              // for Command::Invalid: what is wrong, translated
};

} // namespace threadline::cli
