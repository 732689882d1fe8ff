#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace threadline::account {

// Passwords and tokens live only here: the desktop keychain (Secret Service on Linux) through
// QtKeychain, under service "Threadline" and one key per account (AccountSettings::keychainKey()).
// Every call is asynchronous and answers exactly once with the matching signal, also for
// failures found before the keychain is asked (an empty key). Nothing here logs a secret.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    enum class Error
    {
        None,
        NotFound,     // no secret stored under this key
        NoBackend,    // no keychain service reachable (no D-Bus session, no Secret Service)
        AccessDenied, // the keychain is locked or the user refused access
        Other,
    };
    Q_ENUM(Error)

    struct Result
    {
        QString key;
        bool ok = false;
        Error error = Error::None;
        QString message; // translated explanation for the user; empty when ok
        QString secret;  // only filled by readSecret(); never log it
    };

    static QString defaultService();

    explicit SecretStore(QObject* parent = nullptr);
    // Another service name keeps tests and tools apart from the user's real entries.
    explicit SecretStore(const QString& service, QObject* parent = nullptr);
    ~SecretStore() override;

    QString service() const { return m_service; }

    void writeSecret(const QString& key, const QString& secret);
    void readSecret(const QString& key);
    void deleteSecret(const QString& key);

Q_SIGNALS:
    void secretWritten(const threadline::account::SecretStore::Result& result);
    void secretRead(const threadline::account::SecretStore::Result& result);
    void secretDeleted(const threadline::account::SecretStore::Result& result);

private:
    enum class Operation
    {
        Write,
        Read,
        Delete,
    };

    bool rejectEmptyKey(Operation operation, const QString& key);
    void finish(Operation operation, QKeychain::Job* job);
    void emitResult(Operation operation, const Result& result);
    static Result resultFor(Operation operation, const QString& key, QKeychain::Job* job);

    QString m_service;
};

} // namespace threadline::account

Q_DECLARE_METATYPE(threadline::account::SecretStore::Result)
