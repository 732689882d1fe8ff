// What every Threadline process sets up on its Qt application, window or headless.
#pragma once

class QCoreApplication;

namespace threadline::cli {

// Names the application (settings, keychain service, --version) and installs the translations
// for the user's locale: Threadline's own from the resources, Qt's from the system.
void prepareApplication(QCoreApplication& app);

} // namespace threadline::cli
