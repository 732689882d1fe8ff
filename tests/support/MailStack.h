#pragma once

#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>

namespace threadline::test {

// The private Dovecot/Postfix/gnome-keyring stack that tests/support/mailstack.py started (the
// ctest fixture `mailstack`), read from $THREADLINE_MAILSTACK_DIR/stack.env.
// A test that needs the stack fails (never skips) when it is missing: check isValid() in
// initTestCase, or use THREADLINE_MAILSTACK_TEST_MAIN, which does it before anything runs.
class MailStack final
{
public:
    // Reads the stack in $THREADLINE_MAILSTACK_DIR and checks that it answers.
    MailStack();
    explicit MailStack(const QString& dir);

    bool isValid() const { return m_valid; }
    // Why the stack is not valid, or why the last addUser()/maildir()/fixPermissions() failed.
    QString errorString() const { return m_error; }

    QString dir() const { return m_dir; }
    // Any key of stack.env (see mailstack.py); empty if absent.
    QString value(const QString& key) const { return m_values.value(key); }

    QString host() const;   // 127.0.0.1
    QString domain() const; // example.test
    quint16 imapsPort() const;
    quint16 imapStartTlsPort() const;
    quint16 submissionStartTlsPort() const;
    quint16 submissionsPort() const;
    quint16 smtpInjectPort() const; // plain SMTP, no AUTH, for injecting inbound mail
    quint16 lmtpPort() const;
    QString caFile() const;
    QList<QSslCertificate> caCertificates() const;
    QString logDir() const;
    QString mailRoot() const;
    QString defaultUser() const;     // sam@example.test, the demo salesperson
    QString defaultPassword() const; // sam-password

    // Adds a mailbox user through mailstack.py. `name` is a local part or a full address in
    // domain(). Returns the address, or an empty string (errorString() says why).
    QString addUser(const QString& name, const QString& password);
    // A user no other test (nor an earlier run) has: "<prefix>-<pid>-<n>-<random>@domain".
    QString addUniqueUser(const QString& prefix, const QString& password);
    // A fresh address in domain() that no mailbox exists for (bounces with 5.1.1).
    QString unknownUser(const QString& prefix) const;
    // The user's Maildir++ folder (subfolders are ".Sent", ".Sub.Folder").
    QString maildir(const QString& user);
    // Hands files written into the user's Maildir (as root) over to Dovecot's uid.
    bool fixPermissions(const QString& user);

    // $THREADLINE_MAILSTACK_DIR, empty if unset.
    static QString stackDir();
    // Points DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR and HOME at the stack's session bus and
    // keyring. Call before the application object exists (D-Bus reads them once). False, with
    // the reason in `error`, when the stack is not there.
    static bool applyEnvironment(QString* error = nullptr);

private:
    bool load(const QString& dir);
    bool runScript(const QStringList& arguments, QByteArray* output);
    quint16 port(const QString& key) const;

    QString m_dir;
    QHash<QString, QString> m_values;
    bool m_valid = false;
    QString m_error;
};

} // namespace threadline::test
