// The entry point of threadline-window.so (app/cli/WindowModule.h): everything the window needs
// that the headless commands do not, so only this module maps Qt Widgets.
#include "MainWindow.h"
#include "SyncController.h"
#include "cli/ApplicationSetup.h"
#include "cli/WindowModule.h"
#include "store/Database.h"
#include "store/Profile.h"

#include <QApplication>
#include <QMessageBox>
#include <QTimer>
#include <optional>

using namespace Qt::StringLiterals;

extern "C" Q_DECL_EXPORT int threadline_run_window(int& argc, char** argv,
                                                   const QString& profileDirectory)
{
    // The binary and the module must agree on the entry point's type.
    static_assert(
        std::is_same_v<decltype(&threadline_run_window), threadline::cli::WindowModule::Run>);
    QApplication app(argc, argv);
    threadline::cli::prepareApplication(app);
    QApplication::setApplicationDisplayName(u"Threadline"_s);

    const threadline::store::Profile profile(profileDirectory.isEmpty()
                                                 ? threadline::store::Profile::defaultDirectory()
                                                 : profileDirectory);
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
