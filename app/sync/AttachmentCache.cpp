#include "AttachmentCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace threadline::sync {

namespace {

constexpr QFile::Permissions privateFolder = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
constexpr QFile::Permissions privateFile = QFile::ReadOwner | QFile::WriteOwner;
constexpr qsizetype maxNameBytes = 255; // NAME_MAX of ext4, btrfs, xfs
constexpr qsizetype maxExtension = 16;  // longer "extensions" are part of the name

bool keep(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Other_Control:   // NUL, newlines, escapes
    case QChar::Other_Format:    // bidi overrides, zero-width characters
    case QChar::Other_Surrogate: // halves of a pair that was broken
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

// Cuts `text` to at most `bytes` UTF-8 bytes without splitting a character.
QString cutToBytes(const QString& text, qsizetype bytes)
{
    QString out;
    qsizetype used = 0;
    for (char32_t c : text.toUcs4()) {
        const qsizetype size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (used + size > bytes)
            break;
        used += size;
        out += QString::fromUcs4(&c, 1);
    }
    return out;
}

} // namespace

AttachmentCache::AttachmentCache(QString directory)
    : m_directory(std::move(directory))
{}

QString AttachmentCache::directoryFor(const QString& profileDirectory)
{
    return QDir(profileDirectory).filePath(u"attachments"_s);
}

bool AttachmentCache::isPartNumber(QStringView part)
{
    if (part.isEmpty() || part.size() > 200)
        return false;
    bool digitSeen = false;
    for (QChar c : part) {
        if (c >= u'0' && c <= u'9') {
            digitSeen = true;
        } else if (c == u'.' && digitSeen) {
            digitSeen = false;
        } else {
            return false;
        }
    }
    return digitSeen;
}

QString AttachmentCache::safeFileName(const QString& name)
{
    QString cleaned;
    cleaned.reserve(name.size());
    for (char32_t c : name.toUcs4()) {
        if (c == u'/' || c == u'\\')
            cleaned += u'_';
        else if (keep(c))
            cleaned += QString::fromUcs4(&c, 1);
    }
    // Dots and spaces at either end: "..", ".hidden", "name. " (and no space-only names).
    qsizetype start = 0;
    qsizetype end = cleaned.size();
    while (start < end && (cleaned[start] == u'.' || cleaned[start].isSpace()))
        ++start;
    while (end > start && (cleaned[end - 1] == u'.' || cleaned[end - 1].isSpace()))
        --end;
    cleaned = cleaned.mid(start, end - start);
    if (cleaned.isEmpty())
        return u"attachment"_s;

    if (cleaned.toUtf8().size() <= maxNameBytes)
        return cleaned;
    QString extension;
    const qsizetype dot = cleaned.lastIndexOf(u'.');
    if (dot > 0 && cleaned.size() - dot <= maxExtension)
        extension = cleaned.mid(dot);
    const QString stem = dot > 0 && !extension.isEmpty() ? cleaned.left(dot) : cleaned;
    return cutToBytes(stem, maxNameBytes - extension.toUtf8().size()).trimmed() + extension;
}

QString AttachmentCache::pathFor(const store::AttachmentSource& source) const
{
    if (!isPartNumber(source.part) || source.messageId <= 0)
        return {};
    const QByteArray digest =
        QCryptographicHash::hash(source.messageKey.toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(12);
    const QString message = QString::number(source.messageId) + u'-' + QString::fromLatin1(digest);
    return QDir(m_directory)
        .filePath(message + u'/' + source.part + u'/' + safeFileName(source.fileName));
}

bool AttachmentCache::contains(const QString& path)
{
    const QFileInfo info(path);
    return !path.isEmpty() && info.isFile() && !info.isSymLink();
}

std::optional<QString> AttachmentCache::makePrivateFolders(const QString& folder) const
{
    // The cache folder's parent (the profile) exists already; every level below it is ours.
    const QString root = QDir::cleanPath(m_directory);
    const QString target = QDir::cleanPath(folder);
    if (target != root && !target.startsWith(root + u'/'))
        return u"%1 is outside the attachment cache"_s.arg(target);
    if (!QDir().mkpath(QFileInfo(root).path()))
        return u"cannot create %1"_s.arg(QFileInfo(root).path());
    QString level = root;
    const QStringList below = target.mid(root.size()).split(u'/', Qt::SkipEmptyParts);
    for (qsizetype i = -1; i < below.size(); ++i) {
        if (i >= 0)
            level += u'/' + below[i];
        if (QFileInfo(level).isDir())
            continue;
        if (!QDir().mkdir(level, privateFolder) && !QFileInfo(level).isDir())
            return u"cannot create %1"_s.arg(level);
    }
    return std::nullopt;
}

std::optional<QString> AttachmentCache::store(const QString& path, QByteArrayView data) const
{
    if (auto error = makePrivateFolders(QFileInfo(path).path()))
        return error;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    // The temporary file is private before the first byte goes in; the rename keeps its mode.
    file.setPermissions(privateFile);
    if (file.write(data.data(), data.size()) != data.size() || !file.commit())
        return file.errorString();
    return std::nullopt;
}

std::optional<QString> AttachmentCache::copy(const QString& from, const QString& to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return in.errorString();
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly))
        return out.errorString();
    QByteArray buffer(1024 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 read = in.read(buffer.data(), buffer.size());
        if (read < 0) {
            out.cancelWriting();
            return in.errorString();
        }
        if (read == 0)
            break;
        if (out.write(buffer.constData(), read) != read)
            return out.errorString();
    }
    if (!out.commit())
        return out.errorString();
    return std::nullopt;
}

} // namespace threadline::sync
