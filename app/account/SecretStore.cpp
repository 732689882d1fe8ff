#include "SecretStore.h"

#include <QMetaObject>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace threadline::account {

namespace {

// QtKeychain reports a missing D-Bus session or Secret Service as OtherError with libsecret's or
// QtDBus's text; these fragments of those texts mean "nothing to talk to", not a keychain fault.
bool looksLikeMissingService(const QString& text)
{
    static const QLatin1StringView fragments[] = {
        "autolaunch"_L1,              // "Cannot autolaunch D-Bus without X11 $DISPLAY"
        "DBUS_SESSION_BUS"_L1,        // GLib: no session bus address
        "org.freedesktop.secrets"_L1, // the name is not owned and cannot be activated
        "ServiceUnknown"_L1,
        "NoReply"_L1,
        "Not connected to D-Bus"_L1,
        "No such file or directory"_L1, // a stale bus address
        "Connection refused"_L1,
    };
    for (const auto fragment : fragments) {
        if (text.contains(fragment, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

QString SecretStore::defaultService()
{
    return u"Threadline"_s;
}

SecretStore::SecretStore(QObject* parent)
    : SecretStore(defaultService(), parent)
{}

SecretStore::SecretStore(const QString& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{}

SecretStore::~SecretStore() = default;

void SecretStore::writeSecret(const QString& key, const QString& secret)
{
    if (rejectEmptyKey(Operation::Write, key))
        return;
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setInsecureFallback(false); // a secret never lands in a plain settings file
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this,
            [this](QKeychain::Job* done) { finish(Operation::Write, done); });
    job->start();
}

void SecretStore::readSecret(const QString& key)
{
    if (rejectEmptyKey(Operation::Read, key))
        return;
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this,
            [this](QKeychain::Job* done) { finish(Operation::Read, done); });
    job->start();
}

void SecretStore::deleteSecret(const QString& key)
{
    if (rejectEmptyKey(Operation::Delete, key))
        return;
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this,
            [this](QKeychain::Job* done) { finish(Operation::Delete, done); });
    job->start();
}

bool SecretStore::rejectEmptyKey(Operation operation, const QString& key)
{
    if (!key.trimmed().isEmpty())
        return false;
    Result result;
    result.key = key;
    result.error = Error::Other;
    result.message = tr("No account was given for the keychain entry.");
    // Queued, so the caller always gets its answer after the call returns, as with a real job.
    QMetaObject::invokeMethod(
        this, [this, operation, result] { emitResult(operation, result); }, Qt::QueuedConnection);
    return true;
}

void SecretStore::finish(Operation operation, QKeychain::Job* job)
{
    emitResult(operation, resultFor(operation, job->key(), job));
    // The job deletes itself (autoDelete) after this signal returns.
}

void SecretStore::emitResult(Operation operation, const Result& result)
{
    switch (operation) {
    case Operation::Write:
        Q_EMIT secretWritten(result);
        break;
    case Operation::Read:
        Q_EMIT secretRead(result);
        break;
    case Operation::Delete:
        Q_EMIT secretDeleted(result);
        break;
    }
}

SecretStore::Result SecretStore::resultFor(Operation operation, const QString& key,
                                           QKeychain::Job* job)
{
    Result result;
    result.key = key;
    const QString detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        result.ok = true;
        if (operation == Operation::Read)
            result.secret = static_cast<QKeychain::ReadPasswordJob*>(job)->textData();
        return result;
    case QKeychain::EntryNotFound:
        result.error = Error::NotFound;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.error = Error::AccessDenied;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.error = Error::NoBackend;
        break;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        result.error = looksLikeMissingService(detail) ? Error::NoBackend : Error::Other;
        break;
    }

    switch (result.error) {
    case Error::NotFound:
        result.message = tr("No password for %1 is saved in the keychain.").arg(key);
        break;
    case Error::NoBackend:
        result.message =
            tr("No keychain is available. Threadline keeps passwords only in the desktop "
               "keychain (a Secret Service such as GNOME Keyring or KWallet, reached over "
               "D-Bus). Log in to a desktop session or start a keychain, then try again.");
        break;
    case Error::AccessDenied:
        result.message = tr("The keychain refused access. Unlock it and try again.");
        break;
    case Error::None:
    case Error::Other:
        result.message = tr("The keychain reported an error: %1").arg(detail);
        break;
    }
    return result;
}

} // namespace threadline::account
