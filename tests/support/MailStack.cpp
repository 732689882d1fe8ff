#include "MailStack.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace threadline::test {

namespace {

constexpr int scriptTimeoutMs = 30000;
constexpr int probeTimeoutMs = 3000;

QString envFilePath(const QString& dir)
{
    return QDir(dir).filePath(u"stack.env"_s);
}

// stack.env is KEY=VALUE per line, written by mailstack.py once everything answers.
bool readEnvFile(const QString& dir, QHash<QString, QString>* values, QString* error)
{
    if (dir.isEmpty()) {
        *error =
            u"THREADLINE_MAILSTACK_DIR is not set: this test needs the mail stack. Run it "
            "through ctest (the `mailstack` fixture starts the stack), or start one with "
            "`tests/support/mailstack.py start --dir DIR` and set THREADLINE_MAILSTACK_DIR=DIR."_s;
        return false;
    }
    QFile file(envFilePath(dir));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error =
            u"The mail stack is not running: %1 is missing. Run the test through ctest (the "
            "`mailstack` fixture starts it) or `tests/support/mailstack.py start --dir %2`."_s.arg(
                file.fileName(), dir);
        return false;
    }
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype equals = line.indexOf(u'=');
        if (equals > 0)
            values->insert(line.left(equals), line.mid(equals + 1));
    }
    return true;
}

QString pythonProgram()
{
    // Debian's interpreter: `python3` on PATH may be another build (TESTING.md).
    const QString debian = u"/usr/bin/python3"_s;
    return QFileInfo::exists(debian) ? debian : u"python3"_s;
}

} // namespace

MailStack::MailStack()
    : MailStack(stackDir())
{}

MailStack::MailStack(const QString& dir)
{
    m_valid = load(dir);
}

QString MailStack::stackDir()
{
    return qEnvironmentVariable("THREADLINE_MAILSTACK_DIR");
}

bool MailStack::applyEnvironment(QString* error)
{
    QHash<QString, QString> values;
    QString reason;
    if (!readEnvFile(stackDir(), &values, &reason)) {
        if (error)
            *error = reason;
        return false;
    }
    for (const char* key : {"DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "HOME"}) {
        const QString value = values.value(QString::fromLatin1(key));
        if (value.isEmpty()) {
            if (error)
                *error = u"%1 has no %2"_s.arg(envFilePath(stackDir()), QString::fromLatin1(key));
            return false;
        }
        qputenv(key, value.toLocal8Bit());
    }
    // Nothing may fall back to an X11-launched bus or a desktop keyring of the machine.
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    return true;
}

bool MailStack::load(const QString& dir)
{
    m_dir = dir;
    if (!readEnvFile(dir, &m_values, &m_error))
        return false;
    for (const char* key :
         {"HOST", "DOMAIN", "IMAPS_PORT", "IMAP_STARTTLS_PORT", "SUBMISSION_STARTTLS_PORT",
          "SUBMISSIONS_PORT", "SMTP_INJECT_PORT", "LMTP_PORT", "CA_FILE"}) {
        if (m_values.value(QString::fromLatin1(key)).isEmpty()) {
            m_error = u"%1 has no %2: restart the stack with a current mailstack.py"_s.arg(
                envFilePath(dir), QString::fromLatin1(key));
            return false;
        }
    }
    // stack.env outlives a crashed or killed stack: make sure someone answers.
    QTcpSocket probe;
    probe.connectToHost(host(), imapsPort());
    if (!probe.waitForConnected(probeTimeoutMs)) {
        m_error = u"The mail stack in %1 does not answer on %2:%3 (%4). Restart it: "
                  "tests/support/mailstack.py start --dir %1; logs are in %5"_s.arg(
                      dir, host(), QString::number(imapsPort()), probe.errorString(), logDir());
        return false;
    }
    return true;
}

quint16 MailStack::port(const QString& key) const
{
    return static_cast<quint16>(m_values.value(key).toUInt());
}

QString MailStack::host() const
{
    return value(u"HOST"_s);
}

QString MailStack::domain() const
{
    return value(u"DOMAIN"_s);
}

quint16 MailStack::imapsPort() const
{
    return port(u"IMAPS_PORT"_s);
}

quint16 MailStack::imapStartTlsPort() const
{
    return port(u"IMAP_STARTTLS_PORT"_s);
}

quint16 MailStack::submissionStartTlsPort() const
{
    return port(u"SUBMISSION_STARTTLS_PORT"_s);
}

quint16 MailStack::submissionsPort() const
{
    return port(u"SUBMISSIONS_PORT"_s);
}

quint16 MailStack::smtpInjectPort() const
{
    return port(u"SMTP_INJECT_PORT"_s);
}

quint16 MailStack::lmtpPort() const
{
    return port(u"LMTP_PORT"_s);
}

QString MailStack::caFile() const
{
    return value(u"CA_FILE"_s);
}

QList<QSslCertificate> MailStack::caCertificates() const
{
    return QSslCertificate::fromPath(caFile(), QSsl::Pem);
}

QString MailStack::logDir() const
{
    return value(u"LOG_DIR"_s);
}

QString MailStack::mailRoot() const
{
    return value(u"MAIL_ROOT"_s);
}

QString MailStack::defaultUser() const
{
    return value(u"DEFAULT_USER"_s);
}

QString MailStack::defaultPassword() const
{
    return value(u"DEFAULT_PASSWORD"_s);
}

QString MailStack::addUser(const QString& name, const QString& password)
{
    QByteArray output;
    if (!runScript({u"adduser"_s, u"--dir"_s, m_dir, name, password}, &output))
        return {};
    return QString::fromUtf8(output).trimmed();
}

QString MailStack::addUniqueUser(const QString& prefix, const QString& password)
{
    static QAtomicInt counter;
    const QString local = u"%1-%2-%3-%4"_s.arg(prefix)
                              .arg(QCoreApplication::applicationPid())
                              .arg(counter.fetchAndAddRelaxed(1))
                              .arg(QRandomGenerator::global()->generate() % 100000);
    return addUser(local, password);
}

QString MailStack::unknownUser(const QString& prefix) const
{
    return u"%1-%2-%3@%4"_s.arg(prefix)
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate())
        .arg(domain());
}

QString MailStack::maildir(const QString& user)
{
    QByteArray output;
    if (!runScript({u"maildir"_s, u"--dir"_s, m_dir, user}, &output))
        return {};
    return QString::fromUtf8(output).trimmed();
}

bool MailStack::fixPermissions(const QString& user)
{
    QByteArray output;
    return runScript({u"fix-perms"_s, u"--dir"_s, m_dir, user}, &output);
}

bool MailStack::runScript(const QStringList& arguments, QByteArray* output)
{
    const QString sourceDir = qEnvironmentVariable("THREADLINE_SOURCE_DIR");
    if (sourceDir.isEmpty()) {
        m_error = u"THREADLINE_SOURCE_DIR is not set: cannot find tests/support/mailstack.py"_s;
        return false;
    }
    const QString script = QDir(sourceDir).filePath(u"tests/support/mailstack.py"_s);
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(pythonProgram(), QStringList{script} + arguments);
    if (!process.waitForFinished(scriptTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        m_error =
            u"mailstack.py %1 did not finish: %2"_s.arg(arguments.value(0), process.errorString());
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = u"mailstack.py %1 failed (exit %2): %3"_s.arg(
            arguments.value(0), QString::number(process.exitCode()),
            QString::fromUtf8(process.readAllStandardError()).trimmed());
        return false;
    }
    *output = process.readAllStandardOutput();
    return true;
}

} // namespace threadline::test
