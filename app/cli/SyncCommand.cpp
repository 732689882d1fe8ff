#include "SyncCommand.h"

#include "CommandRunner.h"
#include "account/AccountSettings.h"
#include "account/SecretStore.h"
#include "net/ErrorCatalog.h"
#include "store/Profile.h"
#include "sync/SyncThread.h"
#include "sync/SyncWorker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>

using namespace Qt::StringLiterals;

namespace threadline::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("threadline::cli::SyncCommand", text);
}

} // namespace

SyncCommand::SyncCommand(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{}

QString SyncCommand::summaryText(const sync::SyncSummary& summary)
{
    QString text = tr("fetched %1 messages (%2 new, %3 already known): linked %4, untracked %5")
                       .arg(summary.fetched)
                       .arg(summary.stored)
                       .arg(summary.relocated)
                       .arg(summary.linked)
                       .arg(summary.untracked);
    QStringList reasons;
    for (auto it = summary.skipped.cbegin(); it != summary.skipped.cend(); ++it)
        reasons << u"%1: %2"_s.arg(it.key()).arg(it.value());
    text += tr("; skipped %1").arg(summary.skippedTotal());
    if (!reasons.isEmpty())
        text += u" ("_s + reasons.join(u", "_s) + u')';
    text += tr("; expunged %1; flag changes %2").arg(summary.removed).arg(summary.flagChanges);
    return text;
}

int SyncCommand::run(const Invocation& invocation)
{
    QElapsedTimer timer; // the whole command, the keychain included
    timer.start();
    if (!invocation.once) {
        m_err << tr("Usage: threadline sync --once [--profile DIR] (the window keeps mail in "
                    "sync continuously)")
              << u'\n';
        return CommandRunner::UsageError;
    }
    const store::Profile profile(invocation.profileDirectory.isEmpty()
                                     ? store::Profile::defaultDirectory()
                                     : invocation.profileDirectory);
    if (!QFile::exists(profile.settingsPath())) {
        m_err << tr("threadline sync: the profile %1 has no mail account yet. Add it with "
                    "threadline account add (see --help).")
                     .arg(profile.directory())
              << u'\n';
        return CommandRunner::Failure;
    }
    const std::optional<account::AccountSettings> account =
        account::AccountSettings::load(profile.settingsPath());
    if (!account || !account->isComplete()) {
        m_err << tr("threadline sync: the account settings in %1 are incomplete.")
                     .arg(profile.settingsPath())
              << u'\n';
        return CommandRunner::Failure;
    }

    if (!profile.ensureExists()) {
        m_err << tr("Cannot create the profile folder %1.").arg(profile.directory()) << u'\n';
        return CommandRunner::Failure;
    }

    sync::SyncOptions options;
    options.account = *account;
    options.databasePath = profile.databasePath();
    options.once = true; // the secret follows (setCredentials) while the worker connects

    m_out
        << tr("Syncing %1 (%2:%3)").arg(account->email, account->imap.host).arg(account->imap.port)
        << u'\n';
    m_out.flush();

    sync::SyncThread thread(options);
    QEventLoop loop;
    sync::SyncSummary summary;
    net::UserError failure;
    bool keychainFailed = false;
    const sync::SyncWorker* worker = thread.worker();
    QObject::connect(
        worker, &sync::SyncWorker::progress, &loop, [this](const sync::SyncProgress& progress) {
            m_out << progress.folder << u": "_s << progress.done << u'/' << progress.total << u'\n';
            m_out.flush(); // read line by line by scripts and tests
        });
    QObject::connect(
        worker, &sync::SyncWorker::errorOccurred, &loop, [this](const net::UserError& error) {
            if (error.code == net::ErrorCode::SentFolderNotFound)
                m_err << tr("warning: ") << net::ErrorCatalog::describe(error) << u'\n';
        });
    QObject::connect(worker, &sync::SyncWorker::finished, &loop,
                     [&](const sync::SyncSummary& total, const net::UserError& error) {
                         summary = total;
                         if (!keychainFailed)
                             failure = error;
                         loop.quit();
                     });
    // The password lives in the keychain only; it is read while the connection is set up.
    account::SecretStore secrets;
    QObject::connect(&secrets, &account::SecretStore::secretRead, &loop,
                     [&](const account::SecretStore::Result& read) {
                         if (read.ok) {
                             const QString user = account->imap.userName.isEmpty()
                                                      ? account->email
                                                      : account->imap.userName;
                             thread.setCredentials(imap::Credentials::password(user, read.secret));
                             return;
                         }
                         keychainFailed = true;
                         failure = {net::ErrorCode::KeychainUnavailable,
                                    read.error == account::SecretStore::Error::NotFound
                                        ? tr("No password for %1 in the keychain: run threadline "
                                             "account add again.")
                                              .arg(account->email)
                                        : read.message};
                         loop.quit();
                     });
    thread.start();
    secrets.readSecret(account->keychainKey());
    loop.exec();
    thread.shutdown();

    if (failure.isError()) {
        m_err << u"threadline sync: "_s << net::ErrorCatalog::describe(failure) << u'\n';
        if (summary.fetched > 0)
            m_err << tr("Kept what was committed before the failure: %1.").arg(summaryText(summary))
                  << u'\n';
        return CommandRunner::Failure;
    }
    const auto seconds = [](qint64 ms) {
        return QString::number(double(ms) / 1000.0, 'f', 3);
    };
    m_out << tr("Done in %1 s (connecting and signing in %2 s, syncing %3 s): %4.")
                 .arg(seconds(timer.elapsed()), seconds(summary.connectMs), seconds(summary.syncMs),
                      summaryText(summary))
          << u'\n';
    return CommandRunner::Success;
}

} // namespace threadline::cli
