// The headless commands as users and scripts run them, through the real binary: account add
// (sign-in checked, password to the keychain and never to the profile; wrong password and
// untrusted certificate store nothing; one account per profile), sync --once with its progress
// and summary, export --format json equal to the server's message set, and a `kill -9` in the
// middle of a sync that the next run completes without a duplicate or a half-stored message.

#include "MailStackTestMain.h"
#include "ProcessRun.h"
#include "account/AccountSettings.h"
#include "account/SecretStore.h"
#include "tst_sync_fixture.h"

#include <QRegularExpression>
#include <csignal>
#include <sys/types.h>

using namespace synctest;

using Run = test::ProcessRun;

class TestSyncCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void accountAdd_data();
    void accountAdd();
    void secondAccountRefused();
    void syncOnceAndExport();
    void killedMidSync();

private:
    Run threadline(const QStringList& arguments, const QByteArray& input = {});
    static QString keyOf(const QString& user)
    {
        account::AccountSettings settings;
        settings.email = user;
        return settings.keychainKey();
    }
    QStringList accountArguments(const QString& profile, const QString& user) const;
    QString keychainSecret(const QString& user);
    QJsonObject cliExport(const QString& profile);

    SyncFixture m_fixture;
    QTemporaryDir m_dir;
};

void TestSyncCli::initTestCase()
{
    QVERIFY2(m_fixture.stack().isValid(), qPrintable(m_fixture.stack().errorString()));
    QVERIFY(QFile::exists(QStringLiteral(THREADLINE_BINARY)));
}

Run TestSyncCli::threadline(const QStringList& arguments, const QByteArray& input)
{
    return test::runProcess(QStringLiteral(THREADLINE_BINARY), arguments, syncTimeoutMs, input);
}

QStringList TestSyncCli::accountArguments(const QString& profile, const QString& user) const
{
    test::MailStack& stack = const_cast<SyncFixture&>(m_fixture).stack();
    return {u"account"_s,         u"add"_s,
            u"--profile"_s,       profile,
            u"--email"_s,         user,
            u"--name"_s,          u"Sam Seller"_s,
            u"--imap-host"_s,     stack.host(),
            u"--imap-port"_s,     QString::number(stack.imapsPort()),
            u"--imap-security"_s, u"tls"_s,
            u"--smtp-host"_s,     stack.host(),
            u"--smtp-port"_s,     QString::number(stack.submissionStartTlsPort()),
            u"--smtp-security"_s, u"starttls"_s,
            u"--password-stdin"_s};
}

QString TestSyncCli::keychainSecret(const QString& user)
{
    account::SecretStore secrets;
    QSignalSpy read(&secrets, &account::SecretStore::secretRead);
    secrets.readSecret(keyOf(user));
    if (!read.wait(10000))
        return u"(no answer)"_s;
    const auto result = read.first().first().value<account::SecretStore::Result>();
    return result.ok ? result.secret : QString();
}

QJsonObject TestSyncCli::cliExport(const QString& profile)
{
    const Run run = threadline({u"export"_s, u"--format"_s, u"json"_s, u"--profile"_s, profile});
    if (run.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

void TestSyncCli::accountAdd_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("withCaFile");
    QTest::addColumn<bool>("starttls");
    QTest::addColumn<int>("errorCode"); // 0: success
    QTest::newRow("implicit TLS") << u"right"_s << true << false << 0;
    QTest::newRow("STARTTLS") << u"right"_s << true << true << 0;
    QTest::newRow("wrong password") << u"wrong"_s << true << false << 301;
    QTest::newRow("untrusted certificate") << u"right"_s << false << false << 203;
}

void TestSyncCli::accountAdd()
{
    QFETCH(QString, password);
    QFETCH(bool, withCaFile);
    QFETCH(bool, starttls);
    QFETCH(int, errorCode);
    const QString right = u"cli-pässword"_s;
    const QString user = m_fixture.stack().addUniqueUser(u"cli-account"_s, right);
    QVERIFY(!user.isEmpty());
    const QString profile =
        m_dir.filePath(u"account-"_s + QString::fromLatin1(QTest::currentDataTag()));
    QStringList arguments = accountArguments(profile, user);
    if (starttls) {
        arguments[arguments.indexOf(u"--imap-port"_s) + 1] =
            QString::number(m_fixture.stack().imapStartTlsPort());
        arguments[arguments.indexOf(u"--imap-security"_s) + 1] = u"starttls"_s;
    }
    if (withCaFile)
        arguments << u"--ca-file"_s << m_fixture.stack().caFile();
    const QString typed = password == u"right"_s ? right : u"not-it"_s;
    const Run run = threadline(arguments, typed.toUtf8() + '\n');

    const QString settingsPath = QDir(profile).filePath(u"settings.ini"_s);
    if (errorCode == 0) {
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto saved = account::AccountSettings::load(settingsPath);
        QVERIFY(saved);
        QCOMPARE(saved->email, user);
        QCOMPARE(saved->imap.security,
                 starttls ? account::Security::StartTls : account::Security::Tls);
        QCOMPARE(saved->smtp.port, m_fixture.stack().submissionStartTlsPort());
        QCOMPARE(keychainSecret(user), right);
        // The password is in the keychain only, never in the profile.
        QFile settings(settingsPath);
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(!settings.readAll().contains(right.toUtf8()));
    } else {
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Error %1"_s.arg(errorCode)), qPrintable(run.err));
        QVERIFY2(!QFile::exists(settingsPath), "nothing stored");
        QCOMPARE(keychainSecret(user), QString());
    }
}

void TestSyncCli::secondAccountRefused()
{
    const QString password = u"first"_s;
    const QString first = m_fixture.stack().addUniqueUser(u"cli-first"_s, password);
    const QString second = m_fixture.stack().addUniqueUser(u"cli-second"_s, password);
    const QString profile = m_dir.filePath(u"one-account"_s);
    QStringList arguments = accountArguments(profile, first)
                            << u"--ca-file"_s << m_fixture.stack().caFile();
    QCOMPARE(threadline(arguments, "first\n").exitCode, 0);
    // The same account again is an update; another address is refused.
    QCOMPARE(threadline(arguments, "first\n").exitCode, 0);
    arguments = accountArguments(profile, second) << u"--ca-file"_s << m_fixture.stack().caFile();
    const Run refused = threadline(arguments, "first\n");
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(first), qPrintable(refused.err));
    QCOMPARE(account::AccountSettings::load(QDir(profile).filePath(u"settings.ini"_s))->email,
             first);
    QCOMPARE(keychainSecret(second), QString());
}

void TestSyncCli::syncOnceAndExport()
{
    const Mailbox box = m_fixture.makeMailbox(u"cli-sync"_s, 120, u"cli"_s);
    QVERIFY(!box.user.isEmpty());
    const QString profile = m_dir.filePath(u"sync"_s);
    QStringList arguments = accountArguments(profile, box.user)
                            << u"--ca-file"_s << m_fixture.stack().caFile();
    QCOMPARE(threadline(arguments, box.password.toUtf8()).exitCode, 0);
    QCOMPARE(threadline({u"import"_s, box.cardsPath, u"--profile"_s, profile}).exitCode, 0);

    const Run run = threadline({u"sync"_s, u"--once"_s, u"--profile"_s, profile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"INBOX: "_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"too-many-recipients: 2"_s), qPrintable(run.out));
    const QJsonObject exported = cliExport(profile);
    QCOMPARE(SyncFixture::exportedLocations(exported), box.expectedLocations());
    QCOMPARE(SyncFixture::exportedSkipped(exported), box.expectedSkipped());
    const QString problem =
        SyncFixture::consistencyProblem(exported, m_fixture.serverLocations(box));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!exported[u"links"_s].toArray().isEmpty());

    // A wrong password in the keychain: the numbered error, a non-zero exit.
    account::SecretStore secrets;
    QSignalSpy written(&secrets, &account::SecretStore::secretWritten);
    secrets.writeSecret(keyOf(box.user), u"changed"_s);
    QVERIFY(written.wait(10000));
    const Run refused = threadline({u"sync"_s, u"--once"_s, u"--profile"_s, profile});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"Error 301"_s), qPrintable(refused.err));
    QCOMPARE(cliExport(profile), exported);
}

void TestSyncCli::killedMidSync()
{
    // Large enough that a batch takes a small part of it: the sync is fast, and it is killed
    // from outside, between polls of its output.
    const Mailbox box = m_fixture.makeMailbox(u"cli-kill"_s, 10000, u"kill"_s);
    QVERIFY(!box.user.isEmpty());
    const QString profile = m_dir.filePath(u"killed"_s);
    QStringList arguments = accountArguments(profile, box.user)
                            << u"--ca-file"_s << m_fixture.stack().caFile();
    QCOMPARE(threadline(arguments, box.password.toUtf8()).exitCode, 0);

    // Killed as soon as a batch is committed, and again in a second run.
    static const QRegularExpression progress(u"^(INBOX|Sent): ([0-9]+)/([0-9]+)$"_s,
                                             QRegularExpression::MultilineOption);
    int kills = 0;
    for (int committedBatches : {1, 1}) {
        QProcess process;
        process.start(QStringLiteral(THREADLINE_BINARY),
                      {u"sync"_s, u"--once"_s, u"--profile"_s, profile});
        QVERIFY(process.waitForStarted());
        QString out;
        int seen = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                out += QString::fromUtf8(process.readAllStandardOutput());
                seen = 0;
                for (auto it = progress.globalMatch(out); it.hasNext();) {
                    if (it.next().captured(2).toInt() > 0)
                        ++seen;
                }
                return seen >= committedBatches || process.state() == QProcess::NotRunning;
            }(),
            syncTimeoutMs);
        if (process.state() == QProcess::Running) {
            ::kill(pid_t(process.processId()), SIGKILL);
            ++kills;
        }
        QVERIFY(process.waitForFinished(10000));
    }
    QVERIFY2(kills >= 1, "the sync finished before it could be killed");
    const QJsonObject partial = cliExport(profile);
    QVERIFY(SyncFixture::exportedLocations(partial).size() < box.expectedLocations().size());

    const Run run = threadline({u"sync"_s, u"--once"_s, u"--profile"_s, profile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject exported = cliExport(profile);
    QCOMPARE(SyncFixture::exportedLocations(exported), box.expectedLocations());
    QCOMPARE(SyncFixture::exportedSkipped(exported), box.expectedSkipped());
    QCOMPARE(exported[u"messages"_s].toArray().size(),
             box.manifest[u"counts"_s].toObject()[u"sync_expected_unique_message_ids"_s].toInt());
    const QString problem =
        SyncFixture::consistencyProblem(exported, m_fixture.serverLocations(box));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Every message whole: its text is there (none was stored from headers alone).
    for (const QJsonValue& value : exported[u"threads"_s].toArray())
        QVERIFY(value.toObject()[u"message_count"_s].toInt() > 0);
}

THREADLINE_MAILSTACK_TEST_MAIN(TestSyncCli)
#include "tst_sync_cli.moc"
