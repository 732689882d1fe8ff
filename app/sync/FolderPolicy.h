#pragma once

#include "imap/ListResponse.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace threadline::sync {

// Which folders sync (DESIGN.md sync rule 2): INBOX and the Sent folder, nothing else. The
// Sent folder is the one marked \Sent (SPECIAL-USE, RFC 6154 §2), else the first folder whose
// name is a known name of it in one of several languages, as a top-level folder or directly
// under INBOX (Courier/Cyrus "INBOX.Sent"). Subfolders and every other folder never sync.
class FolderPolicy final
{
public:
    struct Folders
    {
        QString inbox = QStringLiteral("INBOX");
        std::optional<QString> sent; // decoded name as LIST returned it; none if not found
        // How the Sent folder was found: "special-use" or "name"; empty when not found.
        QString sentFoundBy;
    };

    FolderPolicy() = delete;

    // Chooses from the answer to LIST "" "*" (with RETURN (SPECIAL-USE) when offered).
    static Folders choose(const QList<imap::ListResponse>& mailboxes);
    // The names a Sent folder goes by when the server does not mark it (compared without
    // case): Sent, Sent Items, Sent Messages, Envoyés, Éléments envoyés, Gesendet, ...
    static const QStringList& knownSentNames();
    // True when `name` (a full mailbox name, with `delimiter`) is a Sent folder by name.
    static bool isSentName(const QString& name, QChar delimiter);
    // True for the only folders a sync may open.
    static bool isSynced(const Folders& folders, const QString& mailbox);
};

} // namespace threadline::sync
