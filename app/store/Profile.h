#pragma once

#include <QDir>
#include <QString>

namespace threadline::store {

// A profile is one folder holding everything of one user's Threadline: the database and the
// settings file. Secrets are never here; they live in the keychain.
class Profile final
{
public:
    explicit Profile(const QString& directory);

    // ~/.local/share/threadline unless --profile says otherwise.
    static QString defaultDirectory();

    const QString& directory() const { return m_directory; }
    QString databasePath() const;
    QString settingsPath() const;
    // Creates the folder if needed; false if it cannot be created or written.
    bool ensureExists() const;

private:
    QString m_directory;
};

} // namespace threadline::store
