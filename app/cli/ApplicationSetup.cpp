#include "cli/ApplicationSetup.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace threadline::cli {

void prepareApplication(QCoreApplication& app)
{
    QCoreApplication::setApplicationName(u"threadline"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(THREADLINE_VERSION));
    QCoreApplication::setOrganizationDomain(u"threadline.example"_s);

    // The French translation ships in the binary's resources; Qt's own comes from the system.
    auto* own = new QTranslator(&app);
    if (own->load(QLocale(), u"threadline"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace threadline::cli
