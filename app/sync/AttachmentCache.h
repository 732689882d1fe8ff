#pragma once

#include "store/AttachmentSource.h"

#include <QByteArrayView>
#include <QString>
#include <optional>

namespace threadline::sync {

// Where fetched attachments are kept: <profile>/attachments/<message id>-<key digest>/<part>/
// <file name>. The digest of the message's storage key keeps a reused message id from finding
// another message's file. Files are written to a temporary file and renamed (QSaveFile), so a
// file under its final name is always complete; folders are 0700 and files 0600, since
// attachments are as private as the mail.
class AttachmentCache final
{
public:
    explicit AttachmentCache(QString directory);

    // <profile>/attachments.
    static QString directoryFor(const QString& profileDirectory);
    const QString& directory() const { return m_directory; }

    // Where this attachment's file goes; empty when the part is not a part number (which
    // would let the database steer a path out of the cache).
    QString pathFor(const store::AttachmentSource& source) const;
    // "1", "2.1", "10.3.2" (RFC 3501 §6.4.5 section part numbers).
    static bool isPartNumber(QStringView part);
    // A name safe as one path component: no separators, no control or invisible formatting
    // characters (a right-to-left override can disguise "exe.pdf"), no leading dots (no "..",
    // no hidden file), at most 255 bytes in UTF-8 with the extension kept; "attachment" when
    // nothing is left.
    static QString safeFileName(const QString& name);

    // The complete file is there (a regular file, not a link).
    static bool contains(const QString& path);
    // Writes `data` to `path` atomically with mode 0600, creating the folders (0700). The
    // system's words on failure.
    std::optional<QString> store(const QString& path, QByteArrayView data) const;
    // Copies a cached file to where the user chose to save it, atomically (a failed copy
    // leaves any file already there untouched).
    static std::optional<QString> copy(const QString& from, const QString& to);

private:
    std::optional<QString> makePrivateFolders(const QString& folder) const;

    QString m_directory;
};

} // namespace threadline::sync
