// Threadline: one binary for the window and the headless commands (DESIGN.md).
#include "MainWindow.h"
#include "SyncController.h"
#include "cli/CommandLine.h"
#include "cli/CommandRunner.h"
#include "store/Database.h"
#include "store/Profile.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

using namespace Qt::StringLiterals;
using threadline::cli::Invocation;

namespace {

void setIdentity()
{
    QCoreApplication::setApplicationName(u"threadline"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(THREADLINE_VERSION));
    QCoreApplication::setOrganizationDomain(u"threadline.example"_s);
}

// The French translation ships in the binary's resources; Qt's own comes from the system.
void installTranslations(QCoreApplication& app)
{
    auto* own = new QTranslator(&app);
    if (own->load(QLocale(), u"threadline"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

int runGui(int argc, char** argv, const Invocation& invocation)
{
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(u"Threadline"_s);
    installTranslations(app);

    const threadline::store::Profile profile(invocation.profileDirectory.isEmpty()
                                                 ? threadline::store::Profile::defaultDirectory()
                                                 : invocation.profileDirectory);
    // The window only searches the index: attached read-only, its edits never wait for it.
    threadline::store::Database db(profile.databasePath(),
                                   threadline::store::Database::Search::AttachedReadOnly);
    std::optional<threadline::store::StoreError> error;
    if (!profile.ensureExists())
        error = threadline::store::StoreError{threadline::store::StoreError::Code::OpenFailed,
                                              profile.directory()};
    else
        error = db.open();
    if (error) {
        QMessageBox::critical(nullptr, QObject::tr("Threadline"),
                              QObject::tr("Threadline cannot open its database in %1.\n\n%2")
                                  .arg(profile.directory(), error->message));
        return 1;
    }
    threadline::ui::MainWindow window(db.connection(), profile.directory());
    threadline::ui::SyncController syncController(&window, profile.directory());
    window.show();
    syncController.start();
    // For the README and release notes: save a picture of the window and quit.
    const QString screenshot = qEnvironmentVariable("THREADLINE_SCREENSHOT");
    if (!screenshot.isEmpty()) {
        QTimer::singleShot(500, &window, [&window, screenshot] {
            const bool saved = window.grab().save(screenshot);
            QCoreApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}

int runHeadless(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    installTranslations(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    threadline::cli::CommandRunner runner(out, err);
    // Parsed again now that the translations are installed, so errors read in the user's language.
    return runner.run(threadline::cli::CommandLine::parse(QCoreApplication::arguments()));
}

} // namespace

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const Invocation invocation = threadline::cli::CommandLine::parse(arguments);
    if (invocation.command == Invocation::Command::Gui)
        return runGui(argc, argv, invocation);
    return runHeadless(argc, argv);
}
