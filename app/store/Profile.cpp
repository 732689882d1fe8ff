#include "Profile.h"

#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace threadline::store {

Profile::Profile(const QString& directory)
    : m_directory(QDir(directory).absolutePath())
{}

QString Profile::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/threadline"_s;
}

QString Profile::databasePath() const
{
    return m_directory + u"/threadline.sqlite"_s;
}

QString Profile::settingsPath() const
{
    return m_directory + u"/settings.ini"_s;
}

bool Profile::ensureExists() const
{
    if (!QDir().mkpath(m_directory))
        return false;
    return QFileInfo(m_directory).isWritable();
}

} // namespace threadline::store
