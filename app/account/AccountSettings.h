#pragma once

#include <QString>
#include <optional>

namespace threadline::account {

// How a connection is secured. There is deliberately no "none": Threadline never
// authenticates over cleartext (DESIGN.md, Security).
enum class Security
{
    Tls,      // implicit TLS from the first byte (993, 465)
    StartTls, // strict STARTTLS: no capability, no login (143, 587)
};

QString securityKey(Security security);
std::optional<Security> securityFromKey(const QString& key);

struct ServerSettings
{
    QString host;
    quint16 port = 0;
    Security security = Security::Tls;
    QString userName; // usually the email address

    friend bool operator==(const ServerSettings&, const ServerSettings&) = default;
};

// The one mail account of a profile, without any secret: the password or token lives in the
// keychain under keychainKey(). Stored in the profile's settings.ini.
struct AccountSettings
{
    QString email;
    QString displayName;
    ServerSettings imap;
    ServerSettings smtp;
    QString caFile;         // PEM CA certificates trusted instead of the system store
    QString dropboxAddress; // BCC dropbox; empty means the default plus-address
    int historyDays = 0;    // initial sync window; 0 = all mail

    friend bool operator==(const AccountSettings&, const AccountSettings&) = default;

    bool isComplete() const;
    // name+crm@domain, DESIGN.md sync rule 8.
    QString effectiveDropboxAddress() const;
    QString keychainKey() const { return email.trimmed().toLower(); }

    static std::optional<AccountSettings> load(const QString& settingsPath);
    // Writes atomically; false if the file cannot be written.
    bool save(const QString& settingsPath) const;
};

} // namespace threadline::account
