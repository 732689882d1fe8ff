#include "CommandLine.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace threadline::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("threadline::cli::CommandLine", text);
}

Invocation invalid(const QString& error)
{
    Invocation invocation;
    invocation.command = Invocation::Command::Invalid;
    invocation.error = error;
    return invocation;
}

// account add's options, each taking a value.
const QStringList& accountOptions()
{
    static const QStringList names{
        u"email"_s,     u"name"_s,         u"imap-host"_s, u"imap-port"_s,     u"imap-security"_s,
        u"imap-user"_s, u"smtp-host"_s,    u"smtp-port"_s, u"smtp-security"_s, u"smtp-user"_s,
        u"ca-file"_s,   u"history-days"_s, u"dropbox"_s,
    };
    return names;
}

} // namespace

Invocation CommandLine::parse(const QStringList& arguments)
{
    Invocation invocation;
    QStringList words;
    // arguments[0] is the program name.
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        auto takeValue = [&](QString* into) {
            const qsizetype equals = argument.indexOf(u'=');
            if (equals > 0) {
                *into = argument.mid(equals + 1);
                return true;
            }
            if (i + 1 >= arguments.size())
                return false;
            *into = arguments[++i];
            return true;
        };
        const QString name = argument.section(u'=', 0, 0);
        if (name == u"--profile"_s) {
            if (!takeValue(&invocation.profileDirectory) || invocation.profileDirectory.isEmpty())
                return invalid(tr("--profile needs a folder."));
        } else if (name == u"--format"_s) {
            if (!takeValue(&invocation.format))
                return invalid(tr("--format needs a value."));
        } else if (name == u"--output"_s || name == u"-o"_s) {
            if (!takeValue(&invocation.outputFile))
                return invalid(tr("--output needs a file name."));
        } else if (argument == u"--once"_s) {
            invocation.once = true;
        } else if (argument == u"--password-stdin"_s) {
            invocation.passwordStdin = true;
        } else if (name.startsWith(u"--"_s) && accountOptions().contains(name.mid(2))) {
            QString value;
            if (!takeValue(&value))
                return invalid(tr("%1 needs a value.").arg(name));
            invocation.options.insert(name.mid(2), value);
        } else if (argument == u"--help"_s || argument == u"-h"_s) {
            invocation.command = Invocation::Command::Help;
            return invocation;
        } else if (argument == u"--version"_s) {
            invocation.command = Invocation::Command::Version;
            return invocation;
        } else if (argument.startsWith(u"--"_s)) {
            return invalid(tr("Unknown option %1. Run threadline --help for the list.").arg(name));
        } else if (argument.startsWith(u'-') && argument.size() > 1) {
            // Qt's own GUI options (-platform offscreen, -style …) belong to QApplication.
            if (!words.isEmpty()) {
                words << argument;
                continue;
            }
            static const QStringList qtOptionsWithValue{
                u"-platform"_s,      u"-platformpluginpath"_s,
                u"-platformtheme"_s, u"-plugin"_s,
                u"-style"_s,         u"-stylesheet"_s,
                u"-geometry"_s,      u"-qwindowgeometry"_s,
                u"-title"_s,         u"-qwindowtitle"_s,
                u"-display"_s,       u"-session"_s};
            if (qtOptionsWithValue.contains(argument))
                ++i;
        } else {
            words << argument;
        }
    }

    if (words.isEmpty())
        return invocation; // the GUI

    const QString command = words.takeFirst();
    if (command == u"sync"_s) {
        invocation.command = Invocation::Command::Sync;
    } else if (command == u"doctor"_s) {
        invocation.command = Invocation::Command::Doctor;
    } else if (command == u"account"_s) {
        if (words.isEmpty() || words.takeFirst() != u"add"_s)
            return invalid(tr("Usage: threadline account add --email ADDRESS … (see --help)."));
        invocation.command = Invocation::Command::AccountAdd;
    } else if (command == u"import"_s) {
        invocation.command = Invocation::Command::Import;
    } else if (command == u"export"_s) {
        invocation.command = Invocation::Command::Export;
    } else if (command == u"help"_s) {
        invocation.command = Invocation::Command::Help;
    } else {
        return invalid(
            tr("Unknown command \"%1\". Run threadline --help for the list.").arg(command));
    }
    if (invocation.command != Invocation::Command::AccountAdd &&
        (!invocation.options.isEmpty() || invocation.passwordStdin)) {
        const QString option = invocation.passwordStdin && invocation.options.isEmpty()
                                   ? u"--password-stdin"_s
                                   : u"--"_s + invocation.options.firstKey();
        return invalid(tr("%1 belongs to threadline account add.").arg(option));
    }
    invocation.arguments = words;
    return invocation;
}

QString CommandLine::helpText()
{
    return tr("Usage: threadline [COMMAND] [--profile DIR]\n"
              "\n"
              "Without a command, opens the Threadline window.\n"
              "\n"
              "Commands:\n"
              "  sync --once             fetch new mail once, print a summary, exit\n"
              "  doctor                  check the account's connections step by step\n"
              "  account add …           set up the mail account without the wizard:\n"
              "      --email ADDRESS [--name NAME] --password-stdin\n"
              "      --imap-host HOST --imap-port PORT --imap-security tls|starttls\n"
              "      --smtp-host HOST --smtp-port PORT --smtp-security tls|starttls\n"
              "      [--imap-user USER] [--smtp-user USER] [--ca-file PEM]\n"
              "      [--history-days N] [--dropbox ADDRESS]\n"
              "    The IMAP sign-in is checked first; the password goes to the keychain.\n"
              "  import FILE.json        import cards (leads, contacts, deals)\n"
              "  export --format json    write cards, mail, threads and links to stdout\n"
              "                          (or to --output FILE)\n"
              "\n"
              "Options:\n"
              "  --profile DIR           use the profile (database and settings) in DIR\n"
              "                          instead of ~/.local/share/threadline\n"
              "  --help, --version\n");
}

} // namespace threadline::cli
