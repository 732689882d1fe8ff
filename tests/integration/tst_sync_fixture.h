#pragma once

// Shared by the tst_sync_* integration tests: a fresh mailbox user filled by mailgen.py (with
// its manifest, the truth per message), a profile, one-pass syncs run on a SyncThread, and the
// comparison of `export --format json` with what the server holds.

#include "MailStack.h"
#include "TestImapClient.h"
#include "cli/CardsJsonImporter.h"
#include "cli/JsonExporter.h"
#include "store/Database.h"
#include "sync/SyncThread.h"
#include "sync/SyncWorker.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace synctest {

using namespace Qt::StringLiterals;
using namespace threadline;

inline constexpr int syncTimeoutMs = 120000;

inline QString sourceDir()
{
    return qEnvironmentVariable("THREADLINE_SOURCE_DIR");
}

// "(folder, uid)" as a sortable key.
inline QString locationKey(const QString& folder, qint64 uid)
{
    return u"%1/%2"_s.arg(folder).arg(uid, 8, 10, QChar(u'0'));
}

// A mailbox user whose Maildir mailgen.py filled.
struct Mailbox
{
    QString user;
    QString password;
    QString maildir;
    QString cardsPath;
    QJsonObject manifest;

    QJsonArray messages() const { return manifest[u"messages"_s].toArray(); }
    // (folder, uid) of every message a correct sync stores.
    QSet<QString> expectedLocations() const
    {
        QSet<QString> out;
        for (const QJsonValue& value : messages()) {
            const QJsonObject m = value.toObject();
            if (m[u"sync_expected"_s].toBool())
                out.insert(locationKey(m[u"folder"_s].toString(), m[u"uid"_s].toInteger()));
        }
        return out;
    }
    QSet<QString> expectedSkipped() const
    {
        QSet<QString> out;
        for (const QJsonValue& value : messages()) {
            const QJsonObject m = value.toObject();
            if (!m[u"sync_expected"_s].toBool() && m[u"folder"_s].toString() != u"Projects"_s)
                out.insert(locationKey(m[u"folder"_s].toString(), m[u"uid"_s].toInteger()));
        }
        return out;
    }
};

// The outcome of one SyncWorker run.
struct RunResult
{
    sync::SyncSummary summary;
    net::UserError error;
    QList<sync::SyncState> states;
    bool finished = false;
};

class SyncFixture
{
public:
    test::MailStack& stack() { return m_stack; }

    // A fresh user with `count` mailgen messages (count >= 52 holds every special case).
    Mailbox makeMailbox(const QString& prefix, int count, const QString& seed = u"sync"_s,
                        const QStringList& extraArguments = {})
    {
        Mailbox box;
        box.password = u"sync-pässword"_s;
        box.user = m_stack.addUniqueUser(prefix, box.password);
        if (box.user.isEmpty()) {
            qWarning("adduser failed: %s", qPrintable(m_stack.errorString()));
            return {};
        }
        box.maildir = m_stack.maildir(box.user);
        const QString manifestPath = m_work.filePath(box.user + u".manifest.json"_s);
        box.cardsPath = m_work.filePath(box.user + u".cards.json"_s);
        if (count > 0) {
            QProcess mailgen;
            mailgen.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            mailgen.start(u"/usr/bin/python3"_s,
                          QStringList{QDir(sourceDir()).filePath(u"tests/support/mailgen.py"_s),
                                      u"--seed"_s, seed, u"--count"_s, QString::number(count),
                                      u"--user"_s, box.user, u"--maildir"_s, box.maildir,
                                      u"--cards"_s, box.cardsPath, u"--manifest"_s, manifestPath,
                                      u"--quiet"_s} +
                              extraArguments);
            if (!mailgen.waitForFinished(300000) || mailgen.exitCode() != 0) {
                qWarning("mailgen.py failed");
                return {};
            }
            QFile manifest(manifestPath);
            if (!manifest.open(QIODevice::ReadOnly))
                return {};
            box.manifest = QJsonDocument::fromJson(manifest.readAll()).object();
        }
        if (!m_stack.fixPermissions(box.user)) {
            qWarning("fix-perms failed: %s", qPrintable(m_stack.errorString()));
            return {};
        }
        return box;
    }

    QString newProfile()
    {
        const QString dir = m_work.filePath(u"profile-%1"_s.arg(++m_profiles));
        QDir().mkpath(dir);
        return dir;
    }
    static QString databasePath(const QString& profile)
    {
        return QDir(profile).filePath(u"threadline.sqlite"_s);
    }

    bool importCards(const QString& profile, const Mailbox& box)
    {
        store::Database db(databasePath(profile));
        if (db.open())
            return false;
        QFile cards(box.cardsPath);
        if (!cards.open(QIODevice::ReadOnly))
            return false;
        return bool(cli::CardsJsonImporter(db.connection()).import(cards.readAll()));
    }

    sync::SyncOptions options(const Mailbox& box, const QString& profile, bool once = true)
    {
        sync::SyncOptions o;
        o.account.email = box.user;
        o.account.displayName = u"Sam Seller"_s;
        o.account.imap = {m_stack.host(), m_stack.imapsPort(), account::Security::Tls, box.user};
        o.account.smtp = {m_stack.host(), m_stack.submissionsPort(), account::Security::Tls,
                          box.user};
        o.account.caFile = m_stack.caFile();
        o.databasePath = databasePath(profile);
        o.credentials = imap::Credentials::password(box.user, box.password);
        o.once = once;
        o.connectTimeout = std::chrono::seconds(20);
        o.responseTimeout = std::chrono::seconds(30);
        return o;
    }

    // One pass in `once` mode, waited for.
    RunResult runOnce(const sync::SyncOptions& options)
    {
        RunResult result;
        sync::SyncThread thread(options);
        QObject context;
        QObject::connect(thread.worker(), &sync::SyncWorker::stateChanged, &context,
                         [&result](sync::SyncState state) { result.states.append(state); });
        QObject::connect(thread.worker(), &sync::SyncWorker::finished, &context,
                         [&result](const sync::SyncSummary& summary, const net::UserError& error) {
                             result.summary = summary;
                             result.error = error;
                             result.finished = true;
                         });
        thread.start();
        if (!QTest::qWaitFor([&result] { return result.finished; }, syncTimeoutMs))
            qWarning("the sync did not finish within %d ms", syncTimeoutMs);
        thread.shutdown();
        return result;
    }

    static QJsonObject exportProfile(const QString& profile)
    {
        store::Database db(databasePath(profile));
        if (db.open())
            return {};
        const auto exported = cli::JsonExporter(db.connection()).exportAll();
        return exported ? exported.value() : QJsonObject();
    }

    static QSet<QString> exportedLocations(const QJsonObject& exported)
    {
        QSet<QString> out;
        for (const QJsonValue& value : exported[u"locations"_s].toArray()) {
            const QJsonObject l = value.toObject();
            out.insert(locationKey(l[u"folder"_s].toString(), l[u"uid"_s].toInteger()));
        }
        return out;
    }
    static QSet<QString> exportedSkipped(const QJsonObject& exported)
    {
        QSet<QString> out;
        for (const QJsonValue& value : exported[u"skipped"_s].toArray()) {
            const QJsonObject s = value.toObject();
            out.insert(locationKey(s[u"folder"_s].toString(), s[u"uid"_s].toInteger()));
        }
        return out;
    }

    // The (folder, uid) set the server holds now in INBOX and Sent.
    QSet<QString> serverLocations(const Mailbox& box)
    {
        QSet<QString> out;
        test::TestImapClient client(m_stack);
        if (!client.connectToServer(test::TestImapClient::Security::ImplicitTls) ||
            !client.login(box.user, box.password))
            return out;
        for (const QString& folder : {u"INBOX"_s, u"Sent"_s}) {
            client.select(folder);
            for (qint64 uid : client.uidSearch("ALL"))
                out.insert(locationKey(folder, uid));
        }
        client.logout();
        return out;
    }

    // The checks every run must pass: each (folder, uid) stored or skipped exactly once, the
    // union equal to the server's INBOX and Sent, no message stored twice, no orphan.
    static QString consistencyProblem(const QJsonObject& exported, const QSet<QString>& server)
    {
        const QSet<QString> stored = exportedLocations(exported);
        const QSet<QString> skipped = exportedSkipped(exported);
        if (exported[u"locations"_s].toArray().size() != stored.size())
            return u"a location is listed twice"_s;
        if (!(stored & skipped).isEmpty())
            return u"a UID is both stored and skipped"_s;
        if ((stored | skipped) != server) {
            QStringList missing = (server - (stored | skipped)).values();
            QStringList extra = ((stored | skipped) - server).values();
            missing.sort();
            extra.sort();
            return u"server and export differ: missing %1, extra %2"_s.arg(
                missing.mid(0, 10).join(u' '), extra.mid(0, 10).join(u' '));
        }
        QSet<QString> keys;
        QSet<qint64> ids;
        for (const QJsonValue& value : exported[u"messages"_s].toArray()) {
            const QJsonObject m = value.toObject();
            const QString id = m[u"message_id"_s].toString();
            if (!id.isEmpty() && keys.contains(id))
                return u"message %1 stored twice"_s.arg(id);
            keys.insert(id);
            ids.insert(m[u"id"_s].toInteger());
            if (m[u"thread_id"_s].toInteger() <= 0)
                return u"message %1 has no thread"_s.arg(id);
        }
        QSet<qint64> located;
        for (const QJsonValue& value : exported[u"locations"_s].toArray())
            located.insert(value.toObject()[u"message_id"_s].toInteger());
        if (located != ids)
            return u"%1 messages without a location, %2 locations without a message"_s
                .arg((ids - located).size())
                .arg((located - ids).size());
        return {};
    }

    test::TestImapClient* imap(const Mailbox& box)
    {
        auto* client = new test::TestImapClient(m_stack);
        m_clients.emplace_back(client);
        if (!client->connectToServer(test::TestImapClient::Security::ImplicitTls) ||
            !client->login(box.user, box.password))
            qWarning("test IMAP client: %s", qPrintable(client->errorString()));
        return client;
    }

private:
    test::MailStack m_stack;
    QTemporaryDir m_work;
    int m_profiles = 0;
    std::vector<std::unique_ptr<test::TestImapClient>> m_clients;
};

// A plain message for APPEND and SMTP injection.
inline QByteArray plainMessage(const QString& messageId, const QString& from, const QString& to,
                               const QString& subject, const QStringList& references = {})
{
    QByteArray out =
        "From: " + from.toUtf8() + "\r\nTo: " + to.toUtf8() + "\r\nSubject: " + subject.toUtf8() +
        "\r\nMessage-ID: <" + messageId.toUtf8() +
        ">\r\nDate: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toUtf8() + "\r\n";
    if (!references.isEmpty()) {
        QByteArray refs;
        for (const QString& id : references)
            refs += (refs.isEmpty() ? "<" : " <") + id.toUtf8() + '>';
        out += "In-Reply-To: <" + references.last().toUtf8() + ">\r\nReferences: " + refs + "\r\n";
    }
    out += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\n"
           "this is " +
           subject.toUtf8() + ".\r\n";
    return out;
}

} // namespace synctest
