#include "AccountAddCommand.h"

#include "CommandRunner.h"
#include "account/SecretStore.h"
#include "imap/ImapSession.h"
#include "net/ErrorCatalog.h"
#include "store/Profile.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace threadline::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("threadline::cli::AccountAddCommand", text);
}

std::optional<quint16> portFrom(const QString& text)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return std::nullopt;
    return quint16(port);
}

} // namespace

AccountAddCommand::AccountAddCommand(QTextStream& out, QTextStream& err, QTextStream& passwordInput)
    : m_out(out)
    , m_err(err)
    , m_input(passwordInput)
{}

std::optional<account::AccountSettings>
AccountAddCommand::settingsFrom(const Invocation& invocation, QString* error)
{
    const QMap<QString, QString>& o = invocation.options;
    for (const QString& required : {u"email"_s, u"imap-host"_s, u"imap-port"_s, u"imap-security"_s,
                                    u"smtp-host"_s, u"smtp-port"_s, u"smtp-security"_s}) {
        if (o.value(required).trimmed().isEmpty()) {
            *error = tr("--%1 is required. Run threadline --help for the list of options.")
                         .arg(required);
            return std::nullopt;
        }
    }
    account::AccountSettings account;
    account.email = o.value(u"email"_s).trimmed();
    if (!account.email.contains(u'@') || account.email.startsWith(u'@') ||
        account.email.endsWith(u'@')) {
        *error = tr("\"%1\" is not an email address.").arg(account.email);
        return std::nullopt;
    }
    account.displayName = o.value(u"name"_s).trimmed();
    const std::pair<QString, account::ServerSettings*> servers[] = {{u"imap"_s, &account.imap},
                                                                    {u"smtp"_s, &account.smtp}};
    for (const auto& [prefix, server] : servers) {
        server->host = o.value(prefix + u"-host"_s).trimmed();
        const auto port = portFrom(o.value(prefix + u"-port"_s));
        if (!port) {
            *error = tr("--%1-port must be a number from 1 to 65535.").arg(prefix);
            return std::nullopt;
        }
        server->port = *port;
        const QString security = o.value(prefix + u"-security"_s).trimmed().toLower();
        // Never "none": Threadline does not sign in over cleartext (DESIGN.md, Security).
        if (security != u"tls"_s && security != u"starttls"_s) {
            *error = tr("--%1-security must be tls or starttls.").arg(prefix);
            return std::nullopt;
        }
        server->security =
            security == u"tls"_s ? account::Security::Tls : account::Security::StartTls;
        const QString user = o.value(prefix + u"-user"_s).trimmed();
        server->userName = user.isEmpty() ? account.email : user;
    }
    if (o.contains(u"ca-file"_s)) {
        const QFileInfo ca(o.value(u"ca-file"_s));
        if (!ca.isFile() || !ca.isReadable()) {
            *error = tr("Cannot read the CA file %1.").arg(ca.filePath());
            return std::nullopt;
        }
        account.caFile = ca.absoluteFilePath();
    }
    if (o.contains(u"history-days"_s)) {
        bool ok = false;
        account.historyDays = o.value(u"history-days"_s).toInt(&ok);
        if (!ok || account.historyDays < 0) {
            *error = tr("--history-days must be 0 (all mail) or a number of days.");
            return std::nullopt;
        }
    }
    account.dropboxAddress = o.value(u"dropbox"_s).trimmed();
    return account;
}

int AccountAddCommand::run(const Invocation& invocation)
{
    QString problem;
    const std::optional<account::AccountSettings> account = settingsFrom(invocation, &problem);
    if (!account) {
        m_err << u"threadline account add: "_s << problem << u'\n';
        return CommandRunner::UsageError;
    }
    if (!invocation.passwordStdin) {
        // A password on the command line would sit in the shell history and in ps output.
        m_err << tr("threadline account add: pass the password on standard input with "
                    "--password-stdin.")
              << u'\n';
        return CommandRunner::UsageError;
    }
    const store::Profile profile(invocation.profileDirectory.isEmpty()
                                     ? store::Profile::defaultDirectory()
                                     : invocation.profileDirectory);
    // Sync rule 1: one account per profile.
    if (const auto existing = account::AccountSettings::load(profile.settingsPath());
        existing && existing->keychainKey() != account->keychainKey()) {
        m_err << tr("threadline account add: the profile %1 already has the account %2. "
                    "Threadline keeps one account per profile: use another --profile.")
                     .arg(profile.directory(), existing->email)
              << u'\n';
        return CommandRunner::Failure;
    }

    QString password = m_input.readAll();
    while (password.endsWith(u'\n') || password.endsWith(u'\r'))
        password.chop(1);
    if (password.isEmpty()) {
        m_err << tr("threadline account add: no password on standard input.") << u'\n';
        return CommandRunner::UsageError;
    }

    if (const net::UserError error = checkLogin(*account, password); error.isError())
        return fail(error);
    if (const net::UserError error = storePassword(account->keychainKey(), password);
        error.isError())
        return fail(error);
    if (!profile.ensureExists() || !account->save(profile.settingsPath())) {
        deletePassword(account->keychainKey());
        return fail(
            {net::ErrorCode::StorageFailed, tr("Cannot write %1.").arg(profile.settingsPath())});
    }
    m_out << tr("Account %1 added to %2: IMAP sign-in checked on %3:%4; the password is in the "
                "keychain.")
                 .arg(account->email, profile.directory(), account->imap.host)
                 .arg(account->imap.port)
          << u'\n';
    return CommandRunner::Success;
}

net::UserError AccountAddCommand::checkLogin(const account::AccountSettings& account,
                                             const QString& password)
{
    imap::ImapSession session;
    QEventLoop loop;
    net::UserError result;
    // Connect (TLS verified, strict STARTTLS), sign in, sign out; each step ends the loop on
    // failure. The headless command has no other event loop to return to.
    session.connectToServer(
        imap::ConnectionSettings::fromAccount(account),
        [&](const imap::SessionResult<imap::Capabilities>& connected) {
            if (!connected) {
                result = connected.error().error;
                loop.quit();
                return;
            }
            session.authenticate(
                imap::Credentials::password(account.imap.userName, password),
                [&](const imap::SessionResult<imap::Capabilities>& signedIn) {
                    if (!signedIn) {
                        result = signedIn.error().error;
                        loop.quit();
                        return;
                    }
                    session.logout(
                        [&](const imap::SessionResult<imap::StatusResponse>&) { loop.quit(); });
                });
        });
    loop.exec();
    return result;
}

net::UserError AccountAddCommand::storePassword(const QString& key, const QString& password)
{
    account::SecretStore secrets;
    QEventLoop loop;
    net::UserError result;
    QObject::connect(&secrets, &account::SecretStore::secretWritten, &loop,
                     [&](const account::SecretStore::Result& written) {
                         if (!written.ok)
                             result = {net::ErrorCode::KeychainUnavailable, written.message};
                         loop.quit();
                     });
    secrets.writeSecret(key, password);
    loop.exec();
    return result;
}

void AccountAddCommand::deletePassword(const QString& key)
{
    account::SecretStore secrets;
    QEventLoop loop;
    QObject::connect(&secrets, &account::SecretStore::secretDeleted, &loop,
                     [&](const account::SecretStore::Result&) { loop.quit(); });
    secrets.deleteSecret(key);
    loop.exec();
}

int AccountAddCommand::fail(const net::UserError& error)
{
    m_err << u"threadline account add: "_s << net::ErrorCatalog::describe(error) << u'\n'
          << tr("Nothing was stored.") << u'\n';
    return CommandRunner::Failure;
}

} // namespace threadline::cli
