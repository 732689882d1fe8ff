// The attachment cache without a server: file names from mail made safe as one path
// component, part numbers checked before they become folders, one folder per stored message
// (a reused message id finds nothing of another message), private atomic writes and copies.

#include "sync/AttachmentCache.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using threadline::store::AttachmentSource;
using threadline::sync::AttachmentCache;

class TestAttachmentCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void safeFileName_data();
    void safeFileName();
    void longNameKeepsExtension();
    void isPartNumber_data();
    void isPartNumber();
    void pathFor();
    void storeIsPrivateAndComplete();
    void copyReplacesWhole();
};

void TestAttachmentCache::safeFileName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("safe");
    QTest::newRow("plain") << u"report.pdf"_s << u"report.pdf"_s;
    QTest::newRow("punctuation kept")
        << u"Q1 report: final (v2).pdf"_s << u"Q1 report: final (v2).pdf"_s;
    QTest::newRow("non-ASCII kept") << u"café 📎 notes.txt"_s << u"café 📎 notes.txt"_s;
    QTest::newRow("slashes") << u"a/b\\c.txt"_s << u"a_b_c.txt"_s;
    QTest::newRow("climbing out") << u"../../.ssh/authorized_keys"_s
                                  << u"_.._.ssh_authorized_keys"_s;
    QTest::newRow("dot-dot") << u".."_s << u"attachment"_s;
    QTest::newRow("dot") << u"."_s << u"attachment"_s;
    QTest::newRow("empty") << QString() << u"attachment"_s;
    QTest::newRow("spaces only") << u"   "_s << u"attachment"_s;
    QTest::newRow("hidden file") << u".bashrc"_s << u"bashrc"_s;
    QTest::newRow("trailing dots and spaces") << u"notes. . "_s << u"notes"_s;
    QTest::newRow("control characters") << u"line\nbreak\t\x1b[31m.txt"_s << u"linebreak[31m.txt"_s;
    QTest::newRow("NUL") << u"nul\0byte.txt"_s << u"nulbyte.txt"_s;
    QTest::newRow("right-to-left override") << u"invoice\u202Efdp.exe"_s << u"invoicefdp.exe"_s;
    QTest::newRow("zero-width space") << u"zero\u200Bwidth.pdf"_s << u"zerowidth.pdf"_s;
    QTest::newRow("line separator") << u"a\u2028b.txt"_s << u"ab.txt"_s;
}

void TestAttachmentCache::safeFileName()
{
    QFETCH(QString, name);
    QFETCH(QString, safe);
    QCOMPARE(AttachmentCache::safeFileName(name), safe);
}

void TestAttachmentCache::longNameKeepsExtension()
{
    const QString name = QString(300, u'é') + u".pdf"_s;
    const QString safe = AttachmentCache::safeFileName(name);
    QVERIFY(safe.toUtf8().size() <= 255);
    QVERIFY(safe.endsWith(u".pdf"_s));
    QVERIFY(safe.startsWith(u"éé"_s));
    // Four-byte characters are never cut in half.
    const QString emoji = AttachmentCache::safeFileName(u"📎"_s.repeated(100));
    QVERIFY(emoji.toUtf8().size() <= 255);
    QCOMPARE(emoji, u"📎"_s.repeated(63));
}

void TestAttachmentCache::isPartNumber_data()
{
    QTest::addColumn<QString>("part");
    QTest::addColumn<bool>("valid");
    QTest::newRow("1") << u"1"_s << true;
    QTest::newRow("2.1") << u"2.1"_s << true;
    QTest::newRow("10.3.2") << u"10.3.2"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("trailing dot") << u"1."_s << false;
    QTest::newRow("leading dot") << u".1"_s << false;
    QTest::newRow("double dot") << u"1..2"_s << false;
    QTest::newRow("slash") << u"1/2"_s << false;
    QTest::newRow("climbing") << u"../1"_s << false;
    QTest::newRow("section text") << u"2.MIME"_s << false;
    QTest::newRow("other digits") << u"١"_s << false;
}

void TestAttachmentCache::isPartNumber()
{
    QFETCH(QString, part);
    QFETCH(bool, valid);
    QCOMPARE(AttachmentCache::isPartNumber(part), valid);
}

void TestAttachmentCache::pathFor()
{
    const AttachmentCache cache(u"/profile/attachments"_s);
    AttachmentSource source;
    source.messageId = 12;
    source.messageKey = u"abc@customer.test"_s;
    source.part = u"2.1"_s;
    source.fileName = u"../x.pdf"_s;
    const QString path = cache.pathFor(source);
    QVERIFY2(path.startsWith(u"/profile/attachments/12-"_s), qPrintable(path));
    QVERIFY2(path.endsWith(u"/2.1/_x.pdf"_s), qPrintable(path));
    QCOMPARE(path.count(u'/'), 5);

    AttachmentSource reused = source; // the id came back for another message
    reused.messageKey = u"other@customer.test"_s;
    QVERIFY(cache.pathFor(reused) != path);
    QCOMPARE(QFileInfo(cache.pathFor(reused)).fileName(), u"_x.pdf"_s);

    AttachmentSource hostile = source;
    hostile.part = u"../../2"_s;
    QCOMPARE(cache.pathFor(hostile), QString());
    AttachmentSource noMessage = source;
    noMessage.messageId = 0;
    QCOMPARE(cache.pathFor(noMessage), QString());
}

void TestAttachmentCache::storeIsPrivateAndComplete()
{
    QTemporaryDir profile;
    const AttachmentCache cache(AttachmentCache::directoryFor(profile.path()));
    AttachmentSource source;
    source.messageId = 7;
    source.messageKey = u"k"_s;
    source.part = u"3"_s;
    source.fileName = u"data.bin"_s;
    const QString path = cache.pathFor(source);
    QVERIFY(!AttachmentCache::contains(path));
    QByteArray data(100000, Qt::Uninitialized);
    for (int i = 0; i < data.size(); ++i)
        data[i] = char(i * 31);
    QCOMPARE(cache.store(path, data), std::nullopt);
    QVERIFY(AttachmentCache::contains(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), data);

    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                      QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    QCOMPARE(QFile::permissions(path) & (others | QFile::ExeOwner), QFile::Permissions());
    for (QString folder = QFileInfo(path).path(); folder.startsWith(cache.directory());
         folder = QFileInfo(folder).path()) {
        QCOMPARE(QFile::permissions(folder) & others, QFile::Permissions());
    }
    // Only the file: no temporary left beside it.
    QDirIterator all(cache.directory(), QDir::Files | QDir::Hidden | QDir::System,
                     QDirIterator::Subdirectories);
    QStringList found;
    while (all.hasNext())
        found << all.next();
    QCOMPARE(found, QStringList{path});

    // A link where the file should be is not taken for it.
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::link(profile.filePath(u"elsewhere"_s), path));
    QVERIFY(!AttachmentCache::contains(path));
}

void TestAttachmentCache::copyReplacesWhole()
{
    QTemporaryDir dir;
    const QString from = dir.filePath(u"from.bin"_s);
    const QString to = dir.filePath(u"to.bin"_s);
    const QByteArray data = QByteArray(3 * 1024 * 1024 + 17, 'x');
    {
        QFile a(from);
        QVERIFY(a.open(QIODevice::WriteOnly));
        a.write(data);
        QFile b(to);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write(QByteArray(5 * 1024 * 1024, 'o')); // longer: must not leave a tail
    }
    QCOMPARE(AttachmentCache::copy(from, to), std::nullopt);
    QFile copied(to);
    QVERIFY(copied.open(QIODevice::ReadOnly));
    QCOMPARE(copied.readAll(), data);
    // A source that is gone: an error, and the target stays as it was.
    QVERIFY(AttachmentCache::copy(dir.filePath(u"missing"_s), to).has_value());
    copied.seek(0);
    QCOMPARE(copied.size(), data.size());
}

QTEST_GUILESS_MAIN(TestAttachmentCache)
#include "tst_attachment_cache.moc"
