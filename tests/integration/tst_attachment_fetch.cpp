// Attachments fetched when the user opens one, against the stack's Dovecot: each part of a
// message (base64 binary, quoted-printable text, a plain part and a binary one inside a nested
// multipart, a forwarded message, the only part of a single-part message) is synced, then
// fetched by an AttachmentFetcher on its own thread and compared byte for byte; the cache
// answers a second request with the server unreachable; one connection serves a run of
// requests and is signed out when idle; an expunged message, a folder reset (UIDVALIDITY),
// parts the server lacks, a message with no location and a missing secret give clear errors;
// a shutdown mid-fetch leaves no partial file; and the real ThreadView opens the fetched file.

#include "CutProxy.h"
#include "MailStackTestMain.h"
#include "MainWindow.h"
#include "SyncController.h"
#include "account/SecretStore.h"
#include "card/CardView.h"
#include "card/ThreadView.h"
#include "net/ErrorCatalog.h"
#include "store/Profile.h"
#include "sync/AttachmentCache.h"
#include "sync/AttachmentFetcher.h"
#include "sync/AttachmentThread.h"
#include "tst_sync_fixture.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QLabel>
#include <QSqlQuery>
#include <QTreeWidget>

using namespace synctest;

namespace {

constexpr int fetchTimeoutMs = 30000;

// Bytes no text codec could get right by accident: every byte value, then noise.
QByteArray binary(QByteArray head, int size, quint32 seed)
{
    QByteArray out = std::move(head);
    for (int i = 0; i < 256; ++i)
        out.append(char(i));
    quint32 x = seed;
    while (out.size() < size) {
        x = x * 1664525u + 1013904223u;
        out.append(char(x >> 24));
    }
    return out;
}

// RFC 2045 §6.8: lines of at most 76 characters.
QByteArray base64Lines(const QByteArray& data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        out += encoded.mid(i, 76) + "\r\n";
    return out;
}

QByteArray headers(const QString& from, const QString& to, const QString& subject,
                   const QString& messageId)
{
    return "From: " + from.toUtf8() + "\r\nTo: " + to.toUtf8() +
           "\r\nSubject: " + subject.toUtf8() + "\r\nMessage-ID: <" + messageId.toUtf8() +
           ">\r\nDate: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toUtf8() +
           "\r\nMIME-Version: 1.0\r\n";
}

// A message with one base64 attachment at part 2.
QByteArray simpleMessage(const QString& from, const QString& to, const QString& messageId,
                         const QString& fileName, const QByteArray& data)
{
    return headers(from, to, u"File "_s + fileName, messageId) +
           "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
           "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n"
           "--b\r\nContent-Type: application/octet-stream\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "Content-Disposition: attachment; filename=\"" +
           fileName.toUtf8() + "\"\r\n\r\n" + base64Lines(data) + "--b--\r\n";
}

// What a fetch came back with.
struct Outcome
{
    bool done = false;
    bool ok = false;
    QString path;
    net::UserError error;
};

// Connections opened and closed, as the test thread sees them (queued: the fetcher runs in
// its own thread, so no QSignalSpy).
struct ConnectionLog
{
    int opened = 0;
    int closed = 0;

    void attach(sync::AttachmentFetcher* fetcher, QObject* context)
    {
        QObject::connect(fetcher, &sync::AttachmentFetcher::connectionChanged, context,
                         [this](bool connected) { ++(connected ? opened : closed); });
    }
};

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestAttachmentFetch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listedAsSynced();
    void fetchesEachPart_data();
    void fetchesEachPart();
    void oneConnectionForARun();
    void secondRequestFromCache();
    void saveAs();
    void problems_data();
    void problems();
    void expungedOnServer();
    void uidValidityChanged();
    void idleConnectionClosed();
    void cutMidDownload();
    void secretMissing_data();
    void secretMissing();
    void shutdownMidFetch();
    void threadViewOpensFetchedFile();
    void windowOpensAttachment();

private:
    struct Expected
    {
        QString fileName; // as the cache names it
        QByteArray bytes;
    };

    sync::AttachmentOptions options(const QString& cacheDirectory);
    Outcome fetch(sync::AttachmentThread& thread, qint64 messageId, const QString& part,
                  const QString& saveTo = {});
    qint64 messageId(const QString& key) const;
    QString newCache();

    SyncFixture m_fixture;
    Mailbox m_box;
    QString m_profile;
    test::TestImapClient* m_imap = nullptr;
    std::unique_ptr<store::Database> m_db;
    QHash<QString, QString> m_messageIds; // test key → Message-ID
    QHash<QString, Expected> m_expected;  // "key/part" → what the file must hold
    QString m_cache;                      // the cache most tests share
    std::unique_ptr<sync::AttachmentThread> m_thread;
    int m_caches = 0;
    quint64 m_lastRequest = 0;
};

void TestAttachmentFetch::initTestCase()
{
    QVERIFY2(m_fixture.stack().isValid(), qPrintable(m_fixture.stack().errorString()));
    m_box = m_fixture.makeMailbox(u"attach"_s, 0);
    QVERIFY(!m_box.user.isEmpty());
    m_profile = m_fixture.newProfile();
    m_imap = m_fixture.imap(m_box);
    const QString pid = QString::number(QCoreApplication::applicationPid());
    for (const QString& key : {u"docs"_s, u"single"_s, u"sent"_s, u"gone"_s, u"orphan"_s})
        m_messageIds.insert(key, key + u'-' + pid + u"@customer.test"_s);
    const QString customer = u"Ann Buyer <ann@customer.test>"_s;

    // The main message: parts 2.1 and 2.2 inside a nested multipart, 3 to 5 at the top.
    const QByteArray pdf = binary("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 40000, 7);
    const QByteArray png = binary("\x89PNG\r\n\x1a\n", 3000, 11);
    const QByteArray csv = "sku,price\r\nA-1,10\r\nB-2,12.50";
    // RFC 2045 §6.7: =XX escapes, a soft line break, an encoded trailing space.
    const QByteArray quotedPrintable = "Caf=C3=A9 au lait =3D 2,50 =E2=82=AC\r\n"
                                       "A long line that is soft-wrapped he=\r\n"
                                       "re and continues.\r\n"
                                       "Trailing space kept:=20\r\n"
                                       "Last line";
    const QByteArray text = "Café au lait = 2,50 €\r\n"
                            "A long line that is soft-wrapped here and continues.\r\n"
                            "Trailing space kept: \r\n"
                            "Last line";
    const QByteArray forwarded = "From: Old Sender <old@customer.test>\r\n"
                                 "To: ann@customer.test\r\n"
                                 "Subject: Old quote\r\n"
                                 "Date: Mon, 4 Mar 2024 10:00:00 +0000\r\n\r\n"
                                 "The old quote.\r\nSecond line.";
    const QByteArray docs =
        headers(customer, m_box.user, u"Contract documents"_s, m_messageIds[u"docs"_s]) +
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
        "This is a multi-part message.\r\n"
        "--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Please find the documents attached.\r\n"
        "--outer\r\nContent-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n"
        "--inner\r\nContent-Type: image/png; name=\"diagram.png\"\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Disposition: attachment; filename=\"diagram.png\"\r\n\r\n" +
        base64Lines(png) +
        "--inner\r\nContent-Type: text/csv; charset=utf-8; name=\"prices.csv\"\r\n"
        "Content-Disposition: attachment; filename=\"prices.csv\"\r\n\r\n" +
        csv +
        "\r\n--inner--\r\n"
        "--outer\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Disposition: attachment; filename=\"report.pdf\"\r\n\r\n" +
        base64Lines(pdf) +
        "--outer\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Disposition: attachment; filename*=utf-8''caf%C3%A9%20notes.txt\r\n\r\n" +
        quotedPrintable +
        "\r\n--outer\r\nContent-Type: message/rfc822\r\n"
        "Content-Disposition: attachment\r\n\r\n" +
        forwarded + "\r\n--outer--\r\n";
    m_expected.insert(u"docs/2.1"_s, {u"diagram.png"_s, png});
    m_expected.insert(u"docs/2.2"_s, {u"prices.csv"_s, csv});
    m_expected.insert(u"docs/3"_s, {u"report.pdf"_s, pdf});
    m_expected.insert(u"docs/4"_s, {u"café notes.txt"_s, text});
    m_expected.insert(u"docs/5"_s, {u"Old quote.eml"_s, forwarded});

    // A single-part message whose body is the attachment (part 1); its name hides its
    // extension behind a right-to-left override (U+202E), which the cache drops.
    const QByteArray single = binary("MZ", 5000, 13);
    const QByteArray singleMessage =
        headers(customer, m_box.user, u"Invoice"_s, m_messageIds[u"single"_s]) +
        "Content-Type: application/octet-stream\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEfdp.exe\r\n\r\n" +
        base64Lines(single);
    m_expected.insert(u"single/1"_s, {u"invoicefdp.exe"_s, single});

    const QByteArray sent = binary("SENT", 2000, 17);
    const QByteArray gone = binary("GONE", 2000, 19);
    const QByteArray orphan = binary("ORPH", 2000, 23);
    m_expected.insert(u"sent/2"_s, {u"sent.bin"_s, sent});
    m_expected.insert(u"gone/2"_s, {u"gone.bin"_s, gone});
    m_expected.insert(u"orphan/2"_s, {u"orphan.bin"_s, orphan});

    const auto append = [this](const QString& folder, const QByteArray& message) {
        return m_imap
            ->command("APPEND " + folder.toUtf8() + " {" + QByteArray::number(message.size()) +
                      "+}\r\n" + message)
            .ok();
    };
    QVERIFY(append(u"INBOX"_s, docs));
    QVERIFY(append(u"INBOX"_s, singleMessage));
    QVERIFY(append(u"Sent"_s, simpleMessage(m_box.user, customer, m_messageIds[u"sent"_s],
                                            u"sent.bin"_s, sent)));
    QVERIFY(append(u"INBOX"_s, simpleMessage(customer, m_box.user, m_messageIds[u"gone"_s],
                                             u"gone.bin"_s, gone)));
    QVERIFY(append(u"INBOX"_s, simpleMessage(customer, m_box.user, m_messageIds[u"orphan"_s],
                                             u"orphan.bin"_s, orphan)));

    const RunResult run = m_fixture.runOnce(m_fixture.options(m_box, m_profile));
    QVERIFY2(!run.error.isError(), qPrintable(run.error.detail));
    QCOMPARE(run.summary.stored, 5);

    m_db = std::make_unique<store::Database>(SyncFixture::databasePath(m_profile));
    QVERIFY(!m_db->open());
    m_cache = newCache();
    m_thread = std::make_unique<sync::AttachmentThread>(options(m_cache));
}

sync::AttachmentOptions TestAttachmentFetch::options(const QString& cacheDirectory)
{
    return sync::AttachmentOptions::fromSync(m_fixture.options(m_box, m_profile), cacheDirectory);
}

QString TestAttachmentFetch::newCache()
{
    return sync::AttachmentCache::directoryFor(m_profile) + u"-%1"_s.arg(++m_caches);
}

qint64 TestAttachmentFetch::messageId(const QString& key) const
{
    QSqlQuery query(m_db->connection());
    query.prepare(u"SELECT id FROM messages WHERE message_id = ?"_s);
    query.addBindValue(m_messageIds.value(key));
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

Outcome TestAttachmentFetch::fetch(sync::AttachmentThread& thread, qint64 messageId,
                                   const QString& part, const QString& saveTo)
{
    const quint64 id = ++m_lastRequest;
    Outcome outcome;
    QObject context;
    connect(thread.fetcher(), &sync::AttachmentFetcher::finished, &context,
            [&outcome, id](quint64 requestId, const QString& path) {
                if (requestId != id)
                    return;
                outcome.done = outcome.ok = true;
                outcome.path = path;
            });
    connect(thread.fetcher(), &sync::AttachmentFetcher::failed, &context,
            [&outcome, id](quint64 requestId, const net::UserError& error) {
                if (requestId != id)
                    return;
                outcome.done = true;
                outcome.error = error;
            });
    thread.request({id, messageId, part, saveTo});
    if (!QTest::qWaitFor([&outcome] { return outcome.done; }, fetchTimeoutMs))
        qWarning("request %llu was not answered", id);
    return outcome;
}

void TestAttachmentFetch::listedAsSynced()
{
    // The sync lists the parts (and fetches none of them): the parts this test asks for.
    QSqlQuery query(m_db->connection());
    query.prepare(u"SELECT part, filename FROM attachments WHERE message_id = ? ORDER BY part"_s);
    query.addBindValue(messageId(u"docs"_s));
    QVERIFY(query.exec());
    QStringList listed;
    while (query.next())
        listed << query.value(0).toString() + u' ' + query.value(1).toString();
    QCOMPARE(listed, (QStringList{u"2.1 diagram.png"_s, u"2.2 prices.csv"_s, u"3 report.pdf"_s,
                                  u"4 café notes.txt"_s, u"5 Old quote.eml"_s}));
}

void TestAttachmentFetch::fetchesEachPart_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("part");
    QTest::newRow("base64 PDF") << u"docs"_s << u"3"_s;
    QTest::newRow("quoted-printable text, RFC 2231 name") << u"docs"_s << u"4"_s;
    QTest::newRow("nested multipart, base64 image") << u"docs"_s << u"2.1"_s;
    QTest::newRow("nested multipart, 7bit text") << u"docs"_s << u"2.2"_s;
    QTest::newRow("forwarded message") << u"docs"_s << u"5"_s;
    QTest::newRow("single-part message, disguised name") << u"single"_s << u"1"_s;
    QTest::newRow("in Sent") << u"sent"_s << u"2"_s;
}

void TestAttachmentFetch::fetchesEachPart()
{
    QFETCH(QString, key);
    QFETCH(QString, part);
    const Expected expected = m_expected.value(key + u'/' + part);
    const Outcome outcome = fetch(*m_thread, messageId(key), part);
    QVERIFY2(outcome.ok, qPrintable(net::ErrorCatalog::describe(outcome.error)));
    QCOMPARE(QFileInfo(outcome.path).fileName(), expected.fileName);
    QVERIFY(outcome.path.startsWith(m_cache + u'/'));
    QCOMPARE(readFile(outcome.path), expected.bytes);
    // As private as the mail: the file 0600, its folders 0700.
    const QFile::Permissions group = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup;
    const QFile::Permissions other = QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    const QFile::Permissions mode = QFile::permissions(outcome.path);
    QCOMPARE(mode & (group | other | QFile::ExeOwner), QFile::Permissions());
    QVERIFY(mode.testFlags(QFile::ReadOwner | QFile::WriteOwner));
    for (QString folder = QFileInfo(outcome.path).path(); folder.startsWith(m_cache);
         folder = QFileInfo(folder).path()) {
        QCOMPARE(QFile::permissions(folder) & (group | other), QFile::Permissions());
    }
}

void TestAttachmentFetch::oneConnectionForARun()
{
    sync::AttachmentThread thread(options(newCache()));
    QObject context;
    ConnectionLog log;
    log.attach(thread.fetcher(), &context);
    for (const QString& part : {u"3"_s, u"4"_s, u"2.1"_s}) {
        const Outcome outcome = fetch(thread, messageId(u"docs"_s), part);
        QVERIFY2(outcome.ok, qPrintable(net::ErrorCatalog::describe(outcome.error)));
        QCOMPARE(readFile(outcome.path), m_expected.value(u"docs/"_s + part).bytes);
    }
    QCOMPARE(log.opened, 1);
    QCOMPARE(log.closed, 0);
}

void TestAttachmentFetch::secondRequestFromCache()
{
    // The cache filled by fetchesEachPart, and a server that cannot be reached: a request
    // that went to the network would fail.
    QFile::remove(fetch(*m_thread, messageId(u"docs"_s), u"2.2"_s).path);
    sync::AttachmentOptions unreachable = options(m_cache);
    unreachable.account.imap.port = 1; // nothing listens: connection refused
    sync::AttachmentThread thread(unreachable);
    QObject context;
    ConnectionLog log;
    log.attach(thread.fetcher(), &context);

    const Outcome cached = fetch(thread, messageId(u"docs"_s), u"3"_s);
    QVERIFY2(cached.ok, qPrintable(net::ErrorCatalog::describe(cached.error)));
    QCOMPARE(readFile(cached.path), m_expected.value(u"docs/3"_s).bytes);
    const Outcome removed = fetch(thread, messageId(u"docs"_s), u"2.2"_s);
    QVERIFY(removed.done && !removed.ok);
    QCOMPARE(removed.error.code, net::ErrorCode::HostUnreachable);
    QCOMPARE(log.opened, 0);
}

void TestAttachmentFetch::saveAs()
{
    QTemporaryDir chosen;
    const QString target = chosen.filePath(u"Signed contract.pdf"_s);
    {
        QFile old(target); // the dialog asked before overwriting
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an older file, longer than nothing");
    }
    const Outcome outcome = fetch(*m_thread, messageId(u"docs"_s), u"3"_s, target);
    QVERIFY2(outcome.ok, qPrintable(net::ErrorCatalog::describe(outcome.error)));
    QCOMPARE(outcome.path, target);
    QCOMPARE(readFile(target), m_expected.value(u"docs/3"_s).bytes);
    QCOMPARE(QDir(chosen.path()).entryList(QDir::Files), QStringList{u"Signed contract.pdf"_s});
}

void TestAttachmentFetch::problems_data()
{
    QTest::addColumn<QString>("key"); // empty: a message id never stored
    QTest::addColumn<QString>("part");
    QTest::addColumn<QString>("setup"); // SQL run first
    QTest::addColumn<net::ErrorCode>("code");
    QTest::addColumn<QString>("detail");
    QTest::newRow("message not stored")
        << QString() << u"2"_s << QString() << net::ErrorCode::MessageNotOnServer
        << u"no longer stored"_s;
    QTest::newRow("part not listed")
        << u"docs"_s << u"9"_s << QString() << net::ErrorCode::AttachmentMissing << u"part 9"_s;
    // The store says there is a part 7; Dovecot answers it with empty data.
    QTest::newRow("listed part the server lacks")
        << u"docs"_s << u"7"_s
        << u"INSERT INTO attachments (message_id, part, filename, mime_type, size) "
           "VALUES (:id, '7', 'ghost.bin', 'application/octet-stream', 10)"_s
        << net::ErrorCode::AttachmentMissing << u"has no part 7"_s;
    QTest::newRow("no folder holds it any more")
        << u"orphan"_s << u"2"_s << u"DELETE FROM message_locations WHERE message_id = :id"_s
        << net::ErrorCode::MessageNotOnServer << u"no synced folder"_s;
}

void TestAttachmentFetch::problems()
{
    QFETCH(QString, key);
    QFETCH(QString, part);
    QFETCH(QString, setup);
    QFETCH(net::ErrorCode, code);
    QFETCH(QString, detail);
    const qint64 id = key.isEmpty() ? 987654321 : messageId(key);
    if (!setup.isEmpty()) {
        QSqlQuery query(m_db->connection());
        QVERIFY(query.prepare(setup));
        query.bindValue(u":id"_s, id);
        QVERIFY2(query.exec(), qPrintable(query.lastQuery()));
    }
    const Outcome outcome = fetch(*m_thread, id, part);
    QVERIFY(outcome.done);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error.code, code);
    QVERIFY2(outcome.error.detail.contains(detail), qPrintable(outcome.error.detail));
}

void TestAttachmentFetch::expungedOnServer()
{
    QVERIFY(m_imap->select(u"INBOX"_s));
    const QList<qint64> uids = m_imap->uidSearchMessageId(m_messageIds[u"gone"_s]);
    QCOMPARE(uids.size(), 1);
    const QByteArray uid = QByteArray::number(uids.first());
    QVERIFY(m_imap->command("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)").ok());
    QVERIFY(m_imap->command("UID EXPUNGE " + uid).ok());

    const Outcome outcome = fetch(*m_thread, messageId(u"gone"_s), u"2"_s);
    QVERIFY(outcome.done && !outcome.ok);
    QCOMPARE(outcome.error.code, net::ErrorCode::MessageNotOnServer);
    QVERIFY2(outcome.error.detail.contains(u"no longer in INBOX"_s),
             qPrintable(outcome.error.detail));
}

void TestAttachmentFetch::uidValidityChanged()
{
    // Sent deleted and created again with the same message: same UID maybe, new UIDVALIDITY
    // (RFC 3501 §2.3.1.1), so the stored UID names nothing certain any more.
    QVERIFY(m_imap->select(u"Sent"_s));
    const QList<qint64> uids = m_imap->uidSearch("ALL");
    QCOMPARE(uids.size(), 1);
    const QByteArray message = m_imap->fetchMessage(uids.first());
    QVERIFY(!message.isEmpty());
    QVERIFY(m_imap->select(u"INBOX"_s));
    QVERIFY(m_imap->command("DELETE Sent").ok());
    QVERIFY(m_imap->command("CREATE Sent").ok());
    QVERIFY(
        m_imap->command("APPEND Sent {" + QByteArray::number(message.size()) + "+}\r\n" + message)
            .ok());

    // A fresh cache: fetchesEachPart has this part cached already.
    sync::AttachmentThread thread(options(newCache()));
    const Outcome outcome = fetch(thread, messageId(u"sent"_s), u"2"_s);
    QVERIFY(outcome.done && !outcome.ok);
    QCOMPARE(outcome.error.code, net::ErrorCode::MessageNotOnServer);
    QVERIFY2(outcome.error.detail.contains(u"UIDVALIDITY"_s), qPrintable(outcome.error.detail));
}

void TestAttachmentFetch::idleConnectionClosed()
{
    sync::AttachmentOptions o = options(newCache());
    o.idleDisconnect = std::chrono::milliseconds(300);
    sync::AttachmentThread thread(o);
    QObject context;
    ConnectionLog log;
    log.attach(thread.fetcher(), &context);
    const Outcome first = fetch(thread, messageId(u"docs"_s), u"3"_s);
    QVERIFY(first.ok);
    QCOMPARE(log.opened, 1);
    QTRY_COMPARE_WITH_TIMEOUT(log.closed, 1, 10000);
    // The next request signs in again.
    const Outcome second = fetch(thread, messageId(u"docs"_s), u"4"_s);
    QVERIFY2(second.ok, qPrintable(net::ErrorCatalog::describe(second.error)));
    QCOMPARE(readFile(second.path), m_expected.value(u"docs/4"_s).bytes);
    QCOMPARE(log.opened, 2);
}

void TestAttachmentFetch::cutMidDownload()
{
    // The first connection breaks inside the PDF's literal (about 54 KB of base64).
    test::CutProxy proxy(m_fixture.stack().host(), m_fixture.stack().imapsPort());
    QVERIFY(proxy.listen());
    proxy.setCuts({30000});
    sync::AttachmentOptions o = options(newCache());
    o.account.imap.port = proxy.port();
    sync::AttachmentThread thread(o);

    const Outcome cut = fetch(thread, messageId(u"docs"_s), u"3"_s);
    QVERIFY(cut.done && !cut.ok);
    QCOMPARE(proxy.cutCount(), 1);
    QCOMPARE(cut.error.code, net::ErrorCode::ConnectionLost);
    QDirIterator partial(o.cacheDirectory, QDir::Files | QDir::Hidden | QDir::System,
                         QDirIterator::Subdirectories);
    QVERIFY2(!partial.hasNext(), "a cut download left a file behind");

    // Asked again, it connects again and the file is whole.
    const Outcome again = fetch(thread, messageId(u"docs"_s), u"3"_s);
    QVERIFY2(again.ok, qPrintable(net::ErrorCatalog::describe(again.error)));
    QCOMPARE(readFile(again.path), m_expected.value(u"docs/3"_s).bytes);
    QCOMPARE(proxy.connectionCount(), 2);
}

void TestAttachmentFetch::secretMissing_data()
{
    QTest::addColumn<bool>("keychainFails");
    QTest::newRow("the keychain answers later") << false;
    QTest::newRow("the keychain cannot answer") << true;
}

void TestAttachmentFetch::secretMissing()
{
    QFETCH(bool, keychainFails);
    sync::AttachmentOptions o = options(newCache());
    const imap::Credentials credentials = o.credentials;
    o.credentials.secret.clear();
    sync::AttachmentThread thread(o);
    QObject context;
    ConnectionLog log;
    log.attach(thread.fetcher(), &context);
    Outcome outcome;
    connect(thread.fetcher(), &sync::AttachmentFetcher::finished, &context,
            [&outcome](quint64, const QString& path) {
                outcome.done = outcome.ok = true;
                outcome.path = path;
            });
    connect(thread.fetcher(), &sync::AttachmentFetcher::failed, &context,
            [&outcome](quint64, const net::UserError& error) {
                outcome.done = true;
                outcome.error = error;
            });
    bool waiting = false;
    connect(thread.fetcher(), &sync::AttachmentFetcher::credentialsNeeded, &context,
            [&waiting] { waiting = true; });
    thread.request({1, messageId(u"docs"_s), u"3"_s, {}});
    // It connects meanwhile, and waits for the secret.
    QTRY_VERIFY_WITH_TIMEOUT(waiting, fetchTimeoutMs);
    QVERIFY(!outcome.done);
    if (keychainFails)
        thread.setCredentialsError({net::ErrorCode::KeychainUnavailable, u"no D-Bus"_s});
    else
        thread.setCredentials(credentials);
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done, fetchTimeoutMs);
    if (keychainFails) {
        QCOMPARE(outcome.error.code, net::ErrorCode::KeychainUnavailable);
        QCOMPARE(log.opened, 0);
    } else {
        QVERIFY2(outcome.ok, qPrintable(net::ErrorCatalog::describe(outcome.error)));
        QCOMPARE(readFile(outcome.path), m_expected.value(u"docs/3"_s).bytes);
    }
}

void TestAttachmentFetch::shutdownMidFetch()
{
    const QString cache = newCache();
    int answered = 0;
    {
        sync::AttachmentThread thread(options(cache));
        QObject context;
        connect(thread.fetcher(), &sync::AttachmentFetcher::finished, &context,
                [&answered](quint64, const QString&) { ++answered; });
        for (const QString& part : {u"3"_s, u"4"_s, u"2.1"_s, u"2.2"_s, u"5"_s})
            thread.request({++m_lastRequest, messageId(u"docs"_s), part, {}});
        // The first file is there; the others are being fetched or wait: shutdown drops them.
        QTRY_VERIFY_WITH_TIMEOUT(answered >= 1, fetchTimeoutMs);
        thread.shutdown();
        QVERIFY(!thread.isRunning());
    }
    // Whatever got written is complete; no temporary file stays behind.
    QDirIterator files(cache, QDir::Files | QDir::Hidden | QDir::System,
                       QDirIterator::Subdirectories);
    int complete = 0;
    while (files.hasNext()) {
        ++complete;
        const QString path = files.next();
        const QString part = QFileInfo(QFileInfo(path).path()).fileName();
        const Expected expected = m_expected.value(u"docs/"_s + part);
        QCOMPARE(QFileInfo(path).fileName(), expected.fileName);
        QCOMPARE(readFile(path), expected.bytes);
    }
    QVERIFY(complete >= answered);
}

void TestAttachmentFetch::threadViewOpensFetchedFile()
{
    // The window's wiring, without the keychain: the view asks, the fetcher answers.
    const QString cache = newCache();
    sync::AttachmentThread thread(options(cache));
    ui::ThreadView view(m_db->connection());
    QList<QUrl> opened;
    view.setFileOpener([&opened](const QUrl& url) {
        opened << url;
        return true;
    });
    connect(&view, &ui::ThreadView::attachmentRequested, &thread, &sync::AttachmentThread::request);
    connect(thread.fetcher(), &sync::AttachmentFetcher::finished, &view,
            &ui::ThreadView::attachmentFetched);
    connect(thread.fetcher(), &sync::AttachmentFetcher::failed, &view,
            &ui::ThreadView::attachmentFailed);
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const qint64 docs = messageId(u"docs"_s);
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT thread_id FROM messages WHERE id = %1"_s.arg(docs)));
    QVERIFY(query.next());
    view.showThread(0, query.value(0).toLongLong());
    view.selectMessage(docs);
    QTreeWidget* list = view.attachmentList();
    QTreeWidgetItem* report = nullptr;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(0) == u"report.pdf"_s)
            report = list->topLevelItem(i);
    }
    QVERIFY(report);
    // A real double-click: press and release, then the double-click event.
    const QPoint center = list->visualItemRect(report).center();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, center);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, center);
    QCOMPARE(report->text(3), u"Downloading…"_s);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, fetchTimeoutMs);
    QVERIFY(opened.first().isLocalFile());
    QVERIFY(opened.first().toLocalFile().startsWith(cache + u'/'));
    QCOMPARE(readFile(opened.first().toLocalFile()), m_expected.value(u"docs/3"_s).bytes);
    QCOMPARE(report->text(3), QString());
    QVERIFY(!view.attachmentNote()->isVisible());
}

void TestAttachmentFetch::windowOpensAttachment()
{
    // As the application runs it: the account in the profile, the password in the keychain,
    // the SyncController wiring the card view's ThreadView to its fetcher.
    const store::Profile profile(m_profile);
    QVERIFY(m_fixture.options(m_box, m_profile).account.save(profile.settingsPath()));
    account::SecretStore secrets;
    bool written = false;
    connect(&secrets, &account::SecretStore::secretWritten, this,
            [&written](const account::SecretStore::Result& result) { written = result.ok; });
    secrets.writeSecret(m_box.user.toLower(), m_box.password);
    QTRY_VERIFY_WITH_TIMEOUT(written, 10000);

    ui::MainWindow window(m_db->connection(), m_profile);
    ui::SyncController controller(&window, m_profile);
    controller.start();
    ui::ThreadView* view = window.cardView()->threadView();
    QList<QUrl> opened;
    view->setFileOpener([&opened](const QUrl& url) {
        opened << url;
        return true;
    });
    const qint64 single = messageId(u"single"_s);
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT thread_id FROM messages WHERE id = %1"_s.arg(single)));
    QVERIFY(query.next());
    view->showThread(0, query.value(0).toLongLong());
    view->selectMessage(single);
    QCOMPARE(view->attachmentList()->topLevelItemCount(), 1);
    view->attachmentList()->setCurrentItem(view->attachmentList()->topLevelItem(0));
    view->openAttachmentAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, fetchTimeoutMs);
    const QString path = opened.first().toLocalFile();
    QVERIFY2(path.startsWith(sync::AttachmentCache::directoryFor(m_profile) + u'/'),
             qPrintable(path));
    QCOMPARE(QFileInfo(path).fileName(), u"invoicefdp.exe"_s);
    QCOMPARE(readFile(path), m_expected.value(u"single/1"_s).bytes);
}

THREADLINE_MAILSTACK_TEST_MAIN(TestAttachmentFetch)
#include "tst_attachment_fetch.moc"
