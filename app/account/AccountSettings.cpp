#include "AccountSettings.h"

#include <QFile>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace threadline::account {

QString securityKey(Security security)
{
    return security == Security::Tls ? u"tls"_s : u"starttls"_s;
}

std::optional<Security> securityFromKey(const QString& key)
{
    const QString lower = key.trimmed().toLower();
    if (lower == u"tls"_s || lower == u"ssl"_s)
        return Security::Tls;
    if (lower == u"starttls"_s)
        return Security::StartTls;
    return std::nullopt;
}

bool AccountSettings::isComplete() const
{
    return email.contains(u'@') && !imap.host.isEmpty() && imap.port != 0 && !smtp.host.isEmpty() &&
           smtp.port != 0;
}

QString AccountSettings::effectiveDropboxAddress() const
{
    if (!dropboxAddress.trimmed().isEmpty())
        return dropboxAddress.trimmed();
    const qsizetype at = email.lastIndexOf(u'@');
    if (at <= 0)
        return {};
    QString local = email.left(at);
    // A plus-tag of the user's own address is replaced, not stacked.
    const qsizetype plus = local.indexOf(u'+');
    if (plus > 0)
        local.truncate(plus);
    return local + u"+crm"_s + email.mid(at);
}

namespace {

void writeServer(QSettings& settings, const QString& group, const ServerSettings& server)
{
    settings.beginGroup(group);
    settings.setValue(u"host"_s, server.host);
    settings.setValue(u"port"_s, server.port);
    settings.setValue(u"security"_s, securityKey(server.security));
    settings.setValue(u"user"_s, server.userName);
    settings.endGroup();
}

std::optional<ServerSettings> readServer(QSettings& settings, const QString& group)
{
    settings.beginGroup(group);
    ServerSettings server;
    server.host = settings.value(u"host"_s).toString();
    bool portOk = false;
    const uint port = settings.value(u"port"_s).toUInt(&portOk);
    const auto security = securityFromKey(settings.value(u"security"_s).toString());
    server.userName = settings.value(u"user"_s).toString();
    settings.endGroup();
    if (!portOk || port == 0 || port > 65535 || !security)
        return std::nullopt;
    server.port = quint16(port);
    server.security = *security;
    return server;
}

} // namespace

std::optional<AccountSettings> AccountSettings::load(const QString& settingsPath)
{
    if (!QFile::exists(settingsPath))
        return std::nullopt;
    QSettings settings(settingsPath, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError)
        return std::nullopt;
    settings.beginGroup(u"account"_s);
    AccountSettings account;
    account.email = settings.value(u"email"_s).toString();
    account.displayName = settings.value(u"name"_s).toString();
    account.caFile = settings.value(u"caFile"_s).toString();
    account.dropboxAddress = settings.value(u"dropbox"_s).toString();
    account.historyDays = settings.value(u"historyDays"_s, 0).toInt();
    settings.endGroup();
    const auto imap = readServer(settings, u"imap"_s);
    const auto smtp = readServer(settings, u"smtp"_s);
    if (account.email.isEmpty() || !imap || !smtp)
        return std::nullopt;
    account.imap = *imap;
    account.smtp = *smtp;
    return account;
}

bool AccountSettings::save(const QString& settingsPath) const
{
    // QSettings writes through a temporary file and renames it, so a crash never leaves half.
    QSettings settings(settingsPath, QSettings::IniFormat);
    settings.beginGroup(u"account"_s);
    settings.setValue(u"email"_s, email);
    settings.setValue(u"name"_s, displayName);
    settings.setValue(u"caFile"_s, caFile);
    settings.setValue(u"dropbox"_s, dropboxAddress);
    settings.setValue(u"historyDays"_s, historyDays);
    settings.endGroup();
    writeServer(settings, u"imap"_s, imap);
    writeServer(settings, u"smtp"_s, smtp);
    settings.sync();
    return settings.status() == QSettings::NoError;
}

} // namespace threadline::account
